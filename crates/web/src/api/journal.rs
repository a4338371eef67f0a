//! Practice 1 over JSON: reflections, sessions, actions, themes, questions, search, the public
//! page. The same use cases as the pages, so the same privacy decisions.

use super::extract::Query;
use super::extract::{Json, id};
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use coachkit_app::AppError;
use coachkit_app::journal::{
    ActionInput, ActionView, KillerView, PublicPage, QuestionView, ReflectionInput, ReflectionView, SearchResult,
    SessionInput, SessionPage, ThemePage,
};
use coachkit_domain::{RecordId, RelationshipId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

fn record(raw: &str, what: &'static str) -> Result<String, ApiError> {
    id(raw, what, RecordId::parse).map(|r| r.to_string())
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    id: String,
}

#[derive(Deserialize, IntoParams)]
pub struct Before {
    /// Only items created before this time (milliseconds), for the next page.
    before: Option<i64>,
    /// At most 200; default 50.
    limit: Option<i64>,
}

/// My reflections, newest first.
#[utoipa::path(get, path = "/api/v1/journal/reflections", tag = "journal", params(Before),
    responses((status = 200, body = [ReflectionView])), security(("token" = []), ("session" = [])))]
pub async fn reflections(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(p): Query<Before>,
) -> Result<axum::Json<Vec<ReflectionView>>, ApiError> {
    Ok(axum::Json(state.app.journal(&actor, p.before, p.limit.unwrap_or(50)).await?))
}

