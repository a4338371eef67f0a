//! Challenge cards: writing and submitting one's own, and the facilitator opening them all.

use super::Ctx;
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::RecordId;
use coachkit_domain::co_coaching::Stage;
use coachkit_domain::co_coaching::cards::{CardText, MAX_PER_PERSON};
use coachkit_store::co_coaching::CardRow;
use serde::Deserialize;
use utoipa::ToSchema;

/// One card as written in the form.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CardInput {
    /// 1 or 2: a participant brings one or two cards.
    pub position: i64,
    /// What the challenge is.
    pub what: String,
    /// Why it matters to me.
    pub why: String,
    /// What success would look like.
    pub success: String,
    /// Submit now (the card can no longer be deleted, only edited until the cards open).
    pub submit: bool,
}

/// A card as a page shows it.
#[derive(Clone, Debug, serde::Serialize, ToSchema)]
pub struct CardView {
    pub id: String,
    pub author: String,
    pub org: String,
    pub position: i64,
    pub what: String,
    pub why: String,
    pub success: String,
    pub submitted: bool,
    pub team_id: Option<String>,
}

pub(crate) fn card_view(c: &CardRow, org: String) -> CardView {
    CardView {
        id: c.id.clone(),
        author: c.author_name.clone(),
        org,
        position: c.position,
        what: c.what.clone(),
        why: c.why.clone(),
        success: c.success.clone(),
        submitted: c.submitted_at.is_some(),
        team_id: c.team_id.clone(),
    }
}

impl App {
    /// Writes one of my cards (a draft, or submitted). Only a participant who joined, only
    /// before the cards are opened.
    pub async fn save_card(&self, actor: &Actor, engagement: &str, input: &CardInput) -> AppResult<()> {
        let ctx = self.engagement_ctx(actor, engagement).await?;
        let Some(me) = ctx.me.clone() else {
            return Err(AppError::Forbidden("only the engagement's participants write challenge cards"));
        };
        if ctx.stage() != Stage::Preparing {
            return Err(AppError::Conflict("the cards are open now; they can no longer change".into()));
        }
        if !(1..=MAX_PER_PERSON as i64).contains(&input.position) {
            return Err(AppError::field("position", "must be card 1 or card 2"));
        }
        let text = CardText::parse(&input.what, &input.why, &input.success, input.submit).map_err(AppError::Invalid)?;
        let saved = self
            .store
            .save_card(
                &RecordId::new().to_string(),
                &ctx.e.id,
                &actor.user.id,
                &me.side,
                input.position,
                (&text.what, &text.why, &text.success),
                input.submit,
            )
            .await?;
        if !saved {
            return Err(AppError::Conflict("the cards are open now; they can no longer change".into()));
        }
        if input.submit {
            // A submitted card ends the reminders to write one: the nudges' own check voids them;
            // this cancels reminders queued in the outbox before they became nudges.
            self.store.cancel_card_reminders(&me.id).await?;
        }
        Ok(())
    }

    /// Deletes one of my cards while it is a draft.
    pub async fn delete_draft_card(&self, actor: &Actor, engagement: &str, card: &str) -> AppResult<()> {
        let ctx = self.engagement_ctx(actor, engagement).await?;
        let card = RecordId::parse(card).map_err(|_| AppError::NotFound("card"))?;
        if ctx.stage() != Stage::Preparing || !self.store.delete_draft_card(card.as_str(), &actor.user.id).await? {
            return Err(AppError::Conflict("only a draft card can be deleted, before the cards open".into()));
        }
        Ok(())
    }

    /// Opens every submitted card to everyone in the engagement (the facilitator, at session
    /// one). Drafts stay their authors'.
    pub async fn open_cards(&self, actor: &Actor, engagement: &str) -> AppResult<()> {
        let ctx: Ctx = self.engagement_ctx(actor, engagement).await?;
        ctx.must_facilitate()?;
        if !self.store.open_engagement_cards(&ctx.e.id).await? {
            return Err(AppError::Conflict("the cards are already open".into()));
        }
        Ok(())
    }
}
