//! What happens without anyone pressing a button, run hourly by the scheduler (`crate::scheduler`): a team
//! quiet for a week gets one nudge a week by mail, and a session one whose day has passed with the
//! cards open is ended as the facilitator would (teamed, or session two cancelled if no team).

use super::space::QUIET_AFTER;
use crate::App;
use crate::error::AppResult;
use coachkit_domain::time::Millis;
use coachkit_store::{NewMail, now_ms};

/// Session one is over this long after it began.
const SESSION_ONE_OVER_AFTER: i64 = Millis::DAY;

/// What one sweep did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub nudged_teams: usize,
    pub ended_session_ones: usize,
}

impl App {
    pub async fn sweep_co_coaching(&self) -> AppResult<Swept> {
        self.sweep_co_coaching_at(now_ms()).await
    }

    /// The sweep as if it were `now` (tests look a week or two ahead).
    pub async fn sweep_co_coaching_at(&self, now: i64) -> AppResult<Swept> {
        let mut swept = Swept::default();
        let cutoff = now - QUIET_AFTER;
        for t in self.store.quiet_teams(cutoff, now).await? {
            // The guarded UPDATE makes two instances' sweeps nudge a team once.
            if !self.store.mark_team_nudged(&t.team_id, now, cutoff).await? {
                continue;
            }
            let body = format!(
                "Nothing new has gone into your team's space for a week. What moved, even a little? A short \
                 check-in helps everyone, the facilitator included, see where you are before session two.\n\n\
                 {}/co-coaching/{}/teams/{}",
                self.config.base_url, t.engagement_id, t.team_id
            );
            let subject = format!("Co-coaching: how is your team doing? ({})", t.common_area);
            for to in self.store.team_addresses(&t.team_id).await? {
                self.store.enqueue_mail(NewMail { to: &to, subject: &subject, body: &body }).await?;
            }
            swept.nudged_teams += 1;
        }
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
