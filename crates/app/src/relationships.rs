//! Coaching and mentoring relationships: invite (by e-mail or by link), answer, end.

use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::account::Email;
use coachkit_domain::capability::Purpose;
use coachkit_domain::privacy;
use coachkit_domain::relationship::{RelationshipKind, RelationshipStatus, Side, Transition, transition};
use coachkit_domain::text::{FieldError, optional_bounded};
use coachkit_domain::time::Millis;
use coachkit_domain::{CapabilityId, RelationshipId, UserId};
use coachkit_store::{NewMail, NewRelationship, RelationshipRow};
use serde::Serialize;

/// Longest name of an invitee, in characters.
pub const INVITEE_NAME_MAX: usize = 120;
/// Longest invitation message, in characters.
pub const INVITATION_MESSAGE_MAX: usize = 1000;

const INVITE_TTL_MS: i64 = 14 * Millis::DAY;

/// A relationship as one of its parties sees it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct RelationshipView {
    pub id: RelationshipId,
    pub kind: RelationshipKind,
    pub status: RelationshipStatus,
    pub leader_id: UserId,
    pub leader_name: String,
    /// Empty while an invitation sent by link is unanswered.
    pub coach_id: Option<UserId>,
    pub coach_name: Option<String>,
    pub invitee_email: Option<String>,
    /// Whom a link-only invitation is for, as the leader named them.
    pub invitee_name: Option<String>,
    pub message: Option<String>,
    /// The viewer's side; absent when seen through an invitation link.
    pub my_side: Option<Side>,
    pub created_at: Millis,
    pub answered_at: Option<Millis>,
    pub ended_at: Option<Millis>,
    /// When the leader was last here, to the hour; absent if not seen since this was kept.
    pub leader_last_active_at: Option<Millis>,
    /// When the coach or mentor was last here, to the hour.
    pub coach_last_active_at: Option<Millis>,
}

impl RelationshipView {
    pub(crate) fn from_row(r: RelationshipRow, viewer: Option<&UserId>) -> AppResult<Self> {
        let corrupt = || AppError::Internal(format!("relationship {} has an unknown kind or status", r.id).into());
        let my_side = viewer.and_then(|v| {
            if v.as_str() == r.leader_id {
                Some(Side::Leader)
            } else if r.coach_id.as_deref() == Some(v.as_str()) {
                Some(Side::Coach)
            } else {
                None
            }
        });
        Ok(Self {
            kind: RelationshipKind::parse(&r.kind).ok_or_else(corrupt)?,
            status: RelationshipStatus::parse(&r.status).ok_or_else(corrupt)?,
            id: RelationshipId::from_trusted(r.id),
            leader_id: UserId::from_trusted(r.leader_id),
            leader_name: r.leader_name,
            coach_id: r.coach_id.map(UserId::from_trusted),
            coach_name: r.coach_name,
            invitee_email: r.invitee_email,
            invitee_name: r.invitee_name,
            message: r.message,
            my_side,
            created_at: Millis(r.created_at),
            answered_at: r.answered_at.map(Millis),
            ended_at: r.ended_at.map(Millis),
            leader_last_active_at: r.leader_last_active_at.map(Millis),
            coach_last_active_at: r.coach_last_active_at.map(Millis),
        })
    }

    /// Who fills the coach's place: their name, else the name or address the invitation was
    /// made out to, else (an invitation from before names were asked) what it is.
    pub fn partner_name_for_coach_slot(&self) -> String {
        self.coach_name
            .clone()
            .or_else(|| self.invitee_name.clone())
            .or_else(|| self.invitee_email.clone())
            .unwrap_or_else(|| "a link you hand out".into())
    }

    /// The other party's name as the viewer should read it.
    pub fn partner_name(&self) -> String {
        match self.my_side {
            Some(Side::Coach) => self.leader_name.clone(),
            _ => self.partner_name_for_coach_slot(),
        }
    }
}

/// The result of inviting someone: the relationship and the link to share.
pub struct InviteOutcome {
    pub relationship: RelationshipView,
    /// The invitation address; shown once to the leader so they can pass it on themselves.
    pub link: String,
    /// What became of the e-mail, so the page says what really happened.
    pub mail: InviteMail,
}

