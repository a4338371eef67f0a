//! What the pages and the API show of a request. Built by the use cases after the policy has
//! been asked; a view never holds advice the viewer may not read.

use super::reveal::Suggestion;
use crate::journal::ActionView;
use coachkit_domain::mentoring::{ExpertStatus, Placement, RequestStatus, SmartReport};
use serde::Serialize;
use utoipa::ToSchema;

/// The practice's home: my requests, and those my clients shared with me.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AdviceHome {
    pub mine: Vec<RequestSummary>,
    pub shared_with_me: Vec<RequestSummary>,
}

/// One request in a list: never any advice.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RequestSummary {
    pub id: String,
    pub capability: String,
    pub owner_name: String,
    pub status: RequestStatus,
    pub experts: usize,
    pub answered: usize,
    pub created_at: i64,
}

/// An expert as the leader (or a coach the request was shared with) sees them: the status, never
/// a word of advice.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ExpertLine {
    pub id: String,
    pub name: String,
    /// Shown to the leader only.
    pub email: Option<String>,
    pub placement: Placement,
    pub placement_note: Option<String>,
    pub status: ExpertStatus,
    pub status_label: String,
    pub answer_by: i64,
    /// The date passed and they have not answered.
    pub lapsed: bool,
    pub more_time_note: Option<String>,
    pub decline_note: Option<String>,
    /// The personal message (the leader's own words), shown to the leader only.
    pub message: Option<String>,
    pub answered_at: Option<i64>,
}

/// A piece of text, highlighted or not, so a page can mark the shared words without deciding.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Segment {
    pub text: String,
    pub mark: bool,
}

/// One piece of advice, once the seal is open.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ItemView {
    pub id: String,
    pub position: i64,
    pub text: String,
    pub example: Option<String>,
    /// The text cut where the suggested thread's shared words are.
    pub segments: Vec<Segment>,
    pub in_suggestion: bool,
    pub in_choice: bool,
    pub in_runner_up: bool,
    /// Why it is related to the thread, when it is.
    pub related: Option<String>,
}

/// One expert's advice, side by side with the others'.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ExpertAdvice {
    pub expert_id: String,
    pub name: String,
    pub placement: Placement,
    pub items: Vec<ItemView>,
}

/// The thread: what the engine suggested and what the leader chose.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ThreadView {
    pub suggestion: Suggestion,
    /// "suggested", "runner_up" or "manual".
    pub choice: String,
    pub chosen: Vec<String>,
}

/// A request as its leader, or a coach it was shared with, sees it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RequestPage {
    pub id: String,
    pub mine: bool,
    pub owner_name: String,
    pub capability: String,
    pub capability_hints: Vec<String>,
    pub context: String,
    pub horizon_months: i64,
    pub answer_by: i64,
    pub status: RequestStatus,
    pub mix_override: Option<String>,
    /// "private", "relationship:<id>" or "all_my_coaches".
    pub audience: String,
    pub audience_label: String,
    pub experts: Vec<ExpertLine>,
    /// True until every remaining expert has answered.
    pub sealed: bool,
    /// How many have answered, and how many are still awaited (declined included until the
    /// leader replaces them or goes on without them).
    pub answered: usize,
    pub waiting: usize,
    /// The leader may go on with those who answered (at least two did, some have not).
    pub can_go_on: bool,
    /// The advice, by expert: empty while sealed, and without the experts who did not agree to
    /// be shown to a coach.
    pub advice: Vec<ExpertAdvice>,
    /// Experts whose advice this viewer may not read although the seal is open.
    pub withheld: Vec<String>,
    pub thread: Option<ThreadView>,
    pub goal: Option<String>,
    pub goal_report: Option<SmartReport>,
    pub steps: Vec<ActionView>,
    pub thanks: Option<String>,
    pub thanks_sent_at: Option<i64>,
    pub goal_done_at: Option<i64>,
    pub created_at: i64,
}
