//! Teaming up over JSON (the facilitator, at session one): the suggestions, confirming and
//! rejecting, taking a team apart, merging two, splitting one card out, and ending session one;
//! and `suggest`, which teams cards sent in the request and keeps nothing.

use super::{engagement, team};
use crate::api::extract::Json;
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use coachkit_app::co_coaching::{SuggestInput, TeamingPage, TeamsSuggested};
use coachkit_domain::co_coaching::Stage;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Cards to make a team of.
#[derive(Deserialize, ToSchema)]
pub struct TeamCards {
    /// Two or more card ids of the engagement.
    #[schema(schema_with = card_ids_schema)]
    cards: Vec<String>,
    /// Why, in the facilitator's words (or the suggestion's reason); left out for "built by hand".
    #[serde(default)]
    reason: String,
}

/// Card ids as `team_members` reads them: a team (or a suggestion to reject) of two to
/// `teams::MAX_CARDS` cards.
fn card_ids_schema() -> utoipa::openapi::schema::Array {
    use coachkit_domain::co_coaching::teams::MAX_CARDS;
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(coachkit_domain::text::schema::uuid())
        .min_items(Some(2))
        .max_items(Some(MAX_CARDS))
        .build()
}

#[derive(Serialize, ToSchema)]
pub struct TeamCreated {
    id: String,
}

#[derive(Serialize, ToSchema)]
pub struct SessionOneEnded {
    /// `teamed` (session two is on) or `cancelled` (no team: session two cancelled for everyone).
    stage: Stage,
}

/// The team to merge this one into.
#[derive(Deserialize, ToSchema)]
#[schema(as = CoCoachingMerge)]
pub struct Merge {
    into: String,
}

/// The card to split out of this team.
#[derive(Deserialize, ToSchema)]
#[schema(as = CoCoachingSplit)]
pub struct Split {
    card: String,
}

/// The facilitator's teaming: confirmed teams, suggestions with reasons, cards left out.
#[utoipa::path(get, path = "/api/v1/co-coaching/{id}/teaming", tag = "co-coaching", params(("id" = String, Path)),
    responses((status = 200, body = TeamingPage), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn teaming(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<TeamingPage>, ApiError> {
    Ok(axum::Json(state.app.teaming_page(&actor, &engagement(&raw)?).await?))
}

/// Confirm a team of these cards; it must span both organisations.
#[utoipa::path(post, path = "/api/v1/co-coaching/{id}/teams", tag = "co-coaching", params(("id" = String, Path)),
    request_body = TeamCards,
    responses((status = 201, body = TeamCreated), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn confirm(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(t): Json<TeamCards>,
) -> Result<Response, ApiError> {
    let id = state.app.confirm_team(&actor, &engagement(&raw)?, &t.cards, &t.reason).await?;
    Ok((StatusCode::CREATED, axum::Json(TeamCreated { id })).into_response())
}

/// Reject a suggested team: none of its pairs is suggested again.
#[utoipa::path(post, path = "/api/v1/co-coaching/{id}/rejections", tag = "co-coaching", params(("id" = String, Path)),
    request_body = TeamCards,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "Teaming up is not open now (it starts at session one).", body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn reject(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(t): Json<TeamCards>,
) -> Result<StatusCode, ApiError> {
    state.app.reject_team(&actor, &engagement(&raw)?, &t.cards).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Take a confirmed team apart: its cards are free to team again.
#[utoipa::path(delete, path = "/api/v1/co-coaching/{id}/teams/{team}", tag = "co-coaching",
    params(("id" = String, Path), ("team" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn take_apart(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, t)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    state.app.take_team_apart(&actor, &engagement(&raw)?, &team(&t)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Merge this team into another: its cards join that team, and this one goes.
#[utoipa::path(post, path = "/api/v1/co-coaching/{id}/teams/{team}/merge", tag = "co-coaching",
    params(("id" = String, Path), ("team" = String, Path)), request_body = Merge,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn merge(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, t)): Path<(String, String)>,
    Json(m): Json<Merge>,
) -> Result<StatusCode, ApiError> {
    state.app.merge_teams(&actor, &engagement(&raw)?, &m.into, &team(&t)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Split one card out of a team. The rest must still be a team (two or more cards from both
/// organisations), else 409; the card is not suggested again with the cards that stayed.
#[utoipa::path(post, path = "/api/v1/co-coaching/{id}/teams/{team}/split", tag = "co-coaching",
    params(("id" = String, Path), ("team" = String, Path)), request_body = Split,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn split(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, t)): Path<(String, String)>,
    Json(s): Json<Split>,
) -> Result<StatusCode, ApiError> {
    state.app.split_card_out(&actor, &engagement(&raw)?, &team(&t)?, &s.card).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// End session one: with a team, session two is on; with none, it is cancelled for everyone.
#[utoipa::path(post, path = "/api/v1/co-coaching/{id}/close-session-one", tag = "co-coaching", params(("id" = String, Path)),
    responses((status = 200, body = SessionOneEnded), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn close(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<SessionOneEnded>, ApiError> {
    let stage = state.app.close_session_one(&actor, &engagement(&raw)?).await?;
    Ok(axum::Json(SessionOneEnded { stage }))
}

/// Team up cards sent in the request (up to 2,000, from any number of organisations), with the
/// engagement's rules; nothing is stored.
#[utoipa::path(post, path = "/api/v1/co-coaching/suggest", tag = "co-coaching", request_body = SuggestInput,
    responses((status = 200, body = TeamsSuggested), (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn suggest(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(input): Json<SuggestInput>,
) -> Result<axum::Json<TeamsSuggested>, ApiError> {
    Ok(axum::Json(state.app.suggest_teams_for(&actor, input).await?))
}
