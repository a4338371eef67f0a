//! What the practice's pages and API show: plain data, decided here, rendered by the web layer.

use super::window_of;
use coachkit_domain::learning_log::{CaseKind, Progress, Window};
use coachkit_domain::time::Millis;
use coachkit_store::learning_log::{CaseStudyRow, ProgrammeRow, SessionRow};
use serde::Serialize;
use utoipa::ToSchema;

/// How the actor stands in a programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Facilitator,
    Participant,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ProgrammeSummary {
    pub id: String,
    pub name: String,
    pub training: Option<String>,
    pub org_name: Option<String>,
    pub starts_at: i64,
    /// The window's last day (its first moment).
    pub last_day_at: i64,
    pub weeks: i64,
    pub session_cap: i64,
    pub days_left: i64,
    /// "opens in 3 days", "12 days left", "closed".
    pub status: String,
    pub copied_from: Option<String>,
}

impl ProgrammeSummary {
    pub(super) fn of(p: &ProgrammeRow, window: Window, now: Millis) -> Self {
        let days_left = window.days_left(now);
        let status = if now < window.starts_at {
            let days = (window.starts_at.0 - now.0 + Millis::DAY - 1) / Millis::DAY;
            format!("opens in {days} day{}", if days == 1 { "" } else { "s" })
        } else if days_left == 0 {
            "closed".into()
        } else {
            format!("{days_left} day{} left", if days_left == 1 { "" } else { "s" })
        };
        Self {
            id: p.id.clone(),
            name: p.name.clone(),
            training: p.training.clone(),
            org_name: p.org_name.clone(),
            starts_at: p.starts_at,
            last_day_at: window.ends_at().0 - Millis::DAY,
            weeks: p.weeks,
            session_cap: p.session_cap,
            days_left,
            status,
            copied_from: p.copied_from.clone(),
        }
    }

