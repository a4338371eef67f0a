//! Practice 1's pages: the journal (reflections, themes, questions, actions, the "what I think"
//! editor, search), session pages, the preparation view, the public page, and the export downloads.

mod actions;
mod coaching;
mod export;
mod home;
mod position_editor;
mod prep;
mod public_page;
mod questions;
mod reflections;
mod sessions;
mod themes;

use crate::error::PageError;
use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};
use coachkit_app::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/journal", get(home::index))
        .route("/journal/search", get(home::search))
        .route("/journal/export.json", get(export::json))
        .route("/journal/export.zip", get(export::zip))
        .route("/journal/reflections/new", get(reflections::new_form).post(reflections::create))
        .route("/journal/reflections/{id}", get(reflections::show))
        .route("/journal/reflections/{id}/edit", get(reflections::edit_form).post(reflections::update))
        .route("/journal/reflections/{id}/delete", post(reflections::delete))
        .route("/journal/reflections/{id}/replies", post(reflections::reply))
        .route("/coaching", get(coaching::home))
        .route("/coaching/{relationship}/themes/{key}", get(coaching::leader_theme))
        .route("/journal/sessions/new", get(sessions::new_form).post(sessions::create))
        .route("/journal/sessions/{id}", get(sessions::show))
        .route("/journal/sessions/{id}/edit", get(sessions::edit_form).post(sessions::update))
        .route("/journal/sessions/{id}/detail", post(sessions::detail))
        .route("/journal/sessions/{id}/coach-note", post(sessions::coach_note))
        .route("/journal/sessions/{id}/killer-question", post(sessions::killer_question))
        .route("/journal/sessions/{id}/next", post(sessions::plan_next))
        .route("/journal/sessions/{id}/calendar.ics", get(sessions::calendar))
        .route("/journal/themes", get(themes::overview))
        .route("/journal/themes/{key}", get(themes::page))
        .route("/journal/questions", get(questions::page).post(questions::ask))
        .route("/journal/questions/{id}/status", post(questions::status))
        .route("/journal/questions/{id}/progress", post(questions::progress))
        .route("/journal/killer/{id}/reuse", post(questions::reuse))
        .route("/journal/toolkit", post(questions::add_to_toolkit))
        .route("/journal/actions", get(actions::page).post(actions::create))
        .route("/journal/actions/{id}/status", post(actions::status))
        .route("/journal/page", get(position_editor::page))
        .route("/journal/page/publish", post(position_editor::publish))
        .route("/journal/page/flags", post(position_editor::flags))
        .route("/journal/positions", post(position_editor::create))
        .route("/journal/positions/{id}", post(position_editor::update))
        .route("/journal/positions/{id}/move", post(position_editor::move_it))
        .route("/journal/positions/{id}/delete", post(position_editor::delete))
        .route("/relationships/{id}/prep", get(prep::page))
        .route("/relationships/{id}/prep/send", post(prep::send))
        .route("/p/{handle}", get(public_page::current))
        .route("/p/{handle}/v/{version}", get(public_page::version))
}

/// Ids in paths are UUIDs; anything else is simply not found.
pub(crate) fn record_id(raw: &str, what: &'static str) -> Result<String, PageError> {
    coachkit_domain::RecordId::parse(raw).map(|r| r.to_string()).map_err(|_| PageError::App(AppError::NotFound(what)))
}

/// The first `n` characters of a text, for lists.
pub(crate) fn excerpt(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>().trim_end())
    }
}

/// The value of `key` in submitted pairs.
pub(crate) fn field<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
}

/// Every value of a repeated key (checkbox lists).
pub(crate) fn fields(pairs: &[(String, String)], key: &str) -> Vec<String> {
    pairs.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect()
}
