//! Account settings: profile, password, API tokens, your data, and deleting the account.

use crate::auth::{CsrfForm, PageActor};
use crate::error::{FieldErrors, PageError};
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use coachkit_app::{Actor, AppError};
use coachkit_domain::TokenId;
use serde::Deserialize;

pub struct TokenLine {
    pub id: String,
    pub name: String,
    pub created: String,
    pub revoked: bool,
}

#[derive(Template)]
#[template(path = "account/settings.html")]
struct SettingsPage {
    nav: Nav,
    display_name: String,
    headline: String,
    handle: String,
    email: String,
    errors: FieldErrors,
    notice: Option<String>,
    message: Option<String>,
    new_token: Option<String>,
    tokens: Vec<TokenLine>,
    /// What was typed into the deletion's confirmation, shown back when it was refused.
    confirm_email: String,
}

struct Extras {
    errors: FieldErrors,
    notice: Option<String>,
    message: Option<String>,
    new_token: Option<String>,
    form: Option<(String, String)>,
    confirm_email: String,
}

impl Extras {
    fn none() -> Self {
        Self {
            errors: FieldErrors::default(),
            notice: None,
            message: None,
            new_token: None,
            form: None,
            confirm_email: String::new(),
        }
    }
}

async fn settings_page(state: &AppState, actor: &Actor, x: Extras) -> Result<SettingsPage, PageError> {
    let zone = actor.user.zone();
    let tokens = state.app.tokens(actor).await?;
    let (display_name, headline) =
        x.form.unwrap_or_else(|| (actor.user.display_name.clone(), actor.user.headline.clone().unwrap_or_default()));
    Ok(SettingsPage {
        nav: Nav::for_actor(actor, "settings"),
        display_name,
        headline,
        handle: actor.user.handle.clone(),
        email: actor.user.email.clone(),
        errors: x.errors,
        notice: x.notice,
        message: x.message,
        new_token: x.new_token,
        confirm_email: x.confirm_email,
        tokens: tokens
            .into_iter()
            .map(|t| TokenLine {
                id: t.id,
                name: t.name,
                created: view::day(t.created_at, &zone),
                revoked: t.revoked_at.is_some(),
            })
            .collect(),
    })
}

pub async fn page(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    Ok(view::render(&settings_page(&state, &actor, Extras::none()).await?))
}

#[derive(Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    headline: String,
}

pub async fn profile(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> Result<Response, PageError> {
    match state.app.update_profile(&actor, &form.display_name, &form.headline).await {
        Ok(user) => {
            let actor = Actor { user, ..actor };
            let x = Extras { notice: Some("Profile saved.".into()), ..Extras::none() };
            Ok(view::render(&settings_page(&state, &actor, x).await?))
        }
        Err(e @ AppError::Invalid(_)) => {
            let x = Extras {
                errors: FieldErrors::from_app(&e).unwrap_or_default(),
                message: Some("Nothing was saved: please correct the marked fields.".into()),
                form: Some((form.display_name, form.headline)),
                ..Extras::none()
            };
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &settings_page(&state, &actor, x).await?))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

pub async fn password(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<Response, PageError> {
    match state.app.change_password(&actor, &form.current_password, &form.new_password).await {
        Ok(()) => {
            let x = Extras {
                notice: Some("Password changed. Your other sessions were signed out.".into()),
                ..Extras::none()
            };
            Ok(view::render(&settings_page(&state, &actor, x).await?))
        }
        Err(e @ AppError::Invalid(_)) => {
            let x = Extras {
                errors: FieldErrors::from_app(&e).unwrap_or_default(),
                message: Some("The password was not changed.".into()),
                ..Extras::none()
            };
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &settings_page(&state, &actor, x).await?))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> Result<Response, PageError> {
    match state.app.create_token(&actor.id(), &form.name).await {
        Ok((_, secret)) => {
            let x = Extras { new_token: Some(secret.expose().to_owned()), ..Extras::none() };
            Ok(view::render(&settings_page(&state, &actor, x).await?))
        }
        Err(AppError::Invalid(f)) => {
            let message = f.iter().map(|f| format!("Token {}.", f)).collect::<Vec<_>>().join(" ");
            let x = Extras { message: Some(message), ..Extras::none() };
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &settings_page(&state, &actor, x).await?))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    let id = TokenId::parse(&id).map_err(|_| PageError::App(AppError::NotFound("token")))?;
    state.app.revoke_token(&actor.id(), &id).await?;
    Ok(Redirect::to("/settings").into_response())
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    confirm_email: String,
}

/// Deletes the signed-in person's account once they typed its e-mail; signs this browser out.
pub async fn delete_account(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> Result<Response, PageError> {
    let result =
        state.app.delete_account(coachkit_app::Leaver::Themselves(&actor), &actor.id(), &form.confirm_email).await;
    let (status, errors, message) = match result {
        Ok(()) => return Ok((crate::auth::clear_session(jar), Redirect::to("/goodbye")).into_response()),
        Err(e @ AppError::Invalid(_)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            FieldErrors::from_app(&e).unwrap_or_default(),
            "Nothing was deleted.".into(),
        ),
        Err(AppError::Conflict(why)) => {
            (StatusCode::CONFLICT, FieldErrors::default(), format!("Nothing was deleted: {why}."))
        }
        Err(e) => return Err(e.into()),
    };
    let x = Extras { errors, message: Some(message), confirm_email: form.confirm_email, ..Extras::none() };
    Ok(view::render_status(status, &settings_page(&state, &actor, x).await?))
}

#[derive(Template)]
#[template(path = "account/goodbye.html")]
struct GoodbyePage {
    nav: Nav,
}

/// Where a deleted account's browser lands.
pub async fn goodbye() -> Response {
    view::render(&GoodbyePage { nav: Nav::default() })
}
