//! Organisations over JSON.

use super::extract::{Json, id};
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use coachkit_domain::{OrgId, UserId};
use coachkit_store::{MemberRow, OrgRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Org {
    id: String,
    name: String,
    /// Your role in it: member, facilitator or admin (absent for the instance admin viewing it).
    role: Option<String>,
    member_count: i64,
    created_at: i64,
}

impl From<OrgRow> for Org {
    fn from(o: OrgRow) -> Self {
        Self { id: o.id, name: o.name, role: o.role, member_count: o.member_count, created_at: o.created_at }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Member {
    user_id: String,
    display_name: String,
    role: String,
    since: i64,
}

impl From<MemberRow> for Member {
    fn from(m: MemberRow) -> Self {
        Self { user_id: m.user_id, display_name: m.display_name, role: m.role, since: m.created_at }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrgDetail {
    #[serde(flatten)]
    org: Org,
    members: Vec<Member>,
}

/// The organisations you belong to.
#[utoipa::path(get, path = "/api/v1/orgs", tag = "organisations", responses((status = 200, body = [Org])),
    security(("token" = []), ("session" = [])))]
pub async fn list(State(state): State<AppState>, ApiActor(actor): ApiActor) -> Result<axum::Json<Vec<Org>>, ApiError> {
    Ok(axum::Json(state.app.my_orgs(&actor).await?.into_iter().map(Org::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct NewOrg {
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::org::OrgName::MAX }>, required = true)]
    name: String,
}

/// Create an organisation; you become its admin.
#[utoipa::path(post, path = "/api/v1/orgs", tag = "organisations", request_body = NewOrg,
    responses((status = 201, body = Org), (status = 422, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(req): Json<NewOrg>,
) -> Result<(StatusCode, axum::Json<Org>), ApiError> {
    Ok((StatusCode::CREATED, axum::Json(state.app.create_org(&actor, &req.name).await?.into())))
}

/// An organisation and its members (for its members and the instance admin).
#[utoipa::path(get, path = "/api/v1/orgs/{id}", tag = "organisations", params(("id" = String, Path)),
    responses((status = 200, body = OrgDetail), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn get_one(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<OrgDetail>, ApiError> {
    let oid = id(&raw, "organisation", OrgId::parse)?;
    let (org, members) = state.app.org(&actor, &oid).await?;
    Ok(axum::Json(OrgDetail { org: org.into(), members: members.into_iter().map(Member::from).collect() }))
}

#[derive(Deserialize, ToSchema)]
pub struct MemberChange {
    /// The e-mail of their account.
    #[schema(schema_with = coachkit_domain::account::Email::schema, required = true)]
    email: String,
    /// member, facilitator or admin.
    #[schema(value_type = coachkit_domain::org::OrgRole)]
    role: String,
}

/// Add someone to an organisation or change their role (organisation admins).
#[utoipa::path(put, path = "/api/v1/orgs/{id}/members", tag = "organisations", params(("id" = String, Path)), request_body = MemberChange,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "That change would leave the organisation without an admin."), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn set_member(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<MemberChange>,
) -> Result<StatusCode, ApiError> {
    let oid = id(&raw, "organisation", OrgId::parse)?;
    state.app.set_member(&actor, &oid, &req.email, &req.role).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Remove someone from an organisation (organisation admins).
#[utoipa::path(delete, path = "/api/v1/orgs/{id}/members/{user}", tag = "organisations",
    params(("id" = String, Path), ("user" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn remove_member(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, user)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let oid = id(&raw, "organisation", OrgId::parse)?;
    let uid = id(&user, "member", UserId::parse)?;
    state.app.remove_member(&actor, &oid, &uid).await?;
    Ok(StatusCode::NO_CONTENT)
}
