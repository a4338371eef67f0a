//! Accounts over JSON: sign up and in, profile, password.

use super::extract::Json;
use crate::auth::{self, ApiActor, ClientAddr};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use coachkit_app::Actor;
use coachkit_store::UserRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The signed-in person.
#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: String,
    pub email: String,
    pub display_name: String,
    /// Address of the public page: `/p/<handle>`.
    pub handle: String,
    pub headline: Option<String>,
    pub is_admin: bool,
    /// For cookie-authenticated changes: send it back as `X-CSRF-Token`. Absent with API tokens.
    pub csrf_token: Option<String>,
}

impl Me {
    fn of(user: &UserRow, csrf: Option<String>) -> Self {
        Self {
            id: user.id.clone(),
            email: user.email.clone(),
            display_name: user.display_name.clone(),
            handle: user.handle.clone(),
            headline: user.headline.clone(),
            is_admin: user.is_admin(),
            csrf_token: csrf,
        }
    }
    fn of_actor(a: &Actor) -> Self {
        Self::of(&a.user, a.csrf_token.clone())
    }
}

#[derive(Deserialize, ToSchema)]
pub struct SignUpRequest {
    #[schema(schema_with = coachkit_domain::account::Email::schema, required = true)]
    email: String,
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::account::DisplayName::MAX }>, required = true)]
    display_name: String,
    #[schema(min_length = 10, max_length = 256)]
    password: String,
    /// An invitation link's secret, required when the instance is invite-only.
    #[serde(default)]
    invite: Option<String>,
}

/// Create an account and sign in (sets the session cookie).
#[utoipa::path(post, path = "/api/v1/signup", tag = "accounts", request_body = SignUpRequest,
    responses((status = 201, body = Me), (status = 409, description = "The e-mail already has an account.", body = ErrorBody), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn sign_up(
    State(state): State<AppState>,
    jar: CookieJar,
    Json(req): Json<SignUpRequest>,
) -> Result<Response, ApiError> {
    let signed_in = state.app.sign_up(&req.email, &req.display_name, &req.password, req.invite.as_deref()).await?;
    let jar = jar.add(auth::session_cookie(signed_in.session_secret.expose(), &state));
    let actor = state.app.actor_from_session(signed_in.session_secret.expose()).await?;
    let me = actor.as_ref().map(Me::of_actor).unwrap_or_else(|| Me::of(&signed_in.user, None));
    Ok((StatusCode::CREATED, jar, axum::Json(me)).into_response())
}

#[derive(Deserialize, ToSchema)]
pub struct SignInRequest {
    email: String,
    password: String,
}

/// Sign in with e-mail and password (sets the session cookie).
#[utoipa::path(post, path = "/api/v1/signin", tag = "accounts", request_body = SignInRequest,
    responses((status = 200, body = Me), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn sign_in(
    State(state): State<AppState>,
    Extension(ClientAddr(addr)): Extension<ClientAddr>,
    jar: CookieJar,
    Json(req): Json<SignInRequest>,
) -> Result<Response, ApiError> {
    let signed_in = state.app.sign_in(&req.email, &req.password, &addr).await?;
    let jar = jar.add(auth::session_cookie(signed_in.session_secret.expose(), &state));
    let actor = state.app.actor_from_session(signed_in.session_secret.expose()).await?;
    let me = actor.as_ref().map(Me::of_actor).unwrap_or_else(|| Me::of(&signed_in.user, None));
    Ok((jar, axum::Json(me)).into_response())
}

/// Sign out this session.
#[utoipa::path(post, path = "/api/v1/signout", tag = "accounts", responses((status = 204)))]
pub async fn sign_out(
    State(state): State<AppState>,
    jar: CookieJar,
    ApiActor(actor): ApiActor,
) -> Result<Response, ApiError> {
    state.app.sign_out(&actor).await?;
    Ok((auth::clear_session(jar), StatusCode::NO_CONTENT).into_response())
}

#[derive(Deserialize, ToSchema)]
pub struct ResetRequest {
    email: String,
}

/// Mail a password-reset link if the address has an account. Always 202, so it reveals nothing.
#[utoipa::path(post, path = "/api/v1/password-reset", tag = "accounts", request_body = ResetRequest, responses((status = 202)))]
pub async fn request_reset(
    State(state): State<AppState>,
    Json(req): Json<ResetRequest>,
) -> Result<StatusCode, ApiError> {
    state.app.request_password_reset(&req.email).await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Deserialize, ToSchema)]
pub struct NewPassword {
    password: String,
}

/// Set a new password with a reset link's secret. Works once.
#[utoipa::path(post, path = "/api/v1/password-reset/{secret}", tag = "accounts", request_body = NewPassword,
    params(("secret" = String, Path, description = "The secret from the mailed link")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reset(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    Json(req): Json<NewPassword>,
) -> Result<StatusCode, ApiError> {
    state.app.reset_password(&secret, &req.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in person.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn me(ApiActor(actor): ApiActor) -> axum::Json<Me> {
    axum::Json(Me::of_actor(&actor))
}

#[derive(Deserialize, ToSchema)]
pub struct ProfileUpdate {
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::account::DisplayName::MAX }>, required = true)]
    display_name: String,
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable::<{ coachkit_app::HEADLINE_MAX }>)]
    headline: Option<String>,
}

/// Update your name and headline.
#[utoipa::path(patch, path = "/api/v1/me", tag = "accounts", request_body = ProfileUpdate,
    responses((status = 200, body = Me), (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn update_me(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(req): Json<ProfileUpdate>,
) -> Result<axum::Json<Me>, ApiError> {
    let user = state.app.update_profile(&actor, &req.display_name, req.headline.as_deref().unwrap_or("")).await?;
    Ok(axum::Json(Me::of(&user, actor.csrf_token)))
}

#[derive(Deserialize, ToSchema)]
pub struct PasswordChange {
    current_password: String,
    new_password: String,
}

/// Change your password; your other sessions are signed out.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "accounts", request_body = PasswordChange,
    responses((status = 204), (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn change_password(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(req): Json<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    state.app.change_password(&actor, &req.current_password, &req.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[schema(as = AccountDeletion)]
pub struct AccountDeletion {
    /// The account's e-mail, typed again to confirm.
    pub confirm_email: String,
}

/// Delete your account. Everything you wrote goes, in every practice; what others wrote stays
/// with them, and your side of shared records reads "a former member". Every session and API
/// token ends. Download your export first (`/journal/export.json`): this cannot be undone.
#[utoipa::path(delete, path = "/api/v1/me", tag = "accounts", request_body = AccountDeletion,
    responses((status = 204), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn delete_me(
    State(state): State<AppState>,
    jar: CookieJar,
    ApiActor(actor): ApiActor,
    Json(req): Json<AccountDeletion>,
) -> Result<Response, ApiError> {
    state.app.delete_account(coachkit_app::Leaver::Themselves(&actor), &actor.id(), &req.confirm_email).await?;
    Ok((auth::clear_session(jar), StatusCode::NO_CONTENT).into_response())
}
