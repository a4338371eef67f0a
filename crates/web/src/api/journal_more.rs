//! The rest of practice 1 over JSON: positions and the public page, preparation, open questions
//! and a coach's toolkit.

use super::extract::{Json, id};
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use coachkit_app::journal::{PositionView, Prep};
use coachkit_domain::{RecordId, RelationshipId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

fn record(raw: &str, what: &'static str) -> Result<String, ApiError> {
    id(raw, what, RecordId::parse).map(|r| r.to_string())
}

#[derive(Serialize, ToSchema)]
pub struct CreatedId {
    id: String,
}

#[derive(Deserialize, ToSchema)]
pub struct PositionInput {
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::journal::limits::POSITION_STATEMENT }>, required = true)]
    statement: String,
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ coachkit_domain::journal::limits::POSITION_EXPLANATION }>)]
    explanation: String,
    /// Comma-separated theme names.
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::journal::theme_list_schema)]
    themes: String,
    /// Ids of my reflections backing it (shown only while they are public).
    #[serde(default)]
    evidence: Vec<String>,
    /// Include when publishing (default true).
    #[serde(default = "yes")]
    listed: bool,
}

fn yes() -> bool {
    true
}

/// My positions, in page order, with their evidence.
#[utoipa::path(get, path = "/api/v1/journal/positions", tag = "journal",
    responses((status = 200, body = [PositionView])), security(("token" = []), ("session" = [])))]
pub async fn positions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<Vec<PositionView>>, ApiError> {
    Ok(axum::Json(state.app.positions(&actor).await?))
}

/// Add a position at the end of my page (a draft until published).
#[utoipa::path(post, path = "/api/v1/journal/positions", tag = "journal", request_body = PositionInput,
    responses((status = 201, body = CreatedId), (status = 404, description = "A reflection named as evidence is not there for you.", body = ErrorBody), (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn create_position(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(p): Json<PositionInput>,
) -> Result<(StatusCode, axum::Json<CreatedId>), ApiError> {
    let id = state.app.create_position(&actor, &p.statement, &p.explanation, &p.themes, &p.evidence).await?;
    Ok((StatusCode::CREATED, axum::Json(CreatedId { id })))
}

/// Rewrite one of my positions.
#[utoipa::path(put, path = "/api/v1/journal/positions/{id}", tag = "journal", params(("id" = String, Path)), request_body = PositionInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn update_position(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(p): Json<PositionInput>,
) -> Result<StatusCode, ApiError> {
    let pid = record(&raw, "position")?;
    state.app.update_position(&actor, &pid, &p.statement, &p.explanation, &p.themes, &p.evidence, p.listed).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Delete one of my positions.
#[utoipa::path(delete, path = "/api/v1/journal/positions/{id}", tag = "journal", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn delete_position(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.app.delete_position(&actor, &record(&raw, "position")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct MoveInput {
    /// true moves it one place up, false one place down.
    up: bool,
}

/// Move one of my positions one place up or down.
#[utoipa::path(post, path = "/api/v1/journal/positions/{id}/move", tag = "journal", params(("id" = String, Path)), request_body = MoveInput,
    responses((status = 204), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn move_position(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(m): Json<MoveInput>,
) -> Result<StatusCode, ApiError> {
    state.app.move_position(&actor, &record(&raw, "position")?, m.up).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct PublishInput {
    /// What changed, for the changelog.
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ coachkit_app::PUBLISH_NOTE_MAX }>)]
    note: String,
}

#[derive(Serialize, ToSchema)]
pub struct Published {
    version: i64,
}

