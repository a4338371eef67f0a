//! The request page and the leader's changes to it. A refused change shows the page again with
//! the reasons above it (and nothing saved); a page the viewer may not read is "not found".

use super::{field, is_form_problem, problems, refusal_status};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::mentoring::{RequestPage, StepInput};
use coachkit_app::{Actor, AppError};
use coachkit_domain::journal::AudienceChoice;
use coachkit_domain::mentoring::{ExpertStatus, RawExpert, RequestStatus};
use coachkit_domain::privacy::RecordKind;
use serde::Deserialize;

/// An expert as the page lists them.
pub struct ExpertRowView {
    pub id: String,
    pub name: String,
    pub email: String,
    pub placement: &'static str,
    pub status: &'static str,
    pub status_label: String,
    pub answer_by: String,
    pub lapsed: bool,
    pub note: String,
    pub placement_note: String,
    pub message: String,
    /// The leader may replace them or go on without them.
    pub replaceable: bool,
}

#[derive(Template)]
#[template(path = "mentoring/request.html")]
struct Page {
    nav: Nav,
    p: RequestPage,
    status: &'static str,
    answer_by: String,
    experts: Vec<ExpertRowView>,
    draft: bool,
    open: bool,
    done: bool,
    confidence: String,
    audience_choices: Vec<AudienceChoice>,
    problems: Vec<String>,
    notice: String,
    /// The section the notice belongs in (the redirect lands there).
    notice_at: &'static str,
    thanks_default: String,
    thanks_sent: String,
}

#[derive(Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    done: String,
}

/// Which section a change's result shows in.
fn section_of(flash: &str) -> &'static str {
    match flash {
        "thread" => "thread",
        "goal" | "step" | "finished" => "goal",
        "thanks" => "thanks",
        "audience" => "sharing",
        _ => "experts",
    }
}

/// The flash word a notice was made from (the inverse of `notice_for`).
fn flash_of(notice: &str) -> &'static str {
    ["sent", "replaced", "withdrawn", "thread", "goal", "step", "finished", "thanks", "audience"]
        .into_iter()
        .find(|f| notice_for(f) == notice)
        .unwrap_or("")
}

fn notice_for(flash: &str) -> &'static str {
    match flash {
        "sent" => "Sent. Each expert has their own link; you will see only who has answered until everyone has.",
        "replaced" => {
            "The new expert has been sent your message and their own link. The one they replace can no longer answer."
        }
        "withdrawn" => "You are going on without them. Their link no longer works.",
        "thread" => "Your choice of thread is saved beside what the engine suggested.",
        "goal" => "Goal saved. The checker's reading of it is below the goal.",
        "step" => "The step is in your journal's actions.",
        "finished" => "Marked done. Well done. Tell your experts what came of it below.",
        "thanks" => "Your thanks went to every expert who answered; they can read it on their page too.",
        "audience" => "Who may see this request is saved.",
        _ => "",
    }
}

async fn render(
    state: &AppState,
    actor: &Actor,
    id: &str,
    problems: Vec<String>,
    notice: &str,
    status: StatusCode,
) -> Result<Response, PageError> {
    let p = state.app.advice_request_page(actor, id).await?;
    let partners: Vec<_> = if p.mine {
        state.app.my_mentors(actor).await?.iter().map(|m| (m.id.clone(), m.partner_name())).collect()
    } else {
        vec![]
    };
    let experts = p
        .experts
        .iter()
        .map(|e| ExpertRowView {
            id: e.id.clone(),
            name: e.name.clone(),
            email: e.email.clone().unwrap_or_default(),
            placement: if e.placement == coachkit_domain::mentoring::Placement::Inside { "inside" } else { "outside" },
            status: e.status.as_str(),
            status_label: if e.lapsed { format!("{}, past the date", e.status_label) } else { e.status_label.clone() },
            answer_by: view::calendar_date(e.answer_by),
            lapsed: e.lapsed,
            note: match e.status {
                ExpertStatus::MoreTime => e.more_time_note.clone().unwrap_or_default(),
                ExpertStatus::Declined => e.decline_note.clone().unwrap_or_default(),
                _ => String::new(),
            },
            placement_note: e.placement_note.clone().unwrap_or_default(),
            message: e.message.clone().unwrap_or_default(),
            replaceable: p.mine
                && p.status == RequestStatus::Collecting
                && !matches!(e.status, ExpertStatus::Answered | ExpertStatus::Withdrawn),
        })
        .collect();
    let thanks_default = format!(
        "Thank you for your advice on \"{}\". Here is what I took from it, and what came of it:\n\n",
        p.capability
    );
    let page = Page {
        nav: Nav::for_actor(actor, "advice"),
        status: match p.status {
            RequestStatus::Draft => "draft",
            RequestStatus::Collecting => "sealed",
            RequestStatus::Open => "open",
            RequestStatus::Done => "done",
        },
        answer_by: view::calendar_date(p.answer_by),
        experts,
        draft: p.status == RequestStatus::Draft,
        open: p.status.is_open(),
        done: p.status == RequestStatus::Done,
        confidence: p.thread.as_ref().map(|t| format!("{:.0} %", t.suggestion.confidence * 100.0)).unwrap_or_default(),
        audience_choices: AudienceChoice::for_kind(RecordKind::AdviceRequest, &partners),
        problems,
        notice: notice.to_owned(),
        notice_at: section_of(flash_of(notice)),
        thanks_sent: p.thanks_sent_at.map(|t| view::date_time(t, &actor.user.zone())).unwrap_or_default(),
        thanks_default: p.thanks.clone().unwrap_or(thanks_default),
        p,
    };
    Ok(view::render_status(status, &page))
}

