//! Practice 5, just-in-time mentoring: a leader names one capability, asks two to six experts
//! (three is the method) for three pieces of advice each, and reads nothing until every expert
//! still in the request has answered. Then the thread through the advice, a SMART goal, an
//! action plan, and thanks.
//!
//! The rules here need no I/O: what a request and its roster must satisfy ([`roster`]), when the
//! seal opens ([`seal`]), hints on a vague capability ([`capability_hint`]), the SMART checker
//! ([`smart`]) and when an expert is reminded ([`reminders`]). Who may read what is
//! `crate::privacy`'s: advice items are `AdviceItem` records, sealed until [`seal::seal_state`]
//! says otherwise.

pub mod capability_hint;
pub mod reminders;
pub mod roster;
pub mod seal;
pub mod smart;
mod words;

pub use roster::{ExpertDraft, ExpertStatus, Placement, RawExpert, RosterCheck, check_roster, infer_placement};
pub use seal::{SealState, seal_state};
pub use smart::{Criterion, Finding, SmartReport, check_goal};

/// Longest accepted text of each field, in characters.
pub mod limits {
    pub const CAPABILITY: usize = 200;
    pub const CONTEXT: usize = 3_000;
    pub const NAME: usize = 120;
    pub const MESSAGE: usize = 4_000;
    pub const ADVICE: usize = 2_000;
    pub const EXAMPLE: usize = 2_000;
    pub const NOTE: usize = 1_000;
    pub const GOAL: usize = 1_000;
    pub const THANKS: usize = 4_000;
    pub const OVERRIDE_REASON: usize = 500;
}

/// Every expert is asked for this many pieces of advice.
pub const ITEMS_PER_EXPERT: usize = 3;
/// The horizon the capability is about, in months (the method's "next 6 to 12 months").
pub const HORIZON_MONTHS: (i64, i64) = (6, 12);
/// How long an expert's link lives beyond the answer date: time to read their sealed items and
/// the leader's thanks later.
pub const LINK_LIFETIME_DAYS: i64 = 180;
/// At most this many reminders per expert, spaced over the time to the answer date.
pub const MAX_REMINDERS: usize = 3;

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Written, experts named, messages not yet sent.
    Draft,
    /// Sent: experts are answering; the advice is sealed.
    Collecting,
    /// Every remaining expert answered: the advice, the thread and the goal are open to the leader.
    Open,
    /// The leader marked the goal done.
    Done,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Collecting => "collecting",
            Self::Open => "open",
            Self::Done => "done",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "draft" => Self::Draft,
            "collecting" => Self::Collecting,
            "open" => Self::Open,
            "done" => Self::Done,
            _ => return None,
        })
    }
    /// The advice can be read (by its owner, and by whom the policy allows) from now on.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::Done)
    }
}
