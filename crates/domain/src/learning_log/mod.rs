//! Practice 3, the Leadership Learning Log: after a training, each participant runs a few planned
//! coaching sessions with their own people inside a window of weeks, picks the Best and the Most
//! Challenging of the sessions held, answers the programme's reflection questions about each, and
//! brings the log to a coach-the-coach session with the facilitator.
//!
//! The rules here need no I/O: a programme's settings ([`programme`]), the question set and the
//! default sixteen questions ([`questions`]), planning and recording sessions inside the window and
//! the cap ([`sessions`]), the two cases ([`cases`]), progress as the cohort view counts it
//! ([`progress`]), skills named in answers ([`skills`]), turning an answer into actions
//! ([`actions`]), and a case study's consent and anonymising ([`case_study`]). Who may read a log
//! is `crate::privacy`'s: the log is a `LearningLogEntry` record, private until its author shares
//! it with the programme's facilitators.

pub mod actions;
pub mod case_study;
pub mod cases;
pub mod programme;
pub mod progress;
pub mod questions;
pub mod resources;
pub mod sessions;
pub mod skills;

pub use cases::{CaseKind, check_cases};
pub use programme::{ProgrammeSettings, Window};
pub use progress::{Progress, ProgressFacts};
pub use questions::{DEFAULT_QUESTIONS, Question, QuestionSet};
pub use skills::Skill;

/// Longest accepted text of each field, in characters.
pub mod limits {
    pub const NAME: usize = 120;
    pub const TRAINING: usize = 200;
    pub const QUESTION: usize = 300;
    pub const RESOURCE_TITLE: usize = 120;
    pub const RESOURCE_BODY: usize = 2_000;
    pub const URL: usize = 500;
    pub const COACHEE_NAME: usize = 120;
    pub const TOPIC: usize = 200;
    pub const GROW: usize = 2_000;
    pub const ANSWER: usize = 4_000;
    pub const NOTE: usize = 4_000;
    pub const PLACE: usize = 300;
    pub const CASE_TITLE: usize = 200;
    pub const CASE_BODY: usize = 20_000;
}
