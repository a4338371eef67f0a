//! Practice 4's pages: the home (my engagements, and a new one), the engagement page (brief,
//! ground rules, sessions and their calendar files, who takes part, my cards, everyone's cards
//! once open), the facilitator's teaming page, each team's shared space and outcome, the value
//! page with the fee proposal, and the invitation page reached by link, with or without an account.

mod engagement;
mod home;
mod join;
mod team;
mod teaming;
mod value;

use crate::error::FieldErrors;
use crate::state::AppState;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use coachkit_app::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/co-coaching", get(home::index).post(home::create))
        .route("/co-coaching/new", get(home::new_form))
        .route("/co-coaching/join/{secret}", get(join::page).post(join::join))
        .route("/co-coaching/{id}", get(engagement::page))
        .route("/co-coaching/{id}/invite", post(engagement::invite))
        .route("/co-coaching/{id}/invitations/{participant}/withdraw", post(engagement::withdraw))
        .route("/co-coaching/{id}/cards", post(engagement::save_card))
        .route("/co-coaching/{id}/cards/{card}/delete", post(engagement::delete_card))
        .route("/co-coaching/{id}/open", post(engagement::open))
        .route("/co-coaching/{id}/sessions", post(engagement::sessions))
        .route("/co-coaching/{id}/sessions/{file}", get(engagement::ics))
        .route("/co-coaching/{id}/close-session-one", post(engagement::close))
        .route("/co-coaching/{id}/teaming", get(teaming::page))
        .route("/co-coaching/{id}/teaming/confirm", post(teaming::confirm))
        .route("/co-coaching/{id}/teaming/reject", post(teaming::reject))
        .route("/co-coaching/{id}/teaming/{team}/apart", post(teaming::apart))
        .route("/co-coaching/{id}/teaming/{team}/merge", post(teaming::merge))
        .route("/co-coaching/{id}/teaming/{team}/split", post(teaming::split))
        .route("/co-coaching/{id}/teams/{team}", get(team::page).post(team::add))
        .route("/co-coaching/{id}/teams/{team}/actions/{item}/done", post(team::done))
        .route("/co-coaching/{id}/teams/{team}/items/{item}/edit", post(team::edit))
        .route("/co-coaching/{id}/teams/{team}/items/{item}/delete", post(team::delete))
        .route("/co-coaching/{id}/teams/{team}/outcome", post(team::outcome))
        .route("/co-coaching/{id}/value", get(value::page).post(value::add))
        .route("/co-coaching/{id}/value/share", post(value::share))
        .route("/co-coaching/{id}/value/{value}/edit", post(value::edit))
        .route("/co-coaching/{id}/value/{value}/delete", post(value::delete))
        .route("/co-coaching/{id}/value/fee", post(value::fee))
}

/// A refusal shown on the page it came from: which form, the sentences, the fields.
#[derive(Default)]
pub struct Refusal {
    pub form: &'static str,
    pub problems: Vec<String>,
    pub errors: FieldErrors,
}

impl Refusal {
    pub fn of(form: &'static str, e: &AppError) -> Self {
        Self { form, problems: problems(e), errors: FieldErrors::from_app(e).unwrap_or_default() }
    }
    /// The message next to `field`, as a sentence.
    pub fn at(&self, field: &str) -> String {
        self.errors.get(field).map(|m| sentence(&format!("{} {m}", label(field).unwrap_or("this")))).unwrap_or_default()
    }
}

/// The sentences of a refusal.
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

/// How a field is named in a sentence; None where the message is a sentence of its own.
fn label(field: &str) -> Option<&'static str> {
    Some(match field {
        "org_a" => "the first organisation",
        "org_b" => "the second organisation",
        "common_area" => "the common area",
        "brief" => "the brief",
        "ground_rules" => "the ground rules",
        "session_one_at" => "session one's date",
        "session_two_at" => "session two's date",
        "session_one_place" | "session_two_place" => "the place",
        "what" => "what the challenge is",
        "why" => "why it matters",
        "success" => "what success looks like",
        "position" => "the card",
        "side" => "the organisation",
        "name" | "display_name" => "the name",
        "email" => "the e-mail address",
        "password" => "the password",
        "text" => "the text",
        "url" => "the link",
        "owner" => "the owner",
        "due" => "the due date",
        "kind" => "the kind",
        "outcome" => "the outcome",
        "learning" => "what was learned",
        "project_name" => "the project's name",
        "project_aim" => "the project's aim",
        "first_steps" => "the first steps",
        "owner_a" | "owner_b" => "the owner",
        "measure" => "the measure",
        "amount" => "the amount",
        "unit" => "the unit",
        "confidence" => "the confidence",
        "fee_model" => "the fee model",
        "fee_amount" => "the fee's number",
        "fee_note" => "the note",
        "into" => "the team to merge into",
        "card" => "the card",
        _ => return None,
    })
}

fn sentence(s: &str) -> String {
    let mut c = s.chars();
    let s: String = c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default();
    if s.ends_with('.') { s } else { format!("{s}.") }
}

/// Whether a refusal is about the input (the page is shown again with it) rather than an error page.
pub(crate) fn is_form_problem(e: &AppError) -> bool {
    matches!(e, AppError::Invalid(_) | AppError::Conflict(_) | AppError::Forbidden(_))
}

/// 409 when the state forbids it, 403 when it is not theirs to do, else 422.
pub(crate) fn refusal_status(e: &AppError) -> StatusCode {
    match e {
        AppError::Conflict(_) => StatusCode::CONFLICT,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// The value of `key` in submitted pairs.
pub(crate) fn field<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
}

/// Every value of `key` (checkboxes).
pub(crate) fn all(pairs: &[(String, String)], key: &str) -> Vec<String> {
    pairs.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect()
}

/// A stage as the pages say it.
pub(crate) fn stage_label(s: coachkit_domain::co_coaching::Stage) -> &'static str {
    use coachkit_domain::co_coaching::Stage;
    match s {
        Stage::Preparing => "preparing for session one",
        Stage::CardsOpen => "session one: teaming up",
        Stage::Teamed => "teams at work; session two is the milestone",
        Stage::Cancelled => "session two cancelled: no team formed",
    }
}