/// Publish my listed positions as a new version of my public page.
#[utoipa::path(post, path = "/api/v1/journal/page/publish", tag = "journal", request_body = PublishInput,
    responses((status = 201, body = Published), (status = 409, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn publish(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(p): Json<PublishInput>,
) -> Result<(StatusCode, axum::Json<Published>), ApiError> {
    let version = state.app.publish_page(&actor, &p.note).await?;
    Ok((StatusCode::CREATED, axum::Json(Published { version })))
}

#[derive(Deserialize, ToSchema)]
pub struct PageFlags {
    /// The page is up.
    published: bool,
    /// Search engines may index it.
    indexable: bool,
}

/// Put my page up or take it down, and choose whether search engines may index it.
#[utoipa::path(put, path = "/api/v1/journal/page", tag = "journal", request_body = PageFlags,
    responses((status = 204), (status = 409, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn page_flags(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(f): Json<PageFlags>,
) -> Result<StatusCode, ApiError> {
    state.app.set_page_flags(&actor, f.published, f.indexable).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Preparing the next session: what the coach or mentor sees of what the leader shared.
#[utoipa::path(get, path = "/api/v1/relationships/{id}/prep", tag = "journal", params(("id" = String, Path)),
    responses((status = 200, body = Prep), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn prep(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<Prep>, ApiError> {
    let rid = id(&raw, "relationship", RelationshipId::parse)?;
    Ok(axum::Json(state.app.prep(&actor, &rid).await?))
}

/// Mail the preparation to the coach or mentor (the leader).
#[utoipa::path(post, path = "/api/v1/relationships/{id}/prep/send", tag = "journal", params(("id" = String, Path)),
    responses((status = 202), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "The relationship has not started yet, or has ended.")), security(("token" = []), ("session" = [])))]
pub async fn send_prep(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let rid = id(&raw, "relationship", RelationshipId::parse)?;
    state.app.send_prep(&actor, &rid).await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Deserialize, ToSchema)]
pub struct QuestionInput {
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::journal::limits::QUESTION }>, required = true)]
    text: String,
    /// "private", "relationship:<id>" or "all_my_coaches".
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::journal::audience_schema::open_question)]
    audience: String,
}

/// Add a question I must answer for myself.
#[utoipa::path(post, path = "/api/v1/journal/questions", tag = "journal", request_body = QuestionInput,
    responses((status = 201, body = CreatedId), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn ask(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(q): Json<QuestionInput>,
) -> Result<(StatusCode, axum::Json<CreatedId>), ApiError> {
    let id = state.app.ask_open_question(&actor, &q.text, &q.audience).await?;
    Ok((StatusCode::CREATED, axum::Json(CreatedId { id })))
}

#[derive(Deserialize, ToSchema)]
pub struct QuestionStatusInput {
    /// open, answered or dropped.
    #[schema(value_type = coachkit_domain::journal::QuestionStatus)]
    status: String,
}

/// Mark one of my questions open, answered or dropped.
#[utoipa::path(put, path = "/api/v1/journal/questions/{id}/status", tag = "journal", params(("id" = String, Path)), request_body = QuestionStatusInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn question_status(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(s): Json<QuestionStatusInput>,
) -> Result<StatusCode, ApiError> {
    state.app.set_question_status(&actor, &record(&raw, "question")?, &s.status).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct ProgressInput {
    reflection_id: String,
}

/// Note that one of my reflections moved a question on.
#[utoipa::path(post, path = "/api/v1/journal/questions/{id}/progress", tag = "journal", params(("id" = String, Path)), request_body = ProgressInput,
    responses((status = 204), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn question_progress(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(p): Json<ProgressInput>,
) -> Result<StatusCode, ApiError> {
    state.app.link_progress(&actor, &record(&raw, "question")?, &record(&p.reflection_id, "reflection")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct ToolkitQuestion {
    id: String,
    text: String,
    created_at: i64,
}

/// My toolkit of questions to reuse as a coach.
#[utoipa::path(get, path = "/api/v1/journal/toolkit", tag = "journal",
    responses((status = 200, body = [ToolkitQuestion])), security(("token" = []), ("session" = [])))]
pub async fn toolkit(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<Vec<ToolkitQuestion>>, ApiError> {
    Ok(axum::Json(
        state
            .app
            .toolkit(&actor)
            .await?
            .into_iter()
            .map(|t| ToolkitQuestion { id: t.id, text: t.text, created_at: t.created_at })
            .collect(),
    ))
}

/// Add a question to my toolkit: my own, or (with `from_killer_question`) one I asked a client.
#[derive(Deserialize, ToSchema)]
pub struct ToolkitInput {
    #[serde(default)]
    text: String,
    #[serde(default)]
    from_killer_question: Option<String>,
}

/// Add to my toolkit.
#[utoipa::path(post, path = "/api/v1/journal/toolkit", tag = "journal", request_body = ToolkitInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn add_to_toolkit(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(t): Json<ToolkitInput>,
) -> Result<StatusCode, ApiError> {
    match t.from_killer_question.filter(|q| !q.is_empty()) {
        Some(q) => state.app.reuse_question(&actor, &record(&q, "question")?).await?,
        None => state.app.add_toolkit_question(&actor, &t.text).await?,
    }
    Ok(StatusCode::NO_CONTENT)
}
