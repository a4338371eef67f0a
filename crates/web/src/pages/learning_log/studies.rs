//! Case studies: drafted from a log, edited, agreed to by the author (and the coachee, when they
//! have an account), published with a page anyone can read, or withdrawn.

use super::{field, is_form_problem, problems, refusal_status};
use crate::auth::{CsrfForm, MaybeActor, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::learning_log::{CaseStudyInput, CaseStudyPage};
use coachkit_app::{Actor, AppError};

#[derive(Template)]
#[template(path = "learning_log/case_study.html")]
struct Page {
    nav: Nav,
    c: CaseStudyPage,
    problems: Vec<String>,
    notice: &'static str,
    public_url: String,
    published_on: String,
    blocks: Vec<Block>,
}

/// A paragraph of the text; a first line that asks a question is shown as its heading.
pub struct Block {
    heading: String,
    text: String,
}

fn blocks(body: &str) -> Vec<Block> {
    body.split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|b| match b.split_once('\n') {
            Some((first, rest)) if first.trim_end().ends_with('?') => {
                Block { heading: first.trim().to_owned(), text: rest.trim().to_owned() }
            }
            _ => Block { heading: String::new(), text: b.to_owned() },
        })
        .collect()
}

#[derive(serde::Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    done: String,
}

fn notice_for(flash: &str) -> &'static str {
    match flash {
        "drafted" => "Drafted from your log. Change anything before you agree to publish it.",
        "saved" => "Saved. Any agreement to the earlier text no longer stands: agree to this one.",
        "consented" => "You agreed to publish this text.",
        "coachee" => "Thank you: you agreed to this text being published.",
        "published" => "Published. Anyone with the address below can read it, without an account.",
        "withdrawn" => "Withdrawn. It is private again.",
        _ => "",
    }
}

fn render(
    state: &AppState,
    actor: Option<&Actor>,
    c: CaseStudyPage,
    problems: Vec<String>,
    notice: &'static str,
) -> Page {
    let zone = actor.map(|a| a.user.zone()).unwrap_or_else(coachkit_domain::time::Zone::utc);
    Page {
        nav: Nav::maybe(actor, "learning-log"),
        public_url: format!("{}/case-studies/{}", state.app.config.base_url, c.id),
        published_on: c.published_at.map(|at| view::day(at, &zone)).unwrap_or_default(),
        blocks: blocks(&c.body),
        c,
        problems,
        notice,
    }
}

/// The case study for its author or coachee; for anyone else, the published page or "not found".
pub async fn page(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    Path(id): Path<String>,
    Query(flash): Query<Flash>,
) -> Result<Response, PageError> {
    let c = match &actor {
        Some(a) => state.app.ll_case_study(a, &id).await?,
        None => state.app.public_ll_case_study(&id).await?,
    };
    Ok(view::render(&render(&state, actor.as_ref(), c, vec![], notice_for(&flash.done))))
}

pub async fn draft(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    match state.app.draft_ll_case_study(&actor, &id, field(&pairs, "case"), field(&pairs, "coachee_alias")).await {
        Ok(cid) => Ok(Redirect::to(&format!("/case-studies/{cid}?done=drafted")).into_response()),
        Err(e) if is_form_problem(&e) => {
            Ok(view::error_page(refusal_status(&e), "No case study drafted", &problems(&e).join(" ")))
        }
        Err(e) => Err(e.into()),
    }
}

async fn after(
    state: &AppState,
    actor: &Actor,
    id: &str,
    r: Result<(), AppError>,
    flash: &str,
) -> Result<Response, PageError> {
    match r {
        Ok(()) => Ok(Redirect::to(&format!("/case-studies/{id}?done={flash}")).into_response()),
        Err(e) if is_form_problem(&e) => {
            let c = state.app.ll_case_study(actor, id).await?;
            Ok(view::render_status(refusal_status(&e), &render(state, Some(actor), c, problems(&e), "")))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn update(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = CaseStudyInput {
        title: field(&pairs, "title").into(),
        body: field(&pairs, "body").into(),
        coachee_alias: field(&pairs, "coachee_alias").into(),
    };
    let r = state.app.update_ll_case_study(&actor, &id, &input).await;
    after(&state, &actor, &id, r, "saved").await
}

pub async fn consent(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.consent_ll_case_study(&actor, &id).await;
    after(&state, &actor, &id, r, "consented").await
}

pub async fn coachee_consent(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let seen = field(&pairs, "seen").parse::<i64>().unwrap_or(0);
    let r = state.app.coachee_consent_ll_case_study(&actor, &id, seen).await;
    after(&state, &actor, &id, r, "coachee").await
}

pub async fn publish(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.publish_ll_case_study(&actor, &id, true).await;
    after(&state, &actor, &id, r, "published").await
}

pub async fn withdraw(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.publish_ll_case_study(&actor, &id, false).await;
    after(&state, &actor, &id, r, "withdrawn").await
}
