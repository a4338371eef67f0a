//! Sign-in, sign-up, sign-out and password reset pages.

use crate::auth::{self, ClientAddr, CsrfForm, MaybeActor, PageActor};
use crate::error::{FieldErrors, PageError};
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use coachkit_app::demo::{DEMO_PASSWORD, DemoSignIn};
use coachkit_app::{AppError, SignupMode};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
    invite: Option<String>,
}

#[derive(Template)]
#[template(path = "account/signin.html")]
struct SignInPage {
    nav: Nav,
    next: String,
    signup_href: String,
    email: String,
    message: Option<String>,
    /// The demo's people, listed only on an instance that holds the demo.
    demo: &'static [DemoSignIn],
    demo_password: &'static str,
}

fn signin_page_view(nav: Nav, next: String, email: String, message: Option<String>) -> SignInPage {
    let signup_href = if next == "/" { "/signup".into() } else { format!("/signup?next={}", view::url_encode(&next)) };
    SignInPage { nav, next, signup_href, email, message, demo: &[], demo_password: DEMO_PASSWORD }
}

/// The sign-in page with the demo's sign-ins when this instance holds the demo. A failure to
/// read that fact only leaves the list out: signing in matters more than the hint.
async fn signin_page_with_demo(state: &AppState, page: SignInPage) -> SignInPage {
    let demo = state.app.demo_sign_ins().await.unwrap_or(&[]);
    SignInPage { demo, ..page }
}

pub async fn signin_page(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    jar: CookieJar,
    Query(q): Query<NextQuery>,
) -> Response {
    let next = auth::safe_next(q.next.as_deref());
    if actor.is_some() {
        return Redirect::to(&next).into_response();
    }
    let (jar, csrf) = auth::pre_session_csrf(jar, &state);
    let page = signin_page_with_demo(&state, signin_page_view(Nav::signed_out(csrf), next, String::new(), None)).await;
    (jar, view::render(&page)).into_response()
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn signin(
    State(state): State<AppState>,
    Extension(ClientAddr(addr)): Extension<ClientAddr>,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<SignInForm>,
) -> Response {
    let next = auth::safe_next(form.next.as_deref());
    match state.app.sign_in(&form.email, &form.password, &addr).await {
        Ok(signed_in) => {
            let jar = jar.add(auth::session_cookie(signed_in.session_secret.expose(), &state));
            (jar, Redirect::to(&next)).into_response()
        }
        Err(e @ (AppError::Unauthorized(_) | AppError::RateLimited { .. })) => {
            let status = if matches!(e, AppError::RateLimited { .. }) {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::UNAUTHORIZED
            };
            let (jar, csrf) = auth::pre_session_csrf(jar, &state);
            let message = capitalise(&e.to_string());
            let page = signin_page_view(Nav::signed_out(csrf), next, form.email, Some(message));
            let page = signin_page_with_demo(&state, page).await;
            (jar, view::render_status(status, &page)).into_response()
        }
        Err(e) => PageError::from(e).into_response(),
    }
}

#[derive(Template)]
#[template(path = "account/signup.html")]
struct SignUpPage {
    nav: Nav,
    next: String,
    invite: String,
    /// The zone guessed by the browser, kept when the form comes back with errors.
    time_zone: String,
    invite_only: bool,
    display_name: String,
    email: String,
    errors: FieldErrors,
    message: Option<String>,
}

pub async fn signup_page(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    jar: CookieJar,
    Query(q): Query<NextQuery>,
) -> Response {
    let next = auth::safe_next(q.next.as_deref());
    if actor.is_some() {
        return Redirect::to(&next).into_response();
    }
    let (jar, csrf) = auth::pre_session_csrf(jar, &state);
    let page = SignUpPage {
        nav: Nav::signed_out(csrf),
        next,
        invite: q.invite.unwrap_or_default(),
        time_zone: String::new(),
        invite_only: state.app.config.signup == SignupMode::InviteOnly,
        display_name: String::new(),
        email: String::new(),
        errors: FieldErrors::default(),
        message: None,
    };
    (jar, view::render(&page)).into_response()
}

#[derive(Deserialize)]
pub struct SignUpForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
    invite: Option<String>,
    /// The browser's zone, filled in by `/static/time_zone.js`; empty without scripts.
    #[serde(default)]
    time_zone: String,
}

