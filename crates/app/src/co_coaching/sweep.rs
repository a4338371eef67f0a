//! What happens without anyone pressing a button, run hourly by the scheduler (`crate::scheduler`):
//! a session one whose day has passed with the cards open is ended as the facilitator would
//! (teamed, or session two cancelled if no team). A quiet team is a nudge (`crate::nudges`, kind
//! `team_quiet`), found by the nudges job like every other reminder.

use crate::App;
use crate::error::AppResult;
use coachkit_domain::time::Millis;
use coachkit_store::now_ms;

/// Session one is over this long after it began.
const SESSION_ONE_OVER_AFTER: i64 = Millis::DAY;

/// What one sweep did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub ended_session_ones: usize,
}

impl App {
    pub async fn sweep_co_coaching(&self) -> AppResult<Swept> {
        self.sweep_co_coaching_at(now_ms()).await
    }

    /// The sweep as if it were `now` (tests look a week or two ahead).
    pub async fn sweep_co_coaching_at(&self, now: i64) -> AppResult<Swept> {
        let mut swept = Swept::default();
        for id in self.store.overdue_session_ones(now - SESSION_ONE_OVER_AFTER).await? {
            if let Some(stage) = self.store.close_session_one(&id).await?
                && let Some(e) = self.store.engagement(&id).await?
            {
                self.mail_session_two(&e, stage == "cancelled").await?;
                swept.ended_session_ones += 1;
            }
        }
        Ok(swept)
    }
}
