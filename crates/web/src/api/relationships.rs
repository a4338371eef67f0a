//! Relationships over JSON.

use super::extract::{Json, id};
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use coachkit_app::{AppError, InviteInput, InviteMail, RelationshipView};
use coachkit_domain::RelationshipId;
use coachkit_domain::relationship::Transition;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Your relationships, as leader and as coach or mentor, newest first, with both parties' names.
#[utoipa::path(get, path = "/api/v1/relationships", tag = "relationships",
    responses((status = 200, body = [RelationshipView])), security(("token" = []), ("session" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<Vec<RelationshipView>>, ApiError> {
    Ok(axum::Json(state.app.relationships(&actor).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct InviteRequest {
    /// "coaching" or "mentoring".
    #[schema(value_type = coachkit_domain::relationship::RelationshipKind)]
    kind: String,
    /// Their e-mail: the link is mailed. Leave out to share the link yourself.
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::account::Email::optional_schema)]
    email: Option<String>,
    /// Their name, needed when there is no e-mail: the invitation is shown under it until answered.
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable::<{ coachkit_app::INVITEE_NAME_MAX }>)]
    name: Option<String>,
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable::<{ coachkit_app::INVITATION_MESSAGE_MAX }>)]
    message: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct InviteResponse {
    relationship: RelationshipView,
    /// The invitation link; shown once.
    link: String,
    /// Whether the e-mail went to the mail server, waits in the outbox, or there is none.
    mail: InviteMail,
}

/// Invite a coach or mentor.
#[utoipa::path(post, path = "/api/v1/relationships", tag = "relationships", request_body = InviteRequest,
    responses((status = 201, body = InviteResponse), (status = 409, description = "The e-mail is your own.", body = ErrorBody), (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn invite(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(req): Json<InviteRequest>,
) -> Result<(StatusCode, axum::Json<InviteResponse>), ApiError> {
    let form = InviteInput {
        kind: req.kind,
        email: req.email.unwrap_or_default(),
        name: req.name.unwrap_or_default(),
        message: req.message.unwrap_or_default(),
    };
    let outcome = state.app.invite_for(&actor, &form).await?;
    let body = InviteResponse { relationship: outcome.relationship, link: outcome.link, mail: outcome.mail };
    Ok((StatusCode::CREATED, axum::Json(body)))
}

/// One of your relationships.
#[utoipa::path(get, path = "/api/v1/relationships/{id}", tag = "relationships", params(("id" = String, Path)),
    responses((status = 200, body = RelationshipView), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn get_one(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<RelationshipView>, ApiError> {
    let rid = id(&raw, "relationship", RelationshipId::parse)?;
    Ok(axum::Json(state.app.relationship(&actor, &rid).await?))
}

/// Accept, decline or end a relationship (`action` is accept, decline or end).
#[utoipa::path(post, path = "/api/v1/relationships/{id}/{action}", tag = "relationships",
    params(("id" = String, Path), ("action" = String, Path, description = "accept, decline or end")),
    responses((status = 200, body = RelationshipView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn change(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, action)): Path<(String, String)>,
) -> Result<axum::Json<RelationshipView>, ApiError> {
    let wanted = match action.as_str() {
        "accept" => Transition::Accept,
        "decline" => Transition::Decline,
        "end" => Transition::End,
        _ => return Err(AppError::NotFound("action").into()),
    };
    let rid = id(&raw, "relationship", RelationshipId::parse)?;
    Ok(axum::Json(state.app.change_relationship(&actor, &rid, wanted).await?))
}

/// What an invitation link offers (no sign-in needed: the link is the credential).
#[utoipa::path(get, path = "/api/v1/invitations/{secret}", tag = "relationships", params(("secret" = String, Path)),
    responses((status = 200, body = RelationshipView), (status = 404, body = ErrorBody)))]
pub async fn invitation(
    State(state): State<AppState>,
    Path(secret): Path<String>,
) -> Result<axum::Json<RelationshipView>, ApiError> {
    Ok(axum::Json(state.app.invitation(&secret).await?))
}

/// Answer an invitation link as the signed-in person (`answer` is accept or decline).
#[utoipa::path(post, path = "/api/v1/invitations/{secret}/{answer}", tag = "relationships",
    params(("secret" = String, Path), ("answer" = String, Path, description = "accept or decline")),
    responses((status = 200, body = RelationshipView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn answer(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((secret, answer)): Path<(String, String)>,
) -> Result<axum::Json<RelationshipView>, ApiError> {
    let accept = match answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::NotFound("answer").into()),
    };
    Ok(axum::Json(state.app.answer_invitation(&actor, &secret, accept).await?))
}

#[derive(Deserialize, ToSchema)]
#[schema(as = CheckinRequest)]
pub struct CheckinRequest {
    /// Did you meet? "met" records a held session (or marks held the one planned in the last two
    /// weeks), "not_yet" records only the answer, "stopped" records it (end the relationship
    /// with `POST /api/v1/relationships/{id}/end` if you both have).
    #[schema(value_type = coachkit_domain::relationship::CheckinAnswer)]
    answer: String,
}

#[derive(Serialize, ToSchema)]
#[schema(as = CheckinResult)]
pub struct CheckinResult {
    answer: coachkit_domain::relationship::CheckinAnswer,
    /// The held session "met" recorded or marked held.
    session_id: Option<String>,
}

/// Answer "did you meet?" on one of your active relationships.
#[utoipa::path(post, path = "/api/v1/relationships/{id}/checkins", tag = "relationships", request_body = CheckinRequest,
    params(("id" = String, Path)),
    responses((status = 201, body = CheckinResult), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn check_in(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<CheckinRequest>,
) -> Result<(StatusCode, axum::Json<CheckinResult>), ApiError> {
    let rid = id(&raw, "relationship", RelationshipId::parse)?;
    let outcome = state.app.check_in(&actor, &rid, &req.answer).await?;
    Ok((StatusCode::CREATED, axum::Json(CheckinResult { answer: outcome.answer, session_id: outcome.session_id })))
}

/// The answers to "did you meet?" on one of your relationships, newest first (at most 20).
#[utoipa::path(get, path = "/api/v1/relationships/{id}/checkins", tag = "relationships", params(("id" = String, Path)),
    responses((status = 200, body = [coachkit_app::CheckinView]), (status = 404, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn checkins(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<Vec<coachkit_app::CheckinView>>, ApiError> {
    let rid = id(&raw, "relationship", RelationshipId::parse)?;
    Ok(axum::Json(state.app.checkins(&actor, &rid).await?))
}
