//! The expert's side, through their guest link and no account: read the request, write three
//! pieces of advice (a draft first if they like), submit them (sealed from then on), ask for more
//! time, or decline. A link opens exactly one expert of one request; an unknown, revoked or
//! expired link is the same "not found".

use super::{expert_status, items_meta, request_meta, status_of};
use crate::App;
use crate::error::{AppError, AppResult};
use coachkit_domain::capability::Purpose;
use coachkit_domain::mentoring::{ExpertStatus, ITEMS_PER_EXPERT, limits};
use coachkit_domain::privacy::{self, Viewer};
use coachkit_domain::text::{FieldError, optional_bounded};
use coachkit_domain::time::Millis;
use coachkit_domain::{CapabilityId, RecordId};
use coachkit_store::mentoring::{ExpertRow, ItemText, RequestRow};
use coachkit_store::now_ms;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One advice box.
#[derive(Clone, Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ItemInput {
    pub text: String,
    /// An example from your own work (optional).
    pub example: String,
}

/// The expert's form: three boxes, and whether the leader may show the advice to their coaches.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AdviceInput {
    pub items: Vec<ItemInput>,
    pub share_with_coaches: bool,
}

/// What an expert sees through their link.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ExpertPage {
    pub expert_name: String,
    pub leader_name: String,
    pub capability: String,
    pub context: String,
    pub horizon_months: i64,
    /// The leader's personal message to this expert.
    pub message: String,
    pub answer_by: i64,
    pub status: ExpertStatus,
    /// Their own three boxes (empty strings where nothing is written yet).
    pub items: Vec<ItemInput>,
    pub share_with_coaches: bool,
    /// They may still write (not yet submitted, declined or left out).
    pub can_edit: bool,
    pub more_time_note: Option<String>,
    pub decline_note: Option<String>,
    /// The leader's thanks and what came of it, once sent.
    pub thanks: Option<String>,
}

/// A resolved link: the expert, their request, and the viewer the policy sees.
struct Holder {
    expert: ExpertRow,
    request: RequestRow,
    viewer: Viewer,
}

const MAX_EXTENSION_DAYS: i64 = 60;

impl App {
    async fn holder(&self, secret: &str) -> AppResult<Holder> {
        let link = self.resolve_link(secret, Purpose::ExpertAdvice).await?;
        let expert = self.store.advice_expert(&link.target_id).await?.ok_or(AppError::NotFound("link"))?;
        // A link names one expert; the expert's first link id is the author of their items, so
        // every live link of theirs (the first, the one in the thanks) speaks as them. Leaving an
        // expert out revokes all of them.
        let Some(author) = expert.capability_id.clone().filter(|_| expert_status(&expert) != ExpertStatus::Withdrawn)
        else {
            return Err(AppError::NotFound("link"));
        };
        let request = self.store.advice_request(&expert.request_id).await?.ok_or(AppError::NotFound("link"))?;
        let viewer = Viewer::Guest {
            capability: CapabilityId::from_trusted(author),
            target: RecordId::from_trusted(request.id.clone()),
        };
        if !privacy::can_read(&viewer, &request_meta(&request)).allowed() {
            return Err(AppError::NotFound("link"));
        }
        Ok(Holder { expert, request, viewer })
    }

    /// The expert's page; the first visit marks them as having opened it.
    pub async fn expert_page(&self, secret: &str) -> AppResult<ExpertPage> {
        let h = self.holder(secret).await?;
        if expert_status(&h.expert) == ExpertStatus::Invited {
            self.store.mark_advice_opened(&h.expert.id).await?;
        }
        let mut items = vec![ItemInput::default(); ITEMS_PER_EXPERT];
        if privacy::can_read(&h.viewer, &items_meta(&h.request, &h.expert)).allowed() {
            for row in self.store.advice_items_of_expert(&h.expert.id).await? {
                if let Some(slot) = usize::try_from(row.position - 1).ok().and_then(|i| items.get_mut(i)) {
                    *slot = ItemInput { text: row.text, example: row.example.unwrap_or_default() };
                }
            }
        }
        let status = if expert_status(&h.expert) == ExpertStatus::Invited {
            ExpertStatus::Opened
        } else {
            expert_status(&h.expert)
        };
        Ok(ExpertPage {
            can_edit: status.awaited(),
            expert_name: h.expert.name,
            leader_name: h.request.owner_name,
            capability: h.request.capability,
            context: h.request.context,
            horizon_months: h.request.horizon_months,
            message: h.expert.message,
            answer_by: h.expert.answer_by,
            status,
            items,
            share_with_coaches: h.expert.share_with_coaches == 1,
            more_time_note: h.expert.more_time_note,
            decline_note: h.expert.decline_note,
            thanks: h.request.thanks_sent_at.and(h.request.thanks),
        })
    }

