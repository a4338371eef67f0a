//! Practice 5's storage: advice requests, their experts, the experts' advice items, the
//! experts' reminders (found and sent by the nudges job), and the action plan's steps. Rows come
//! back as plain columns; the app decides the seal and asks the privacy policy about every row
//! before anything is shown.

mod experts;
pub(crate) mod forget;
mod items;
mod reminders;
mod requests;

pub use experts::{ExpertRow, NewExpert};
pub use items::{ItemRow, ItemText};
pub use reminders::{AwaitedExpert, DueExpertReminder, ExpertReminderRow};
pub use requests::{NewRequest, RequestRow};
