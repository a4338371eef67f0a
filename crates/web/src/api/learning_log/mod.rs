//! Practice 3 over JSON: the Leadership Learning Log. A facilitator sets up a programme and
//! follows its cohort (`programmes`, `cohort`); a participant keeps their log (`log`); a log can
//! become a case study, public once its author and coachee agreed (`case_studies`). The handlers
//! only read bodies and paths and shape answers: the use cases of `coachkit_app::learning_log`
//! ask the privacy policy. Someone else's programme answers 404, as one that does not exist.

pub mod case_studies;
pub mod cohort;
pub mod log;
pub mod programmes;

use crate::error::ApiError;
use coachkit_domain::{ProgrammeId, RecordId, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The id of what was just created.
#[derive(Serialize, ToSchema)]
pub struct LearningLogCreated {
    id: String,
}

/// A whole number as a JSON number (`6`) or as a form would send it (`"6"`).
#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
pub enum Whole {
    Number(f64),
    Text(String),
}

impl Whole {
    /// The text the use case parses: a whole number, or something it refuses.
    fn text(&self) -> String {
        match self {
            Whole::Number(n) => n.to_string(),
            Whole::Text(t) => t.clone(),
        }
    }
}

/// A programme id from the path; anything malformed is "not found", like an unknown id.
fn programme(raw: &str) -> Result<String, ApiError> {
    super::extract::id(raw, "programme", ProgrammeId::parse).map(|p| p.to_string())
}

/// A session or case-study id from the path.
fn record(raw: &str, what: &'static str) -> Result<String, ApiError> {
    super::extract::id(raw, what, RecordId::parse).map(|r| r.to_string())
}

/// A participant's user id from the path.
fn participant(raw: &str) -> Result<String, ApiError> {
    super::extract::id(raw, "participant", UserId::parse).map(|u| u.to_string())
}

/// A calendar file as the answer.
fn calendar(name: &str, text: String) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        text,
    )
        .into_response()
}
