//! API tokens over JSON.

use super::extract::{Json, id};
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use coachkit_domain::TokenId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Token {
    id: String,
    name: String,
    created_at: i64,
    last_used_at: Option<i64>,
    revoked_at: Option<i64>,
}

/// Your API tokens (never their secrets).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens", responses((status = 200, body = [Token])),
    security(("token" = []), ("session" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<Vec<Token>>, ApiError> {
    Ok(axum::Json(
        state
            .app
            .tokens(&actor)
            .await?
            .into_iter()
            .map(|t| Token {
                id: t.id,
                name: t.name,
                created_at: t.created_at,
                last_used_at: t.last_used_at,
                revoked_at: t.revoked_at,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct NewToken {
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_app::TOKEN_NAME_MAX }>, required = true)]
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedToken {
    id: String,
    /// Shown once: store it now.
    token: String,
}

/// Create a token.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens", request_body = NewToken,
    responses((status = 201, body = CreatedToken), (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(req): Json<NewToken>,
) -> Result<(StatusCode, axum::Json<CreatedToken>), ApiError> {
    let (tid, secret) = state.app.create_token(&actor.id(), &req.name).await?;
    Ok((StatusCode::CREATED, axum::Json(CreatedToken { id: tid.to_string(), token: secret.expose().to_owned() })))
}

/// Revoke a token.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn revoke(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let tid = id(&raw, "token", TokenId::parse)?;
    state.app.revoke_token(&actor.id(), &tid).await?;
    Ok(StatusCode::NO_CONTENT)
}
