//! The invitation page, reached by its link: the engagement in brief and its ground rules, and
//! either "I take part" (signed in) or a short sign-up that joins at the same time.

use super::{Refusal, field, problems};
use crate::auth::{self, CsrfForm, MaybeActor};
use crate::error::{FieldErrors, PageError};
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use coachkit_app::AppError;
use coachkit_app::co_coaching::JoinPage;

#[derive(Template)]
#[template(path = "co_coaching/join.html")]
struct Page {
    nav: Nav,
    p: JoinPage,
    secret: String,
    signed_in: bool,
    session_one: String,
    display_name: String,
    refusal: Refusal,
}

pub async fn page(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    jar: CookieJar,
    Path(secret): Path<String>,
) -> Result<Response, PageError> {
    let p = state.app.join_page(&secret).await?;
    let (jar, nav) = match &actor {
        Some(a) => (jar, Nav::for_actor(a, "co-coaching")),
        None => {
            let (jar, csrf) = auth::pre_session_csrf(jar, &state);
            (jar, Nav::signed_out(csrf))
        }
    };
    let page = Page {
        nav,
        session_one: view::date_time(
            p.session_one_at,
            &actor.as_ref().map(|a| a.user.zone()).unwrap_or_else(coachkit_domain::time::Zone::utc),
        ),
        display_name: p.name.clone(),
        p,
        secret,
        signed_in: actor.is_some(),
        refusal: Refusal::default(),
    };
    Ok((jar, view::render(&page)).into_response())
}

pub async fn join(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    jar: CookieJar,
    Path(secret): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let agree = field(&pairs, "agree") == "1";
    let outcome = match &actor {
        Some(a) => state.app.join_engagement(a, &secret, agree).await.map(|id| (None, id)),
        None => state
            .app
            .sign_up_and_join(&secret, field(&pairs, "display_name"), field(&pairs, "password"), agree)
            .await
            .map(|(signed_in, id)| (Some(signed_in), id)),
    };
    match outcome {
        Ok((signed_in, id)) => {
            let jar = match signed_in {
                Some(s) => jar.add(auth::session_cookie(s.session_secret.expose(), &state)),
                None => jar,
            };
            Ok((jar, Redirect::to(&format!("/co-coaching/{id}"))).into_response())
        }
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let p = state.app.join_page(&secret).await?;
            let (jar, nav) = match &actor {
                Some(a) => (jar, Nav::for_actor(a, "co-coaching")),
                None => {
                    let (jar, csrf) = auth::pre_session_csrf(jar, &state);
                    (jar, Nav::signed_out(csrf))
                }
            };
            let status = if matches!(e, AppError::Conflict(_)) {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let refusal =
                Refusal { form: "join", problems: problems(&e), errors: FieldErrors::from_app(&e).unwrap_or_default() };
            let page = Page {
                nav,
                session_one: view::date_time(
                    p.session_one_at,
                    &actor.as_ref().map(|a| a.user.zone()).unwrap_or_else(coachkit_domain::time::Zone::utc),
                ),
                display_name: field(&pairs, "display_name").to_owned(),
                p,
                secret,
                signed_in: actor.is_some(),
                refusal,
            };
            Ok((jar, view::render_status(status, &page)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
