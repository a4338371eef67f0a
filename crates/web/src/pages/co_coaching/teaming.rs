//! The facilitator's teaming page: suggestions with their reasons, confirmed teams, cards left
//! out, and building a team by hand.

use super::{Refusal, all, field, is_form_problem, refusal_status};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::co_coaching::TeamingPage;
use coachkit_app::{Actor, AppError};
use coachkit_domain::co_coaching::Stage;

#[derive(Template)]
#[template(path = "co_coaching/teaming.html")]
struct Page {
    nav: Nav,
    p: TeamingPage,
    open: bool,
    refusal: Refusal,
}

async fn build(state: &AppState, actor: &Actor, id: &str, refusal: Refusal) -> Result<Page, PageError> {
    let p = state.app.teaming_page(actor, id).await?;
    Ok(Page { nav: Nav::for_actor(actor, "co-coaching"), open: p.stage == Stage::CardsOpen, p, refusal })
}

pub async fn page(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    Ok(view::render(&build(&state, &actor, &id, Refusal::default()).await?))
}

async fn after(
    state: &AppState,
    actor: &Actor,
    id: &str,
    form: &'static str,
    outcome: Result<(), AppError>,
) -> Result<Response, PageError> {
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/co-coaching/{id}/teaming")).into_response()),
        Err(e) if is_form_problem(&e) => {
            let page = build(state, actor, id, Refusal::of(form, &e)).await?;
            Ok(view::render_status(refusal_status(&e), &page))
        }
        Err(e) => Err(e.into()),
    }
}

/// The cards of a form: a suggestion's `key` ("id,id") or the hand-built checkboxes.
fn cards_of(pairs: &[(String, String)]) -> Vec<String> {
    let key = field(pairs, "key");
    if key.is_empty() { all(pairs, "card") } else { key.split(',').map(str::to_owned).collect() }
}

pub async fn confirm(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let form = if field(&pairs, "key").is_empty() { "by_hand" } else { "suggested" };
    let outcome = state.app.confirm_team(&actor, &id, &cards_of(&pairs), field(&pairs, "reason")).await.map(|_| ());
    after(&state, &actor, &id, form, outcome).await
}

pub async fn reject(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let outcome = state.app.reject_team(&actor, &id, &cards_of(&pairs)).await;
    after(&state, &actor, &id, "suggested", outcome).await
}

pub async fn apart(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, team)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let outcome = state.app.take_team_apart(&actor, &id, &team).await;
    after(&state, &actor, &id, "confirmed", outcome).await
}

pub async fn merge(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, team)): Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let outcome = state.app.merge_teams(&actor, &id, field(&pairs, "into"), &team).await;
    after(&state, &actor, &id, "confirmed", outcome).await
}

pub async fn split(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, team)): Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let outcome = state.app.split_card_out(&actor, &id, &team, field(&pairs, "card")).await;
    after(&state, &actor, &id, "confirmed", outcome).await
}
