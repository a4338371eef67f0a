//! A participant's own log: sessions planned and recorded, the two cases, the answers, the
//! journal actions that grow from them, sharing the pack with the facilitators, and the
//! coach-the-coach session's calendar file.

use super::{LearningLogCreated, calendar, programme, record};
use crate::api::extract::Json;
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use coachkit_app::learning_log::{AnswerInput, LogPage, SessionInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Default, Deserialize, ToSchema)]
pub struct CasesInput {
    /// A held session's id for the Best; left out or empty for none yet.
    #[serde(default)]
    best: Option<String>,
    /// A different held session's id for the Most Challenging; left out or empty for none yet.
    #[serde(default)]
    hardest: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct AnswersInput {
    /// Any number of answers; every one is checked first, and a refused batch saves none.
    answers: Vec<AnswerInput>,
}

#[derive(Serialize, ToSchema)]
pub struct ActionsCreated {
    /// The new journal actions (private), in order.
    ids: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct ShareInput {
    /// True to share the pack with the programme's facilitators, false to take it back.
    shared: bool,
}

/// Your log in a programme, whole: sessions, cases, answers side by side, the coach-the-coach
/// session and its agenda, the skills that recur across your cases.
#[utoipa::path(get, path = "/api/v1/learning-log/programmes/{id}/log", tag = "learning_log", operation_id = "learning_log_my_log",
    params(("id" = String, Path)),
    responses((status = 200, body = LogPage), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn my_log(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<LogPage>, ApiError> {
    Ok(axum::Json(state.app.ll_log(&actor, &programme(&raw)?).await?))
}

/// Plan a session: the day (inside the window), who (a relationship in which you coach, or a
/// name), the topic, a GROW plan. Over the cap or outside the window answers 422 and saves nothing.
#[utoipa::path(post, path = "/api/v1/learning-log/programmes/{id}/sessions", tag = "learning_log", operation_id = "learning_log_plan_session",
    params(("id" = String, Path)), request_body = SessionInput,
    responses((status = 201, body = LearningLogCreated), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn plan_session(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<SessionInput>,
) -> Result<(StatusCode, axum::Json<LearningLogCreated>), ApiError> {
    let id = state.app.plan_ll_session(&actor, &programme(&raw)?, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(LearningLogCreated { id })))
}

/// Change a session's day, topic and GROW plan (who it is with stays).
#[utoipa::path(put, path = "/api/v1/learning-log/programmes/{id}/sessions/{session}", tag = "learning_log", operation_id = "learning_log_update_session",
    params(("id" = String, Path), ("session" = String, Path)), request_body = SessionInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn update_session(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, session)): Path<(String, String)>,
    Json(input): Json<SessionInput>,
) -> Result<StatusCode, ApiError> {
    let (id, session) = (programme(&raw)?, record(&session, "session")?);
    state.app.update_ll_session(&actor, &id, &session, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Record a session as held (on or after its day), with its GROW notes: `goal`, `reality`,
/// `options`, `way_forward` (at least one).
#[utoipa::path(post, path = "/api/v1/learning-log/programmes/{id}/sessions/{session}/record", tag = "learning_log", operation_id = "learning_log_record_session",
    params(("id" = String, Path), ("session" = String, Path)), request_body = SessionInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn record_session(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, session)): Path<(String, String)>,
    Json(input): Json<SessionInput>,
) -> Result<StatusCode, ApiError> {
    let (id, session) = (programme(&raw)?, record(&session, "session")?);
    state.app.record_ll_session(&actor, &id, &session, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Remove a session that is not one of your two cases and had no case study drawn from it (409 otherwise).
#[utoipa::path(delete, path = "/api/v1/learning-log/programmes/{id}/sessions/{session}", tag = "learning_log", operation_id = "learning_log_delete_session",
    params(("id" = String, Path), ("session" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn delete_session(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, session)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (id, session) = (programme(&raw)?, record(&session, "session")?);
    state.app.delete_ll_session(&actor, &id, &session).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Choose the Best and the Most Challenging: two different sessions recorded as held.
#[utoipa::path(put, path = "/api/v1/learning-log/programmes/{id}/cases", tag = "learning_log", operation_id = "learning_log_choose_cases",
    params(("id" = String, Path)), request_body = CasesInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn choose_cases(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<CasesInput>,
) -> Result<StatusCode, ApiError> {
    let id = programme(&raw)?;
    let (best, hardest) = (req.best.unwrap_or_default(), req.hardest.unwrap_or_default());
    state.app.choose_ll_cases(&actor, &id, &best, &hardest).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Save answers as you go (at most 4,000 characters each; an empty answer removes it). The case
/// an answer is about must be chosen first.
#[utoipa::path(put, path = "/api/v1/learning-log/programmes/{id}/answers", tag = "learning_log", operation_id = "learning_log_save_answers",
    params(("id" = String, Path)), request_body = AnswersInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn save_answers(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<AnswersInput>,
) -> Result<StatusCode, ApiError> {
    state.app.save_ll_answers(&actor, &programme(&raw)?, &req.answers).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Turn one answer into private journal actions: "stop, start, continue" into one per verb, any
/// other answer into one.
#[utoipa::path(post, path = "/api/v1/learning-log/programmes/{id}/answers/{case}/{position}/actions",
    tag = "learning_log", operation_id = "learning_log_answer_to_actions",
    params(("id" = String, Path), ("case" = String, Path, description = "best or hardest"),
        ("position" = i64, Path, description = "The question's position, from 0")),
    responses((status = 201, body = ActionsCreated), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn answer_to_actions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, case, position)): Path<(String, String, String)>,
) -> Result<(StatusCode, axum::Json<ActionsCreated>), ApiError> {
    let id = programme(&raw)?;
    let position: i64 = position.parse().map_err(|_| coachkit_app::AppError::NotFound("answer"))?;
    let ids = state.app.ll_answer_to_actions(&actor, &id, &case, position).await?;
    Ok((StatusCode::CREATED, axum::Json(ActionsCreated { ids })))
}

/// Share your pack with the programme's facilitators, or take it back.
#[utoipa::path(put, path = "/api/v1/learning-log/programmes/{id}/share", tag = "learning_log", operation_id = "learning_log_share",
    params(("id" = String, Path)), request_body = ShareInput,
    responses((status = 204), (status = 404, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn share(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<ShareInput>,
) -> Result<StatusCode, ApiError> {
    state.app.share_ll_log(&actor, &programme(&raw)?, req.shared).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Your coach-the-coach session as a calendar file (once booked). Its SEQUENCE grows each time
/// the session moves.
#[utoipa::path(get, path = "/api/v1/learning-log/programmes/{id}/coach-session.ics", tag = "learning_log", operation_id = "learning_log_my_coach_session_ics",
    params(("id" = String, Path)),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn my_coach_session_ics(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let text = state.app.ll_coach_session_ics(&actor, &programme(&raw)?, None).await?;
    Ok(calendar("coach-the-coach.ics", text))
}
