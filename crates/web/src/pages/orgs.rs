//! Organisation pages: mine, create, members.

use crate::auth::{CsrfForm, PageActor};
use crate::error::{FieldErrors, PageError};
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::{Actor, AppError};
use coachkit_domain::{OrgId, UserId};
use serde::Deserialize;

use coachkit_app::next_steps::OrgLine;

#[derive(Template)]
#[template(path = "orgs/index.html")]
struct IndexPage {
    nav: Nav,
    orgs: Vec<OrgLine>,
    name: String,
    errors: FieldErrors,
}

async fn index_page(
    state: &AppState,
    actor: &Actor,
    name: String,
    errors: FieldErrors,
) -> Result<IndexPage, PageError> {
    let orgs = state.app.my_orgs(actor).await?;
    Ok(IndexPage {
        nav: Nav::for_actor(actor, "orgs"),
        orgs: orgs
            .into_iter()
            .map(|o| OrgLine { id: o.id, name: o.name, role: o.role.unwrap_or_default(), members: o.member_count })
            .collect(),
        name,
        errors,
    })
}

pub async fn index(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    Ok(view::render(&index_page(&state, &actor, String::new(), FieldErrors::default()).await?))
}

#[derive(Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    name: String,
}

pub async fn create(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<CreateForm>,
) -> Result<Response, PageError> {
    match state.app.create_org(&actor, &form.name).await {
        Ok(org) => Ok(Redirect::to(&format!("/orgs/{}", org.id)).into_response()),
        Err(e @ AppError::Invalid(_)) => {
            let errors = FieldErrors::from_app(&e).unwrap_or_default();
            let page = index_page(&state, &actor, form.name, errors).await?;
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(e.into()),
    }
}

pub struct MemberLine {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: String,
}

#[derive(Template)]
#[template(path = "orgs/show.html")]
struct ShowPage {
    nav: Nav,
    id: String,
    name: String,
    members: Vec<MemberLine>,
    can_manage: bool,
    message: Option<String>,
}

fn parse_org(id: &str) -> Result<OrgId, PageError> {
    OrgId::parse(id).map_err(|_| PageError::App(AppError::NotFound("organisation")))
}

async fn show_page(
    state: &AppState,
    actor: &Actor,
    id: &OrgId,
    message: Option<String>,
) -> Result<ShowPage, PageError> {
    let (org, members) = state.app.org(actor, id).await?;
    let can_manage = actor.user.is_admin() || org.role.as_deref() == Some("admin");
    Ok(ShowPage {
        nav: Nav::for_actor(actor, "orgs"),
        id: org.id,
        name: org.name,
        members: members
            .into_iter()
            .map(|m| MemberLine { id: m.user_id, name: m.display_name, email: m.email, role: m.role })
            .collect(),
        can_manage,
        message,
    })
}

pub async fn show(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    Ok(view::render(&show_page(&state, &actor, &parse_org(&id)?, None).await?))
}

#[derive(Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

/// Re-shows the organisation with the refusal, for refusals a person can correct.
async fn or_explain(
    state: &AppState,
    actor: &Actor,
    id: &OrgId,
    result: Result<(), AppError>,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/orgs/{id}")).into_response()),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let status = if matches!(e, AppError::Conflict(_)) {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let message = match &e {
                AppError::Invalid(f) => {
                    f.iter().map(|f| super::account::capitalise(&f.to_string())).collect::<Vec<_>>().join(" ")
                }
                other => super::account::capitalise(&other.to_string()),
            };
            Ok(view::render_status(status, &show_page(state, actor, id, Some(message)).await?))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn set_member(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<MemberForm>,
) -> Result<Response, PageError> {
    let id = parse_org(&id)?;
    let result = state.app.set_member(&actor, &id, &form.email, &form.role).await;
    or_explain(&state, &actor, &id, result).await
}

pub async fn remove_member(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, user)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    let id = parse_org(&id)?;
    let user = UserId::parse(&user).map_err(|_| PageError::App(AppError::NotFound("member")))?;
    let result = state.app.remove_member(&actor, &id, &user).await;
    or_explain(&state, &actor, &id, result).await
}
