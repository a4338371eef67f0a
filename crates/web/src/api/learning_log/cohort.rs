//! The facilitator's side: the cohort view (counts and dates, never what anyone wrote), a
//! participant's pack once they shared it, the facilitator's own private note beside it, and the
//! coach-the-coach session with its calendar file.

use super::{calendar, participant, programme};
use crate::api::extract::Json;
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use coachkit_app::learning_log::{CohortPage, LogPage};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[schema(as = LearningLogNoteInput)]
pub struct NoteInput {
    /// Your note on the participant's pack: yours alone (at most 4,000 characters).
    note: String,
}

#[derive(Deserialize, ToSchema)]
pub struct BookingInput {
    /// The date and time in UTC, "2026-12-01T14:30".
    when: String,
    /// Where (a room, a video link), optional.
    #[serde(default)]
    place: Option<String>,
}

/// The cohort: each participant's progress in counts and dates, who has gone quiet, the
/// invitations, and the skills counted across the logs shared with you. Its facilitators only.
#[utoipa::path(get, path = "/api/v1/learning-log/programmes/{id}", tag = "learning_log", operation_id = "learning_log_cohort",
    params(("id" = String, Path)),
    responses((status = 200, body = CohortPage), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn cohort(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<CohortPage>, ApiError> {
    Ok(axum::Json(state.app.ll_cohort(&actor, &programme(&raw)?).await?))
}

/// A participant's pack with your own note: only once they shared it with the facilitators
/// (404 otherwise, as for a log that does not exist).
#[utoipa::path(get, path = "/api/v1/learning-log/programmes/{id}/participants/{user}/pack", tag = "learning_log", operation_id = "learning_log_pack",
    params(("id" = String, Path), ("user" = String, Path, description = "The participant's user id")),
    responses((status = 200, body = LogPage), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn pack(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, user)): Path<(String, String)>,
) -> Result<axum::Json<LogPage>, ApiError> {
    let (id, user) = (programme(&raw)?, participant(&user)?);
    Ok(axum::Json(state.app.ll_pack_for_facilitator(&actor, &id, &user).await?))
}

/// Save your private note beside a participant's shared pack.
#[utoipa::path(put, path = "/api/v1/learning-log/programmes/{id}/participants/{user}/note", tag = "learning_log", operation_id = "learning_log_note",
    params(("id" = String, Path), ("user" = String, Path, description = "The participant's user id")),
    request_body = NoteInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn note(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, user)): Path<(String, String)>,
    Json(req): Json<NoteInput>,
) -> Result<StatusCode, ApiError> {
    let (id, user) = (programme(&raw)?, participant(&user)?);
    state.app.save_ll_coach_note(&actor, &id, &user, &req.note).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Book or move a participant's coach-the-coach session; they are mailed its calendar file's address.
#[utoipa::path(put, path = "/api/v1/learning-log/programmes/{id}/participants/{user}/coach-session",
    tag = "learning_log", operation_id = "learning_log_book",
    params(("id" = String, Path), ("user" = String, Path, description = "The participant's user id")),
    request_body = BookingInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn book(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, user)): Path<(String, String)>,
    Json(req): Json<BookingInput>,
) -> Result<StatusCode, ApiError> {
    let (id, user) = (programme(&raw)?, participant(&user)?);
    state.app.book_ll_coach_session(&actor, &id, &user, &req.when, req.place.as_deref().unwrap_or("")).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A participant's coach-the-coach session as a calendar file. Its SEQUENCE grows each time the
/// session moves, so calendars update the one event.
#[utoipa::path(get, path = "/api/v1/learning-log/programmes/{id}/participants/{user}/coach-session.ics",
    tag = "learning_log", operation_id = "learning_log_coach_session_ics",
    params(("id" = String, Path), ("user" = String, Path, description = "The participant's user id")),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn coach_session_ics(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, user)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (id, user) = (programme(&raw)?, participant(&user)?);
    let text = state.app.ll_coach_session_ics(&actor, &id, Some(&user)).await?;
    Ok(calendar("coach-the-coach.ics", text))
}