/// Write a reflection.
#[utoipa::path(post, path = "/api/v1/journal/reflections", tag = "journal", request_body = ReflectionInput,
    responses((status = 201, body = Created), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn write_reflection(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(input): Json<ReflectionInput>,
) -> Result<(StatusCode, axum::Json<Created>), ApiError> {
    let id = state.app.write_reflection(&actor, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

/// One reflection, if you may read it.
#[utoipa::path(get, path = "/api/v1/journal/reflections/{id}", tag = "journal", params(("id" = String, Path)),
    responses((status = 200, body = ReflectionView), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn reflection(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<ReflectionView>, ApiError> {
    Ok(axum::Json(state.app.reflection(&actor, &record(&raw, "reflection")?).await?))
}

/// Rewrite a reflection (its author only); a change of audience is recorded.
#[utoipa::path(put, path = "/api/v1/journal/reflections/{id}", tag = "journal", params(("id" = String, Path)), request_body = ReflectionInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn edit_reflection(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<ReflectionInput>,
) -> Result<StatusCode, ApiError> {
    state.app.edit_reflection(&actor, &record(&raw, "reflection")?, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Delete a reflection (its author only).
#[utoipa::path(delete, path = "/api/v1/journal/reflections/{id}", tag = "journal", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn delete_reflection(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.app.delete_reflection(&actor, &record(&raw, "reflection")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Log or plan a session in one of your active relationships.
#[utoipa::path(post, path = "/api/v1/relationships/{id}/sessions", tag = "journal", params(("id" = String, Path)), request_body = SessionInput,
    responses((status = 201, body = Created), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn plan_session(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<SessionInput>,
) -> Result<(StatusCode, axum::Json<Created>), ApiError> {
    let rid = id(&raw, "relationship", RelationshipId::parse)?;
    let id = state.app.plan_session(&actor, &rid, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

/// A session as you may see it (your private detail only ever to you).
#[utoipa::path(get, path = "/api/v1/journal/sessions/{id}", tag = "journal", params(("id" = String, Path)),
    responses((status = 200, body = SessionPage), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn session(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<SessionPage>, ApiError> {
    Ok(axum::Json(state.app.session_page(&actor, &record(&raw, "session")?).await?))
}

/// Update a session (either party, while the relationship is active).
#[utoipa::path(put, path = "/api/v1/journal/sessions/{id}", tag = "journal", params(("id" = String, Path)), request_body = SessionInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn update_session(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<SessionInput>,
) -> Result<StatusCode, ApiError> {
    state.app.update_session(&actor, &record(&raw, "session")?, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct NoteInput {
    body: String,
    /// For a coach's note: show it to the client.
    #[serde(default)]
    share: bool,
}

/// Write your private detail of a session's conversation (yours alone, always).
#[utoipa::path(put, path = "/api/v1/journal/sessions/{id}/detail", tag = "journal", params(("id" = String, Path)), request_body = NoteInput,
    responses((status = 204), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn session_detail(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<NoteInput>,
) -> Result<StatusCode, ApiError> {
    state.app.write_session_detail(&actor, &record(&raw, "session")?, &input.body).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Write your coach's note on a session (the coach only); `share` shows it to the client.
#[utoipa::path(put, path = "/api/v1/journal/sessions/{id}/coach-note", tag = "journal", params(("id" = String, Path)), request_body = NoteInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn coach_note(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<NoteInput>,
) -> Result<StatusCode, ApiError> {
    state.app.write_coach_note(&actor, &record(&raw, "session")?, &input.body, input.share).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct TextInput {
    text: String,
}

/// Record the question of a session that made you stop and think (the leader).
#[utoipa::path(post, path = "/api/v1/journal/sessions/{id}/killer-question", tag = "journal", params(("id" = String, Path)), request_body = TextInput,
    responses((status = 201, body = Created), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn killer_question(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<TextInput>,
) -> Result<(StatusCode, axum::Json<Created>), ApiError> {
    let id = state.app.record_killer_question(&actor, &record(&raw, "session")?, &input.text).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

/// My question bank: every killer question, from every mentor.
#[utoipa::path(get, path = "/api/v1/journal/question-bank", tag = "journal",
    responses((status = 200, body = [KillerView])), security(("token" = []), ("session" = [])))]
pub async fn question_bank(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<Vec<KillerView>>, ApiError> {
    Ok(axum::Json(state.app.question_bank(&actor).await?))
}

/// My open questions, with the reflections that moved each on.
#[utoipa::path(get, path = "/api/v1/journal/questions", tag = "journal",
    responses((status = 200, body = [QuestionView])), security(("token" = []), ("session" = [])))]
pub async fn questions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<Vec<QuestionView>>, ApiError> {
    Ok(axum::Json(state.app.open_questions(&actor).await?))
}

/// My actions, newest first.
#[utoipa::path(get, path = "/api/v1/journal/actions", tag = "journal",
    responses((status = 200, body = [ActionView])), security(("token" = []), ("session" = [])))]
pub async fn actions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<Vec<ActionView>>, ApiError> {
    Ok(axum::Json(state.app.all_actions(&actor).await?))
}

/// Create an action (from a session, a reflection, in a relationship, or on my own).
#[utoipa::path(post, path = "/api/v1/journal/actions", tag = "journal", request_body = ActionInput,
    responses((status = 201, body = Created), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn create_action(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(input): Json<ActionInput>,
) -> Result<(StatusCode, axum::Json<Created>), ApiError> {
    let id = state.app.create_action(&actor, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

#[derive(Deserialize, ToSchema)]
pub struct StatusInput {
    /// open, done or dropped.
    #[schema(value_type = coachkit_domain::journal::ActionStatus)]
    status: String,
}

/// Mark one of my actions open, done or dropped.
#[utoipa::path(put, path = "/api/v1/journal/actions/{id}/status", tag = "journal", params(("id" = String, Path)), request_body = StatusInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn action_status(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<StatusInput>,
) -> Result<StatusCode, ApiError> {
    state.app.set_action_status(&actor, &record(&raw, "action")?, &input.status).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A relationship's actions as you may see them, newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/relationships/{id}/actions", tag = "journal", params(("id" = String, Path), Before),
    responses((status = 200, body = [ActionView]), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn relationship_actions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Query(p): Query<Before>,
) -> Result<axum::Json<Vec<ActionView>>, ApiError> {
    let rid = id(&raw, "relationship", RelationshipId::parse)?;
    Ok(axum::Json(state.app.relationship_actions(&actor, &rid, p.before, p.limit.unwrap_or(50)).await?))
}

#[derive(Serialize, ToSchema)]
pub struct ThemeSummaryView {
    key: String,
    label: String,
    uses: i64,
    last_touched: Option<i64>,
    mentors: Vec<String>,
}

/// My themes: how often each came up, with whom, when last.
#[utoipa::path(get, path = "/api/v1/journal/themes", tag = "journal",
    responses((status = 200, body = [ThemeSummaryView])), security(("token" = []), ("session" = [])))]
pub async fn themes(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<Vec<ThemeSummaryView>>, ApiError> {
    Ok(axum::Json(
        state
            .app
            .theme_overview(&actor)
            .await?
            .into_iter()
            .map(|t| ThemeSummaryView {
                key: t.key,
                label: t.label,
                uses: t.uses,
                last_touched: t.last_touched,
                mentors: t.mentors,
            })
            .collect(),
    ))
}

/// Every reflection on one of my themes, oldest first.
#[utoipa::path(get, path = "/api/v1/journal/themes/{key}", tag = "journal", params(("key" = String, Path)),
    responses((status = 200, body = ThemePage), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn theme(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(key): Path<String>,
) -> Result<axum::Json<ThemePage>, ApiError> {
    Ok(axum::Json(state.app.theme_page(&actor, &key).await?))
}

#[derive(Deserialize, IntoParams)]
pub struct SearchQuery {
    /// Words to find (letters and digits; everything else separates words).
    q: String,
}

/// Search everything you may see: your journal and what others shared with you. Every word must
/// be found; at most 50 hits, newest first.
#[utoipa::path(get, path = "/api/v1/journal/search", tag = "journal", params(SearchQuery),
    responses((status = 200, body = [SearchResult])), security(("token" = []), ("session" = [])))]
pub async fn search(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<SearchQuery>,
) -> Result<axum::Json<Vec<SearchResult>>, ApiError> {
    let query: String = q.q.chars().take(200).collect();
    Ok(axum::Json(state.app.search(&actor, &query).await?))
}

/// A public "what I think" page (no sign-in).
#[utoipa::path(get, path = "/api/v1/public/{handle}", tag = "journal", params(("handle" = String, Path)),
    responses((status = 200, body = PublicPage), (status = 404, body = ErrorBody)))]
pub async fn public_page(
    State(state): State<AppState>,
    Path(handle): Path<String>,
) -> Result<axum::Json<PublicPage>, ApiError> {
    match state.app.public_page(&handle, None).await {
        Ok(p) => Ok(axum::Json(p)),
        Err(AppError::NotFound(_)) => Err(AppError::NotFound("page").into()),
        Err(e) => Err(e.into()),
    }
}
