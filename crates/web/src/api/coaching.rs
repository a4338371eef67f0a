//! The coach's side of practice 1 over JSON: the coach's home and the reply thread on a shared
//! reflection. The same use cases as the pages, so the policy decides the same way.

use super::extract::{Json, id};
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use coachkit_app::journal::{ClientCard, ReplyInput, ReplyView};
use coachkit_domain::RecordId;
use coachkit_domain::journal::AudienceChoice;
use serde::Serialize;
use utoipa::ToSchema;

fn record(raw: &str) -> Result<String, ApiError> {
    id(raw, "reflection", RecordId::parse).map(|r| r.to_string())
}

/// One audience a reply may be given.
#[derive(Serialize, ToSchema)]
#[schema(as = JournalReplyChoice)]
pub struct ReplyChoice {
    /// The value to send as `audience`.
    value: String,
    label: String,
}

/// The thread on a reflection as the caller may read it, and whom the caller may address.
#[derive(Serialize, ToSchema)]
#[schema(as = JournalReplyThread)]
pub struct Thread {
    replies: Vec<ReplyView>,
    /// Empty when the caller may read but not reply.
    choices: Vec<ReplyChoice>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = JournalReplyCreated)]
pub struct Created {
    id: String,
}

fn choice(c: AudienceChoice) -> ReplyChoice {
    ReplyChoice { value: c.value, label: c.label }
}

/// The people I coach or mentor: what each shared since our last session, the next session, what I owe.
#[utoipa::path(get, path = "/api/v1/coaching", tag = "journal",
    responses((status = 200, body = [ClientCard])), security(("token" = []), ("session" = [])))]
pub async fn home(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<Vec<ClientCard>>, ApiError> {
    Ok(axum::Json(state.app.coach_home(&actor).await?))
}

/// The replies on a reflection I may read, oldest first, and the audiences I may reply to.
#[utoipa::path(get, path = "/api/v1/journal/reflections/{id}/replies", tag = "journal", params(("id" = String, Path)),
    responses((status = 200, body = Thread), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn thread(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<Thread>, ApiError> {
    let id = record(&raw)?;
    let replies = state.app.reflection_replies(&actor, &id).await?;
    let choices = state.app.reply_choices(&actor, &id).await?.into_iter().map(choice).collect();
    Ok(axum::Json(Thread { replies, choices }))
}

/// Reply on a reflection shared with me (or on my own, to the coaches who read it). Each person
/// it reaches gets a notice through the outbox.
#[utoipa::path(post, path = "/api/v1/journal/reflections/{id}/replies", tag = "journal", params(("id" = String, Path)),
    request_body = ReplyInput,
    responses((status = 201, body = Created), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn reply(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<ReplyInput>,
) -> Result<(StatusCode, axum::Json<Created>), ApiError> {
    let id = record(&raw)?;
    let id = state.app.reply_to_reflection(&actor, &id, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}
