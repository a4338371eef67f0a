//! The old addresses of the practices (`/practices/<slug>`), from when some were placeholders:
//! each now lives at its own address, and an old link still gets there.

use crate::auth::PageActor;
use crate::error::PageError;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::AppError;

pub async fn show(PageActor(_): PageActor, Path(slug): Path<String>) -> Result<Response, PageError> {
    let to = match slug.as_str() {
        "journal" => "/journal",
        "wheel" => "/wheel",
        "learning-log" => "/learning-log",
        "co-coaching" => "/co-coaching",
        "advice" => "/advice",
        _ => return Err(PageError::App(AppError::NotFound("page"))),
    };
    Ok(Redirect::permanent(to).into_response())
}
