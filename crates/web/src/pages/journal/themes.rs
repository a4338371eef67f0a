//! The themes overview and a theme's page.

use super::excerpt;
use crate::auth::PageActor;
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

pub struct ThemeLine {
    pub slug: String,
    pub label: String,
    pub uses: i64,
    pub mentors: String,
    pub last: String,
}

#[derive(Template)]
#[template(path = "journal/themes.html")]
struct Overview {
    nav: Nav,
    tab: &'static str,
    query: String,
    themes: Vec<ThemeLine>,
}

pub async fn overview(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    let zone = actor.user.zone();
    let themes = state
        .app
        .theme_overview(&actor)
        .await?
        .into_iter()
        .map(|t| ThemeLine {
            slug: t.key.replace(' ', "-"),
            label: t.label,
            uses: t.uses,
            mentors: if t.mentors.is_empty() { "on my own".into() } else { t.mentors.join(", ") },
            last: t.last_touched.map(|at| view::day(at, &zone)).unwrap_or_else(|| "-".into()),
        })
        .collect();
    Ok(view::render(&Overview { nav: Nav::for_actor(&actor, "journal"), tab: "themes", query: String::new(), themes }))
}

pub struct Entry {
    pub id: String,
    pub title: Option<String>,
    pub date: String,
    pub mentor: Option<String>,
    pub audience: String,
    pub excerpt: String,
}

#[derive(Template)]
#[template(path = "journal/theme.html")]
struct ThemePage {
    nav: Nav,
    tab: &'static str,
    query: String,
    label: String,
    entries: Vec<Entry>,
}

pub async fn page(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(key): Path<String>,
) -> Result<Response, PageError> {
    let zone = actor.user.zone();
    let t = state.app.theme_page(&actor, &key).await?;
    let entries = t
        .reflections
        .into_iter()
        .map(|r| Entry {
            date: view::day(r.created_at, &zone),
            excerpt: excerpt(&r.body, 400),
            id: r.id,
            title: r.title,
            mentor: r.mentor_name,
            audience: r.audience,
        })
        .collect();
    Ok(view::render(&ThemePage {
        nav: Nav::for_actor(&actor, "journal"),
        tab: "themes",
        query: String::new(),
        label: t.label,
        entries,
    }))
}
