//! The practice's mail, in our own words: the personal request to each expert (drafted here,
//! edited by the leader), the news to the leader that the seal opened, and the thanks. The few
//! polite reminders to experts are the nudges job's (`nudges/experts.rs`). No message ever
//! carries a word of advice.

use crate::error::AppResult;
use crate::{App, IssuedLink};
use coachkit_domain::UserId;
use coachkit_domain::capability::Purpose;
use coachkit_domain::mentoring::LINK_LIFETIME_DAYS;
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

/// A date as the practice's mail writes it: "17 December 2026" (UTC, as the dates are set).
pub(crate) fn date(ms: i64) -> String {
    let fmt = time::macros::format_description!("[day padding:none] [month repr:long] [year]");
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_default()
}

impl App {
    /// A new link for one expert of one request, living until well after the answer date.
    pub(crate) async fn expert_link(&self, leader: &str, expert: &str, answer_by: i64) -> AppResult<IssuedLink> {
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
    fn the_drafted_message_names_the_capability_and_no_seed_words() {
        let m = default_message("Gareth Rees", "delegating work I care about", 12, "Priya");
        assert!(m.starts_with("Dear Gareth,"));
        assert!(m.contains("delegating work I care about") && m.ends_with("Priya"));
    }
}
