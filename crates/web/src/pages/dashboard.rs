//! The landing page and the signed-in dashboard.

use crate::auth::{MaybeActor, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::RelationshipView;
use coachkit_domain::relationship::{RelationshipStatus, Side};

#[derive(Template)]
#[template(path = "landing.html")]
struct Landing {
    nav: Nav,
}

pub async fn home(MaybeActor(actor): MaybeActor) -> Response {
    match actor {
        Some(_) => Redirect::to("/dashboard").into_response(),
        None => view::render(&Landing { nav: Nav::default() }),
    }
}

pub struct RelLine {
    pub id: String,
    pub partner: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub since: String,
}

pub struct Invitation {
    pub id: String,
    pub leader_name: String,
    pub partner_title: &'static str,
    pub message: Option<String>,
}

pub struct OrgLine {
    pub id: String,
    pub name: String,
    pub role: String,
    pub members: i64,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    nav: Nav,
    name: String,
    to_answer: Vec<Invitation>,
    awaiting: Vec<RelLine>,
    mine: Vec<RelLine>,
    clients: Vec<RelLine>,
    orgs: Vec<OrgLine>,
    /// (session id, when, with whom)
    upcoming: Vec<(String, String, String)>,
    /// (text, due, overdue)
    actions: Vec<(String, Option<String>, bool)>,
    /// (request id, what it needs next)
    advice: Vec<(String, String)>,
    /// How many of the people the actor coaches shared something new since their last session.
    clients_with_news: usize,
    /// Co-coaching engagements and learning-log programmes the actor facilitates: (link, name).
    facilitating: Vec<(String, String)>,
}

pub fn rel_line(r: &RelationshipView) -> RelLine {
    RelLine {
        id: r.id.to_string(),
        partner: r.partner_name(),
        // One word per side: what the other person is to the reader ("coach", "client", ...).
        kind: if r.my_side == Some(Side::Coach) { r.kind.leader_title() } else { r.kind.partner_title() },
        status: r.status.as_str(),
        since: view::date(r.answered_at.unwrap_or(r.created_at).0),
    }
}

pub async fn dashboard(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    let relationships = state.app.relationships(&actor).await?;
    let orgs = state.app.my_orgs(&actor).await?;
    let pending = |r: &&RelationshipView| r.status == RelationshipStatus::Pending;
    let upcoming = state
        .app
        .upcoming_sessions(&actor)
        .await?
        .into_iter()
        .map(|(s, partner)| (s.id, view::date_time(s.starts_at), partner))
        .collect();
    let actions = state
        .app
        .open_actions(&actor)
        .await?
        .into_iter()
        .take(6)
        .map(|a| (a.text, a.due_at.map(view::date), a.overdue))
        .collect();
    let advice = state.app.advice_next_steps(&actor).await?;
    let clients_with_news = state.app.coach_home(&actor).await?.iter().filter(|c| c.has_news()).count();
    // What a facilitator runs, so their dashboard is never empty.
    let mut facilitating: Vec<(String, String)> = state
        .app
        .learning_log_home(&actor)
        .await?
        .facilitating
        .into_iter()
        .map(|p| (format!("/learning-log/{}", p.id), format!("Learning log: {}", p.name)))
        .collect();
    facilitating.extend(
        state
            .app
            .my_engagements(&actor)
            .await?
            .into_iter()
            .filter(|e| e.facilitating)
            .map(|e| (format!("/co-coaching/{}", e.id), format!("Co-coaching: {} ({})", e.common_area, e.orgs))),
    );
    let page = Dashboard {
        advice,
        clients_with_news,
        facilitating,
        upcoming,
        actions,
        nav: Nav::for_actor(&actor, "dashboard"),
        name: actor.user.display_name.clone(),
        to_answer: relationships
            .iter()
            .filter(pending)
            .filter(|r| r.my_side == Some(Side::Coach))
            .map(|r| Invitation {
                id: r.id.to_string(),
                leader_name: r.leader_name.clone(),
                partner_title: r.kind.partner_title(),
                message: r.message.clone(),
            })
            .collect(),
        awaiting: relationships
            .iter()
            .filter(pending)
            .filter(|r| r.my_side == Some(Side::Leader))
            .map(rel_line)
            .collect(),
        mine: relationships
            .iter()
            .filter(|r| r.my_side == Some(Side::Leader) && !matches!(r.status, RelationshipStatus::Pending))
            .map(rel_line)
            .collect(),
        clients: relationships
            .iter()
            .filter(|r| r.my_side == Some(Side::Coach) && !matches!(r.status, RelationshipStatus::Pending))
            .map(rel_line)
            .collect(),
        orgs: orgs
            .into_iter()
            .map(|o| OrgLine { id: o.id, name: o.name, role: o.role.unwrap_or_default(), members: o.member_count })
            .collect(),
    };
    Ok(view::render(&page))
}
