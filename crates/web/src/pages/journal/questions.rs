//! Open questions, the question bank, and a coach's toolkit.

use super::{excerpt, record_id};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::AppError;
use coachkit_app::journal::{KillerView, QuestionView};
use coachkit_domain::journal::AudienceChoice;
use coachkit_domain::privacy::RecordKind;
use coachkit_domain::relationship::Side;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "journal/questions.html")]
struct Page {
    nav: Nav,
    tab: &'static str,
    query: String,
    questions: Vec<QuestionView>,
    recent: Vec<(String, String)>,
    choices: Vec<AudienceChoice>,
    bank: Vec<KillerView>,
    is_coach: bool,
    asked: Vec<KillerView>,
    toolkit: Vec<String>,
}

pub async fn page(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    let mentors = state.app.my_mentors(&actor).await?;
    let partners: Vec<_> = mentors.iter().map(|m| (m.id.clone(), m.partner_name())).collect();
    let is_coach = state.app.relationships(&actor).await?.iter().any(|r| r.my_side == Some(Side::Coach));
    let recent = state
        .app
        .journal(&actor, None, 20)
        .await?
        .into_iter()
        .map(|r| (r.id, r.title.unwrap_or_else(|| excerpt(&r.body, 60))))
        .collect();
    Ok(view::render(&Page {
        nav: Nav::for_actor(&actor, "journal"),
        tab: "questions",
        query: String::new(),
        questions: state.app.open_questions(&actor).await?,
        recent,
        choices: AudienceChoice::for_kind(RecordKind::OpenQuestion, &partners),
        bank: state.app.question_bank(&actor).await?,
        is_coach,
        asked: if is_coach { state.app.questions_i_asked(&actor).await? } else { vec![] },
        toolkit: if is_coach { state.app.toolkit(&actor).await?.into_iter().map(|t| t.text).collect() } else { vec![] },
    }))
}

#[derive(Deserialize)]
pub struct AskForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    audience: String,
}

fn explain(e: AppError) -> PageError {
    match e {
        AppError::Invalid(f) => PageError::BadRequest(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "Not saved: {}. Go back and try again.",
                f.iter().map(|f| f.to_string()).collect::<Vec<_>>().join("; ")
            ),
        ),
        other => other.into(),
    }
}

pub async fn ask(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<AskForm>,
) -> Result<Response, PageError> {
    state.app.ask_open_question(&actor, &form.text, &form.audience).await.map_err(explain)?;
    Ok(Redirect::to("/journal/questions").into_response())
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
    let id = record_id(&id, "question")?;
    state.app.set_question_status(&actor, &id, &form.status).await.map_err(explain)?;
    Ok(Redirect::to("/journal/questions").into_response())
}

#[derive(Deserialize)]
pub struct ProgressForm {
    #[serde(default)]
    reflection_id: String,
}

pub async fn progress(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ProgressForm>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "question")?;
    let reflection = record_id(&form.reflection_id, "reflection")?;
    state.app.link_progress(&actor, &id, &reflection).await?;
    Ok(Redirect::to("/journal/questions").into_response())
}

pub async fn reuse(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "question")?;
    state.app.reuse_question(&actor, &id).await?;
    Ok(Redirect::to("/journal/questions").into_response())
}

#[derive(Deserialize)]
pub struct ToolkitForm {
    #[serde(default)]
    text: String,
}

pub async fn add_to_toolkit(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<ToolkitForm>,
) -> Result<Response, PageError> {
    state.app.add_toolkit_question(&actor, &form.text).await.map_err(explain)?;
    Ok(Redirect::to("/journal/questions").into_response())
}
