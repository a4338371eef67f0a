//! A team's shared space and its outcome at session two.

use super::{Refusal, field, is_form_problem, refusal_status};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::co_coaching::{OutcomeInput, TeamItemInput, TeamPage};
use coachkit_app::{Actor, AppError};
use coachkit_domain::co_coaching::{Side, Stage};

pub struct Item {
    pub id: String,
    pub kind: &'static str,
    /// The raw kind, for the stylesheet.
    pub class: String,
    pub is_action: bool,
    pub author: String,
    pub text: String,
    pub url: Option<String>,
    pub owner: String,
    pub due: String,
    pub done: bool,
    pub when: String,
    /// Mine to edit and delete.
    pub mine: bool,
    pub owner_id: String,
    /// The due date as the date field wants it.
    pub due_input: String,
}

#[derive(Template)]
#[template(path = "co_coaching/team.html")]
struct Page {
    nav: Nav,
    p: TeamPage,
    items: Vec<Item>,
    members_a: Vec<(String, String)>,
    members_b: Vec<(String, String)>,
    /// The two organisations' names, for the owners' labels.
    org_a: String,
    org_b: String,
    teamed: bool,
    last_activity: String,
    session_two: String,
    outcome_owner_a: String,
    outcome_owner_b: String,
    item: TeamItemInput,
    outcome: OutcomeInput,
    refusal: Refusal,
}

fn kind_label(k: &str) -> &'static str {
    match k {
        "action" => "action",
        "checkin" => "check-in",
        "link" => "link",
        "comment" => "facilitator's comment",
        _ => "note",
    }
}

async fn build(
    state: &AppState,
    actor: &Actor,
    id: &str,
    team: &str,
    item: TeamItemInput,
    outcome: OutcomeInput,
    refusal: Refusal,
) -> Result<Page, PageError> {
    let zone = actor.user.zone();
    let p = state.app.team_page(actor, id, team).await?;
    let items = p
        .items
        .iter()
        .map(|i| Item {
            id: i.id.clone(),
            kind: kind_label(&i.kind),
            class: i.kind.clone(),
            is_action: i.kind == "action",
            author: i.author.clone(),
            text: i.text.clone(),
            url: i.url.clone(),
            owner: i.owner.clone().unwrap_or_default(),
            due: i.due_at.map(view::calendar_date).unwrap_or_default(),
            done: i.done,
            when: view::day(i.created_at, &zone),
            mine: i.mine,
            owner_id: i.owner_id.clone().unwrap_or_default(),
            due_input: i.due_at.map(coachkit_app::journal::time::to_date).unwrap_or_default(),
        })
        .collect();
    let of = |s: Side| p.members.iter().filter(|m| m.3 == s).map(|m| (m.0.clone(), m.1.clone())).collect::<Vec<_>>();
    let name_of = |id: &Option<String>| {
        p.members.iter().find(|m| Some(&m.0) == id.as_ref()).map(|m| m.1.clone()).unwrap_or_default()
    };
    let (oa, ob) = p.outcome.as_ref().map(|o| (name_of(&o.owner_a_id), name_of(&o.owner_b_id))).unwrap_or_default();
    let org_of = |s: Side| p.members.iter().find(|m| m.3 == s).map(|m| m.2.clone()).unwrap_or_default();
    Ok(Page {
        nav: Nav::for_actor(actor, "co-coaching"),
        org_a: org_of(Side::A),
        org_b: org_of(Side::B),
        members_a: of(Side::A),
        members_b: of(Side::B),
        teamed: p.stage == Stage::Teamed,
        last_activity: p.activity.1.map(|at| view::day(at, &zone)).unwrap_or_else(|| "nothing yet".into()),
        session_two: view::date_time(p.session_two_at, &actor.user.zone()),
        outcome_owner_a: oa,
        outcome_owner_b: ob,
        items,
        p,
        item,
        outcome,
        refusal,
    })
}

pub async fn page(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, team)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let page = build(&state, &actor, &id, &team, TeamItemInput::default(), OutcomeInput::default(), Refusal::default())
        .await?;
    Ok(view::render(&page))
}

async fn after(
    state: &AppState,
    actor: &Actor,
    (id, team): (&str, &str),
    form: &'static str,
    outcome: Result<(), AppError>,
    typed: (TeamItemInput, OutcomeInput),
) -> Result<Response, PageError> {
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/co-coaching/{id}/teams/{team}")).into_response()),
        Err(e) if is_form_problem(&e) => {
            let page = build(state, actor, id, team, typed.0, typed.1, Refusal::of(form, &e)).await?;
            Ok(view::render_status(refusal_status(&e), &page))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn add(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, team)): Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let f = |k| field(&pairs, k).to_owned();
    let input = TeamItemInput { kind: f("kind"), text: f("text"), url: f("url"), owner: f("owner"), due: f("due") };
    let outcome = state.app.add_team_item(&actor, &id, &team, &input).await;
    after(&state, &actor, (&id, &team), "item", outcome, (input, OutcomeInput::default())).await
}

pub async fn edit(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, team, item)): Path<(String, String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let f = |k| field(&pairs, k).to_owned();
    let input = TeamItemInput { kind: String::new(), text: f("text"), url: f("url"), owner: f("owner"), due: f("due") };
    let outcome = state.app.edit_team_item(&actor, &id, &team, &item, &input).await;
    after(&state, &actor, (&id, &team), "item", outcome, Default::default()).await
}

pub async fn delete(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, team, item)): Path<(String, String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let outcome = state.app.delete_team_item(&actor, &id, &team, &item).await;
    after(&state, &actor, (&id, &team), "item", outcome, Default::default()).await
}

pub async fn done(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, team, item)): Path<(String, String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let outcome = state.app.finish_team_action(&actor, &id, &team, &item).await;
    after(&state, &actor, (&id, &team), "item", outcome, Default::default()).await
}

pub async fn outcome(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, team)): Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let f = |k| field(&pairs, k).to_owned();
    let input = OutcomeInput {
        outcome: f("outcome"),
        learning: f("learning"),
        project_name: f("project_name"),
        project_aim: f("project_aim"),
        first_steps: f("first_steps"),
        owner_a: f("owner_a"),
        owner_b: f("owner_b"),
    };
    let outcome = state.app.set_team_outcome(&actor, &id, &team, &input).await;
    after(&state, &actor, (&id, &team), "outcome", outcome, (TeamItemInput::default(), input)).await
}
