//! Inviting participants to one side, and joining through the invitation link: signed in, or
//! signing up on the spot. Joining means agreeing to the ground rules. Reminders to write cards
//! are nudges (`crate::nudges`, kind `cards_due`), found by the scheduler before session one.

use super::JOIN_PATH;
use crate::error::{AppError, AppResult};
use crate::{Actor, App, SignedIn};
use coachkit_domain::RecordId;
use coachkit_domain::account::{DisplayName, Email, Password};
use coachkit_domain::capability::Purpose;
use coachkit_domain::co_coaching::{Side, Stage};
use coachkit_domain::text::FieldError;
use coachkit_domain::time::Millis;
use coachkit_store::DbError;
use coachkit_store::co_coaching::{EngagementRow, ParticipantRow};
use coachkit_store::now_ms;
use serde::Deserialize;
use utoipa::ToSchema;

/// An invitation to one side.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct InviteInput {
    /// "a" or "b": which organisation the person comes from.
    pub side: String,
    pub name: String,
    pub email: String,
}

/// What an invitation link shows before the person joins.
#[derive(Clone, Debug)]
pub struct JoinPage {
    pub name: String,
    pub email: String,
    pub org: String,
    pub other_org: String,
    pub facilitator_name: String,
    pub common_area: String,
    pub brief_html: String,
    pub ground_rules: String,
    pub session_one_at: i64,
    pub engagement_id: String,
}

impl App {
    /// Invites a person to one side and mails them their link; returns the link too, for the
    /// facilitator to pass on by hand.
    pub async fn invite_participant(&self, actor: &Actor, engagement: &str, input: &InviteInput) -> AppResult<String> {
        let ctx = self.engagement_ctx(actor, engagement).await?;
        ctx.must_facilitate()?;
        if ctx.stage() != Stage::Preparing {
            return Err(AppError::Conflict("the cards are open; people join before session one".into()));
        }
        let mut errors = vec![];
        let side = Side::parse(input.side.trim());
        if side.is_none() {
            errors.push(FieldError::new("side", "must be one of the two organisations"));
        }
        let name = DisplayName::parse(&input.name).map_err(|e| errors.push(e)).ok();
        let email = Email::parse(&input.email).map_err(|e| errors.push(e)).ok();
        let (Some(side), Some(name), Some(email)) = (side, name, email) else {
            return Err(AppError::Invalid(errors));
        };
        let mut id = RecordId::new().to_string();
        match self.store.add_participant(&id, &ctx.e.id, side.as_str(), email.as_str(), name.as_str()).await {
            Err(DbError::Conflict) => {
                // An address whose invitation was withdrawn may be invited again; its old link
                // stays dead (revoked), the new one is mailed.
                let again =
                    self.store.reinvite_participant(&ctx.e.id, email.as_str(), side.as_str(), name.as_str()).await?;
                let Some(again) = again else {
                    return Err(AppError::field("email", "is already invited to this engagement"));
                };
                self.store.revoke_capabilities_for(Purpose::EngagementInvite.as_str(), &again).await?;
                id = again;
            }
            other => other?,
        }
        let ttl = (ctx.e.session_two_at - now_ms()).max(Millis::DAY);
        let link = self.issue_link(Purpose::EngagementInvite, &id, Some(&actor.id()), ttl).await?;
        let url = self.link_url(JOIN_PATH, &link);
        self.mail_invitation(&ctx.e, name.as_str(), email.as_str(), ctx.org_name(side), &url).await?;
        Ok(url)
    }

