//! The practice's home and the new-request form (capability, context, horizon, date, up to six
//! experts with the method's checks, the inside/outside override, who may see it).

use super::{field, is_form_problem, problems};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::Actor;
use coachkit_app::mentoring::{CreateOutcome, RequestInput, RequestSummary};
use coachkit_domain::journal::AudienceChoice;
use coachkit_domain::mentoring::{RawExpert, RequestStatus, capability_hint};
use coachkit_domain::privacy::RecordKind;
use coachkit_domain::time::Zone;

/// Rows of the expert table on the form; the first three are open, the rest folded away.
const ROWS: usize = 6;

pub struct Line {
    pub href: String,
    pub capability: String,
    pub owner: String,
    pub status: &'static str,
    pub progress: String,
    pub date: String,
}

fn status_label(s: RequestStatus) -> &'static str {
    match s {
        RequestStatus::Draft => "draft, not sent",
        RequestStatus::Collecting => "sealed, collecting answers",
        RequestStatus::Open => "open",
        RequestStatus::Done => "goal done",
    }
}

impl Line {
    fn of(s: &RequestSummary, zone: &Zone) -> Self {
        Self {
            href: format!("/advice/{}", s.id),
            capability: s.capability.clone(),
            owner: s.owner_name.clone(),
            status: status_label(s.status),
            progress: format!("{} of {} answered", s.answered, s.experts),
            date: view::day(s.created_at, zone),
        }
    }
}

#[derive(Template)]
#[template(path = "mentoring/index.html")]
struct Index {
    nav: Nav,
    mine: Vec<Line>,
    shared: Vec<Line>,
}

pub async fn index(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    let zone = actor.user.zone();
    let home = state.app.advice_home(&actor).await?;
    Ok(view::render(&Index {
        nav: Nav::for_actor(&actor, "advice"),
        mine: home.mine.iter().map(|s| Line::of(s, &zone)).collect(),
        shared: home.shared_with_me.iter().map(|s| Line::of(s, &zone)).collect(),
    }))
}

/// One expert row as typed, numbered from 1 for its field names.
#[derive(Default, Clone)]
pub struct Row {
    pub index: usize,
    pub e: RawExpert,
}

#[derive(Template)]
#[template(path = "mentoring/new.html")]
struct NewForm {
    nav: Nav,
    capability: String,
    context: String,
    horizon: String,
    answer_by: String,
    audience: String,
    override_mix: bool,
    override_reason: String,
    rows: Vec<Row>,
    audience_choices: Vec<AudienceChoice>,
    horizons: Vec<String>,
    problems: Vec<String>,
    hints: Vec<String>,
    /// Set when the number of experts differs from three and needs confirming.
    confirm: Option<String>,
}

async fn form(state: &AppState, actor: &Actor) -> Result<NewForm, PageError> {
    let mentors = state.app.my_mentors(actor).await?;
    let partners: Vec<_> = mentors.iter().map(|m| (m.id.clone(), m.partner_name())).collect();
    Ok(NewForm {
        nav: Nav::for_actor(actor, "advice"),
        capability: String::new(),
        context: String::new(),
        horizon: "12".into(),
        answer_by: String::new(),
        audience: "private".into(),
        override_mix: false,
        override_reason: String::new(),
        rows: (1..=ROWS).map(|index| Row { index, ..Row::default() }).collect(),
        audience_choices: AudienceChoice::for_kind(RecordKind::AdviceRequest, &partners),
        horizons: (6..=12).map(|m| m.to_string()).collect(),
        problems: vec![],
        hints: vec![],
        confirm: None,
    })
}

pub async fn new_form(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    Ok(view::render(&form(&state, &actor).await?))
}

fn rows_of(pairs: &[(String, String)]) -> Vec<Row> {
    (1..=ROWS)
        .map(|i| {
            let key = |k: &str| format!("e{i}_{k}");
            Row {
                index: i,
                e: RawExpert {
                    name: field(pairs, &key("name")).to_owned(),
                    email: field(pairs, &key("email")).to_owned(),
                    placement: field(pairs, &key("placement")).to_owned(),
                    i_know_them: !field(pairs, &key("i_know_them")).is_empty(),
                    they_know_me: !field(pairs, &key("they_know_me")).is_empty(),
                    knows_their_stuff: !field(pairs, &key("knows_their_stuff")).is_empty(),
                },
            }
        })
        .collect()
}

pub async fn create(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let rows = rows_of(&pairs);
    let input = RequestInput {
        capability: field(&pairs, "capability").to_owned(),
        context: field(&pairs, "context").to_owned(),
        horizon_months: field(&pairs, "horizon_months").to_owned(),
        answer_by: field(&pairs, "answer_by").to_owned(),
        experts: rows.iter().map(|r| r.e.clone()).collect(),
        override_mix: !field(&pairs, "override_mix").is_empty(),
        override_reason: field(&pairs, "override_reason").to_owned(),
        confirm_count: !field(&pairs, "confirm_count").is_empty(),
        audience: field(&pairs, "audience").to_owned(),
    };
    let outcome = state.app.create_advice_request(&actor, &input).await;
    let again = |problems: Vec<String>, confirm: Option<String>| async {
        let mut f = form(&state, &actor).await?;
        f.hints = capability_hint::hints(&input.capability);
        f.capability = input.capability.clone();
        f.context = input.context.clone();
        f.horizon = input.horizon_months.clone();
        f.answer_by = input.answer_by.clone();
        f.audience = input.audience.clone();
        f.override_mix = input.override_mix;
        f.override_reason = input.override_reason.clone();
        f.rows = rows.clone();
        f.problems = problems;
        f.confirm = confirm;
        Ok::<_, PageError>(f)
    };
    match outcome {
        Ok(CreateOutcome::Created(id)) => Ok(Redirect::to(&format!("/advice/{id}")).into_response()),
        Ok(CreateOutcome::NeedsConfirmation(question)) => Ok(view::render(&again(vec![], Some(question)).await?)),
        Err(e) if is_form_problem(&e) => {
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &again(problems(&e), None).await?))
        }
        Err(e) => Err(e.into()),
    }
}