/// What became of an invitation's e-mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = InvitationMail)]
pub enum InviteMail {
    /// No address was given: the leader hands the link out.
    None,
    /// Queued for the mail server, which sends it within a minute or so.
    Queued,
    /// No mail server is configured: the message waits in the outbox until one is.
    WaitsInOutbox,
}

/// What a leader fills in to invite a coach or mentor: the kind, and their e-mail or their name
/// (a name alone makes a link to hand out), with an optional note.
#[derive(Clone, Debug, Default)]
pub struct InviteInput {
    pub kind: String,
    pub email: String,
    pub name: String,
    pub message: String,
}

impl App {
    /// A leader invites a coach or mentor. With an e-mail, the link is mailed (and, if the address
    /// has an account, the invitation also waits on that person's dashboard); without, the leader
    /// shares the link themselves.
    pub async fn invite(&self, actor: &Actor, kind: &str, email: &str, message: &str) -> AppResult<InviteOutcome> {
        let form = InviteInput { kind: kind.into(), email: email.into(), name: String::new(), message: message.into() };
        self.invite_for(actor, &form).await
    }

    /// The same, with the whole form: an invitation names its invitee by e-mail or by name.
    pub async fn invite_for(&self, actor: &Actor, form: &InviteInput) -> AppResult<InviteOutcome> {
        let mut errors = Vec::new();
        let kind = RelationshipKind::parse(&form.kind).ok_or_else(|| {
            errors.push(coachkit_domain::text::FieldError::new("kind", "must be coaching or mentoring"))
        });
        let email = if form.email.trim().is_empty() { Ok(None) } else { Email::parse(&form.email).map(Some) };
        let email = email.map_err(|e| errors.push(e)).ok();
        let name = optional_bounded("name", &form.name, INVITEE_NAME_MAX).map_err(|e| errors.push(e)).ok();
        let message =
            optional_bounded("message", &form.message, INVITATION_MESSAGE_MAX).map_err(|e| errors.push(e)).ok();
        // An invitation must be for someone: an empty form used to make one more nameless link.
        if matches!((&email, &name), (Some(None), Some(None))) {
            errors.push(coachkit_domain::text::FieldError::new(
                "email",
                "or their name is needed: say whom the invitation is for",
            ));
        }
        let (Ok(kind), Some(email), Some(name), Some(message), true) = (kind, email, name, message, errors.is_empty())
        else {
            return Err(AppError::Invalid(errors));
        };
        if email.as_ref().map(Email::as_str) == Some(actor.user.email.as_str()) {
            return Err(FieldError::conflict("email", "is your own address; invite someone else").into());
        }
        let coach = match &email {
            Some(e) => self.store.user_by_email(e.as_str()).await?.map(|u| u.user_id()),
            None => None,
        };
        let id = RelationshipId::new();
        self.store
            .create_relationship(NewRelationship {
                id: &id,
                leader: &actor.id(),
                coach: coach.as_ref(),
                invitee_email: email.as_ref().map(Email::as_str),
                invitee_name: name.as_deref(),
                kind: kind.as_str(),
                message: message.as_deref(),
            })
            .await?;
        let link = self.issue_link(Purpose::RelationshipInvite, id.as_str(), Some(&actor.id()), INVITE_TTL_MS).await?;
        let url = self.link_url("/invite/", &link);
        if let Some(email) = &email {
            let body = format!(
                "Hello,\n\n{} would like you to be their {} on coachkit.\n{}\
                 Open this link to accept or decline (it works for 14 days):\n\n{url}\n",
                actor.user.display_name,
                kind.partner_title(),
                message.as_deref().map(|m| format!("\nTheir note to you:\n{m}\n\n")).unwrap_or_default(),
            );
            let subject = format!("{} invites you to be their {}", actor.user.display_name, kind.partner_title());
            self.store.enqueue_mail(NewMail { to: email.as_str(), subject: &subject, body: &body }).await?;
        }
        let mail = match (&email, &self.config.smtp) {
            (None, _) => InviteMail::None,
            (Some(_), Some(_)) => InviteMail::Queued,
            (Some(_), None) => InviteMail::WaitsInOutbox,
        };
        let relationship = self.relationship(actor, &id).await?;
        Ok(InviteOutcome { relationship, link: url, mail })
    }

