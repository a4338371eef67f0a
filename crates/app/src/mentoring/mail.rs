//! The practice's mail, in our own words: the personal request to each expert (drafted here,
//! edited by the leader), a few polite reminders, the news to the leader that the seal opened,
//! and the thanks. No message ever carries a word of advice.

use crate::error::AppResult;
use crate::{App, IssuedLink};
use coachkit_domain::UserId;
use coachkit_domain::capability::Purpose;
use coachkit_domain::mentoring::{LINK_LIFETIME_DAYS, MAX_REMINDERS};
use coachkit_domain::time::Millis;
use coachkit_store::mentoring::{ExpertRow, RequestRow};
use coachkit_store::{NewMail, now_ms};

/// An unsubscribe link's target for one expert's reminders: "expert:<roster id>".
pub(crate) const EXPERT_TARGET: &str = "expert:";

/// The message drafted for one expert; the leader edits it before it goes.
pub(super) fn default_message(expert: &str, capability: &str, horizon_months: i64, leader: &str) -> String {
    let first = expert.split_whitespace().next().unwrap_or(expert);
    // "Running a workshop" reads as "...one thing: running a workshop" mid-sentence; an acronym
    // or a name ("GROW", "Excel") keeps its capital.
    let mut chars = capability.chars();
    let capability = match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(capability.chars().skip(1)).collect()
        }
        _ => capability.to_owned(),
    };
    format!(
        "Dear {first},\n\n\
         Over the next {horizon_months} months I want to get much better at one thing: {capability}. \
         When I asked myself who does this better than anyone I know, you were one of the first people \
         I thought of.\n\n\
         Would you give me three pieces of advice: the three things you would suggest I do that would \
         make the biggest difference to it? Short is fine, and so is an example from your own work. If \
         you would rather think it over for a week, that is fine too.\n\n\
         Thank you,\n{leader}"
    )
}

fn date(ms: i64) -> String {
    let fmt = time::macros::format_description!("[day padding:none] [month repr:long] [year]");
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_default()
}

/// When the reminders go: spread over the time to the answer date (a quarter, half and three
/// quarters of the way), none within a day of another or of now, none after the date.
pub(super) fn reminder_times(now: i64, answer_by: i64, already_sent: usize) -> Vec<i64> {
    let span = answer_by - now;
    let mut out: Vec<i64> = vec![];
    for k in 1..=3 {
        let at = now + span * k / 4;
        let clear_of_last = out.last().is_none_or(|last| at - last >= Millis::DAY);
        if at - now >= Millis::DAY && at < answer_by && clear_of_last {
            out.push(at);
        }
    }
    out.truncate(MAX_REMINDERS.saturating_sub(already_sent));
    out
}

impl App {
    /// A new link for one expert of one request, living until well after the answer date.
    pub(super) async fn expert_link(&self, leader: &str, expert: &str, answer_by: i64) -> AppResult<IssuedLink> {
        let ttl = (answer_by - now_ms()).max(0) + LINK_LIFETIME_DAYS * Millis::DAY;
        self.issue_link(Purpose::ExpertAdvice, expert, Some(&UserId::from_trusted(leader.to_owned())), ttl).await
    }

    pub(super) async fn mail_expert_invitation(
        &self,
        r: &RequestRow,
        e: &ExpertRow,
        message: &str,
        url: &str,
    ) -> AppResult<()> {
        let body = format!(
            "{message}\n\n\
             ----\n\
             What {leader} is working on: {capability}\n\n\
             Why now: {context}\n\n\
             Your page for this request: {url}\n\
             There you can write your three pieces of advice, save them and come back later, ask for \
             more time, or say no. Nobody (not {leader}, not the other people asked) sees what you \
             write until everyone asked has answered, and nobody but {leader} sees it then. No account \
             is needed. The link is yours alone: please do not pass it on.\n\n\
             {leader} asked for your answer by {by}.\n",
            leader = r.owner_name,
            capability = r.capability,
            context = r.context,
            by = date(e.answer_by.max(r.answer_by)),
        );
        let subject = format!("{} would value three pieces of your advice", r.owner_name);
        self.store.enqueue_mail(NewMail { to: &e.email, subject: &subject, body: &body }).await?;
        Ok(())
    }

