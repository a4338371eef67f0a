//! Practice 4 over JSON: co-coaching. The facilitator's side creates engagements, invites
//! people, opens the cards, teams them and ends session one; a participant writes cards, adds to
//! their team's space and records value. Every handler calls the use cases of
//! `coachkit_app::co_coaching`, which ask the privacy policy; someone else's engagement answers
//! 404, as one that does not exist. `suggest` teams cards sent in the request and keeps nothing.

use crate::api::extract::{self, Json};
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use coachkit_app::co_coaching::{
    CardInput, CardView, EngagementInput, InviteInput, SuggestInput, TeamItemInput, TeamingPage, TeamsSuggested,
    ValueInput, ValueView,
};
use coachkit_domain::ProgrammeId;
use coachkit_domain::co_coaching::Stage;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

fn engagement(raw: &str) -> Result<String, ApiError> {
    extract::id(raw, "engagement", ProgrammeId::parse).map(|p| p.to_string())
}

/// A new engagement's id, with the date rules' warnings (a session one more than a month away).
#[derive(Serialize, ToSchema)]
pub struct EngagementCreated {
    id: String,
    warnings: Vec<String>,
}

/// One engagement in the list.
#[derive(Serialize, ToSchema)]
pub struct EngagementSummary {
    id: String,
    common_area: String,
    organisations: String,
    stage: Stage,
    facilitating: bool,
    session_one_at: i64,
    session_two_at: i64,
}

/// A participant as the engagement shows them; `cards` and `submitted` only for the facilitator.
#[derive(Serialize, ToSchema)]
pub struct Participant {
    name: String,
    organisation: String,
    joined: bool,
    cards: Option<i64>,
    submitted: Option<i64>,
}

/// An engagement as you may see it.
#[derive(Serialize, ToSchema)]
pub struct Engagement {
    id: String,
    common_area: String,
    /// The brief as safe HTML (it is written in Markdown).
    brief_html: String,
    ground_rules: String,
    organisations: [String; 2],
    stage: Stage,
    facilitating: bool,
    session_one_at: i64,
    session_two_at: i64,
    participants: Vec<Participant>,
    warnings: Vec<String>,
    my_cards: Vec<CardView>,
    /// Everyone else's submitted cards, once the facilitator opened them.
    cards: Vec<CardView>,
    /// My team's id, if I am on one.
    my_team: Option<String>,
}

/// The invitation's personal link (only shown now; it was also mailed).
#[derive(Serialize, ToSchema)]
pub struct Invited {
    link: String,
}

