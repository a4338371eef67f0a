//! Practice 3's pages: the home (programmes I run and take part in), the new-programme form, a
//! programme's page (the cohort view for its facilitators, the log for a participant), the pack
//! (printable), a facilitator's reading of a shared pack, joining by invitation link, and case
//! studies (public once published).

mod cohort;
mod home;
mod join;
mod log;
mod pack;
mod studies;

use super::mentoring::{field, is_form_problem, refusal_status, sentence};
use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};
use coachkit_app::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/learning-log", get(home::index).post(home::create))
        .route("/learning-log/new", get(home::new_form))
        .route("/learning-log/join/{secret}", get(join::page).post(join::join))
        .route("/learning-log/{id}", get(log::page))
        .route("/learning-log/{id}/log", get(log::own))
        .route("/learning-log/{id}/sessions", post(log::plan))
        .route("/learning-log/{id}/sessions/{session}", post(log::update))
        .route("/learning-log/{id}/sessions/{session}/held", post(log::record))
        .route("/learning-log/{id}/sessions/{session}/delete", post(log::delete))
        .route("/learning-log/{id}/cases", post(log::cases))
        .route("/learning-log/{id}/answers", post(log::answers))
        .route("/learning-log/{id}/actions", post(log::actions))
        .route("/learning-log/{id}/share", post(log::share))
        .route("/learning-log/{id}/copy", post(log::copy))
        .route("/learning-log/{id}/pack", get(pack::own))
        .route("/learning-log/{id}/coach-session.ics", get(pack::own_ics))
        .route("/learning-log/{id}/case-studies", post(studies::draft))
        .route("/learning-log/{id}/settings", post(cohort::settings))
        .route("/learning-log/{id}/questions", post(cohort::questions))
        .route("/learning-log/{id}/invite", post(cohort::invite))
        .route("/learning-log/{id}/link", post(cohort::link))
        .route("/learning-log/{id}/facilitators", post(cohort::facilitator))
        .route("/learning-log/{id}/participants/{user}", get(pack::for_facilitator))
        .route("/learning-log/{id}/participants/{user}/note", post(pack::note))
        .route("/learning-log/{id}/participants/{user}/booking", post(pack::book))
        .route("/learning-log/{id}/participants/{user}/coach-session.ics", get(pack::facilitator_ics))
        .route("/case-studies/{id}", get(studies::page).post(studies::update))
        .route("/case-studies/{id}/consent", post(studies::consent))
        .route("/case-studies/{id}/coachee-consent", post(studies::coachee_consent))
        .route("/case-studies/{id}/publish", post(studies::publish))
        .route("/case-studies/{id}/withdraw", post(studies::withdraw))
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

fn label(field: &str) -> Option<&'static str> {
    Some(match field {
        "name" => "the name",
        "training" => "the training",
        "starts_on" => "the first day",
        "weeks" => "the window",
        "session_cap" => "the number of sessions",
        "org_id" => "the organisation",
        "questions" => "the questions",
        "toolkit" | "resources" => "the resources",
        "held_on" => "the day",
        "topic" => "the topic",
        "coachee_name" => "the coachee's name",
        "relationship_id" => "the coachee",
        "goal" => "the goal",
        "reality" => "the reality",
        "options" => "the options",
        "way_forward" => "the way forward",
        "best" => "the best session",
        "hardest" => "the most challenging session",
        "answer" => "the answer",
        "skill" => "the skill",
        "emails" => "the addresses",
        "email" => "the address",
        "note" => "the note",
        "when" => "the date and time",
        "place" => "the place",
        "title" => "the title",
        "body" => "the text",
        "coachee_alias" => "the words for the coachee",
        _ => return None,
    })
}
