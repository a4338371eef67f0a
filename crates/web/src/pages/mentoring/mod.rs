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
        AppError::Invalid(fields) => fields.iter().map(|f| sentence(&f.to_string())).collect(),
        other => vec![sentence(&crate::error::message_of(other))],
    }
}

fn sentence(s: &str) -> String {
    let mut c = s.chars();
    let s: String = c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default();
    if s.ends_with('.') { s } else { format!("{s}.") }
}

/// Whether a refusal is about the input (shown on the page again) rather than an error page.
pub(crate) fn is_form_problem(e: &AppError) -> bool {
    matches!(e, AppError::Invalid(_) | AppError::Conflict(_))
}

/// The value of `key` in submitted pairs.
pub(crate) fn field<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
}
