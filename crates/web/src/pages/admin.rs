//! The instance admin's page: accounts, organisations, the outbox.

use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::AppError;
use coachkit_domain::UserId;
use serde::Deserialize;

pub struct UserLine {
    pub id: String,
    pub name: String,
    pub email: String,
    pub since: String,
    pub admin: bool,
    pub disabled: bool,
}

pub struct OrgLine {
    pub id: String,
    pub name: String,
    pub members: i64,
}

pub struct MailLine {
    pub to: String,
    pub subject: String,
    pub queued: String,
    pub state: String,
}

#[derive(Template)]
#[template(path = "admin/index.html")]
struct AdminPage {
    nav: Nav,
    users: Vec<UserLine>,
    total: i64,
    more: bool,
    next_page: i64,
    orgs: Vec<OrgLine>,
    mail: Vec<MailLine>,
    smtp: bool,
    deleted: bool,
}

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
    deleted: Option<i64>,
}

const PAGE: i64 = 100;

pub async fn page(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    let zone = actor.user.zone();
    let page = q.page.unwrap_or(0).clamp(0, 1_000_000);
    let (users, total) = state.app.admin_users(&actor, PAGE, page * PAGE).await?;
    let orgs = state.app.admin_orgs(&actor).await?;
    let mail = state.app.admin_outbox(&actor).await?;
    let view = AdminPage {
        nav: Nav::for_actor(&actor, "admin"),
        more: (page + 1) * PAGE < total,
        next_page: page + 1,
        total,
        users: users
            .into_iter()
            .map(|u| UserLine {
                admin: u.is_admin(),
                disabled: u.is_disabled(),
                since: view::day(u.created_at, &zone),
                id: u.id,
                name: u.display_name,
                email: u.email,
            })
            .collect(),
        orgs: orgs.into_iter().map(|o| OrgLine { id: o.id, name: o.name, members: o.member_count }).collect(),
        mail: mail
            .into_iter()
            .map(|m| MailLine {
                state: match (m.sent_at, &m.last_error) {
                    (Some(t), _) => format!("sent {}", view::date_time(t, &actor.user.zone())),
                    (None, Some(_)) => format!("retrying (attempt {})", m.attempts),
                    (None, None) => "waiting".into(),
                },
                queued: view::date_time(m.created_at, &actor.user.zone()),
                to: m.to_addr,
                subject: m.subject,
            })
            .collect(),
        smtp: state.app.config.smtp.is_some(),
        deleted: q.deleted.is_some(),
    };
    Ok(view::render(&view))
}

pub async fn set_disabled(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, action)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    let disabled = match action.as_str() {
        "disable" => true,
        "enable" => false,
        _ => return Err(PageError::App(AppError::NotFound("action"))),
    };
    let id = UserId::parse(&id).map_err(|_| PageError::App(AppError::NotFound("account")))?;
    state.app.admin_set_disabled(&actor, &id, disabled).await?;
    Ok(Redirect::to("/admin").into_response())
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    confirm_email: String,
}

/// Deletes an account on its owner's request: the admin types the account's e-mail and reads
/// nothing of it.
pub async fn delete_account(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> Result<Response, PageError> {
    let id = UserId::parse(&id).map_err(|_| PageError::App(AppError::NotFound("account")))?;
    match state.app.delete_account(coachkit_app::Leaver::Admin(&actor), &id, &form.confirm_email).await {
        Ok(()) => Ok(Redirect::to("/admin?deleted=1").into_response()),
        Err(AppError::Invalid(f)) => Err(PageError::BadRequest(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "Nothing was deleted: the confirmation {}. Type the e-mail of the account to delete.",
                f.first().map(|f| f.message.clone()).unwrap_or_default()
            ),
        )),
        Err(e) => Err(e.into()),
    }
}
