//! What each person chooses: per kind of nudge, immediate, daily digest, weekly digest or off;
//! their time zone; and the one-click unsubscribe links in every nudge mail.

use crate::error::AppResult;
use crate::mentoring::mail::EXPERT_TARGET;
use crate::{Actor, App, AppError};
use coachkit_domain::capability::Purpose;
use coachkit_domain::nudge::{Delivery, NudgeKind};
use coachkit_domain::text::FieldError;
use coachkit_domain::time::Zone;

/// One kind and how this person gets it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[schema(as = NudgeChoice)]
pub struct NudgeChoice {
    pub kind: NudgeKind,
    /// How the kind is named on the Settings page.
    pub label: String,
    pub delivery: Delivery,
}

const BAD_ZONE: &str = "is not a time zone we know; pick a name such as Europe/Paris from the list";

/// What an unsubscribe link turned off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsubscribed {
    /// "all reminders" or the kind's label.
    pub what: String,
}

impl App {
    /// Every kind with this person's choice (or the kind's default).
    pub async fn nudge_choices(&self, actor: &Actor) -> AppResult<Vec<NudgeChoice>> {
        let chosen = self.store.nudge_preferences(&actor.user.id).await?;
        Ok(NudgeKind::ALL
            .into_iter()
            .map(|kind| {
                let delivery = chosen
                    .iter()
                    .find(|(k, _)| k == kind.as_str())
                    .and_then(|(_, d)| Delivery::parse(d))
                    .unwrap_or(kind.default_delivery());
                NudgeChoice { kind, label: kind.label().into(), delivery }
            })
            .collect())
    }

    /// Sets several choices at once, given as text (from a form or JSON): all are checked
    /// before any is saved, so a bad one saves nothing.
    pub async fn set_nudge_choices(&self, actor: &Actor, wanted: &[(String, String)]) -> AppResult<Vec<NudgeChoice>> {
        self.update_reminder_settings(actor, None, wanted).await.map(|(_, c)| c)
    }

    /// Sets the time zone (if given) and choices together: everything is checked first, so a
    /// bad zone or a bad choice saves nothing at all.
    pub async fn update_reminder_settings(
        &self,
        actor: &Actor,
        time_zone: Option<&str>,
        wanted: &[(String, String)],
    ) -> AppResult<(Zone, Vec<NudgeChoice>)> {
        let mut parsed = Vec::new();
        let mut errors = Vec::new();
        let zone = match time_zone {
            None => None,
            Some(name) => match Zone::parse(name) {
                Some(z) => Some(z),
                None => {
                    errors.push(FieldError::new("time_zone", BAD_ZONE));
                    None
                }
            },
        };
        for (kind, delivery) in wanted {
            match (NudgeKind::parse(kind), Delivery::parse(delivery)) {
                (Some(k), Some(d)) => parsed.push((k, d)),
                (None, _) => errors.push(FieldError::new("kind", format!("“{kind}” is not a kind of reminder"))),
                (_, None) => errors.push(FieldError::new(
                    "delivery",
                    format!("“{delivery}” is not one of immediate, daily, weekly or off"),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        if let Some(z) = &zone {
            self.store.set_time_zone(&actor.id(), z.name()).await?;
            self.auth_cache.forget_user(&actor.user.id);
        }
        for (kind, delivery) in parsed {
            self.store.set_nudge_preference(&actor.user.id, kind.as_str(), delivery.as_str()).await?;
        }
        Ok((zone.unwrap_or_else(|| actor.user.zone()), self.nudge_choices(actor).await?))
    }

    /// Takes the browser's guess of a new account's zone; a guess we cannot read is ignored
    /// (the person stays on UTC and can choose in Settings).
    pub async fn guess_time_zone(&self, user: &coachkit_domain::UserId, name: &str) -> AppResult<()> {
        if let Some(zone) = Zone::parse(name) {
            self.store.set_time_zone(user, zone.name()).await?;
            self.auth_cache.forget_user(user.as_str());
        }
        Ok(())
    }

    /// What a presented unsubscribe link would turn off (for its confirmation page).
    pub async fn unsubscribe_preview(&self, secret: &str) -> AppResult<Unsubscribed> {
        let link = self.resolve_link(secret, Purpose::Unsubscribe).await?;
        if link.target_id.starts_with(EXPERT_TARGET) {
            return Ok(Unsubscribed { what: EXPERT_WHAT.into() });
        }
        let (_, kind) = split_target(&link.target_id)?;
        Ok(Unsubscribed { what: kind.map_or("all reminders".into(), |k| format!("“{}”", k.label())) })
    }

    /// Turns off what the link names. Pressing it twice is harmless; the link keeps working so
    /// a mail program's one-click POST and a person's click both succeed.
    pub async fn unsubscribe(&self, secret: &str) -> AppResult<Unsubscribed> {
        let link = self.resolve_link(secret, Purpose::Unsubscribe).await?;
        // An expert (no account): stop the reminders about that one request.
        if let Some(expert) = link.target_id.strip_prefix(EXPERT_TARGET) {
            self.store.stop_advice_reminders(expert).await?;
            return Ok(Unsubscribed { what: EXPERT_WHAT.into() });
        }
        let (user, kind) = split_target(&link.target_id)?;
        let kinds: Vec<NudgeKind> = kind.map_or(NudgeKind::ALL.to_vec(), |k| vec![k]);
        for k in &kinds {
            self.store.set_nudge_preference(user, k.as_str(), Delivery::Off.as_str()).await?;
        }
        Ok(Unsubscribed { what: kind.map_or("all reminders".into(), |k| format!("“{}”", k.label())) })
    }
}

/// What an expert's link turns off.
const EXPERT_WHAT: &str = "reminders about this request for advice";

/// "user id:kind" or "user id:all", as issued by the delivery.
fn split_target(target: &str) -> AppResult<(&str, Option<NudgeKind>)> {
    let (user, kind) = target.rsplit_once(':').ok_or(AppError::NotFound("link"))?;
    match kind {
        "all" => Ok((user, None)),
        k => NudgeKind::parse(k).map(|k| (user, Some(k))).ok_or(AppError::NotFound("link")),
    }
}
