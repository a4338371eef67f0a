//! Joining a programme by its invitation link: what it is, then sign in (or make an account) and join.

use crate::auth::{CsrfForm, MaybeActor, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::learning_log::{JOIN_PATH, JoinPreview};

#[derive(Template)]
#[template(path = "learning_log/join.html")]
struct Page {
    nav: Nav,
    j: JoinPreview,
    signed_in: bool,
    here: String,
    here_encoded: String,
}

pub async fn page(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    Path(secret): Path<String>,
) -> Result<Response, PageError> {
    let j = state.app.ll_join_preview(actor.as_ref(), &secret).await?;
    if j.already_in {
        return Ok(Redirect::to(&format!("/learning-log/{}", j.programme.id)).into_response());
    }
    let here = format!("{JOIN_PATH}{secret}");
    Ok(view::render(&Page {
        nav: Nav::maybe(actor.as_ref(), "learning-log"),
        signed_in: actor.is_some(),
        here_encoded: view::url_encode(&here),
        here,
        j,
    }))
}

pub async fn join(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(secret): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = state.app.join_ll_programme(&actor, &secret).await?;
    Ok(Redirect::to(&format!("/learning-log/{id}/log?done=joined")).into_response())
}
