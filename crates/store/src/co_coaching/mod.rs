//! Practice 4's storage: engagements between two organisations, their participants, challenge
//! cards, teams (and rejected pairs), each team's shared space, and each side's value records.
//! Rows come back as plain columns; the app asks the privacy policy about every row before
//! anything is shown. Every change of state is one guarded UPDATE.

mod cards;
mod engagements;
pub(crate) mod forget;
mod participants;
mod space;
mod teams;
mod values;

pub use cards::CardRow;
pub use engagements::{EngagementRow, NewEngagement, SessionChange};
pub use participants::ParticipantRow;
pub use space::{NewTeamItem, TeamItemRow};
pub use teams::{TeamOutcome, TeamRow};
pub use values::{NewValue, ValueRow};
