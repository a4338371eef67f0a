//! The import plan: an export file after parsing, every field of the type it will be stored as and
//! every reference known to resolve. Ids are the file's own, borrowed from the document.

use coachkit_domain::journal::{ActionStatus, Grow, QuestionStatus, SessionStatus, ThemeName};
use coachkit_domain::relationship::RelationshipKind;
use coachkit_store::journal::Stamps;

/// Who an imported record is shown to, as the file said; the partner is a file id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Target<'a> {
    Private,
    Partner(&'a str),
    AllMyCoaches,
    Public,
}

pub(super) struct PartnerPlan<'a> {
    pub id: &'a str,
    pub name: String,
    pub email: String,
    pub kind: RelationshipKind,
    pub leader_side: bool,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
}

pub(super) struct SessionPlan<'a> {
    pub id: &'a str,
    pub partner: &'a str,
    pub leader_side: bool,
    pub starts_at: i64,
    pub duration_minutes: i64,
    pub status: SessionStatus,
    pub agenda: Option<String>,
    pub grow: Grow,
    pub themes: Vec<ThemeName>,
    pub detail: Option<String>,
    pub stamps: Stamps,
}

pub(super) struct ReflectionPlan<'a> {
    pub id: &'a str,
    pub title: Option<String>,
    pub body: String,
    pub audience: Target<'a>,
    pub themes: Vec<ThemeName>,
    pub session: Option<&'a str>,
    pub partner: Option<&'a str>,
    pub stamps: Stamps,
}

pub(super) struct KillerPlan<'a> {
    pub id: &'a str,
    pub text: String,
    pub partner: &'a str,
    pub session: Option<&'a str>,
    pub created_at: i64,
}

pub(super) struct ActionPlan<'a> {
    pub id: &'a str,
    pub text: String,
    pub status: ActionStatus,
    pub audience: Target<'a>,
    /// Assigned to the person themselves (else to the partner, or nobody).
    pub to_me: bool,
    pub due: Option<i64>,
    pub partner: Option<&'a str>,
    pub session: Option<&'a str>,
    pub reflection: Option<&'a str>,
    pub stamps: Stamps,
}

pub(super) struct QuestionPlan<'a> {
    pub id: &'a str,
    pub text: String,
    pub status: QuestionStatus,
    pub audience: Target<'a>,
    pub progress: Vec<&'a str>,
    pub stamps: Stamps,
}

pub(super) struct PositionPlan<'a> {
    pub id: &'a str,
    pub statement: String,
    pub explanation: Option<String>,
    pub listed: bool,
    pub themes: Vec<ThemeName>,
    pub evidence: Vec<&'a str>,
    pub updated_at: i64,
}

pub(super) struct PagePositionPlan<'a> {
    pub statement: String,
    pub explanation: Option<String>,
    pub themes: Vec<String>,
    pub evidence: Vec<&'a str>,
}

pub(super) struct VersionPlan<'a> {
    pub version: i64,
    pub published_at: i64,
    pub note: Option<String>,
    pub positions: Vec<PagePositionPlan<'a>>,
}

pub(super) struct ToolkitPlan<'a> {
    pub id: &'a str,
    pub text: String,
    pub created_at: i64,
}

/// Everything the file holds, parsed, with every reference known to resolve.
pub(super) struct Plan<'a> {
    pub person_id: &'a str,
    pub themes: Vec<ThemeName>,
    pub partners: Vec<PartnerPlan<'a>>,
    pub sessions: Vec<SessionPlan<'a>>,
    pub reflections: Vec<ReflectionPlan<'a>>,
    pub killer_questions: Vec<KillerPlan<'a>>,
    pub actions: Vec<ActionPlan<'a>>,
    pub questions: Vec<QuestionPlan<'a>>,
    pub positions: Vec<PositionPlan<'a>>,
    pub versions: Vec<VersionPlan<'a>>,
    pub toolkit: Vec<ToolkitPlan<'a>>,
}