    /// Every relationship the actor is a party to.
    pub async fn relationships(&self, actor: &Actor) -> AppResult<Vec<RelationshipView>> {
        let me = actor.id();
        self.store.relationships_of(&me).await?.into_iter().map(|r| RelationshipView::from_row(r, Some(&me))).collect()
    }

    /// One relationship, if the actor is a party to it. Anyone else gets "not found", so ids cannot
    /// be probed.
    pub async fn relationship(&self, actor: &Actor, id: &RelationshipId) -> AppResult<RelationshipView> {
        let row = self.store.relationship(id).await?.ok_or(AppError::NotFound("relationship"))?;
        let viewer = privacy::Viewer::Member(privacy::Member::alone(actor.id()));
        let coach = row.coach_id.clone().map(UserId::from_trusted).unwrap_or_default();
        if !privacy::can_see_relationship(&viewer, &UserId::from_trusted(row.leader_id.clone()), &coach) {
            return Err(AppError::NotFound("relationship"));
        }
        RelationshipView::from_row(row, Some(&actor.id()))
    }

    /// Accept, decline or end a relationship the actor is a party to.
    pub async fn change_relationship(
        &self,
        actor: &Actor,
        id: &RelationshipId,
        wanted: Transition,
    ) -> AppResult<RelationshipView> {
        let current = self.relationship(actor, id).await?;
        let side = current.my_side.ok_or(AppError::NotFound("relationship"))?;
        self.apply(&current, side, wanted, None).await?;
        self.relationship(actor, id).await
    }

    /// What an invitation link shows before it is answered (who invites, for what).
    pub async fn invitation(&self, secret: &str) -> AppResult<RelationshipView> {
        let link = self.resolve_link(secret, Purpose::RelationshipInvite).await?;
        let row = self
            .store
            .relationship(&RelationshipId::from_trusted(link.target_id))
            .await?
            .ok_or(AppError::NotFound("invitation"))?;
        RelationshipView::from_row(row, None)
    }

    /// Answers an invitation through its link, signed in as the person answering.
    pub async fn answer_invitation(&self, actor: &Actor, secret: &str, accept: bool) -> AppResult<RelationshipView> {
        let link = self.resolve_link(secret, Purpose::RelationshipInvite).await?;
        let id = RelationshipId::from_trusted(link.target_id.clone());
        let row = self.store.relationship(&id).await?.ok_or(AppError::NotFound("invitation"))?;
        if row.leader_id == actor.user.id {
            return Err(AppError::Conflict(
                "this is your own invitation; send the link to your coach or mentor".into(),
            ));
        }
        if let Some(coach) = &row.coach_id
            && coach != &actor.user.id
        {
            return Err(AppError::Forbidden("this invitation was sent to another account"));
        }
        let current = RelationshipView::from_row(row, Some(&actor.id()))?;
        let wanted = if accept { Transition::Accept } else { Transition::Decline };
        self.apply(&current, Side::Coach, wanted, Some(&actor.id())).await?;
        self.store.use_capability(&CapabilityId::from_trusted(link.id)).await?;
        self.relationship(actor, &id).await
    }

    /// Applies a transition if the domain rules allow it and nobody changed the status meanwhile.
    async fn apply(
        &self,
        current: &RelationshipView,
        side: Side,
        wanted: Transition,
        new_coach: Option<&UserId>,
    ) -> AppResult<()> {
        let next = transition(current.status, side, wanted).map_err(|e| AppError::Conflict(e.to_string()))?;
        let changed =
            self.store.set_relationship_status(&current.id, current.status.as_str(), next.as_str(), new_coach).await?;
        if !changed {
            return Err(AppError::Conflict("the relationship changed meanwhile; reload and try again".into()));
        }
        // An answered, withdrawn or ended invitation's links stop working.
        self.store.revoke_capabilities_for(Purpose::RelationshipInvite.as_str(), current.id.as_str()).await?;
        Ok(())
    }
}
