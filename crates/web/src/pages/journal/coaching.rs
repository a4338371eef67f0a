//! The coach's side of the journal: the coach's home (`/coaching`: every client or mentee, what is
//! new since the last session, what is next, what the coach owes) and a leader's theme as their
//! coach or mentor may follow it from a shared reflection.

use super::excerpt;
use crate::auth::PageActor;
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use coachkit_app::AppError;
use coachkit_app::journal::ClientCard;
use coachkit_domain::RelationshipId;
use coachkit_domain::time::Zone;

/// A link with its words and a date.
pub struct Line {
    pub href: String,
    pub text: String,
    pub when: String,
}

/// One client as the template shows them: every decision made here, not in the template.
pub struct Client {
    pub relationship_id: String,
    pub name: String,
    /// "client" or "mentee".
    pub title: &'static str,
    pub since: Option<String>,
    pub next: Option<Line>,
    pub shared: Vec<Line>,
    pub done: Vec<String>,
    pub overdue: Vec<(String, String)>,
    pub wheels: Vec<Line>,
    pub questions: Vec<(String, &'static str)>,
    pub notes_to_write: Vec<Line>,
    pub my_actions: Vec<(String, Option<String>)>,
    pub has_news: bool,
}

fn question_status(s: &str) -> &'static str {
    match s {
        "answered" => "answered",
        "dropped" => "let go",
        _ => "open",
    }
}

impl Client {
    /// One client's card, its moments written in the coach's zone.
    fn new(c: ClientCard, zone: &Zone) -> Self {
        let has_news = c.has_news();
        let session = |id: &str, at: i64| Line {
            href: format!("/journal/sessions/{id}"),
            text: view::date_time(at, zone),
            when: view::day(at, zone),
        };
        Self {
            relationship_id: c.relationship.id.to_string(),
            name: c.relationship.leader_name.clone(),
            title: c.relationship.kind.leader_title(),
            since: c.last_session.as_ref().map(|s| view::day(s.starts_at, zone)),
            next: c.next_session.as_ref().map(|s| session(&s.id, s.starts_at)),
            shared: c
                .shared
                .iter()
                .map(|r| Line {
                    href: format!("/journal/reflections/{}", r.id),
                    text: r.title.clone().unwrap_or_else(|| excerpt(&r.body, 80)),
                    when: view::day(r.created_at, zone),
                })
                .collect(),
            done: c.actions_done.iter().map(|a| a.text.clone()).collect(),
            overdue: c
                .actions_overdue
                .iter()
                .map(|a| (a.text.clone(), a.due_at.map(view::calendar_date).unwrap_or_default()))
                .collect(),
            wheels: c
                .wheels
                .iter()
                .map(|w| Line {
                    href: format!("/wheel/{}", w.id),
                    text: w.template_name.clone(),
                    when: view::day(w.taken_at, zone),
                })
                .collect(),
            questions: c.questions.iter().map(|q| (q.text.clone(), question_status(&q.status))).collect(),
            notes_to_write: c.notes_to_write.iter().map(|s| session(&s.id, s.starts_at)).collect(),
            my_actions: c.my_actions.iter().map(|a| (a.text.clone(), a.due_at.map(view::calendar_date))).collect(),
            has_news,
        }
    }
}

#[derive(Template)]
#[template(path = "journal/coaching.html")]
struct Home {
    nav: Nav,
    clients: Vec<Client>,
}

pub async fn home(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    let clients = state.app.coach_home(&actor).await?.into_iter().map(|c| Client::new(c, &actor.user.zone())).collect();
    Ok(view::render(&Home { nav: Nav::for_actor(&actor, "coaching"), clients }))
}

pub struct Entry {
    pub id: String,
    pub title: Option<String>,
    pub date: String,
    pub mentor: Option<String>,
    pub excerpt: String,
}

#[derive(Template)]
#[template(path = "journal/leader_theme.html")]
struct LeaderTheme {
    nav: Nav,
    relationship_id: String,
    leader: String,
    label: String,
    entries: Vec<Entry>,
}

pub async fn leader_theme(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((relationship, key)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let zone = actor.user.zone();
    let rid = RelationshipId::parse(&relationship).map_err(|_| PageError::App(AppError::NotFound("theme")))?;
    let t = state.app.leader_theme_page(&actor, &rid, &key).await?;
    let leader = t.reflections.first().map(|r| r.author_name.clone()).unwrap_or_default();
    let entries = t
        .reflections
        .into_iter()
        .map(|r| Entry {
            date: view::day(r.created_at, &zone),
            excerpt: excerpt(&r.body, 400),
            id: r.id,
            title: r.title,
            mentor: r.mentor_name,
        })
        .collect();
    Ok(view::render(&LeaderTheme {
        nav: Nav::for_actor(&actor, "coaching"),
        relationship_id: rid.to_string(),
        leader,
        label: t.label,
        entries,
    }))
}
