//! The value page: each organisation's outcomes and estimates, its choice to share them, the
//! summary, and the facilitator's fee proposal as a share of each organisation's value.

use super::{Refusal, field, is_form_problem, refusal_status};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::co_coaching::{ValueInput, ValuePage};
use coachkit_app::{Actor, AppError};
use coachkit_domain::co_coaching::Stage;

#[derive(Template)]
#[template(path = "co_coaching/value.html")]
struct Page {
    nav: Nav,
    p: ValuePage,
    teamed: bool,
    fee_words: String,
    input: ValueInput,
    fee_model: String,
    fee_amount: String,
    fee_note: String,
    refusal: Refusal,
}

/// The proposal in a sentence; never a rate.
fn fee_words(p: &ValuePage) -> String {
    match (p.fee_model.as_deref(), p.fee_number) {
        (Some("fixed"), Some(n)) => {
            format!("A fixed fee of {n} for the engagement, shared equally by the two organisations.")
        }
        (Some("share"), Some(n)) => format!("{n}% of the money value each organisation recorded."),
        (Some("success"), Some(n)) => {
            format!("A success fee of {n} from each organisation, due only if its outcome comes true.")
        }
        _ => String::new(),
    }
}

async fn build(
    state: &AppState,
    actor: &Actor,
    id: &str,
    input: ValueInput,
    fee: (String, String, String),
    refusal: Refusal,
) -> Result<Page, PageError> {
    let p = state.app.value_page(actor, id).await?;
    let (fee_model, fee_amount, fee_note) = if fee.0.is_empty() {
        (
            p.fee_model.clone().unwrap_or_else(|| "share".into()),
            p.fee_number.map(|n| n.to_string()).unwrap_or_default(),
            p.fee_note.clone().unwrap_or_default(),
        )
    } else {
        fee
    };
    Ok(Page {
        nav: Nav::for_actor(actor, "co-coaching"),
        teamed: p.stage == Stage::Teamed,
        fee_words: fee_words(&p),
        p,
        input,
        fee_model,
        fee_amount,
        fee_note,
        refusal,
    })
}

pub async fn page(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let input = ValueInput { measure: "money".into(), confidence: "medium".into(), ..Default::default() };
    Ok(view::render(&build(&state, &actor, &id, input, Default::default(), Refusal::default()).await?))
}

async fn after(
    state: &AppState,
    actor: &Actor,
    id: &str,
    form: &'static str,
    outcome: Result<(), AppError>,
    input: ValueInput,
    fee: (String, String, String),
) -> Result<Response, PageError> {
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/co-coaching/{id}/value")).into_response()),
        Err(e) if is_form_problem(&e) => {
            let page = build(state, actor, id, input, fee, Refusal::of(form, &e)).await?;
            Ok(view::render_status(refusal_status(&e), &page))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn add(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = value_input(&pairs);
    let outcome = state.app.add_value(&actor, &id, &input).await;
    after(&state, &actor, &id, "value", outcome, input, Default::default()).await
}

/// The fields of a value form.
fn value_input(pairs: &[(String, String)]) -> ValueInput {
    let f = |k| field(pairs, k).to_owned();
    ValueInput {
        outcome: f("outcome"),
        measure: f("measure"),
        amount: f("amount"),
        unit: f("unit"),
        confidence: f("confidence"),
    }
}

pub async fn edit(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, value)): Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let outcome = state.app.edit_value(&actor, &id, &value, &value_input(&pairs)).await;
    after(&state, &actor, &id, "records", outcome, ValueInput::default(), Default::default()).await
}

pub async fn delete(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, value)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let outcome = state.app.delete_value(&actor, &id, &value).await;
    after(&state, &actor, &id, "records", outcome, ValueInput::default(), Default::default()).await
}

pub async fn share(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let outcome = state.app.share_value(&actor, &id, field(&pairs, "shared") == "1").await;
    after(&state, &actor, &id, "share", outcome, ValueInput::default(), Default::default()).await
}

pub async fn fee(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let f = |k| field(&pairs, k).to_owned();
    let typed = (f("fee_model"), f("fee_amount"), f("fee_note"));
    let outcome = state.app.set_fee(&actor, &id, &typed.0, &typed.1, &typed.2).await;
    after(&state, &actor, &id, "fee", outcome, ValueInput::default(), typed).await
}
