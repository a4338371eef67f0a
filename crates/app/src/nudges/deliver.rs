//! Delivering due nudges as each person chose. Per person: nothing in their quiet hours (held
//! until morning, their time); kinds turned off are skipped; immediate kinds go in a mail of their
//! own; daily kinds (and weekly kinds once a week) are folded into at most one digest a day.
//! Then the experts' reminders, each a mail of its own (`experts`).
//! Every state change is a guarded UPDATE in the same transaction as its outbox row, so even two
//! runs at once mail each nudge once.

use super::mail::{Item, MailContent};
use crate::App;
use crate::error::AppResult;
use coachkit_domain::capability::Purpose;
use coachkit_domain::nudge::{DIGEST_GAP_MS, Delivery, NudgeKind, WEEKLY_GAP_MS, in_quiet_hours};
use coachkit_domain::time::{Millis, Zone};
use coachkit_store::nudges::DueNudge;

/// How long an unsubscribe link in a mail keeps working.
const UNSUBSCRIBE_TTL_MS: i64 = 365 * Millis::DAY;

/// What one delivery pass did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Delivered {
    /// Mails of their own.
    pub immediate: usize,
    /// Digests sent, and the nudges folded into them.
    pub digests: usize,
    pub folded: usize,
    /// Nudges of kinds their person turned off.
    pub skipped: usize,
    /// Nudges (and experts' reminders) waiting for the end of quiet hours.
    pub held: usize,
    /// Reminders mailed to experts, each a mail of its own.
    pub experts: usize,
}

impl App {
    pub(crate) async fn deliver_nudges(&self, now: i64) -> AppResult<Delivered> {
        self.store.void_stale_nudges(now).await?;
        let mut done = Delivered::default();
        let due = self.store.due_nudges(now).await?;
        for person in due.chunk_by(|a, b| a.user_id == b.user_id) {
            self.deliver_to_person(person, now, &mut done).await?;
        }
        self.deliver_expert_reminders(now, &mut done).await?;
        Ok(done)
    }

    async fn deliver_to_person(&self, nudges: &[DueNudge], now: i64, done: &mut Delivered) -> AppResult<()> {
        let Some(first) = nudges.first() else { return Ok(()) };
        let zone = Zone::from_stored(&first.time_zone);
        if in_quiet_hours(Millis(now), &zone) {
            done.held += nudges.len();
            return Ok(());
        }
        let weekly_due = self.store.weekly_due(&first.user_id, now, WEEKLY_GAP_MS).await?;
        let mut digest: Vec<&DueNudge> = Vec::new();
        let mut weekly_folded = false;
        for n in nudges {
            let Some(kind) = NudgeKind::parse(&n.kind) else { continue };
            let delivery = n.delivery.as_deref().and_then(Delivery::parse).unwrap_or(kind.default_delivery());
            match delivery {
                Delivery::Off => done.skipped += usize::from(self.store.skip_nudge(&n.id, now).await?),
                Delivery::Immediate => {
                    if self.mail_one(n, kind, now).await? {
                        done.immediate += 1;
                    }
                }
                Delivery::Daily => digest.push(n),
                Delivery::Weekly if weekly_due => {
                    weekly_folded = true;
                    digest.push(n);
                }
                // Waits for the week to come round.
                Delivery::Weekly => {}
            }
        }
        if digest.is_empty() || !self.store.claim_digest(&first.user_id, now, DIGEST_GAP_MS).await? {
            return Ok(());
        }
        let ids: Vec<String> = digest.iter().map(|n| n.id.clone()).collect();
        let unsubscribe = self.unsubscribe_url(&first.user_id, None).await?;
        let settings = Some(format!("{}/settings/reminders", self.config.base_url));
        let base = self.config.base_url.clone();
        let name = first.display_name.clone();
        let to = first.email.clone();
        let mailed = self
            .store
            .mail_nudges(&ids, "folded", now, |won| {
                let items: Vec<Item> =
                    digest.iter().filter(|n| won.contains(&n.id)).map(|n| Item::of(n, &base)).collect();
                let count = items.len();
                MailContent {
                    greeting: format!("Hello {name},"),
                    intro: if count == 1 {
                        "One thing is waiting for you on coachkit:".into()
                    } else {
                        format!("{count} things are waiting for you on coachkit:")
                    },
                    items,
                    why: "This is your digest: at most one a day, with everything you chose to get this way.".into(),
                    settings_url: settings,
                    unsubscribe_url: unsubscribe,
                    unsubscribe_what: "all reminders".into(),
                }
                .into_mail(to, format!("coachkit: {count} thing{} waiting for you", if count == 1 { "" } else { "s" }))
            })
            .await?;
        if mailed.is_some() {
            done.digests += 1;
            done.folded += ids.len();
            if weekly_folded {
                self.store.mark_weekly_folded(&first.user_id, now).await?;
            }
        }
        Ok(())
    }

    async fn mail_one(&self, n: &DueNudge, kind: NudgeKind, now: i64) -> AppResult<bool> {
        let unsubscribe = self.unsubscribe_url(&n.user_id, Some(kind)).await?;
        let settings = Some(format!("{}/settings/reminders", self.config.base_url));
        let item = Item::of(n, &self.config.base_url);
        let subject = match kind {
            NudgeKind::SessionReminder => "coachkit: your session tomorrow",
            NudgeKind::ActionOverdue => "coachkit: an action past its date",
            NudgeKind::InvitationUnanswered => "coachkit: an invitation still open",
            NudgeKind::RelationshipQuiet => "coachkit: a while since your last session",
            NudgeKind::WindowClosing => "coachkit: your learning log's window closes soon",
            NudgeKind::CardsDue => "coachkit: your challenge card for session one",
            NudgeKind::TeamQuiet => "coachkit: how is your team doing?",
            NudgeKind::ReplyNotice => "coachkit: a new reply",
            NudgeKind::ExpertsSilent => "coachkit: experts still to answer",
        };
        let content = MailContent {
            greeting: format!("Hello {},", n.display_name),
            intro: "A reminder from coachkit:".into(),
            items: vec![item],
            why: format!("You get these as they happen because of your choice for “{}”.", kind.label()),
            settings_url: settings,
            unsubscribe_url: unsubscribe,
            unsubscribe_what: format!("“{}”", kind.label()),
        };
        let mailed = self
            .store
            .mail_nudges(std::slice::from_ref(&n.id), "sent", now, |_| {
                content.into_mail(n.email.clone(), subject.into())
            })
            .await?;
        Ok(mailed.is_some())
    }

    /// A fresh capability link that turns off `kind` (or every kind) for this person.
    async fn unsubscribe_url(&self, user: &str, kind: Option<NudgeKind>) -> AppResult<String> {
        let target = format!("{user}:{}", kind.map_or("all", NudgeKind::as_str));
        let link = self.issue_link(Purpose::Unsubscribe, &target, None, UNSUBSCRIBE_TTL_MS).await?;
        Ok(self.link_url("/unsubscribe/", &link))
    }
}
