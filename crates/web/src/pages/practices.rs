//! The places in the navigation of the practices not built yet: each page says what the practice
//! is and that it is coming. Built practices (journal, wheel, co-coaching, expert advice) have their own pages.

use crate::auth::PageActor;
use crate::error::PageError;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::AppError;

#[derive(Template)]
#[template(path = "practices/show.html")]
struct PracticePage {
    nav: Nav,
    title: &'static str,
    summary: &'static str,
}

const PRACTICES: [(&str, &str, &str); 1] = [(
    "learning-log",
    "Leadership Learning Log",
    "After a training, run up to five planned coaching sessions in six weeks, choose your best and your hardest, and reflect on each with sixteen questions to prepare for coaching the coach.",
)];

pub async fn show(PageActor(actor): PageActor, Path(slug): Path<String>) -> Result<Response, PageError> {
    // The built practices live at their own addresses; an old link still gets there.
    match slug.as_str() {
        "journal" => return Ok(Redirect::permanent("/journal").into_response()),
        "wheel" => return Ok(Redirect::permanent("/wheel").into_response()),
        "advice" => return Ok(Redirect::permanent("/advice").into_response()),
        "co-coaching" => return Ok(Redirect::permanent("/co-coaching").into_response()),
        _ => {}
    }
    let (slug, title, summary) =
        PRACTICES.iter().find(|(s, _, _)| *s == slug).copied().ok_or(PageError::App(AppError::NotFound("page")))?;
    Ok(view::render(&PracticePage { nav: Nav::for_actor(&actor, slug), title, summary }))
}
