//! Nudges against going quiet. The scheduler's `nudges` job calls [`App::run_nudges_at`]: it
//! finds what has gone quiet (`find`), then delivers what is due as each person chose (`deliver`):
//! a mail of its own, the one daily digest, a weekly digest, or nothing; never in the person's
//! quiet hours. Mail is written once as content and rendered as text and HTML (`mail`).
//! People choose per kind and set their time zone here too (`preferences`). The experts of a
//! request for advice, who have no account, get their reminders through the same run (`experts`).

mod deliver;
mod experts;
mod find;
mod find_practices;
mod mail;
mod notices;
mod preferences;

pub use deliver::Delivered;
pub use preferences::{NudgeChoice, Unsubscribed};

use crate::App;
use crate::error::AppResult;

/// What one run of the nudges job did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct NudgeRun {
    /// Nudges (and experts' reminders) found for the first time.
    pub found: usize,
    pub delivered: Delivered,
}

impl App {
    /// Finds and delivers nudges as if it were `now` (tests move `now`; the scheduler passes the clock).
    pub async fn run_nudges_at(&self, now: i64) -> AppResult<NudgeRun> {
        let found = self.find_nudges(now).await?;
        let delivered = self.deliver_nudges(now).await?;
        Ok(NudgeRun { found, delivered })
    }
}