    pub(super) fn now(p: &ProgrammeRow) -> Self {
        Self::of(p, window_of(p), Millis(coachkit_store::now_ms()))
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct LearningLogHome {
    pub facilitating: Vec<ProgrammeSummary>,
    pub taking_part: Vec<ProgrammeSummary>,
    pub case_studies: Vec<CaseStudyLine>,
    /// Case studies about me waiting for my consent.
    pub to_consent: Vec<CaseStudyLine>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = LearningLogQuestionView)]
pub struct QuestionView {
    pub position: i64,
    pub key: String,
    pub prompt: String,
    /// Its answer can become journal actions.
    pub makes_actions: bool,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ResourceView {
    pub title: String,
    pub body: Option<String>,
    pub url: Option<String>,
    pub from_toolkit: bool,
}

#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct GrowView {
    pub goal: Option<String>,
    pub reality: Option<String>,
    pub options: Option<String>,
    pub way_forward: Option<String>,
}

impl GrowView {
    pub fn is_empty(&self) -> bool {
        self.goal.is_none() && self.reality.is_none() && self.options.is_none() && self.way_forward.is_none()
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(as = LearningLogSessionView)]
pub struct SessionView {
    pub id: String,
    pub coachee_name: String,
    /// The coachee has an account and the session sits in that relationship.
    pub coachee_on_coachkit: bool,
    pub held_on: i64,
    pub topic: String,
    pub held: bool,
    pub plan: GrowView,
    pub notes: GrowView,
    /// "best", "hardest" or none.
    pub case: Option<String>,
}

impl SessionView {
    pub(super) fn of(s: SessionRow, best: Option<&str>, hardest: Option<&str>) -> Self {
        let case = if best == Some(s.id.as_str()) {
            Some(CaseKind::Best.as_str().to_owned())
        } else if hardest == Some(s.id.as_str()) {
            Some(CaseKind::Hardest.as_str().to_owned())
        } else {
            None
        };
        Self {
            coachee_on_coachkit: s.relationship_id.is_some(),
            held: s.state == "held",
            plan: GrowView {
                goal: s.plan_goal,
                reality: s.plan_reality,
                options: s.plan_options,
                way_forward: s.plan_way_forward,
            },
            notes: GrowView {
                goal: s.notes_goal,
                reality: s.notes_reality,
                options: s.notes_options,
                way_forward: s.notes_way_forward,
            },
            case,
            id: s.id,
            coachee_name: s.coachee_name,
            held_on: s.held_on,
            topic: s.topic,
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AnswerView {
    pub text: String,
    pub skill: Option<String>,
    pub skill_label: Option<String>,
}

/// One question with its two answers, side by side.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AnswerPair {
    pub question: QuestionView,
    pub best: Option<AnswerView>,
    pub hardest: Option<AnswerView>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SkillCount {
    pub skill: String,
    pub label: String,
    pub count: usize,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CoachSession {
    pub at: i64,
    pub place: Option<String>,
    /// The participant's answer to what they want to bring to it.
    pub agenda: Vec<String>,
}

/// A participant's log: the whole of it, for its author; the pack, for a facilitator it was shared with.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct LogPage {
    pub programme: ProgrammeSummary,
    pub role: Role,
    pub participant_id: String,
    pub participant_name: String,
    pub facilitators: Vec<String>,
    pub questions: Vec<QuestionView>,
    pub resources: Vec<ResourceView>,
    pub sessions: Vec<SessionView>,
    pub best_session_id: Option<String>,
    pub hardest_session_id: Option<String>,
    pub answers: Vec<AnswerPair>,
    pub answered: i64,
    pub answers_expected: i64,
    /// Shared with the programme's facilitators.
    pub shared: bool,
    pub coach_session: Option<CoachSession>,
    /// Skills tagged across this person's cases in every programme (for its author only).
    pub skills: Vec<SkillCount>,
    /// People the participant coaches on coachkit, as (relationship id, name): who a session can be with.
    pub coachees: Vec<(String, String)>,
    /// The facilitator's own notes on this log (for a facilitator only).
    pub my_note: Option<String>,
    /// Sessions can still be added: under the cap.
    pub can_plan: bool,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InvitationView {
    pub email: Option<String>,
    pub created_at: i64,
    pub accepted_by: Option<String>,
}

/// One participant in the cohort view: counts and dates, never what they wrote.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CohortLine {
    pub user_id: String,
    pub name: String,
    pub planned: i64,
    pub held: i64,
    pub held_in_window: i64,
    pub cases_chosen: i64,
    pub answered: i64,
    pub answers_expected: i64,
    pub coach_session_at: Option<i64>,
    pub last_active_at: i64,
    pub quiet: bool,
    pub ready: bool,
    /// The participant shared their pack with the facilitators (it can be opened).
    pub shared: bool,
}

impl CohortLine {
    pub(super) fn of(r: &coachkit_store::learning_log::CohortRow, p: &Progress, shared: bool) -> Self {
        Self {
            user_id: r.user_id.clone(),
            name: r.display_name.clone(),
            planned: p.planned,
            held: p.held,
            held_in_window: p.held_in_window,
            cases_chosen: p.cases_chosen,
            answered: p.answered,
            answers_expected: p.answers_expected,
            coach_session_at: r.counts.coach_session_at,
            last_active_at: r.counts.last_active_at,
            quiet: p.quiet,
            ready: p.ready,
            shared,
        }
    }
}

/// The facilitator's view of a programme.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CohortPage {
    pub programme: ProgrammeSummary,
    pub facilitators: Vec<String>,
    pub questions: Vec<QuestionView>,
    /// Questions can still be edited: nobody has answered yet.
    pub questions_editable: bool,
    pub resources: Vec<ResourceView>,
    pub participants: Vec<CohortLine>,
    pub invitations: Vec<InvitationView>,
    /// Skills counted across the logs shared with the facilitators only.
    pub skills: Vec<SkillCount>,
    pub shared_logs: usize,
    pub quiet: usize,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CaseStudyLine {
    pub id: String,
    pub title: String,
    pub author_name: String,
    /// "draft", "waiting for your coachee", "ready to publish", "published".
    pub state: String,
    pub published: bool,
}

impl CaseStudyLine {
    pub(super) fn of(c: CaseStudyRow) -> Self {
        let state = if c.published_at.is_some() {
            "published"
        } else if c.author_consent_at.is_none() {
            "draft"
        } else if c.audience == "relationship" && c.coachee_consent_at.is_none() {
            "waiting for the coachee's consent"
        } else {
            "ready to publish"
        };
        Self {
            id: c.id,
            title: c.title,
            author_name: c.author_name,
            state: state.into(),
            published: c.published_at.is_some(),
        }
    }
}

/// A case study, for its author (with what it needs next), its coachee, or the public.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CaseStudyPage {
    pub id: String,
    pub programme_id: String,
    pub programme_name: String,
    pub title: String,
    pub body: String,
    pub author_name: String,
    pub case_kind: String,
    pub coachee_alias: Option<String>,
    pub state: String,
    pub published: bool,
    pub published_at: Option<i64>,
    pub mine: bool,
    /// The coachee has an account and must agree too.
    pub needs_coachee: bool,
    pub coachee_consented: bool,
    pub author_consented: bool,
    /// The viewer is the coachee being asked to consent.
    pub asks_me: bool,
    pub updated_at: i64,
    /// What still stands in the way of publishing, for its author.
    pub blockers: Vec<String>,
}

/// What someone holding an invitation link sees before joining.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct JoinPreview {
    pub programme: ProgrammeSummary,
    pub facilitators: Vec<String>,
    pub already_in: bool,
}
