//! The expert's page, reached through their own link with no account: the leader's request and
//! message, three advice boxes with an optional example each, save and come back, send (sealed
//! from then on), ask for more time, or decline. A dead link gets a page that says so.

use super::{field, is_form_problem, problems, refusal_status};
use crate::auth::{self, CsrfForm, MaybeActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use coachkit_app::AppError;
use coachkit_app::mentoring::{AdviceInput, ExpertPage, ItemInput};
use coachkit_domain::mentoring::ExpertStatus;
use serde::Deserialize;

pub struct Box3 {
    pub n: usize,
    pub text: String,
    pub example: String,
}

#[derive(Template)]
#[template(path = "mentoring/expert.html")]
struct Page {
    nav: Nav,
    secret: String,
    p: ExpertPage,
    boxes: Vec<Box3>,
    answer_by: String,
    answered: bool,
    declined: bool,
    more_time: bool,
    problems: Vec<String>,
    notice: &'static str,
}

#[derive(Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    done: String,
}

fn gone(e: AppError) -> PageError {
    match e {
        AppError::NotFound(_) => PageError::BadRequest(
            StatusCode::NOT_FOUND,
            "This link no longer works: it has expired or was withdrawn. If you still want to help, ask the person who wrote to you for a new one.".into(),
        ),
        other => other.into(),
    }
}

// The page is rendered from several paths (first visit, refused form, refused side form), each
// with its own pieces; a struct for them would only rename these arguments.
#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    actor: Option<&coachkit_app::Actor>,
    jar: CookieJar,
    secret: &str,
    typed: Option<&AdviceInput>,
    problems: Vec<String>,
    notice: &'static str,
    status: StatusCode,
) -> Result<Response, PageError> {
    let p = state.app.expert_page(secret).await.map_err(gone)?;
    // Signed in or not, the form carries the token the CSRF check will expect.
    let (jar, csrf) = match actor {
        Some(a) => (jar, a.csrf_token.clone().unwrap_or_default()),
        None => auth::pre_session_csrf(jar, state),
    };
    let source: Vec<ItemInput> = typed.map(|t| t.items.clone()).unwrap_or_else(|| p.items.clone());
    let boxes = (0..3)
        .map(|i| {
            let item = source.get(i).cloned().unwrap_or_default();
            Box3 { n: i + 1, text: item.text, example: item.example }
        })
        .collect();
    let page = Page {
        nav: Nav { csrf, ..Nav::maybe(actor, "advice") },
        secret: secret.to_owned(),
        answer_by: view::calendar_date(p.answer_by),
        answered: p.status == ExpertStatus::Answered,
        declined: p.status == ExpertStatus::Declined,
        more_time: p.status == ExpertStatus::MoreTime,
        boxes,
        problems,
        notice,
        p,
    };
    Ok((jar, view::render_status(status, &page)).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    jar: CookieJar,
    Path(secret): Path<String>,
    Query(flash): Query<Flash>,
) -> Result<Response, PageError> {
    let notice = match flash.done.as_str() {
        "draft" => "Saved. Come back to this page whenever you like; nothing has been sent yet.",
        "sent" => "Sent, thank you. Your advice is sealed: it will be read once everyone asked has answered.",
        "more_time" => "Noted: the new date is shown to them, and the reminders wait for it.",
        "declined" => "Thank you for letting them know. There will be no more reminders.",
        _ => "",
    };
    render(&state, actor.as_ref(), jar, &secret, None, vec![], notice, StatusCode::OK).await
}

fn input_of(pairs: &[(String, String)]) -> AdviceInput {
    AdviceInput {
        items: (1..=3)
            .map(|i| ItemInput {
                text: field(pairs, &format!("advice{i}")).to_owned(),
                example: field(pairs, &format!("example{i}")).to_owned(),
            })
            .collect(),
        share_with_coaches: !field(pairs, "share_with_coaches").is_empty(),
    }
}

pub async fn save(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    jar: CookieJar,
    Path(secret): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = input_of(&pairs);
    let submit = field(&pairs, "action") == "submit";
    match state.app.save_expert_advice(&secret, &input, submit).await {
        Ok(()) => {
            let done = if submit { "sent" } else { "draft" };
            Ok(Redirect::to(&format!("/expert/{}?done={done}", secret.trim())).into_response())
        }
        Err(e) if is_form_problem(&e) => {
            let status = refusal_status(&e);
            render(&state, actor.as_ref(), jar, &secret, Some(&input), problems(&e), "", status).await
        }
        Err(e) => Err(gone(e)),
    }
}

async fn after(
    state: &AppState,
    actor: Option<coachkit_app::Actor>,
    jar: CookieJar,
    secret: &str,
    result: Result<(), AppError>,
    done: &str,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/expert/{}?done={done}", secret.trim())).into_response()),
        Err(e) if is_form_problem(&e) => {
            let status = refusal_status(&e);
            render(state, actor.as_ref(), jar, secret, None, problems(&e), "", status).await
        }
        Err(e) => Err(gone(e)),
    }
}

pub async fn more_time(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    jar: CookieJar,
    Path(secret): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.expert_more_time(&secret, field(&pairs, "until"), field(&pairs, "note")).await;
    after(&state, actor, jar, &secret, r, "more_time").await
}

pub async fn decline(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    jar: CookieJar,
    Path(secret): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.expert_decline(&secret, field(&pairs, "note")).await;
    after(&state, actor, jar, &secret, r, "declined").await
}
