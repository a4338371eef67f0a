//! Challenge cards over JSON: writing one's own (a draft or submitted), deleting a draft, and the
//! facilitator opening every submitted card at session one.

use super::{engagement, record};
use crate::api::extract::Json;
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use coachkit_app::co_coaching::CardInput;

/// Write or rewrite one of your cards (position 1 or 2), as a draft or submitted.
#[utoipa::path(put, path = "/api/v1/co-coaching/{id}/cards", tag = "co-coaching", params(("id" = String, Path)),
    request_body = CardInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn save_card(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<CardInput>,
) -> Result<StatusCode, ApiError> {
    state.app.save_card(&actor, &engagement(&raw)?, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Delete one of your cards while it is a draft, before the cards open.
#[utoipa::path(delete, path = "/api/v1/co-coaching/{id}/cards/{card}", tag = "co-coaching",
    params(("id" = String, Path), ("card" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn delete_draft(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, card)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    state.app.delete_draft_card(&actor, &engagement(&raw)?, &record(&card, "card")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Open the submitted cards to everyone in the engagement (the facilitator, at session one).
#[utoipa::path(post, path = "/api/v1/co-coaching/{id}/open", tag = "co-coaching", params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn open(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.app.open_cards(&actor, &engagement(&raw)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
