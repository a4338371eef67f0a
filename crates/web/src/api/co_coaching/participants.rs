//! Invitations over JSON: inviting someone to one side, and withdrawing an invitation that has
//! not been taken up (its link then says so, and nobody can join with it).

use super::{engagement, record};
use crate::api::extract::Json;
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use coachkit_app::co_coaching::InviteInput;
use serde::Serialize;
use utoipa::ToSchema;

/// The invitation's personal link (only shown now; it was also mailed).
#[derive(Serialize, ToSchema)]
pub struct Invited {
    link: String,
}

/// Invite someone to one side; they are mailed their link, which is also returned.
#[utoipa::path(post, path = "/api/v1/co-coaching/{id}/participants", tag = "co-coaching", params(("id" = String, Path)),
    request_body = InviteInput,
    responses((status = 201, body = Invited), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn invite(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<InviteInput>,
) -> Result<Response, ApiError> {
    let link = state.app.invite_participant(&actor, &engagement(&raw)?, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(Invited { link })).into_response())
}

/// Withdraw an invitation not yet taken up (the facilitator).
#[utoipa::path(delete, path = "/api/v1/co-coaching/{id}/participants/{participant}", tag = "co-coaching",
    params(("id" = String, Path), ("participant" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn withdraw(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, participant)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    state.app.withdraw_invitation(&actor, &engagement(&raw)?, &record(&participant, "invitation")?).await?;
    Ok(StatusCode::NO_CONTENT)
}
