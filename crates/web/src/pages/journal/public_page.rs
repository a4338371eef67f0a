//! The public "what I think" page: no account needed, readable on a phone, printable.

use crate::state::AppState;
use crate::view;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use coachkit_app::AppError;
use coachkit_app::journal::PublicPage;

#[derive(Template)]
#[template(path = "public/page.html")]
struct Page {
    page: PublicPage,
    published: String,
    changelog: Vec<(i64, String, Option<String>)>,
}

async fn render(state: &AppState, handle: &str, version: Option<i64>) -> Response {
    match state.app.public_page(handle, version).await {
        Ok(page) => {
            // Public and cached for everyone alike, so the dates are UTC days, not a viewer's.
            let view = Page {
                published: view::calendar_date(page.published_at),
                changelog: page.changelog.iter().map(|(v, at, n)| (*v, view::calendar_date(*at), n.clone())).collect(),
                page,
            };
            let mut response = view::render(&view);
            // Public and cacheable for a short while; old versions never change.
            let cache = if version.is_some() { "public, max-age=86400" } else { "public, max-age=60" };
            if let Ok(v) = cache.parse() {
                response.headers_mut().insert(header::CACHE_CONTROL, v);
            }
            response
        }
        Err(AppError::NotFound(_)) => {
            view::error_page(StatusCode::NOT_FOUND, "Not found", "There is no public page at this address.")
        }
        Err(e) => crate::error::PageError::from(e).into_response(),
    }
}

pub async fn current(State(state): State<AppState>, Path(handle): Path<String>) -> Response {
    render(&state, &handle, None).await
}

pub async fn version(State(state): State<AppState>, Path((handle, version)): Path<(String, String)>) -> Response {
    match version.parse::<i64>() {
        Ok(v) if v > 0 => render(&state, &handle, Some(v)).await,
        _ => view::error_page(StatusCode::NOT_FOUND, "Not found", "There is no such version of this page."),
    }
}
