//! The practice's home and the new-programme form (settings, organisation, toolkit sheets, a
//! resource of the facilitator's own, and the questions as an editable copy of our sixteen).

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
use coachkit_app::learning_log::{LearningLogHome, ProgrammeInput, QuestionInput, ResourceInput};
use coachkit_domain::learning_log::DEFAULT_QUESTIONS;
use coachkit_domain::learning_log::resources::TOOLKIT;

#[derive(Template)]
#[template(path = "learning_log/index.html")]
struct Index {
    nav: Nav,
    home: LearningLogHome,
}

pub async fn index(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    let home = state.app.learning_log_home(&actor).await?;
    Ok(view::render(&Index { nav: Nav::for_actor(&actor, "learning-log"), home }))
}

/// A toolkit sheet on the form: ticked or not.
pub struct SheetChoice {
    pub key: &'static str,
    pub title: &'static str,
    pub body: &'static str,
    pub ticked: bool,
}

#[derive(Template)]
#[template(path = "learning_log/new.html")]
pub(super) struct NewForm {
    nav: Nav,
    problems: Vec<String>,
    input: ProgrammeInput,
    orgs: Vec<(String, String)>,
    sheets: Vec<SheetChoice>,
    resource: ResourceInput,
    /// The questions shown: the input's, or our defaults, plus two empty rows to add more.
    questions: Vec<QuestionInput>,
}

async fn form(
    state: &AppState,
    actor: &Actor,
    input: ProgrammeInput,
    problems: Vec<String>,
) -> Result<NewForm, PageError> {
    let orgs = state.app.my_orgs(actor).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let fresh = input.name.is_empty() && problems.is_empty();
    let sheets = TOOLKIT
        .iter()
        .map(|s| SheetChoice {
            key: s.key,
            title: s.title,
            body: s.body,
            ticked: fresh || input.toolkit.iter().any(|k| k == s.key),
        })
        .collect();
    let mut questions = if input.questions.is_empty() {
        DEFAULT_QUESTIONS.iter().map(|(k, p)| QuestionInput { key: (*k).into(), prompt: (*p).into() }).collect()
    } else {
        input.questions.clone()
    };
    questions.extend([QuestionInput::default(), QuestionInput::default()]);
    let resource = input.resources.first().cloned().unwrap_or_default();
    Ok(NewForm { nav: Nav::for_actor(actor, "learning-log"), problems, input, orgs, sheets, resource, questions })
}

pub async fn new_form(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    let input = ProgrammeInput { weeks: "6".into(), session_cap: "5".into(), ..Default::default() };
    Ok(view::render(&form(&state, &actor, input, vec![]).await?))
}

/// The questions as the form sent them: `q_key_N` and `q_prompt_N` pairs in order.
pub(super) fn questions_of(pairs: &[(String, String)]) -> Vec<QuestionInput> {
    let mut out = vec![];
    for i in 0.. {
        let key = format!("q_key_{i}");
        if !pairs.iter().any(|(k, _)| *k == key) {
            break;
        }
        out.push(QuestionInput {
            key: field(pairs, &key).to_owned(),
            prompt: field(pairs, &format!("q_prompt_{i}")).to_owned(),
        });
    }
    out
}

pub async fn create(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = ProgrammeInput {
        name: field(&pairs, "name").into(),
        training: field(&pairs, "training").into(),
        starts_on: field(&pairs, "starts_on").into(),
        weeks: field(&pairs, "weeks").into(),
        session_cap: field(&pairs, "session_cap").into(),
        org_id: field(&pairs, "org_id").into(),
        questions: questions_of(&pairs),
        toolkit: pairs.iter().filter(|(k, _)| k == "toolkit").map(|(_, v)| v.clone()).collect(),
        resources: vec![ResourceInput {
            title: field(&pairs, "resource_title").into(),
            body: field(&pairs, "resource_body").into(),
            url: field(&pairs, "resource_url").into(),
        }],
    };
    match state.app.create_ll_programme(&actor, &input).await {
        Ok(id) => Ok(Redirect::to(&format!("/learning-log/{id}")).into_response()),
        Err(e) if is_form_problem(&e) => {
            let mut input = input;
            // Blank rows came from the form's spare lines: show the list as typed, without them.
            input.questions.retain(|q| !q.prompt.trim().is_empty());
            let f = form(&state, &actor, input, problems(&e)).await?;
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &f))
        }
        Err(e) => Err(e.into()),
    }
}
