//! The coach-the-coach pack: one printable page with the programme, the sessions held, both cases
//! with their answers side by side, and the session's agenda. Its author reads their own; a
//! facilitator reads it only once shared, beside their own private note and the booking form.

use super::{field, is_form_problem, problems, refusal_status};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::learning_log::LogPage;
use coachkit_app::{Actor, AppError};

#[derive(Template)]
#[template(path = "learning_log/pack.html")]
struct Page {
    nav: Nav,
    p: LogPage,
    facilitator: bool,
    problems: Vec<String>,
    notice: &'static str,
    booking_value: String,
    place_value: String,
}

fn page(actor: &Actor, p: LogPage, facilitator: bool, problems: Vec<String>, notice: &'static str) -> Page {
    let booking_value =
        p.coach_session.as_ref().map(|c| coachkit_app::journal::time::to_datetime_local(c.at)).unwrap_or_default();
    let place_value = p.coach_session.as_ref().and_then(|c| c.place.clone()).unwrap_or_default();
    Page { nav: Nav::for_actor(actor, "learning-log"), p, facilitator, problems, notice, booking_value, place_value }
}

pub async fn own(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let p = state.app.ll_log(&actor, &id).await?;
    Ok(view::render(&page(&actor, p, false, vec![], "")))
}

#[derive(serde::Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    done: String,
}

pub async fn for_facilitator(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, user)): Path<(String, String)>,
    axum::extract::Query(flash): axum::extract::Query<Flash>,
) -> Result<Response, PageError> {
    let p = state.app.ll_pack_for_facilitator(&actor, &id, &user).await?;
    let notice = match flash.done.as_str() {
        "note" => "Your note is saved. Only you can read it.",
        "booked" => "Booked. The participant has a mail with the calendar file.",
        _ => "",
    };
    Ok(view::render(&page(&actor, p, true, vec![], notice)))
}

async fn after(
    state: &AppState,
    actor: &Actor,
    id: &str,
    user: &str,
    result: Result<(), AppError>,
    flash: &str,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/learning-log/{id}/participants/{user}?done={flash}")).into_response()),
        Err(e) if is_form_problem(&e) => {
            let p = state.app.ll_pack_for_facilitator(actor, id, user).await?;
            Ok(view::render_status(refusal_status(&e), &page(actor, p, true, problems(&e), "")))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn note(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, user)): Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.save_ll_coach_note(&actor, &id, &user, field(&pairs, "note")).await;
    after(&state, &actor, &id, &user, r, "note").await
}

pub async fn book(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, user)): Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let r = state.app.book_ll_coach_session(&actor, &id, &user, field(&pairs, "when"), field(&pairs, "place")).await;
    // Booking is possible before the pack is shared: back to the cohort then.
    match r {
        Ok(()) if state.app.ll_pack_for_facilitator(&actor, &id, &user).await.is_err() => {
            Ok(Redirect::to(&format!("/learning-log/{id}?done=booked")).into_response())
        }
        Err(e) if is_form_problem(&e) && state.app.ll_pack_for_facilitator(&actor, &id, &user).await.is_err() => {
            Ok(view::error_page(refusal_status(&e), "Not booked", &problems(&e).join(" ")))
        }
        r => after(&state, &actor, &id, &user, r, "booked").await,
    }
}

fn calendar(text: String) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"coach-the-coach.ics\""),
        ],
        text,
    )
        .into_response()
}

pub async fn own_ics(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    Ok(calendar(state.app.ll_coach_session_ics(&actor, &id, None).await?))
}

pub async fn facilitator_ics(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, user)): Path<(String, String)>,
) -> Result<Response, PageError> {
    Ok(calendar(state.app.ll_coach_session_ics(&actor, &id, Some(&user)).await?))
}
