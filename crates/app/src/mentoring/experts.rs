//! Changing the roster once a request is out: replacing an expert who declined or went quiet
//! (the newcomer passes the same checks and gets their own link), or going on without them.
//! Either way nothing opens until every expert still in has answered.

use super::{expert_status, status_of};
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::RecordId;
use coachkit_domain::account::Email;
use coachkit_domain::capability::Purpose;
use coachkit_domain::mentoring::seal::can_go_on_without_the_rest;
use coachkit_domain::mentoring::{
    ExpertDraft, ExpertStatus, Placement, RawExpert, RequestStatus, check_roster, limits,
};
use coachkit_domain::text::{FieldError, optional_bounded};
use coachkit_domain::time::Millis;
use coachkit_store::mentoring::{ExpertRow, NewExpert};
use coachkit_store::now_ms;

/// A replacement is asked to answer within a week at least.
const REPLACEMENT_DAYS: i64 = 7;

fn draft_of(e: &ExpertRow) -> Option<ExpertDraft> {
    Some(ExpertDraft {
        name: e.name.clone(),
        email: Email::parse(&e.email).ok()?,
        placement: Placement::parse(&e.placement)?,
    })
}

impl App {
    /// Replaces expert `old` (who has not answered) with a new one, who is sent their message and
    /// link at once. An empty `message` uses the drafted one.
    pub async fn replace_advice_expert(
        &self,
        actor: &Actor,
        id: &str,
        old: &str,
        raw: &RawExpert,
        message: &str,
    ) -> AppResult<()> {
        let r = self.own_request(actor, id).await?;
        if status_of(&r) != RequestStatus::Collecting {
            return Err(AppError::Conflict(
                "experts can be replaced only while the request is collecting answers".into(),
            ));
        }
        let experts = self.store.advice_experts(&r.id).await?;
        let replaced = experts.iter().find(|e| e.id == old).ok_or(AppError::NotFound("expert"))?;
        if matches!(expert_status(replaced), ExpertStatus::Answered | ExpertStatus::Withdrawn) {
            return Err(AppError::Conflict(format!(
                "{} has answered or is already left out; there is no one to replace",
                replaced.name
            )));
        }
        let kept: Vec<ExpertDraft> = experts
            .iter()
            .filter(|e| e.id != old && expert_status(e) != ExpertStatus::Withdrawn)
            .filter_map(draft_of)
            .collect();
        let domains = self.org_domains(actor).await?;
        let roster =
            check_roster(std::slice::from_ref(raw), &kept, &actor.user.email, &domains, r.mix_override.is_some(), true);
        let mut errors = roster.errors;
        if raw.is_blank() {
            errors.push(FieldError::new("experts", "name the new expert and their e-mail"));
        }
        let message = optional_bounded("message", message, limits::MESSAGE).map_err(|e| errors.push(e)).ok().flatten();
        let Some(new) = roster.experts.first().filter(|_| errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let message = message.unwrap_or_else(|| {
            super::mail::default_message(&new.name, &r.capability, r.horizon_months, &actor.user.display_name)
        });
        let answer_by = r.answer_by.max(now_ms() + REPLACEMENT_DAYS * Millis::DAY);
        let expert_id = RecordId::new().to_string();
        let link = self.expert_link(&actor.user.id, &expert_id, answer_by).await?;
        let row = NewExpert {
            id: expert_id.clone(),
            request_id: r.id.clone(),
            position: experts.iter().map(|e| e.position).max().unwrap_or(0) + 1,
            name: new.name.clone(),
            email: new.email.as_str().to_owned(),
            placement: new.placement.as_str().to_owned(),
            placement_note: roster.placement_notes.first().cloned(),
            message: message.clone(),
            answer_by,
            replaces_id: Some(old.to_owned()),
            capability_id: Some(link.id.to_string()),
        };
        self.store.add_advice_expert(&row).await?;
        self.end_expert_link(old).await?;
        let added = self.store.advice_expert(&expert_id).await?.ok_or(AppError::NotFound("expert"))?;
        let url = self.link_url(super::EXPERT_PATH, &link);
        // Their date is given now (the row's `answer_by_given_at`): the nudges job reminds them.
        self.mail_expert_invitation(&r, &added, &message, &url).await?;
        Ok(())
    }

    /// Goes on without expert `expert` (who has not answered): their link stops working, their
    /// reminders stop, and if everyone else has answered the seal opens. Refused when
    /// fewer than two would be left who answered and nobody else is awaited.
    pub async fn withdraw_advice_expert(&self, actor: &Actor, id: &str, expert: &str) -> AppResult<()> {
        let r = self.own_request(actor, id).await?;
        if status_of(&r) != RequestStatus::Collecting {
            return Err(AppError::Conflict(
                "the roster can change only while the request is collecting answers".into(),
            ));
        }
        let experts = self.store.advice_experts(&r.id).await?;
        let target = experts.iter().find(|e| e.id == expert).ok_or(AppError::NotFound("expert"))?;
        let after: Vec<ExpertStatus> =
            experts.iter().map(|e| if e.id == expert { ExpertStatus::Withdrawn } else { expert_status(e) }).collect();
        let still_awaited = after.iter().any(|s| *s != ExpertStatus::Withdrawn && *s != ExpertStatus::Answered);
        if !still_awaited && !can_go_on_without_the_rest(&after) {
            return Err(AppError::Conflict(format!(
                "At least two experts must have answered to go on without {}; replace them instead.",
                target.name
            )));
        }
        if !self.store.withdraw_advice_expert(expert).await? {
            return Err(AppError::Conflict(format!("{} has already answered or been left out", target.name)));
        }
        self.end_expert_link(expert).await?;
        self.open_if_complete(&r.id).await
    }

    /// Revokes an expert's links. Their reminders stop with their status (left out, or replaced).
    async fn end_expert_link(&self, expert: &str) -> AppResult<()> {
        self.store.revoke_capabilities_for(Purpose::ExpertAdvice.as_str(), expert).await?;
        Ok(())
    }
}
