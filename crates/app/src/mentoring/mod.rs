//! Practice 5's use cases: just-in-time mentoring.
//!
//! A leader writes a request (one capability, why now, the horizon) and names two to six experts
//! (three is the method); each expert gets a personal message and their own guest link. Through
//! the link an expert writes three pieces of advice, saves a draft, asks for more time or
//! declines; submitting seals their items. Nothing any expert wrote reaches the leader, or
//! anyone else, until every expert still in the request has answered (`domain::mentoring::seal`):
//! items are `AdviceItem` records whose `sealed` flag is the request's state, and every read asks
//! `privacy::can_read`. Then the insight engine suggests the thread, the leader chooses, writes a
//! SMART goal, turns steps into journal actions, and thanks the experts.
//!
//! Who may do what:
//! - The request is the leader's (`AdviceRequest`); they may show it to their coaches.
//! - An expert's items go to the leader's coaches only when the expert agreed and the leader
//!   shared the request (the item's audience is the request's, or private).
//! - A guest link opens exactly one expert's page of one request (`Viewer::Guest`).

pub mod demo;
mod experts;
mod goal;
mod guest;
pub(crate) mod mail;
mod page;
mod requests;
mod reveal;
mod views;

pub use goal::StepInput;
pub use guest::{AdviceInput, ExpertPage, ItemInput};
pub use requests::{CreateOutcome, RequestInput};
pub use reveal::{HighlightView, RelatedView, Suggestion};
pub use views::{AdviceHome, ExpertAdvice, ExpertLine, ItemView, RequestPage, RequestSummary, Segment, ThreadView};

use crate::error::AppError;
use coachkit_domain::mentoring::{ExpertStatus, RequestStatus};
use coachkit_domain::privacy::{Audience, RecordKind, RecordMeta};
use coachkit_domain::{CapabilityId, RecordId, UserId};
use coachkit_store::mentoring::{ExpertRow, RequestRow};

/// The path of an expert's page; the secret follows.
pub const EXPERT_PATH: &str = "/expert/";

fn status_of(r: &RequestRow) -> RequestStatus {
    RequestStatus::parse(&r.status).unwrap_or(RequestStatus::Draft)
}

fn expert_status(e: &ExpertRow) -> ExpertStatus {
    ExpertStatus::parse(&e.status).unwrap_or(ExpertStatus::Invited)
}

fn request_meta(r: &RequestRow) -> RecordMeta {
    RecordMeta {
        id: RecordId::from_trusted(r.id.clone()),
        kind: RecordKind::AdviceRequest,
        owner: UserId::from_trusted(r.owner_id.clone()),
        audience: Audience::from_parts(&r.audience, r.audience_target.clone()),
        shared_at: coachkit_domain::time::Millis(r.shared_at),
        sealed: false,
        guest_author: None,
        frozen: false,
    }
}

/// An expert's items as the policy sees them: sealed while the request has not opened, written
/// by the expert's link, shown to the leader's coaches only if the expert agreed.
fn items_meta(r: &RequestRow, e: &ExpertRow) -> RecordMeta {
    let audience = if e.share_with_coaches == 1 {
        Audience::from_parts(&r.audience, r.audience_target.clone())
    } else {
        Audience::Private
    };
    RecordMeta {
        id: RecordId::from_trusted(e.id.clone()),
        kind: RecordKind::AdviceItem,
        owner: UserId::from_trusted(r.owner_id.clone()),
        audience,
        shared_at: coachkit_domain::time::Millis(r.shared_at),
        sealed: !status_of(r).is_open(),
        guest_author: e.capability_id.clone().map(CapabilityId::from_trusted),
        frozen: false,
    }
}

fn not_found() -> AppError {
    AppError::NotFound("advice request")
}
