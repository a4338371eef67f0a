//! The reframing section of an assessment: per area, "if your whole job were only this area, what
//! would you do?", the tasks named in answer, and turning one into an action of the journal.

use super::show::page_view;
use super::{field, record_id};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::AppError;
use coachkit_app::wheel::AssessmentPage;

pub struct ItemLine {
    pub id: String,
    pub text: String,
    /// The action's status when the task became one.
    pub action: Option<String>,
}

pub struct ReframeArea {
    pub index: usize,
    pub name: String,
    pub question: String,
    /// Shown unfolded: it has tasks, or it is a place to look.
    pub open: bool,
    pub place_to_look: bool,
    pub items: Vec<ItemLine>,
    /// What was typed into this area's field and why it was refused, shown next to the field.
    pub refused: Option<(String, String)>,
}

pub fn reframe_areas(page: &AssessmentPage) -> Vec<ReframeArea> {
    page.reframing
        .iter()
        .map(|a| {
            let place_to_look = page.place_to_look.contains(&a.name);
            ReframeArea {
                index: a.index,
                question: format!("If your whole job were only {}, what would you do?", a.name),
                name: a.name.clone(),
                open: place_to_look || !a.items.is_empty(),
                place_to_look,
                items: a
                    .items
                    .iter()
                    .map(|i| ItemLine {
                        id: i.id.clone(),
                        text: i.text.clone(),
                        action: i.action_id.as_ref().map(|_| i.action_status.clone().unwrap_or_else(|| "open".into())),
                    })
                    .collect(),
                refused: None,
            }
        })
        .collect()
}

pub async fn add(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "assessment")?;
    let area: usize = field(&pairs, "area").trim().parse().map_err(|_| PageError::App(AppError::NotFound("area")))?;
    let text = field(&pairs, "text");
    match state.app.add_reframing_item(&actor, &id, area, text).await {
        Ok(_) => Ok(Redirect::to(&format!("/wheel/assessments/{id}#reframe-{area}")).into_response()),
        // A refused task: the page again, with the text kept and the reason beside its field.
        Err(AppError::Invalid(errors)) => {
            let mut page = page_view(&state, &actor, &id).await?;
            let reason = errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("; ");
            if let Some(a) = page.reframing.iter_mut().find(|a| a.index == area) {
                a.open = true;
                a.refused = Some((text.to_owned(), format!("The task {reason}.")));
            }
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn to_action(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "task")?;
    let assessment = state.app.reframing_item_to_action(&actor, &id, field(&pairs, "due")).await?;
    Ok(Redirect::to(&format!("/wheel/assessments/{assessment}#reframing-heading")).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "task")?;
    let assessment = state.app.delete_reframing_item(&actor, &id).await?;
    Ok(Redirect::to(&format!("/wheel/assessments/{assessment}#reframing-heading")).into_response())
}
