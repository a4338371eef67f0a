//! Practice 3's storage: learning-log programmes (settings, their own questions, resources,
//! facilitators, invitations), participants' logs (sessions, the two cases, answers, the
//! coach-the-coach session), facilitators' private notes, and case studies. Rows come back as
//! plain columns; the app asks the privacy policy before anything is shown.

mod answers;
mod case_studies;
pub(crate) mod forget;
mod participants;
mod programmes;
mod sessions;

pub use answers::{AnswerRow, SHARED_SKILLS_SQL, SharedSkill};
pub use case_studies::{CaseStudyRow, NewCaseStudy};
pub use participants::{COHORT_SQL, CohortRow, INVITATIONS_SQL, InvitationRow, LogCounts, ParticipantRow};
pub use programmes::{NewProgramme, NewResource, ProgrammeRow, QuestionRow, ResourceRow, SettingsChange};
pub use sessions::{GrowText, NewSession, SessionRow};
