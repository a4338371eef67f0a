//! Instance administration over JSON: accounts and the outbox.

use super::extract::Query;
use super::extract::{Json, id};
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use coachkit_app::AppError;
use coachkit_domain::UserId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Serialize, ToSchema)]
pub struct Account {
    id: String,
    email: String,
    display_name: String,
    is_admin: bool,
    disabled: bool,
    created_at: i64,
}

#[derive(Serialize, ToSchema)]
pub struct AccountPage {
    accounts: Vec<Account>,
    total: i64,
}

#[derive(Deserialize, IntoParams)]
pub struct Paging {
    /// At most 500; default 100.
    limit: Option<i64>,
    offset: Option<i64>,
}

/// Every account, a page at a time (instance admin only).
#[utoipa::path(get, path = "/api/v1/admin/users", tag = "admin", params(Paging),
    responses((status = 200, body = AccountPage), (status = 403, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn users(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(p): Query<Paging>,
) -> Result<axum::Json<AccountPage>, ApiError> {
    let limit = p.limit.unwrap_or(100).clamp(1, 500);
    let offset = p.offset.unwrap_or(0).max(0);
    let (rows, total) = state.app.admin_users(&actor, limit, offset).await?;
    Ok(axum::Json(AccountPage {
        total,
        accounts: rows
            .into_iter()
            .map(|u| Account {
                is_admin: u.is_admin(),
                disabled: u.is_disabled(),
                id: u.id,
                email: u.email,
                display_name: u.display_name,
                created_at: u.created_at,
            })
            .collect(),
    }))
}

/// Disable or enable an account (`action` is disable or enable).
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/{action}", tag = "admin",
    params(("id" = String, Path), ("action" = String, Path, description = "disable or enable")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn set_disabled(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, action)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let disabled = match action.as_str() {
        "disable" => true,
        "enable" => false,
        _ => return Err(AppError::NotFound("action").into()),
    };
    let uid = id(&raw, "account", UserId::parse)?;
    state.app.admin_set_disabled(&actor, &uid, disabled).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[schema(as = AdminAccountDeletion)]
pub struct AdminAccountDeletion {
    /// The account's e-mail, typed to confirm which account goes.
    confirm_email: String,
}

/// Delete an account on its owner's request (instance admin only), reading none of it: what the
/// person wrote goes, what others wrote stays with them. Not your own account (use `DELETE /api/v1/me`).
#[utoipa::path(delete, path = "/api/v1/admin/users/{id}", tag = "admin", request_body = AdminAccountDeletion,
    params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn delete_user(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<AdminAccountDeletion>,
) -> Result<StatusCode, ApiError> {
    let uid = id(&raw, "account", UserId::parse)?;
    state.app.delete_account(coachkit_app::Leaver::Admin(&actor), &uid, &req.confirm_email).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct Mail {
    id: String,
    to: String,
    subject: String,
    created_at: i64,
    attempts: i64,
    sent_at: Option<i64>,
    last_error: Option<String>,
}

/// The newest 100 messages of the outbox (instance admin only): who, what subject, and where
/// delivery stands. Never the bodies: they are what people wrote to each other (and hold live
/// links); `coachkit mail list` on the server shows them to the operator.
#[utoipa::path(get, path = "/api/v1/admin/outbox", tag = "admin",
    responses((status = 200, body = [Mail]), (status = 403, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn outbox(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<Vec<Mail>>, ApiError> {
    Ok(axum::Json(
        state
            .app
            .admin_outbox(&actor)
            .await?
            .into_iter()
            .map(|m| Mail {
                id: m.id,
                to: m.to_addr,
                subject: m.subject,
                created_at: m.created_at,
                attempts: m.attempts,
                sent_at: m.sent_at,
                last_error: m.last_error,
            })
            .collect(),
    ))
}
