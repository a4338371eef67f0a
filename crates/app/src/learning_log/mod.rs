//! Practice 3's use cases: the Leadership Learning Log programme.
//!
//! A facilitator sets up a programme after a training (the window of weeks, the cap on sessions,
//! the programme's own copy of the questions, resources from the toolkit) and invites people, who
//! join with an account. Each participant plans and records coaching sessions with their own
//! people, chooses the Best and the Most Challenging, answers the questions about each, turns
//! answers into journal actions, and brings the pack to a coach-the-coach session. A participant
//! can start the same programme for their own team.
//!
//! Who may do what:
//! - A log is its author's `LearningLogEntry`: private until they share it with the programme's
//!   facilitators (`ProgrammeFacilitators`), and un-shareable again. Every read asks `can_read`.
//! - The cohort view (counts and dates, never text) is for the programme's facilitators only
//!   (`privacy::can_run_programme`), as are settings, invitations and bookings.
//! - A facilitator's notes on a log are theirs alone (`CoachNote`, private).
//! - A case study is its author's (`CaseStudy`): shown to the coachee for consent through the
//!   relationship, public only once both agreed.

mod case_studies;
mod cohort;
pub(crate) use cohort::progress_facts;
pub mod demo;
mod invitations;
mod log;
mod programmes;
mod views;

pub use case_studies::CaseStudyInput;
pub use log::{AnswerInput, SessionInput};
pub use programmes::{ProgrammeInput, QuestionInput, ResourceInput};
pub use views::*;

use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::learning_log::Window;
use coachkit_domain::privacy::{self, Audience, RecordKind, RecordMeta, Viewer};
use coachkit_domain::time::Millis;
use coachkit_domain::{ProgrammeId, RecordId, UserId};
use coachkit_store::learning_log::{ParticipantRow, ProgrammeRow};

/// The path of a programme's invitation link; the secret follows.
pub const JOIN_PATH: &str = "/learning-log/join/";

fn window_of(p: &ProgrammeRow) -> Window {
    Window { starts_at: Millis(p.starts_at), weeks: p.weeks }
}

fn programme_id(p: &ProgrammeRow) -> ProgrammeId {
    ProgrammeId::from_trusted(p.id.clone())
}

/// A participant's log as the policy sees it.
fn log_meta(m: &ParticipantRow) -> RecordMeta {
    RecordMeta {
        id: RecordId::from_trusted(format!("{}:{}", m.programme_id, m.user_id)),
        ..RecordMeta::owned(
            RecordKind::LearningLogEntry,
            UserId::from_trusted(m.user_id.clone()),
            Audience::from_parts(&m.audience, m.audience_target.clone()),
            Millis(m.shared_at),
        )
    }
}

fn not_found() -> AppError {
    AppError::NotFound("programme")
}

impl App {
    /// The programme, if it exists and the actor facilitates it or takes part in it; otherwise
    /// the same "not found" (someone else's programme is not confirmed to exist).
    async fn visible_programme(&self, actor: &Actor, id: &str) -> AppResult<(ProgrammeRow, Viewer, Role)> {
        let p = self.store.ll_programme(id).await?.ok_or_else(not_found)?;
        let viewer = self.viewer(actor).await?;
        let pid = programme_id(&p);
        let role = match &viewer {
            v if privacy::can_run_programme(v, &pid) => Role::Facilitator,
            Viewer::Member(m) if m.programmes.contains(&pid) => Role::Participant,
            _ => return Err(not_found()),
        };
        Ok((p, viewer, role))
    }

    /// The programme, for one of its facilitators only.
    async fn run_programme(&self, actor: &Actor, id: &str) -> AppResult<(ProgrammeRow, Viewer)> {
        match self.visible_programme(actor, id).await? {
            (p, v, Role::Facilitator) => Ok((p, v)),
            _ => Err(AppError::Forbidden("only the programme's facilitators can do that")),
        }
    }

    /// The actor's own log in the programme (they must take part in it).
    async fn own_log(&self, actor: &Actor, id: &str) -> AppResult<(ProgrammeRow, ParticipantRow)> {
        let p = self.store.ll_programme(id).await?.ok_or_else(not_found)?;
        let m = self.store.ll_participant(&p.id, &actor.user.id).await?.ok_or_else(not_found)?;
        Ok((p, m))
    }
}