/// Cards to make a team of.
#[derive(Deserialize, ToSchema)]
pub struct TeamCards {
    cards: Vec<String>,
    /// Why, in the facilitator's words (or the suggestion's reason); left out for "built by hand".
    #[serde(default)]
    reason: String,
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

#[derive(Deserialize, ToSchema)]
pub struct Share {
    shared: bool,
}

/// The value records you may see.
#[derive(Serialize, ToSchema)]
pub struct Values {
    records: Vec<ValueView>,
}

/// Your engagements, as facilitator or participant.
#[utoipa::path(get, path = "/api/v1/co-coaching", tag = "co-coaching",
    responses((status = 200, body = [EngagementSummary])), security(("token" = []), ("session" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<Vec<EngagementSummary>>, ApiError> {
    let lines = state.app.my_engagements(&actor).await?;
    Ok(axum::Json(
        lines
            .into_iter()
            .map(|l| EngagementSummary {
                id: l.id,
                common_area: l.common_area,
                organisations: l.orgs,
                stage: l.stage,
                facilitating: l.facilitating,
                session_one_at: l.session_one_at,
                session_two_at: l.session_two_at,
            })
            .collect(),
    ))
}

/// Start an engagement; you facilitate it.
#[utoipa::path(post, path = "/api/v1/co-coaching", tag = "co-coaching", request_body = EngagementInput,
    responses((status = 201, body = EngagementCreated), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(input): Json<EngagementInput>,
) -> Result<Response, ApiError> {
    let (id, warnings) = state.app.create_engagement(&actor, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(EngagementCreated { id, warnings })).into_response())
}

/// An engagement as you may see it.
#[utoipa::path(get, path = "/api/v1/co-coaching/{id}", tag = "co-coaching", params(("id" = String, Path)),
    responses((status = 200, body = Engagement), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn get_one(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<Engagement>, ApiError> {
    let p = state.app.engagement_page(&actor, &engagement(&raw)?).await?;
    let people = |org: &str, lines: &[coachkit_app::co_coaching::ParticipantLine]| -> Vec<Participant> {
        lines
            .iter()
            .map(|l| Participant {
                name: l.name.clone(),
                organisation: org.to_owned(),
                joined: l.joined,
                cards: l.cards.map(|c| c.0),
                submitted: l.cards.map(|c| c.1),
            })
            .collect()
    };
    let mut participants = people(&p.org_a, &p.side_a);
    participants.extend(people(&p.org_b, &p.side_b));
    Ok(axum::Json(Engagement {
        id: p.id,
        common_area: p.common_area,
        brief_html: p.brief_html,
        ground_rules: p.ground_rules,
        organisations: [p.org_a, p.org_b],
        stage: p.stage,
        facilitating: p.facilitating,
        session_one_at: p.session_one_at,
        session_two_at: p.session_two_at,
        participants,
        warnings: p.warnings,
        my_cards: p.my_cards,
        cards: p.open_cards,
        my_team: p.my_team,
    }))
}

/// Invite someone to one side; they are mailed their link, which is also returned.
#[utoipa::path(post, path = "/api/v1/co-coaching/{id}/participants", tag = "co-coaching", params(("id" = String, Path)),
    request_body = InviteInput,
    responses((status = 201, body = Invited), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn invite(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<InviteInput>,
) -> Result<Response, ApiError> {
    let link = state.app.invite_participant(&actor, &engagement(&raw)?, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(Invited { link })).into_response())
}

/// Write or rewrite one of your cards (position 1 or 2), as a draft or submitted.
#[utoipa::path(put, path = "/api/v1/co-coaching/{id}/cards", tag = "co-coaching", params(("id" = String, Path)),
    request_body = CardInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn save_card(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<CardInput>,
) -> Result<StatusCode, ApiError> {
    state.app.save_card(&actor, &engagement(&raw)?, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Open the submitted cards to everyone in the engagement (the facilitator, at session one).
#[utoipa::path(post, path = "/api/v1/co-coaching/{id}/open", tag = "co-coaching", params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn open(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.app.open_cards(&actor, &engagement(&raw)?).await?;
    Ok(StatusCode::NO_CONTENT)
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
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
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

/// Add to a team's space: members write notes, actions, check-ins and links; the facilitator comments.
#[utoipa::path(post, path = "/api/v1/co-coaching/{id}/teams/{team}/items", tag = "co-coaching",
    params(("id" = String, Path), ("team" = String, Path)), request_body = TeamItemInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn add_item(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, team)): Path<(String, String)>,
    Json(input): Json<TeamItemInput>,
) -> Result<StatusCode, ApiError> {
    state.app.add_team_item(&actor, &engagement(&raw)?, &team, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The value records you may see: your organisation's, and the other's if it shared them.
#[utoipa::path(get, path = "/api/v1/co-coaching/{id}/value", tag = "co-coaching", params(("id" = String, Path)),
    responses((status = 200, body = Values), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn values(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<Values>, ApiError> {
    let p = state.app.value_page(&actor, &engagement(&raw)?).await?;
    Ok(axum::Json(Values { records: p.records }))
}

/// Record what the work was worth to your organisation.
#[utoipa::path(post, path = "/api/v1/co-coaching/{id}/value", tag = "co-coaching", params(("id" = String, Path)),
    request_body = ValueInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn add_value(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<ValueInput>,
) -> Result<StatusCode, ApiError> {
    state.app.add_value(&actor, &engagement(&raw)?, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Show (or stop showing) your organisation's value records to the other organisation.
#[utoipa::path(put, path = "/api/v1/co-coaching/{id}/value/shared", tag = "co-coaching", params(("id" = String, Path)),
    request_body = Share,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn share(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(s): Json<Share>,
) -> Result<StatusCode, ApiError> {
    state.app.share_value(&actor, &engagement(&raw)?, s.shared).await?;
    Ok(StatusCode::NO_CONTENT)
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
