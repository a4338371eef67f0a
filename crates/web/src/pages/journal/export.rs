//! Downloading everything one wrote: the JSON file (to import elsewhere) and the Markdown zip (to
//! read). Signed-in only, as attachments, never cached: they hold private notes.

use crate::auth::PageActor;
use crate::error::PageError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use coachkit_app::journal::export;

fn attachment(content_type: &'static str, name: String, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

pub async fn json(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    let doc = state.app.export_json(&actor).await?;
    let body = export::to_json(&doc)?;
    Ok(attachment("application/json", export::file_name(&doc, "json"), body))
}

pub async fn zip(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    let doc = state.app.export_json(&actor).await?;
    let body = export::markdown_zip(&doc)?;
    Ok(attachment("application/zip", export::file_name(&doc, "zip"), body))
}
