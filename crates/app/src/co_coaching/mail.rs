//! The practice's mail, in our own words: the invitation with its link, moved dates, and session two confirmed or cancelled. No message
//! carries a word of anyone's cards, team notes or value.

use crate::App;
use crate::error::AppResult;
use coachkit_store::NewMail;
use coachkit_store::co_coaching::EngagementRow;

fn when(ms: i64) -> String {
    let fmt = time::macros::format_description!("[day padding:none] [month repr:long] [year] at [hour]:[minute] UTC");
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_default()
}

impl App {
    fn engagement_url(&self, e: &EngagementRow) -> String {
        format!("{}/co-coaching/{}", self.config.base_url, e.id)
    }

    /// Everyone who joined, and the facilitator: who hears about the sessions.
    async fn engagement_addresses(&self, e: &EngagementRow) -> AppResult<Vec<String>> {
        let mut to: Vec<String> = self
            .store
            .participants(&e.id)
            .await?
            .into_iter()
            .filter(|p| p.agreed_at.is_some())
            .map(|p| p.email)
            .collect();
        if let Some(f) = self.store.user_by_id(&coachkit_domain::UserId::from_trusted(e.facilitator_id.clone())).await?
        {
            to.push(f.email);
        }
        Ok(to)
    }

    pub(super) async fn mail_invitation(
        &self,
        e: &EngagementRow,
        name: &str,
        email: &str,
        org: &str,
        url: &str,
    ) -> AppResult<()> {
        let first = name.split_whitespace().next().unwrap_or(name);
        let body = format!(
            "Dear {first},\n\n{} is bringing a few people from {} and {} together to work on something both \
             organisations are facing: {}. You have been asked to come as one of the people from {org}.\n\n\
             There are two sessions. The first is on {}; the second four to six weeks later. Before the first, \
             you write one or two short cards about a challenge on your plate: what it is, why it matters to \
             you, and what a good outcome would be.\n\n\
             If you would like to take part, open this link, read the ground rules and say yes. If you have no \
             account here yet, the same page lets you make one:\n{url}\n\nIf not, just let {} know; nothing \
             happens unless you open the link.",
            e.facilitator_name,
            e.org_a_name,
            e.org_b_name,
            e.common_area,
            when(e.session_one_at),
            e.facilitator_name
        );
        self.store
            .enqueue_mail(NewMail {
                to: email,
                subject: &format!("An invitation to co-coaching: {}", e.common_area),
                body: &body,
            })
            .await?;
        Ok(())
    }

    pub(super) async fn mail_dates_moved(&self, e: &EngagementRow) -> AppResult<()> {
        let body = format!(
            "The co-coaching sessions on {} have new dates.\n\nSession one: {}, {}\nSession two: {}, {}\n\n\
             Updated calendar files (they replace the ones you saved before):\n{url}/sessions/1.ics\n{url}/sessions/2.ics",
            e.common_area,
            when(e.session_one_at),
            e.session_one_place,
            when(e.session_two_at),
            e.session_two_place,
            url = self.engagement_url(e)
        );
        for to in self.engagement_addresses(e).await? {
            self.store
                .enqueue_mail(NewMail { to: &to, subject: "Co-coaching: the session dates have moved", body: &body })
                .await?;
        }
        Ok(())
    }

    pub(super) async fn mail_session_two(&self, e: &EngagementRow, cancelled: bool) -> AppResult<()> {
        let url = self.engagement_url(e);
        let (subject, body) = if cancelled {
            (
                "Co-coaching: session two is cancelled".to_owned(),
                format!(
                    "Thank you for the first session on {}. No team formed around a shared challenge this time, \
                     so the second session on {} will not take place.\n\nThis calendar file removes it from your \
                     calendar:\n{url}/sessions/2.ics\n\nYour cards stay where they are, readable by the people who took part.",
                    e.common_area,
                    when(e.session_two_at)
                ),
            )
        } else {
            (
                "Co-coaching: session two is on".to_owned(),
                format!(
                    "Teams formed at the first session on {}. Session two, on {}, is where each team says what \
                     it did and whether it goes on as a co-venture.\n\nYour team's shared space and the calendar \
                     file are on the engagement page:\n{url}",
                    e.common_area,
                    when(e.session_two_at)
                ),
            )
        };
        for to in self.engagement_addresses(e).await? {
            self.store.enqueue_mail(NewMail { to: &to, subject: &subject, body: &body }).await?;
        }
        Ok(())
    }
}
