//! Reminders to the experts of a request for advice (practice 5), found and delivered by the
//! nudges job like every other timed mail. An expert has no account, so their reminders are rows
//! of their own (`expert_reminders`, keyed by roster row, date and step) rather than `nudges`
//! (keyed by a person), and three things are decided here rather than by a person's choices:
//!
//! - When: `domain::mentoring::reminders`, a quarter, half and three quarters of the way from
//!   the moment the date was given to the date, at most three per roster row ever. The occasion
//!   is the date, so more time makes a new timetable and the old one's waiting reminders void.
//! - Never folded into a digest: each reminder is a mail of its own about one request. An
//!   expert's requests come from different leaders, and each mail's one-click link stops the
//!   reminders about its own request only, never another leader's.
//! - Quiet hours in the leader's zone: the expert has none, and the leader, who chose them and
//!   mostly shares their working day, is the best guess we have. A reminder held overnight goes
//!   in the morning, or not at all once the date has passed.

use super::deliver::Delivered;
use super::mail::{Item, MailContent};
use crate::App;
use crate::error::AppResult;
use crate::mentoring::EXPERT_PATH;
use crate::mentoring::mail::{EXPERT_TARGET, date};
use coachkit_domain::capability::Purpose;
use coachkit_domain::mentoring::reminders::{due_step, reminder_times};
use coachkit_domain::nudge::in_quiet_hours;
use coachkit_domain::time::{Millis, Zone};
use coachkit_store::mentoring::DueExpertReminder;
use coachkit_store::now_ms;

/// How long a reminder's unsubscribe link keeps working after the date.
const STOP_LINK_AFTER_DATE_MS: i64 = 30 * Millis::DAY;

impl App {
    /// Records each expert's reminder due at `now` (the latest step reached only); returns how
    /// many were new.
    pub(super) async fn find_expert_reminders(&self, now: i64) -> AppResult<usize> {
        let mut new = 0;
        for x in self.store.experts_to_remind(now).await? {
            let sent_before = usize::try_from(x.sent_before).unwrap_or(usize::MAX);
            let times = reminder_times(x.given_at, x.answer_by, sent_before);
            let Some(step) = due_step(&times, x.answer_by, now) else { continue };
            new += usize::from(self.store.record_expert_reminder(&x.expert_id, x.answer_by, step, now).await?);
        }
        Ok(new)
    }

    /// Mails every due reminder that is still true, each on its own, outside the leader's quiet hours.
    pub(super) async fn deliver_expert_reminders(&self, now: i64, done: &mut Delivered) -> AppResult<()> {
        self.store.void_stale_expert_reminders(now).await?;
        for r in self.store.due_expert_reminders(now).await? {
            if in_quiet_hours(Millis(now), &Zone::from_stored(&r.leader_zone)) {
                done.held += 1;
                continue;
            }
            if self.mail_expert_reminder(&r, now).await? {
                done.experts += 1;
            }
        }
        Ok(())
    }

    async fn mail_expert_reminder(&self, r: &DueExpertReminder, now: i64) -> AppResult<bool> {
        // Fresh links, as the thanks mail does: the secrets of earlier ones are not kept. Any live
        // link of the expert's speaks as them; leaving them out revokes every one.
        let page = self.expert_link(&r.leader_id, &r.expert_id, r.answer_by).await?;
        let ttl = (r.answer_by - now_ms()).max(0) + STOP_LINK_AFTER_DATE_MS;
        let stop = self.issue_link(Purpose::Unsubscribe, &format!("{EXPERT_TARGET}{}", r.expert_id), None, ttl).await?;
        let first = r.expert_name.split_whitespace().next().unwrap_or(&r.expert_name);
        let leader = &r.leader_name;
        let content = MailContent {
            greeting: format!("Dear {first},"),
            intro: format!("A gentle reminder, on {leader}'s behalf:"),
            items: vec![Item {
                line: format!(
                    "{leader} asked for your three pieces of advice on “{}”, by {}. If you have started, your draft is waiting where you left it.",
                    r.capability,
                    date(r.answer_by)
                ),
                url: self.link_url(EXPERT_PATH, &page),
                extra_url: None,
            }],
            why: "If now is not a good time, you can ask for more time or say no on the same page: either is fine, \
                  and either stops these reminders. You will get three at most, and none after the date."
                .into(),
            settings_url: None,
            unsubscribe_url: self.link_url("/unsubscribe/", &stop),
            unsubscribe_what: "reminders about this request".into(),
        };
        let subject = format!("A reminder: {leader}'s request for your advice");
        let mailed =
            self.store.mail_expert_reminder(&r.id, now, || content.into_mail(r.email.clone(), subject)).await?;
        Ok(mailed.is_some())
    }
}
