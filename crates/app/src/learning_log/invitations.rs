//! Inviting people into a programme (by e-mail, or a link handed out by hand) and joining it.

use super::views::{JoinPreview, ProgrammeSummary};
use super::{JOIN_PATH, not_found};
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::RecordId;
use coachkit_domain::account::Email;
use coachkit_domain::capability::Purpose;
use coachkit_domain::text::FieldError;
use coachkit_domain::time::Millis;
use coachkit_store::NewMail;

/// How long an invitation link lives: long enough for a programme that starts months later.
const INVITATION_DAYS: i64 = 120;
/// The most addresses one invitation form takes.
const MAX_INVITES: usize = 200;

impl App {
    /// Invites each address (one per line, or separated by commas) with their own link, mailed
    /// through the outbox. Every address is checked first: one bad address invites nobody.
    pub async fn invite_to_ll_programme(&self, actor: &Actor, id: &str, emails: &str, note: &str) -> AppResult<usize> {
        let (p, _) = self.run_programme(actor, id).await?;
        let raw: Vec<&str> = Email::pieces(emails).collect();
        if raw.is_empty() {
            return Err(AppError::field("emails", "must name at least one address"));
        }
        if raw.len() > MAX_INVITES {
            return Err(AppError::field("emails", format!("are too many at once (at most {MAX_INVITES})")));
        }
        let mut errors = vec![];
        let mut addresses = vec![];
        for e in raw {
            match Email::parse(e) {
                Ok(a) if !addresses.contains(&a.as_str().to_owned()) => addresses.push(a.as_str().to_owned()),
                Ok(_) => {}
                Err(_) => {
                    errors.push(FieldError::new("emails", format!("contain \"{e}\", which is not an e-mail address")))
                }
            }
        }
        let note =
            coachkit_domain::text::optional_bounded("note", note, 2_000).map_err(|e| errors.push(e)).ok().flatten();
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        for address in &addresses {
            let url = self.new_ll_invitation(actor, &p.id, Some(address)).await?;
            let body = format!(
                "{who} invites you to \"{name}\", a learning-log programme{training}.\n\n{note}\
                 Over {weeks} weeks you plan and hold up to {cap} coaching sessions with people you lead, \
                 then reflect on the best one and the hardest one, and bring what you learned to a \
                 coach-the-coach session. What you write stays yours unless you choose to share it.\n\n\
                 Join with your coachkit account (or make one): {url}\n",
                who = actor.user.display_name,
                name = p.name,
                training = p.training.as_deref().map(|t| format!(" after {t}")).unwrap_or_default(),
                note = note.as_deref().map(|n| format!("{n}\n\n")).unwrap_or_default(),
                weeks = p.weeks,
                cap = p.session_cap,
            );
            let subject = format!("An invitation to {}", p.name);
            self.store.enqueue_mail(NewMail { to: address, subject: &subject, body: &body }).await?;
        }
        Ok(addresses.len())
    }

    /// A fresh link to hand out by hand (in the training room, in a chat): anyone holding it can join.
    pub async fn ll_invitation_link(&self, actor: &Actor, id: &str) -> AppResult<String> {
        let (p, _) = self.run_programme(actor, id).await?;
        self.new_ll_invitation(actor, &p.id, None).await
    }

    async fn new_ll_invitation(&self, actor: &Actor, programme: &str, email: Option<&str>) -> AppResult<String> {
        let link = self
            .issue_link(Purpose::ProgrammeJoin, programme, Some(&actor.id()), INVITATION_DAYS * Millis::DAY)
            .await?;
        self.store
            .create_ll_invitation(&RecordId::new().to_string(), programme, email, link.id.as_str(), &actor.user.id)
            .await?;
        Ok(self.link_url(JOIN_PATH, &link))
    }

    /// What an invitation link leads to, for anyone holding it (signed in or not).
    pub async fn ll_join_preview(&self, actor: Option<&Actor>, secret: &str) -> AppResult<JoinPreview> {
        let link = self.resolve_link(secret, Purpose::ProgrammeJoin).await?;
        let p = self.store.ll_programme(&link.target_id).await?.ok_or_else(not_found)?;
        let already_in = match actor {
            Some(a) => self.store.ll_participant(&p.id, &a.user.id).await?.is_some(),
            None => false,
        };
        Ok(JoinPreview {
            programme: ProgrammeSummary::now(&p),
            facilitators: self.store.ll_facilitators(&p.id).await?.into_iter().map(|f| f.1).collect(),
            already_in,
        })
    }

    /// Joins the programme behind an invitation link. Returns the programme's id. Joining twice
    /// is harmless; a facilitator may join their own programme too (to keep a log of their own).
    pub async fn join_ll_programme(&self, actor: &Actor, secret: &str) -> AppResult<String> {
        let link = self.resolve_link(secret, Purpose::ProgrammeJoin).await?;
        let p = self.store.ll_programme(&link.target_id).await?.ok_or_else(not_found)?;
        self.store.join_ll_programme(&p.id, &actor.user.id, link.id.as_str()).await?;
        Ok(p.id)
    }
}

impl App {
    /// Adds a co-facilitator by the e-mail of their account: they follow the programme as the
    /// actor does (the cohort, shared packs, bookings) and keep their own private notes.
    pub async fn add_ll_facilitator(&self, actor: &Actor, id: &str, email: &str) -> AppResult<String> {
        let (p, _) = self.run_programme(actor, id).await?;
        let email = Email::parse(email).map_err(|e| AppError::Invalid(vec![e]))?;
        let user = self
            .store
            .user_by_email(email.as_str())
            .await?
            .ok_or_else(|| FieldError::not_found("email", "has no account here yet; ask them to make one first"))?;
        if !self.store.add_ll_facilitator(&p.id, &user.id).await? {
            return Err(AppError::Conflict(format!("{} already facilitates this programme", user.display_name)));
        }
        let body = format!(
            "{who} has made you a facilitator of \"{name}\". You now see its cohort (how far each participant \
             has come, never what they wrote unless they share it with you): {base}/learning-log/{id}\n",
            who = actor.user.display_name,
            name = p.name,
            base = self.config.base_url,
            id = p.id,
        );
        let subject = format!("You now facilitate {}", p.name);
        self.store.enqueue_mail(NewMail { to: &user.email, subject: &subject, body: &body }).await?;
        Ok(user.display_name)
    }
}
