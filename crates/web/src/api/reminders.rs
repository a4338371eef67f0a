//! Reminders over JSON: the person's time zone and how they get each kind of nudge.

use super::extract::Json;
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use coachkit_app::nudges::NudgeChoice;
use coachkit_domain::nudge::{Delivery, NudgeKind};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// My reminder settings.
#[derive(Serialize, ToSchema)]
#[schema(as = ReminderSettings)]
pub struct ReminderSettings {
    /// IANA time zone name; times on pages and quiet hours (21:00 to 08:00) follow it.
    pub time_zone: String,
    pub choices: Vec<NudgeChoice>,
}

/// A change: either part may be left out. Everything is checked before anything is saved.
#[derive(Deserialize, ToSchema)]
#[schema(as = ReminderSettingsUpdate)]
pub struct ReminderSettingsUpdate {
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::time::Zone::nullable_schema, example = "Europe/Paris")]
    time_zone: Option<String>,
    #[serde(default)]
    choices: Vec<ReminderChoiceUpdate>,
}

/// One kind and how to get it.
#[derive(Deserialize, ToSchema)]
#[schema(as = ReminderChoiceUpdate)]
pub struct ReminderChoiceUpdate {
    kind: NudgeKind,
    delivery: Delivery,
}

/// How I get reminders, and my time zone.
#[utoipa::path(get, path = "/api/v1/me/reminders", tag = "accounts",
    responses((status = 200, body = ReminderSettings), (status = 401, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<ReminderSettings>, ApiError> {
    let choices = state.app.nudge_choices(&actor).await?;
    Ok(axum::Json(ReminderSettings { time_zone: actor.user.zone().name().to_owned(), choices }))
}

/// Change my time zone and how I get each kind of reminder.
#[utoipa::path(put, path = "/api/v1/me/reminders", tag = "accounts", request_body = ReminderSettingsUpdate,
    responses((status = 200, body = ReminderSettings), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn put(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(req): Json<ReminderSettingsUpdate>,
) -> Result<axum::Json<ReminderSettings>, ApiError> {
    let wanted: Vec<(String, String)> =
        req.choices.iter().map(|c| (c.kind.as_str().to_owned(), c.delivery.as_str().to_owned())).collect();
    let (zone, choices) = state.app.update_reminder_settings(&actor, req.time_zone.as_deref(), &wanted).await?;
    Ok(axum::Json(ReminderSettings { time_zone: zone.name().to_owned(), choices }))
}
