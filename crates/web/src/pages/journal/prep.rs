//! The preparation view of a relationship, and sending it.

use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use coachkit_app::journal::Prep;
use coachkit_app::{Actor, AppError};
use coachkit_domain::RelationshipId;
use coachkit_domain::relationship::{RelationshipStatus, Side};

#[derive(Template)]
#[template(path = "journal/prep.html")]
struct Page {
    nav: Nav,
    p: Prep,
    partner: String,
    people: String,
    /// (session link, date, note)
    my_notes: Vec<(String, String, String)>,
    since: Option<String>,
    is_leader: bool,
    read_only: bool,
    notice: Option<String>,
}

async fn page_view(state: &AppState, actor: &Actor, id: &str, notice: Option<String>) -> Result<Page, PageError> {
    let zone = actor.user.zone();
    let rid = RelationshipId::parse(id).map_err(|_| PageError::App(AppError::NotFound("relationship")))?;
    let p = state.app.prep(actor, &rid).await?;
    Ok(Page {
        nav: Nav::for_actor(actor, if p.relationship.my_side == Some(Side::Coach) { "coaching" } else { "journal" }),
        partner: p.relationship.partner_name(),
        people: super::sessions::people_line(&p.relationship),
        my_notes: p
            .my_notes
            .iter()
            .map(|n| (format!("/journal/sessions/{}", n.session_id), view::day(n.starts_at, &zone), n.body.clone()))
            .collect(),
        since: p.since.map(|at| view::day(at, &zone)),
        is_leader: p.relationship.my_side == Some(Side::Leader),
        read_only: p.relationship.status != RelationshipStatus::Active,
        notice,
        p,
    })
}

pub async fn page(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    Ok(view::render(&page_view(&state, &actor, &id, None).await?))
}

pub async fn send(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    let rid = RelationshipId::parse(&id).map_err(|_| PageError::App(AppError::NotFound("relationship")))?;
    state.app.send_prep(&actor, &rid).await?;
    let page = page_view(
        &state,
        &actor,
        &id,
        Some("Sent. It is in their inbox (or the outbox, if this instance has no mail server).".into()),
    )
    .await?;
    Ok(view::render(&page))
}