    /// Queues the expert's reminders (at most three over the whole request, counting those
    /// already sent) after cancelling any still waiting.
    pub(super) async fn schedule_expert_reminders(
        &self,
        r: &RequestRow,
        expert: &str,
        name: &str,
        email: &str,
        answer_by: i64,
        url: &str,
    ) -> AppResult<()> {
        self.store.cancel_advice_reminders(expert).await?;
        if self.store.advice_reminders_stopped(expert).await? {
            return Ok(());
        }
        let sent = usize::try_from(self.store.advice_reminders_count(expert).await?).unwrap_or(usize::MAX);
        let first = name.split_whitespace().next().unwrap_or(name);
        let times = reminder_times(now_ms(), answer_by, sent);
        if times.is_empty() {
            return Ok(());
        }
        // One link for this expert's reminders about this request (not their other requests:
        // another leader's request is not this mail's to silence). It outlives the answer-by date.
        let ttl = (answer_by - now_ms()).max(0) + 30 * Millis::DAY;
        let target = format!("{EXPERT_TARGET}{expert}");
        let stop = self.issue_link(Purpose::Unsubscribe, &target, None, ttl).await?;
        let stop_url = self.link_url("/unsubscribe/", &stop);
        for at in times {
            let body = format!(
                "Dear {first},\n\n\
                 A gentle reminder: {leader} asked for your three pieces of advice on \"{capability}\", \
                 by {by}. If you have started, your draft is waiting where you left it: {url}\n\n\
                 If now is not a good time, you can ask for more time or say no on the same page; \
                 either is fine, and it stops these reminders.\n\n\
                 With thanks from coachkit, on {leader}'s behalf\n\n\
                 To get no more reminders about this request, with one click: {stop_url}",
                leader = r.owner_name,
                capability = r.capability,
                by = date(answer_by),
            );
            let subject = format!("A reminder: {}'s request for your advice", r.owner_name);
            let mail = self
                .store
                .enqueue_unsubscribable_mail_at(NewMail { to: email, subject: &subject, body: &body }, &stop_url, at)
                .await?;
            self.store.add_advice_reminder(expert, mail.as_str(), at).await?;
        }
        Ok(())
    }

    /// Tells the leader the seal opened: no advice in the message, only where to read it.
    pub(super) async fn mail_leader_opened(&self, r: &RequestRow) -> AppResult<()> {
        let Some(leader) = self.store.user_by_id(&UserId::from_trusted(r.owner_id.clone())).await? else {
            return Ok(());
        };
        let body = format!(
            "Everyone you asked about \"{capability}\" has answered.\n\n\
             Their advice is waiting for you, side by side, with the thread the engine found through it: \
             {base}/advice/{id}\n",
            capability = r.capability,
            base = self.config.base_url,
            id = r.id,
        );
        self.store
            .enqueue_mail(NewMail { to: &leader.email, subject: "All your experts have answered", body: &body })
            .await?;
        Ok(())
    }

    /// The leader's thanks and what came of it, to one expert, with their link to read it again.
    pub(super) async fn mail_thanks(&self, r: &RequestRow, e: &ExpertRow, thanks: &str, url: &str) -> AppResult<()> {
        let first = e.name.split_whitespace().next().unwrap_or(&e.name);
        let body = format!(
            "Dear {first},\n\n{thanks}\n\n----\nYou can read this again, beside the advice you gave, on your page: {url}\n"
        );
        let subject = format!("Thank you, from {}", r.owner_name);
        self.store.enqueue_mail(NewMail { to: &e.email, subject: &subject, body: &body }).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_three_reminders_spaced_before_the_date() {
        let now = 1_000 * Millis::DAY;
        let two_weeks = reminder_times(now, now + 14 * Millis::DAY, 0);
        assert_eq!(two_weeks, vec![now + 14 * Millis::DAY / 4, now + 7 * Millis::DAY, now + 42 * Millis::DAY / 4]);
        assert!(reminder_times(now, now + Millis::DAY / 2, 0).is_empty(), "none when the date is too near");
        assert_eq!(reminder_times(now, now + 14 * Millis::DAY, 2).len(), 1, "three in all, counting those sent");
        assert!(reminder_times(now, now + 14 * Millis::DAY, 3).is_empty());
        let three_days = reminder_times(now, now + 3 * Millis::DAY, 0);
        assert!(three_days.windows(2).all(|w| w[1] - w[0] >= Millis::DAY), "{three_days:?}");
        assert!(three_days.iter().all(|t| *t < now + 3 * Millis::DAY));
    }

    #[test]
    fn the_drafted_message_names_the_capability_and_no_seed_words() {
        let m = default_message("Gareth Rees", "delegating work I care about", 12, "Priya");
        assert!(m.starts_with("Dear Gareth,"));
        assert!(m.contains("delegating work I care about") && m.ends_with("Priya"));
    }
}