pub async fn signup(State(state): State<AppState>, jar: CookieJar, CsrfForm(form): CsrfForm<SignUpForm>) -> Response {
    let next = auth::safe_next(form.next.as_deref());
    let invite = form.invite.clone().filter(|s| !s.is_empty());
    match state.app.sign_up(&form.email, &form.display_name, &form.password, invite.as_deref()).await {
        Ok(signed_in) => {
            if let Err(e) = state.app.guess_time_zone(&signed_in.user.user_id(), &form.time_zone).await {
                // The account exists and works on UTC; the zone can be chosen in Settings.
                tracing::warn!(error = ?e, "could not store the guessed time zone");
            }
            let jar = jar.add(auth::session_cookie(signed_in.session_secret.expose(), &state));
            let to = if next == "/" { "/dashboard".to_owned() } else { next };
            (jar, Redirect::to(&to)).into_response()
        }
        Err(e @ (AppError::Invalid(_) | AppError::Forbidden(_))) => {
            let (jar, csrf) = auth::pre_session_csrf(jar, &state);
            let status = if matches!(e, AppError::Forbidden(_)) {
                StatusCode::FORBIDDEN
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let page = SignUpPage {
                nav: Nav::signed_out(csrf),
                next,
                invite: invite.unwrap_or_default(),
                time_zone: form.time_zone,
                invite_only: state.app.config.signup == SignupMode::InviteOnly,
                display_name: form.display_name,
                email: form.email,
                errors: FieldErrors::from_app(&e).unwrap_or_default(),
                message: Some(match &e {
                    AppError::Invalid(_) => "Please correct the fields marked below.".into(),
                    other => capitalise(&other.to_string()),
                }),
            };
            (jar, view::render_status(status, &page)).into_response()
        }
        Err(e) => PageError::from(e).into_response(),
    }
}

pub async fn signout(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    jar: CookieJar,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    state.app.sign_out(&actor).await?;
    Ok((auth::clear_session(jar), Redirect::to("/")).into_response())
}

#[derive(Template)]
#[template(path = "account/reset_request.html")]
struct ResetRequestPage {
    nav: Nav,
    sent: bool,
}

pub async fn reset_request_page(State(state): State<AppState>, jar: CookieJar) -> Response {
    let (jar, csrf) = auth::pre_session_csrf(jar, &state);
    (jar, view::render(&ResetRequestPage { nav: Nav::signed_out(csrf), sent: false })).into_response()
}

#[derive(Deserialize)]
pub struct ResetRequestForm {
    #[serde(default)]
    email: String,
}

pub async fn reset_request(
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<ResetRequestForm>,
) -> Result<Response, PageError> {
    state.app.request_password_reset(&form.email).await?;
    Ok(view::render(&ResetRequestPage { nav: Nav::default(), sent: true }))
}

#[derive(Template)]
#[template(path = "account/reset.html")]
struct ResetPage {
    nav: Nav,
    secret: String,
    error: Option<String>,
}

pub async fn reset_page(State(state): State<AppState>, jar: CookieJar, Path(secret): Path<String>) -> Response {
    if let Err(e) = state.app.resolve_link(&secret, coachkit_domain::capability::Purpose::PasswordReset).await {
        return expired_link(e);
    }
    let (jar, csrf) = auth::pre_session_csrf(jar, &state);
    (jar, view::render(&ResetPage { nav: Nav::signed_out(csrf), secret, error: None })).into_response()
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
}

pub async fn reset(
    State(state): State<AppState>,
    jar: CookieJar,
    Path(secret): Path<String>,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> Response {
    match state.app.reset_password(&secret, &form.password).await {
        Ok(()) => {
            let (jar, csrf) = auth::pre_session_csrf(jar, &state);
            let message = Some("Your password is set. Sign in with it now.".into());
            let page = signin_page_view(Nav::signed_out(csrf), "/".into(), String::new(), message);
            (jar, view::render(&page)).into_response()
        }
        Err(AppError::Invalid(fields)) => {
            let (jar, csrf) = auth::pre_session_csrf(jar, &state);
            let error = fields.first().map(|f| format!("The password {}.", f.message));
            let page = ResetPage { nav: Nav::signed_out(csrf), secret, error };
            (jar, view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)).into_response()
        }
        Err(e) => expired_link(e),
    }
}

fn expired_link(e: AppError) -> Response {
    match e {
        AppError::NotFound(_) => view::error_page(
            StatusCode::NOT_FOUND,
            "This link no longer works",
            "Reset links work once, for an hour. Ask for a new one from the sign-in page.",
        ),
        other => PageError::from(other).into_response(),
    }
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect::<String>() + if s.ends_with('.') { "" } else { "." },
        None => String::new(),
    }
}
