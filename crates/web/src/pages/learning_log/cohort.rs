//! The facilitator's view of a programme: the cohort's progress (counts only), invitations, the
//! programme's settings and questions.

use super::home::questions_of;
use super::{field, is_form_problem, problems, refusal_status};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::learning_log::{CohortPage, ProgrammeInput};
use coachkit_app::{Actor, AppError};

fn notice_for(flash: &str) -> &'static str {
    match flash {
        "settings" => "The programme's settings are saved.",
        "questions" => "The questions are saved. Participants will answer these.",
        "invited" => "Invitations are in the outbox: each person gets their own link.",
        "facilitator" => "They now facilitate this programme with you, and have a mail saying so.",
        "booked" => "The coach-the-coach session is booked; the participant has a mail with its calendar file.",
        _ => "",
    }
}

#[derive(Template)]
#[template(path = "learning_log/cohort.html")]
struct Page {
    nav: Nav,
    c: CohortPage,
    problems: Vec<String>,
    notice: &'static str,
    link: String,
    starts_on: String,
}

pub(super) async fn render(
    _state: &AppState,
    actor: &Actor,
    c: CohortPage,
    problems: Vec<String>,
    flash: &str,
    link: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let starts_on = coachkit_app::journal::time::to_date(c.programme.starts_at);
    let page = Page {
        nav: Nav::for_actor(actor, "learning-log"),
        c,
        problems,
        notice: notice_for(flash),
        link: link.unwrap_or_default(),
        starts_on,
    };
    Ok(view::render_status(status, &page))
}

async fn after(
    state: &AppState,
    actor: &Actor,
    id: &str,
    result: Result<(), AppError>,
    flash: &str,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/learning-log/{id}?done={flash}")).into_response()),
        Err(e) if is_form_problem(&e) => {
            let c = state.app.ll_cohort(actor, id).await?;
            render(state, actor, c, problems(&e), "", None, refusal_status(&e)).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn settings(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = ProgrammeInput {
        name: field(&pairs, "name").into(),
        training: field(&pairs, "training").into(),
        starts_on: field(&pairs, "starts_on").into(),
        weeks: field(&pairs, "weeks").into(),
        session_cap: field(&pairs, "session_cap").into(),
        ..Default::default()
    };
    let r = state.app.update_ll_programme(&actor, &id, &input).await;
    after(&state, &actor, &id, r, "settings").await
}

pub async fn questions(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.edit_ll_questions(&actor, &id, &questions_of(&pairs)).await;
    after(&state, &actor, &id, r, "questions").await
}

pub async fn invite(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.invite_to_ll_programme(&actor, &id, field(&pairs, "emails"), field(&pairs, "note")).await;
    after(&state, &actor, &id, r.map(|_| ()), "invited").await
}

/// A fresh link to hand out by hand, shown once on the page (it is not stored anywhere readable).
pub async fn link(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let url = state.app.ll_invitation_link(&actor, &id).await?;
    let c = state.app.ll_cohort(&actor, &id).await?;
    render(&state, &actor, c, vec![], "", Some(url), StatusCode::OK).await
}

pub async fn facilitator(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.add_ll_facilitator(&actor, &id, field(&pairs, "email")).await;
    after(&state, &actor, &id, r.map(|_| ()), "facilitator").await
}
