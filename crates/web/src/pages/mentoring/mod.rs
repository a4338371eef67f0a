//! Practice 5's pages: the home (my requests, and those my clients shared with me), the new
//! request form, the request page (the experts' status while sealed; then the advice side by
//! side, the thread, the goal, the plan and the thanks), and the expert's page reached by their
//! link without an account.

mod expert;
mod home;
mod request;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};
use coachkit_app::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/advice", get(home::index).post(home::create))
        .route("/advice/new", get(home::new_form))
        .route("/advice/{id}", get(request::page))
        .route("/advice/{id}/send", post(request::send))
        .route("/advice/{id}/experts/{expert}/replace", post(request::replace))
        .route("/advice/{id}/experts/{expert}/withdraw", post(request::withdraw))
        .route("/advice/{id}/thread", post(request::thread))
        .route("/advice/{id}/goal", post(request::goal))
        .route("/advice/{id}/steps", post(request::step))
        .route("/advice/{id}/done", post(request::done))
        .route("/advice/{id}/thanks", post(request::thanks))
        .route("/advice/{id}/audience", post(request::audience))
        .route("/expert/{secret}", get(expert::page).post(expert::save))
        .route("/expert/{secret}/more-time", post(expert::more_time))
        .route("/expert/{secret}/decline", post(expert::decline))
}

/// The sentences of a refusal, for the alert above a form.
pub(crate) fn problems(e: &AppError) -> Vec<String> {
    match e {
        AppError::Invalid(fields) => fields
            .iter()
            .map(|f| match label(f.field) {
                Some(l) => sentence(&format!("{l} {}", f.message)),
                None => sentence(&f.message),
            })
            .collect(),
        other => vec![sentence(&crate::error::message_of(other))],
    }
}

/// How a field is named in a sentence; `None` for fields whose messages are whole sentences
/// (they name the expert or the box themselves).
fn label(field: &str) -> Option<&'static str> {
    Some(match field {
        "capability" => "the capability",
        "context" => "why now",
        "horizon_months" => "the horizon",
        "answer_by" => "the answer date",
        "override_reason" => "the reason",
        "audience" => "who may see it",
        "goal" => "the goal",
        "thanks" | "note" => "the note",
        "until" => "the date",
        "choice" => "the choice",
        "text" => "the step",
        "due" => "the step's date",
        _ => return None,
    })
}

pub(crate) fn sentence(s: &str) -> String {
    let mut c = s.chars();
    let s: String = c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default();
    if s.ends_with('.') { s } else { format!("{s}.") }
}

/// Whether a refusal is about the input (shown on the page again) rather than an error page.
pub(crate) fn is_form_problem(e: &AppError) -> bool {
    matches!(e, AppError::Invalid(_) | AppError::Conflict(_))
}

/// The status of a page shown again with its refusal: 409 when the state forbids it, else 422.
pub(crate) fn refusal_status(e: &AppError) -> axum::http::StatusCode {
    if matches!(e, AppError::Conflict(_)) {
        axum::http::StatusCode::CONFLICT
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// The value of `key` in submitted pairs.
pub(crate) fn field<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
}