    /// Withdraws an invitation not yet taken up (the facilitator): its link then says so, and
    /// nobody can join with it.
    pub async fn withdraw_invitation(&self, actor: &Actor, engagement: &str, participant: &str) -> AppResult<()> {
        let ctx = self.engagement_ctx(actor, engagement).await?;
        ctx.must_facilitate()?;
        let id = RecordId::parse(participant).map_err(|_| AppError::NotFound("invitation"))?;
        let p = self
            .store
            .participant(id.as_str())
            .await?
            .filter(|p| p.engagement_id == ctx.e.id && p.withdrawn_at.is_none())
            .ok_or(AppError::NotFound("invitation"))?;
        if p.agreed_at.is_some() {
            return Err(AppError::Conflict(format!(
                "{} has already joined; an invitation can be withdrawn only before it is taken up",
                p.name
            )));
        }
        if !self.store.withdraw_participant(&p.id, &ctx.e.id).await? {
            return Err(AppError::Conflict("that invitation was taken up or withdrawn a moment ago".into()));
        }
        self.store.cancel_card_reminders(&p.id).await?;
        Ok(())
    }

    async fn engagement_invitation(
        &self,
        secret: &str,
    ) -> AppResult<(coachkit_store::CapabilityRow, ParticipantRow, EngagementRow)> {
        let link = self.resolve_link(secret, Purpose::EngagementInvite).await?;
        let p = self.store.participant(&link.target_id).await?.ok_or(AppError::NotFound("link"))?;
        if p.withdrawn_at.is_some() {
            return Err(AppError::Conflict(
                "the facilitator withdrew this invitation, so it can no longer be used to join; ask them if you think that is a mistake"
                    .into(),
            ));
        }
        let e = self.store.engagement(&p.engagement_id).await?.ok_or(AppError::NotFound("link"))?;
        Ok((link, p, e))
    }

    /// The invitation as its link shows it.
    pub async fn join_page(&self, secret: &str) -> AppResult<JoinPage> {
        let (_, p, e) = self.engagement_invitation(secret).await?;
        let (org, other_org) = if p.side == "a" {
            (e.org_a_name.clone(), e.org_b_name.clone())
        } else {
            (e.org_b_name.clone(), e.org_a_name.clone())
        };
        Ok(JoinPage {
            name: p.name,
            email: p.email,
            org,
            other_org,
            facilitator_name: e.facilitator_name,
            common_area: e.common_area,
            brief_html: super::brief::render(&e.brief),
            ground_rules: e.ground_rules,
            session_one_at: e.session_one_at,
            engagement_id: e.id,
        })
    }

    /// A signed-in person takes up the invitation, agreeing to the ground rules. Returns the
    /// engagement's id.
    pub async fn join_engagement(&self, actor: &Actor, secret: &str, agree: bool) -> AppResult<String> {
        if !agree {
            return Err(AppError::field(
                "agree",
                "Please confirm you take part willingly and agree to the ground rules.",
            ));
        }
        let (link, p, e) = self.engagement_invitation(secret).await?;
        if !self.store.join_participant(&p.id, &actor.user.id).await? {
            return Err(AppError::Conflict("you already take part in this engagement".into()));
        }
        self.store.use_capability(&coachkit_domain::CapabilityId::from_trusted(link.id.clone())).await?;
        Ok(e.id)
    }

    /// Someone without an account signs up through the invitation and joins in one go.
    pub async fn sign_up_and_join(
        &self,
        secret: &str,
        display_name: &str,
        password: &str,
        agree: bool,
    ) -> AppResult<(SignedIn, String)> {
        if !agree {
            return Err(AppError::field(
                "agree",
                "Please confirm you take part willingly and agree to the ground rules.",
            ));
        }
        let (_, p, _) = self.engagement_invitation(secret).await?;
        let mut errors = vec![];
        let email = Email::parse(&p.email).map_err(|e| errors.push(e)).ok();
        let name = DisplayName::parse(display_name).map_err(|e| errors.push(e)).ok();
        let password = Password::parse_new(password).map_err(|e| errors.push(e)).ok();
        let (Some(email), Some(name), Some(password)) = (email, name, password) else {
            return Err(AppError::Invalid(errors));
        };
        // The invitation stands in for an instance invitation: the facilitator asked this person.
        let user = self.create_account(&email, &name, password, false).await?;
        let actor = Actor { user: user.clone(), csrf_token: None, session_hash: None };
        let id = self.join_engagement(&actor, secret, true).await?;
        Ok((self.start_session(user).await?, id))
    }
}
