//! The expert's side, by the secret of their link and nothing else: no account, no cookie, no
//! token. A link opens exactly one expert of one request; an unknown, revoked or expired secret
//! answers 404, whatever the route.

use super::OptionalJson;
use crate::api::extract::Json;
use crate::auth::{AuthMethod, Resolved, constant_time_eq};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use coachkit_app::mentoring::{AdviceInput, ExpertPage};
use serde::Deserialize;
use utoipa::ToSchema;

/// Whoever holds the link. The secret is the credential, so a caller with no session at all is
/// served. A browser that does carry a session cookie is held to the API's rule for
/// cookie-authenticated changes (`X-CSRF-Token`), so the API keeps one rule for cookies whatever
/// the route; a bearer token needs no CSRF token, as everywhere.
pub struct LinkHolder;

impl<S: Send + Sync> FromRequestParts<S> for LinkHolder {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        if parts.method.is_safe() {
            return Ok(LinkHolder);
        }
        let session =
            parts.extensions.get::<Resolved>().and_then(|r| r.0.as_ref()).filter(|(_, m)| *m == AuthMethod::Session);
        if let Some((actor, _)) = session {
            let sent = parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).unwrap_or("");
            let expected = actor.csrf_token.as_deref().unwrap_or("");
            if expected.is_empty() || !constant_time_eq(sent, expected) {
                return Err(ApiError::BadRequest(
                    StatusCode::FORBIDDEN,
                    "send the X-CSRF-Token header from GET /api/v1/me with cookie-authenticated changes, or call without the cookie".into(),
                ));
            }
        }
        Ok(LinkHolder)
    }
}

#[derive(Deserialize, ToSchema)]
pub struct MoreTimeInput {
    /// The date you could answer by, "2026-12-24": later than the date asked, at most sixty days
    /// from today.
    until: String,
    /// A word for the leader (optional).
    #[serde(default)]
    note: Option<String>,
}

#[derive(Default, Deserialize, ToSchema)]
pub struct DeclineInput {
    /// A word for the leader (optional).
    #[serde(default)]
    note: Option<String>,
}

/// The request as the expert sees it, with their own boxes. The first visit marks the request as
/// opened for the leader.
#[utoipa::path(get, path = "/api/v1/expert/{secret}", tag = "mentoring",
    params(("secret" = String, Path, description = "The secret of the expert's link (64 hex characters)")),
    responses((status = 200, body = ExpertPage), (status = 404, body = ErrorBody)),
    security(()))]
pub async fn page(
    State(state): State<AppState>,
    _: LinkHolder,
    Path(secret): Path<String>,
) -> Result<axum::Json<ExpertPage>, ApiError> {
    Ok(axum::Json(state.app.expert_page(&secret).await?))
}

/// Save a draft of the three pieces of advice (boxes may be empty); nobody else sees it.
#[utoipa::path(put, path = "/api/v1/expert/{secret}/draft", tag = "mentoring",
    params(("secret" = String, Path, description = "The secret of the expert's link (64 hex characters)")),
    request_body = AdviceInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(()))]
pub async fn save_draft(
    State(state): State<AppState>,
    _: LinkHolder,
    Path(secret): Path<String>,
    Json(input): Json<AdviceInput>,
) -> Result<StatusCode, ApiError> {
    state.app.save_expert_advice(&secret, &input, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Send the three pieces of advice (all three written). They are sealed from then on: no one
/// reads them until every expert has answered, and they can no longer be changed (409).
#[utoipa::path(post, path = "/api/v1/expert/{secret}/submit", tag = "mentoring",
    params(("secret" = String, Path, description = "The secret of the expert's link (64 hex characters)")),
    request_body = AdviceInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(()))]
pub async fn submit(
    State(state): State<AppState>,
    _: LinkHolder,
    Path(secret): Path<String>,
    Json(input): Json<AdviceInput>,
) -> Result<StatusCode, ApiError> {
    state.app.save_expert_advice(&secret, &input, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ask for more time; the leader sees the new date and the note, and the reminders follow it.
#[utoipa::path(post, path = "/api/v1/expert/{secret}/more-time", tag = "mentoring",
    params(("secret" = String, Path, description = "The secret of the expert's link (64 hex characters)")),
    request_body = MoreTimeInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(()))]
pub async fn more_time(
    State(state): State<AppState>,
    _: LinkHolder,
    Path(secret): Path<String>,
    Json(req): Json<MoreTimeInput>,
) -> Result<StatusCode, ApiError> {
    state.app.expert_more_time(&secret, &req.until, req.note.as_deref().unwrap_or("")).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Decline, with an optional note; the body may be left out. The reminders stop.
#[utoipa::path(post, path = "/api/v1/expert/{secret}/decline", tag = "mentoring",
    params(("secret" = String, Path, description = "The secret of the expert's link (64 hex characters)")),
    request_body(content = Option<DeclineInput>, description = "Optional: a note for the leader."),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(()))]
pub async fn decline(
    State(state): State<AppState>,
    _: LinkHolder,
    Path(secret): Path<String>,
    OptionalJson(req): OptionalJson<DeclineInput>,
) -> Result<StatusCode, ApiError> {
    state.app.expert_decline(&secret, req.note.as_deref().unwrap_or("")).await?;
    Ok(StatusCode::NO_CONTENT)
}
