//! A programme's page: the cohort view for its facilitators, the log for a participant; and the
//! participant's changes to their log. A refused change shows the page again with the reasons
//! above it and nothing saved.

use super::{cohort, field, is_form_problem, problems, refusal_status};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::learning_log::{AnswerInput, LogPage, SessionInput};
use coachkit_app::{Actor, AppError};
use coachkit_domain::learning_log::Skill;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    pub done: String,
}

fn notice_for(flash: &str) -> &'static str {
    match flash {
        "planned" => "The session is in your log. Record it as held after you have had it.",
        "updated" => "The session's plan is saved.",
        "held" => "Recorded as held, with your GROW notes.",
        "deleted" => "The session is gone from your log.",
        "cases" => "Your two cases are saved. The questions below are about them.",
        "answers" => "Your answers are saved. Come back to them whenever you like.",
        "actions" => "Added to your journal's actions.",
        "shared" => "Your pack is shared with the programme's facilitators.",
        "unshared" => "Your pack is private again: the facilitators no longer see it.",
        "joined" => "You have joined. Plan your first session below.",
        _ => "",
    }
}

#[derive(Template)]
#[template(path = "learning_log/log.html")]
struct Page {
    nav: Nav,
    p: LogPage,
    problems: Vec<String>,
    notice: &'static str,
    skills: Vec<(&'static str, &'static str)>,
    held: Vec<(String, String)>,
    /// The values of a refused session form, shown again.
    draft: SessionInput,
    window: String,
}

async fn render(
    state: &AppState,
    actor: &Actor,
    id: &str,
    problems: Vec<String>,
    notice: &'static str,
    draft: SessionInput,
    status: StatusCode,
) -> Result<Response, PageError> {
    let p = state.app.ll_log(actor, id).await?;
    let held = p
        .sessions
        .iter()
        .filter(|s| s.held)
        .map(|s| (s.id.clone(), format!("{}, {}: {}", view::calendar_date(s.held_on), s.coachee_name, s.topic)))
        .collect();
    let window =
        format!("{} to {}", view::calendar_date(p.programme.starts_at), view::calendar_date(p.programme.last_day_at));
    let page = Page {
        nav: Nav::for_actor(actor, "learning-log"),
        skills: Skill::ALL.iter().map(|s| (s.as_str(), s.label())).collect(),
        held,
        window,
        p,
        problems,
        notice,
        draft,
    };
    Ok(view::render_status(status, &page))
}

/// The programme: its cohort for a facilitator, the log for a participant.
pub async fn page(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    Query(flash): Query<Flash>,
) -> Result<Response, PageError> {
    match state.app.ll_cohort(&actor, &id).await {
        Ok(c) => cohort::render(&state, &actor, c, vec![], &flash.done, None, StatusCode::OK).await,
        Err(AppError::Forbidden(_)) => {
            render(&state, &actor, &id, vec![], notice_for(&flash.done), SessionInput::default(), StatusCode::OK).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The actor's own log, also for a facilitator who joined their own programme.
pub async fn own(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    Query(flash): Query<Flash>,
) -> Result<Response, PageError> {
    render(&state, &actor, &id, vec![], notice_for(&flash.done), SessionInput::default(), StatusCode::OK).await
}

async fn after(
    state: &AppState,
    actor: &Actor,
    id: &str,
    result: Result<(), AppError>,
    flash: &str,
    anchor: &str,
    draft: SessionInput,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/learning-log/{id}/log?done={flash}#{anchor}")).into_response()),
        Err(e) if is_form_problem(&e) => render(state, actor, id, problems(&e), "", draft, refusal_status(&e)).await,
        Err(e) => Err(e.into()),
    }
}

fn session_input(pairs: &[(String, String)]) -> SessionInput {
    SessionInput {
        held_on: field(pairs, "held_on").into(),
        relationship_id: field(pairs, "relationship_id").into(),
        coachee_name: field(pairs, "coachee_name").into(),
        topic: field(pairs, "topic").into(),
        goal: field(pairs, "goal").into(),
        reality: field(pairs, "reality").into(),
        options: field(pairs, "options").into(),
        way_forward: field(pairs, "way_forward").into(),
    }
}

pub async fn plan(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = session_input(&pairs);
    let r = state.app.plan_ll_session(&actor, &id, &input).await.map(|_| ());
    after(&state, &actor, &id, r, "planned", "sessions", input).await
}

pub async fn update(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, session)): Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.update_ll_session(&actor, &id, &session, &session_input(&pairs)).await;
    after(&state, &actor, &id, r, "updated", "sessions", SessionInput::default()).await
}

pub async fn record(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, session)): Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.record_ll_session(&actor, &id, &session, &session_input(&pairs)).await;
    after(&state, &actor, &id, r, "held", "sessions", SessionInput::default()).await
}

pub async fn delete(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, session)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.delete_ll_session(&actor, &id, &session).await;
    after(&state, &actor, &id, r, "deleted", "sessions", SessionInput::default()).await
}

pub async fn cases(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.choose_ll_cases(&actor, &id, field(&pairs, "best"), field(&pairs, "hardest")).await;
    after(&state, &actor, &id, r, "cases", "cases", SessionInput::default()).await
}

/// Answers come as `a_best_3` / `s_best_3` (answer and skill of question 3 about the best case).
pub async fn answers(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let mut inputs = vec![];
    for (k, v) in &pairs {
        let Some(rest) = k.strip_prefix("a_") else { continue };
        let Some((case, position)) = rest.split_once('_') else { continue };
        let Ok(position) = position.parse::<i64>() else { continue };
        inputs.push(AnswerInput {
            case: case.into(),
            position,
            answer: v.clone(),
            skill: field(&pairs, &format!("s_{case}_{position}")).into(),
        });
    }
    let r = state.app.save_ll_answers(&actor, &id, &inputs).await;
    after(&state, &actor, &id, r, "answers", "answers", SessionInput::default()).await
}

pub async fn actions(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let position = field(&pairs, "position").parse::<i64>().unwrap_or(-1);
    let r = state.app.ll_answer_to_actions(&actor, &id, field(&pairs, "case"), position).await.map(|_| ());
    after(&state, &actor, &id, r, "actions", "answers", SessionInput::default()).await
}

pub async fn share(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let shared = field(&pairs, "shared") == "yes";
    let r = state.app.share_ll_log(&actor, &id, shared).await;
    after(&state, &actor, &id, r, if shared { "shared" } else { "unshared" }, "pack", SessionInput::default()).await
}

pub async fn copy(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    match state.app.copy_ll_programme(&actor, &id, field(&pairs, "name"), field(&pairs, "starts_on")).await {
        Ok(new_id) => Ok(Redirect::to(&format!("/learning-log/{new_id}")).into_response()),
        Err(e) if is_form_problem(&e) => {
            render(&state, &actor, &id, problems(&e), "", SessionInput::default(), refusal_status(&e)).await
        }
        Err(e) => Err(e.into()),
    }
}
