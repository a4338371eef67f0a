//! The landing page and the signed-in dashboard.

use crate::auth::{MaybeActor, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::RelationshipView;
use coachkit_app::next_steps::{NextStep, OrgLine, When};
use coachkit_domain::relationship::{RelationshipStatus, Side};
use coachkit_domain::time::Zone;

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

/// One line of "what needs you next", its moment written out.
pub struct StepLine {
    pub text: String,
    pub href: String,
    pub action: &'static str,
    pub when: Option<String>,
    pub late: bool,
    pub calendar: Option<String>,
}

fn step_line(step: NextStep, zone: &Zone) -> StepLine {
    let when = step.at.map(|at| match step.when {
        When::At => format!("on {}", view::date_time(at.0, zone)),
        When::Due => format!("due {}", view::calendar_date(at.0)),
        When::By => format!("by {}", view::calendar_date(at.0)),
        When::Closes => format!("closes {}", view::calendar_date(at.0)),
        When::SessionOne => format!("session one on {}", view::date_time(at.0, zone)),
        When::SessionTwo => format!("session two on {}", view::date_time(at.0, zone)),
    });
    StepLine { text: step.text, href: step.href, action: step.action, when, late: step.late, calendar: step.calendar }
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
    steps: Vec<StepLine>,
    /// How many of the people the actor coaches shared something new since their last session.
    clients_with_news: usize,
}

pub fn rel_line(r: &RelationshipView, zone: &Zone) -> RelLine {
    RelLine {
        id: r.id.to_string(),
        partner: r.partner_name(),
        // One word per side: what the other person is to the reader ("coach", "client", ...).
        kind: if r.my_side == Some(Side::Coach) { r.kind.leader_title() } else { r.kind.partner_title() },
        status: r.status.as_str(),
        since: view::day(r.answered_at.unwrap_or(r.created_at).0, zone),
    }
}

pub async fn dashboard(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    // Side by side: the relationships (invitations to answer and the two lists; a cached read),
    // every other line of every practice in one query, and, only for someone who coaches or
    // mentors, whether their clients shared something new (the coach's home's news queries,
    // without its sessions and themes). Everyone else's dashboard is one query.
    let (relationships, next, clients_with_news) = tokio::try_join!(
        state.app.relationships(&actor),
        state.app.next_steps(&actor),
        state.app.clients_with_news(&actor)
    )?;
    let zone = actor.user.zone();
    let pending = |r: &&RelationshipView| r.status == RelationshipStatus::Pending;
    let page = Dashboard {
        clients_with_news,
        steps: next.steps.into_iter().map(|s| step_line(s, &zone)).collect(),
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
            .map(|r| rel_line(r, &zone))
            .collect(),
        mine: relationships
            .iter()
            .filter(|r| r.my_side == Some(Side::Leader) && !matches!(r.status, RelationshipStatus::Pending))
            .map(|r| rel_line(r, &zone))
            .collect(),
        clients: relationships
            .iter()
            .filter(|r| r.my_side == Some(Side::Coach) && !matches!(r.status, RelationshipStatus::Pending))
            .map(|r| rel_line(r, &zone))
            .collect(),
        orgs: next.orgs,
    };
    Ok(view::render(&page))
}