    /// Saves the expert's advice: a draft (`submit` false; boxes may be empty), or the answer
    /// (`submit` true; all three boxes written), which seals it and may open the request.
    pub async fn save_expert_advice(&self, secret: &str, input: &AdviceInput, submit: bool) -> AppResult<()> {
        let h = self.holder(secret).await?;
        // Sent (or declined) comes first: a late save from an old tab hears that, whatever it holds.
        if !expert_status(&h.expert).awaited() {
            return Err(self.no_longer_editable(&h.expert));
        }
        if input.items.len() > ITEMS_PER_EXPERT {
            return Err(AppError::field("items", "three pieces of advice at most"));
        }
        let mut errors = vec![];
        let mut rows = vec![];
        for i in 0..ITEMS_PER_EXPERT {
            let item = input.items.get(i).cloned().unwrap_or_default();
            let text = optional_bounded("items", &item.text, limits::ADVICE)
                .map_err(|e| errors.push(FieldError::new("items", format!("advice {} {}", i + 1, e.message))))
                .ok()
                .flatten();
            let example = optional_bounded("items", &item.example, limits::EXAMPLE)
                .map_err(|e| {
                    errors.push(FieldError::new("items", format!("the example of advice {} {}", i + 1, e.message)))
                })
                .ok()
                .flatten();
            if submit && text.is_none() && errors.is_empty() {
                errors
                    .push(FieldError::new("items", format!("advice {} is empty; all three are needed to send", i + 1)));
            }
            if text.is_none() && example.is_some() {
                errors.push(FieldError::new("items", format!("advice {} has an example but no advice", i + 1)));
            }
            rows.push(ItemText { id: RecordId::new().to_string(), text: text.unwrap_or_default(), example });
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        if !privacy::can_write(&h.viewer, &items_meta(&h.request, &h.expert)) || !expert_status(&h.expert).awaited() {
            return Err(self.no_longer_editable(&h.expert));
        }
        if !self.store.save_advice_items(&h.request.id, &h.expert.id, &rows, submit, input.share_with_coaches).await? {
            return Err(self.no_longer_editable(&h.expert));
        }
        if submit {
            self.open_if_complete(&h.request.id).await?;
        }
        Ok(())
    }

    fn no_longer_editable(&self, e: &ExpertRow) -> AppError {
        match expert_status(e) {
            ExpertStatus::Answered => {
                AppError::Conflict("You have already sent your advice; it can no longer be changed.".into())
            }
            ExpertStatus::Declined => {
                AppError::Conflict("You declined this request, so there is nothing more to write.".into())
            }
            _ => AppError::Conflict("This request no longer takes answers.".into()),
        }
    }

    /// The expert needs until `date` ("2026-12-24"); the leader sees the new date and the note.
    pub async fn expert_more_time(&self, secret: &str, date: &str, note: &str) -> AppResult<()> {
        let h = self.holder(secret).await?;
        let mut errors = vec![];
        let until = match crate::journal::time::parse_date("until", date) {
            Ok(Some(d)) => Some(d + Millis::DAY - 1),
            Ok(None) => {
                errors.push(FieldError::new("until", "needs the date you could answer by"));
                None
            }
            Err(AppError::Invalid(f)) => {
                errors.extend(f);
                None
            }
            Err(e) => return Err(e),
        };
        let note = optional_bounded("note", note, limits::NOTE).map_err(|e| errors.push(e)).ok().flatten();
        if let Some(u) = until {
            if u <= h.expert.answer_by.max(now_ms()) {
                errors.push(FieldError::new("until", "must be later than the date you were asked for"));
            } else if u > now_ms() + MAX_EXTENSION_DAYS * Millis::DAY {
                errors.push(FieldError::new("until", "may be at most sixty days from today"));
            }
        }
        let Some(until) = until.filter(|_| errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        // The new date is given now: the nudges job spreads the reminders from now to it, and
        // those of the old date still waiting become void.
        if status_of(&h.request).is_open() || !self.store.advice_more_time(&h.expert.id, until, note.as_deref()).await?
        {
            return Err(self.no_longer_editable(&h.expert));
        }
        Ok(())
    }

    /// The expert declines, with an optional note. Their reminders stop (they are found only for
    /// experts still awaited); the leader decides
    /// whether to replace them or go on without them.
    pub async fn expert_decline(&self, secret: &str, note: &str) -> AppResult<()> {
        let h = self.holder(secret).await?;
        let note = optional_bounded("note", note, limits::NOTE)?;
        if !self.store.advice_decline(&h.expert.id, note.as_deref()).await? {
            return Err(self.no_longer_editable(&h.expert));
        }
        Ok(())
    }
}
