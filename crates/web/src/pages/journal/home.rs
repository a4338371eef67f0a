//! The journal's front page and its search.

use super::excerpt;
use crate::auth::PageActor;
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use coachkit_app::journal::SearchResult;
use coachkit_domain::relationship::{RelationshipStatus, Side};
use coachkit_domain::time::Zone;
use serde::Deserialize;

pub struct ReflectionLine {
    pub id: String,
    pub title: Option<String>,
    pub date: String,
    pub mentor: Option<String>,
    pub audience: String,
    pub excerpt: String,
    pub themes: Vec<(String, String)>,
}

impl ReflectionLine {
    pub fn of(r: &coachkit_app::journal::ReflectionView, zone: &Zone) -> Self {
        Self {
            id: r.id.clone(),
            title: r.title.clone(),
            date: view::day(r.created_at, zone),
            mentor: r.mentor_name.clone(),
            audience: r.audience.clone(),
            excerpt: excerpt(&r.body, 280),
            themes: r.theme_keys.iter().map(|k| k.replace(' ', "-")).zip(r.themes.iter().cloned()).collect(),
        }
    }
}

pub struct RelLine {
    pub id: String,
    pub partner: String,
    pub kind: &'static str,
}

pub struct ActionLine {
    pub text: String,
    pub due: Option<String>,
    pub overdue: bool,
}

#[derive(Template)]
#[template(path = "journal/index.html")]
struct Index {
    nav: Nav,
    tab: &'static str,
    query: String,
    relationships: Vec<RelLine>,
    actions: Vec<ActionLine>,
    reflections: Vec<ReflectionLine>,
    older: Option<i64>,
}

#[derive(Deserialize)]
pub struct Paging {
    before: Option<i64>,
}

const PAGE: i64 = 30;

pub async fn index(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Query(p): Query<Paging>,
) -> Result<Response, PageError> {
    let zone = actor.user.zone();
    let reflections = state.app.journal(&actor, p.before, PAGE).await?;
    let relationships = state
        .app
        .relationships(&actor)
        .await?
        .into_iter()
        .filter(|r| r.status == RelationshipStatus::Active)
        .map(|r| RelLine {
            id: r.id.to_string(),
            partner: r.partner_name(),
            kind: if r.my_side == Some(Side::Coach) { r.kind.leader_title() } else { r.kind.partner_title() },
        })
        .collect();
    let actions = state
        .app
        .open_actions(&actor)
        .await?
        .into_iter()
        .take(8)
        .map(|a| ActionLine { text: a.text, due: a.due_at.map(view::calendar_date), overdue: a.overdue })
        .collect();
    let older = (reflections.len() as i64 == PAGE).then(|| reflections.last().map(|r| r.created_at)).flatten();
    Ok(view::render(&Index {
        nav: Nav::for_actor(&actor, "journal"),
        tab: "reflections",
        query: String::new(),
        relationships,
        actions,
        reflections: reflections.iter().map(|r| ReflectionLine::of(r, &zone)).collect(),
        older,
    }))
}

#[derive(Template)]
#[template(path = "journal/search.html")]
struct SearchPage {
    nav: Nav,
    tab: &'static str,
    query: String,
    /// Each hit with the day it was last written, newest first.
    results: Vec<(SearchResult, String)>,
}

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

pub async fn search(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Query(q): Query<SearchQuery>,
) -> Result<Response, PageError> {
    let zone = actor.user.zone();
    let query: String = q.q.chars().take(200).collect();
    let results = state
        .app
        .search(&actor, &query)
        .await?
        .into_iter()
        .map(|r| {
            let day = view::day(r.updated_at, &zone);
            (r, day)
        })
        .collect();
    Ok(view::render(&SearchPage { nav: Nav::for_actor(&actor, "journal"), tab: "search", query, results }))
}
