//! Engagements over JSON: the list, starting one, reading one as you may see it, and moving its
//! sessions (which updates the calendar files and tells everyone who joined).

use super::engagement;
use crate::api::extract::Json;
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use coachkit_app::co_coaching::{CardView, EngagementInput, SessionDates};
use coachkit_domain::co_coaching::Stage;
use serde::Serialize;
use utoipa::ToSchema;

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
    /// The invitation's id: what withdrawing it names.
    id: String,
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

/// The sessions as moved, with the date rules' warnings.
#[derive(Serialize, ToSchema)]
#[schema(as = CoCoachingSessionsMoved)]
pub struct SessionsMoved {
    warnings: Vec<String>,
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
    responses((status = 201, body = EngagementCreated), (status = 404, description = "An organisation chosen by id is not one of yours.", body = ErrorBody), (status = 422, body = ErrorBody)),
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
                id: l.id.clone(),
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

/// Move or re-place the sessions (the facilitator): session two stays 4 to 6 weeks after session
/// one; when a date moves, the calendar files are updated and everyone who joined is told.
#[utoipa::path(put, path = "/api/v1/co-coaching/{id}/sessions", tag = "co-coaching", params(("id" = String, Path)),
    request_body = SessionDates,
    responses((status = 200, body = SessionsMoved), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn move_sessions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<SessionDates>,
) -> Result<axum::Json<SessionsMoved>, ApiError> {
    let warnings = state.app.change_engagement_sessions(&actor, &engagement(&raw)?, &input).await?;
    Ok(axum::Json(SessionsMoved { warnings }))
}
