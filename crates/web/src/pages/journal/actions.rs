//! The actions list and form.

use super::record_id;
use crate::auth::{CsrfForm, PageActor};
use crate::error::{FieldErrors, PageError};
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::journal::ActionInput;
use coachkit_app::{Actor, AppError};
use coachkit_domain::journal::AudienceChoice;
use coachkit_domain::privacy::RecordKind;
use serde::Deserialize;

pub struct Line {
    pub id: String,
    pub text: String,
    pub who: String,
    pub due: Option<String>,
    pub overdue: bool,
    pub status: &'static str,
    pub audience: String,
}

#[derive(Template)]
#[template(path = "journal/actions.html")]
struct Page {
    nav: Nav,
    tab: &'static str,
    query: String,
    actions: Vec<Line>,
    relationships: Vec<(String, String)>,
    choices: Vec<AudienceChoice>,
    reflection_id: String,
    text: String,
    due: String,
    errors: FieldErrors,
}

async fn page_view(
    state: &AppState,
    actor: &Actor,
    input: &ActionInput,
    errors: FieldErrors,
) -> Result<Page, PageError> {
    let mentors = state.app.my_mentors(actor).await?;
    let partners: Vec<_> = mentors.iter().map(|m| (m.id.clone(), m.partner_name())).collect();
    let actions = state
        .app
        .all_actions(actor)
        .await?
        .into_iter()
        .map(|a| Line {
            who: a.assignee.unwrap_or_else(|| "me".into()),
            due: a.due_at.map(view::calendar_date),
            overdue: a.overdue,
            status: a.status.as_str(),
            audience: a.audience,
            id: a.id,
            text: a.text,
        })
        .collect();
    Ok(Page {
        nav: Nav::for_actor(actor, "journal"),
        tab: "actions",
        query: String::new(),
        actions,
        relationships: partners.iter().map(|(id, n)| (id.to_string(), n.clone())).collect(),
        choices: AudienceChoice::for_kind(RecordKind::Action, &partners),
        reflection_id: input.reflection_id.clone().unwrap_or_default(),
        text: input.text.clone(),
        due: input.due.clone(),
        errors,
    })
}

#[derive(Deserialize)]
pub struct FromQuery {
    reflection: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Query(q): Query<FromQuery>,
) -> Result<Response, PageError> {
    let reflection_id = match q.reflection.filter(|r| !r.is_empty()) {
        Some(r) => Some(record_id(&r, "reflection")?),
        None => None,
    };
    let input = ActionInput { reflection_id, ..Default::default() };
    Ok(view::render(&page_view(&state, &actor, &input, FieldErrors::default()).await?))
}

pub async fn create(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(input): CsrfForm<ActionInput>,
) -> Result<Response, PageError> {
    match state.app.create_action(&actor, &input).await {
        Ok(_) => Ok(Redirect::to("/journal/actions").into_response()),
        Err(e @ AppError::Invalid(_)) => {
            let page = page_view(&state, &actor, &input, FieldErrors::from_app(&e).unwrap_or_default()).await?;
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
}

pub async fn status(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "action")?;
    state.app.set_action_status(&actor, &id, &form.status).await?;
    Ok(Redirect::to("/journal/actions").into_response())
}