pub async fn page(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    Query(flash): Query<Flash>,
) -> Result<Response, PageError> {
    render(&state, &actor, &id, vec![], notice_for(&flash.done), StatusCode::OK).await
}

/// After a change: back to the page with a notice, or the page again with the reasons.
async fn after(
    state: &AppState,
    actor: &Actor,
    id: &str,
    result: Result<(), AppError>,
    flash: &str,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => {
            // Back at the part of the page the change was made in, where its result shows.
            Ok(Redirect::to(&format!("/advice/{id}?done={flash}#{}", section_of(flash))).into_response())
        }
        Err(e) if is_form_problem(&e) => {
            let status = refusal_status(&e);
            render(state, actor, id, problems(&e), "", status).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn send(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let messages: Vec<(String, String)> =
        pairs.iter().filter_map(|(k, v)| k.strip_prefix("message_").map(|e| (e.to_owned(), v.clone()))).collect();
    let r = state.app.send_advice_request(&actor, &id, &messages).await;
    after(&state, &actor, &id, r, "sent").await
}

pub async fn replace(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, expert)): Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let raw = RawExpert {
        name: field(&pairs, "name").to_owned(),
        email: field(&pairs, "email").to_owned(),
        placement: field(&pairs, "placement").to_owned(),
        i_know_them: !field(&pairs, "i_know_them").is_empty(),
        they_know_me: !field(&pairs, "they_know_me").is_empty(),
        knows_their_stuff: !field(&pairs, "knows_their_stuff").is_empty(),
    };
    let r = state.app.replace_advice_expert(&actor, &id, &expert, &raw, field(&pairs, "message")).await;
    after(&state, &actor, &id, r, "replaced").await
}

pub async fn withdraw(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, expert)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    let r = state.app.withdraw_advice_expert(&actor, &id, &expert).await;
    after(&state, &actor, &id, r, "withdrawn").await
}

pub async fn thread(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let items: Vec<String> = pairs.iter().filter(|(k, _)| k == "item").map(|(_, v)| v.clone()).collect();
    let r = state.app.choose_advice_thread(&actor, &id, field(&pairs, "choice"), &items).await;
    after(&state, &actor, &id, r, "thread").await
}

pub async fn goal(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.save_advice_goal(&actor, &id, field(&pairs, "goal")).await.map(|_| ());
    after(&state, &actor, &id, r, "goal").await
}

pub async fn step(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = StepInput { text: field(&pairs, "text").to_owned(), due: field(&pairs, "due").to_owned() };
    let r = state.app.add_advice_step(&actor, &id, &input).await.map(|_| ());
    after(&state, &actor, &id, r, "step").await
}

pub async fn done(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    let r = state.app.finish_advice_request(&actor, &id).await;
    after(&state, &actor, &id, r, "finished").await
}

pub async fn thanks(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.thank_advice_experts(&actor, &id, field(&pairs, "note")).await.map(|_| ());
    after(&state, &actor, &id, r, "thanks").await
}

pub async fn audience(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.set_advice_request_audience(&actor, &id, field(&pairs, "audience")).await;
    after(&state, &actor, &id, r, "audience").await
}
