//! Practice 4 over JSON: co-coaching, one file per topic like the pages: `engagements` (the list,
//! one engagement, moving its sessions), `participants` (inviting, withdrawing), `cards`,
//! `teaming` (suggestions and the facilitator's decisions, ending session one, and `suggest`,
//! which teams cards sent in the request and keeps nothing), `space` (a team's shared space and
//! outcome) and `value` (value records and the fee proposal). Every handler calls the use cases
//! of `coachkit_app::co_coaching`, which ask the privacy policy; someone else's engagement answers
//! 404, as one that does not exist.

pub mod cards;
pub mod engagements;
pub mod participants;
pub mod space;
pub mod teaming;
pub mod value;

use crate::api::extract;
use crate::error::ApiError;
use coachkit_domain::{ProgrammeId, RecordId, TeamId};

/// An engagement id from the path; anything malformed is "not found", like an unknown id.
fn engagement(raw: &str) -> Result<String, ApiError> {
    extract::id(raw, "engagement", ProgrammeId::parse).map(|p| p.to_string())
}

/// A team id from the path.
fn team(raw: &str) -> Result<String, ApiError> {
    extract::id(raw, "team", TeamId::parse).map(|t| t.to_string())
}

/// A card, entry, value record or invitation id from the path.
fn record(raw: &str, what: &'static str) -> Result<String, ApiError> {
    extract::id(raw, what, RecordId::parse).map(|r| r.to_string())
}
