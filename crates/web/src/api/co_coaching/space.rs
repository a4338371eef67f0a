//! A team's shared space over JSON: reading it as you may, adding, editing and deleting your own
//! entries, marking an action done, and the team's outcome at session two.

use super::{engagement, record, team};
use crate::api::extract::Json;
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use coachkit_app::co_coaching::{CardView, OutcomeInput, TeamItemInput, TeamItemView};
use coachkit_domain::co_coaching::Stage;
use serde::Serialize;
use utoipa::ToSchema;

/// A member of a team.
#[derive(Serialize, ToSchema)]
#[schema(as = CoCoachingTeamMember)]
pub struct Member {
    user_id: String,
    name: String,
    organisation: String,
}

/// A team's outcome at session two.
#[derive(Serialize, ToSchema)]
#[schema(as = CoCoachingOutcome)]
pub struct Outcome {
    /// concluded or co_venture.
    outcome: String,
    learning: Option<String>,
    project_name: Option<String>,
    project_aim: Option<String>,
    first_steps: Option<String>,
    owner_a: Option<String>,
    owner_b: Option<String>,
}

/// A team as you may see it: the space's entries are the team's; the facilitator sees how much
/// was written and when, and their own comments.
#[derive(Serialize, ToSchema)]
#[schema(as = CoCoachingTeam)]
pub struct Team {
    id: String,
    engagement_id: String,
    stage: Stage,
    member: bool,
    facilitating: bool,
    reason: String,
    members: Vec<Member>,
    cards: Vec<CardView>,
    items: Vec<TeamItemView>,
    /// Entries written by the team, and when the last one was.
    entries: i64,
    last_activity: Option<i64>,
    quiet: bool,
    outcome: Option<Outcome>,
    session_two_at: i64,
}

/// A team and its shared space.
#[utoipa::path(get, path = "/api/v1/co-coaching/{id}/teams/{team}", tag = "co-coaching",
    params(("id" = String, Path), ("team" = String, Path)),
    responses((status = 200, body = Team), (status = 404, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn get_team(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, t)): Path<(String, String)>,
) -> Result<axum::Json<Team>, ApiError> {
    let p = state.app.team_page(&actor, &engagement(&raw)?, &team(&t)?).await?;
    Ok(axum::Json(Team {
        id: p.team_id,
        engagement_id: p.engagement_id,
        stage: p.stage,
        member: p.member,
        facilitating: p.facilitating,
        reason: p.reason,
        members: p
            .members
            .into_iter()
            .map(|(user_id, name, organisation, _)| Member { user_id, name, organisation })
            .collect(),
        cards: p.cards,
        items: p.items,
        entries: p.activity.0,
        last_activity: p.activity.1,
        quiet: p.quiet,
        outcome: p.outcome.and_then(|o| {
            Some(Outcome {
                outcome: o.outcome?,
                learning: o.learning,
                project_name: o.project_name,
                project_aim: o.project_aim,
                first_steps: o.first_steps,
                owner_a: o.owner_a_id,
                owner_b: o.owner_b_id,
            })
        }),
        session_two_at: p.session_two_at,
    }))
}

/// Add to a team's space: members write notes, actions, check-ins and links; the facilitator comments.
#[utoipa::path(post, path = "/api/v1/co-coaching/{id}/teams/{team}/items", tag = "co-coaching",
    params(("id" = String, Path), ("team" = String, Path)), request_body = TeamItemInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn add_item(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, t)): Path<(String, String)>,
    Json(input): Json<TeamItemInput>,
) -> Result<StatusCode, ApiError> {
    state.app.add_team_item(&actor, &engagement(&raw)?, &team(&t)?, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Rewrite one of your entries (its kind stays; the facilitator edits only their own comments).
#[utoipa::path(put, path = "/api/v1/co-coaching/{id}/teams/{team}/items/{item}", tag = "co-coaching",
    params(("id" = String, Path), ("team" = String, Path), ("item" = String, Path)), request_body = TeamItemInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn edit_item(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, t, item)): Path<(String, String, String)>,
    Json(input): Json<TeamItemInput>,
) -> Result<StatusCode, ApiError> {
    state.app.edit_team_item(&actor, &engagement(&raw)?, &team(&t)?, &record(&item, "entry")?, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Delete one of your entries.
#[utoipa::path(delete, path = "/api/v1/co-coaching/{id}/teams/{team}/items/{item}", tag = "co-coaching",
    params(("id" = String, Path), ("team" = String, Path), ("item" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn delete_item(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, t, item)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    state.app.delete_team_item(&actor, &engagement(&raw)?, &team(&t)?, &record(&item, "entry")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mark one of the team's actions done (a member).
#[utoipa::path(post, path = "/api/v1/co-coaching/{id}/teams/{team}/items/{item}/done", tag = "co-coaching",
    params(("id" = String, Path), ("team" = String, Path), ("item" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn action_done(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, t, item)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    state.app.finish_team_action(&actor, &engagement(&raw)?, &team(&t)?, &record(&item, "action")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Record the team's outcome at session two: concluded (what was learned) or a co-venture
/// project (name, aim, first steps, an owner in each organisation).
#[utoipa::path(put, path = "/api/v1/co-coaching/{id}/teams/{team}/outcome", tag = "co-coaching",
    params(("id" = String, Path), ("team" = String, Path)), request_body = OutcomeInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn outcome(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, t)): Path<(String, String)>,
    Json(input): Json<OutcomeInput>,
) -> Result<StatusCode, ApiError> {
    state.app.set_team_outcome(&actor, &engagement(&raw)?, &team(&t)?, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}
