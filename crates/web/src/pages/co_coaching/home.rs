//! The practice's home (my engagements) and the new-engagement form.

use super::{Refusal, field, is_form_problem, refusal_status, stage_label};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::Actor;
use coachkit_app::co_coaching::{EngagementInput, SessionDates};

pub struct Line {
    pub href: String,
    pub common_area: String,
    pub orgs: String,
    pub stage: &'static str,
    pub role: &'static str,
    pub dates: String,
}

#[derive(Template)]
#[template(path = "co_coaching/index.html")]
struct Index {
    nav: Nav,
    lines: Vec<Line>,
}

pub async fn index(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    let zone = actor.user.zone();
    let lines = state
        .app
        .my_engagements(&actor)
        .await?
        .into_iter()
        .map(|e| Line {
            href: format!("/co-coaching/{}", e.id),
            common_area: e.common_area,
            orgs: e.orgs,
            stage: stage_label(e.stage),
            role: if e.facilitating { "you facilitate" } else { "you take part" },
            dates: format!("{} and {}", view::day(e.session_one_at, &zone), view::day(e.session_two_at, &zone)),
        })
        .collect();
    Ok(view::render(&Index { nav: Nav::for_actor(&actor, "co-coaching"), lines }))
}

#[derive(Template)]
#[template(path = "co_coaching/new.html")]
struct NewForm {
    nav: Nav,
    orgs: Vec<(String, String)>,
    input: EngagementInput,
    refusal: Refusal,
}

async fn form(state: &AppState, actor: &Actor, input: EngagementInput, refusal: Refusal) -> Result<NewForm, PageError> {
    let orgs = state.app.my_orgs(actor).await?.into_iter().map(|o| (o.id, o.name)).collect();
    Ok(NewForm { nav: Nav::for_actor(actor, "co-coaching"), orgs, input, refusal })
}

pub async fn new_form(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    let input = EngagementInput {
        ground_rules: "We come willing and with an open mind.\nWhat is said in the room stays in the room.\nEach of us speaks for ourselves.".into(),
        ..Default::default()
    };
    Ok(view::render(&form(&state, &actor, input, Refusal::default()).await?))
}

pub async fn create(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let f = |k| field(&pairs, k).to_owned();
    let input = EngagementInput {
        org_a: f("org_a"),
        org_a_new: f("org_a_new"),
        org_b: f("org_b"),
        org_b_new: f("org_b_new"),
        common_area: f("common_area"),
        brief: f("brief"),
        ground_rules: f("ground_rules"),
        sessions: SessionDates {
            session_one_at: f("session_one_at"),
            session_one_place: f("session_one_place"),
            session_two_at: f("session_two_at"),
            session_two_place: f("session_two_place"),
        },
    };
    match state.app.create_engagement(&actor, &input).await {
        Ok((id, _warnings)) => Ok(Redirect::to(&format!("/co-coaching/{id}")).into_response()),
        Err(e) if is_form_problem(&e) => {
            let page = form(&state, &actor, input, Refusal::of("new", &e)).await?;
            Ok(view::render_status(refusal_status(&e), &page))
        }
        Err(e) => Err(e.into()),
    }
}
