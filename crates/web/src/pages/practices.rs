//! The five practices' places in the navigation. Each practice's own pages replace its entry here
//! as it is built; until then the page says what the practice is and that it is coming.

use crate::auth::PageActor;
use crate::error::PageError;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use coachkit_app::AppError;

#[derive(Template)]
#[template(path = "practices/show.html")]
struct PracticePage {
    nav: Nav,
    title: &'static str,
    summary: &'static str,
}

const PRACTICES: [(&str, &str, &str); 5] = [
    (
        "journal",
        "Journal: reflection across mentors",
        "Log sessions with each of your mentors, keep the conversation's detail to yourself, and share reflections by choice. Themes, the questions that stopped you, and your actions roll up across everyone you learn from, into a public page of what you think.",
    ),
    (
        "wheel",
        "Balance wheel",
        "Rate how well you engage with each area of your work from 1 to 9, drawn as arcs, then set the time you spend against the time you wish you spent, and see where the gap is.",
    ),
    (
        "learning-log",
        "Leadership Learning Log",
        "After a training, run up to five planned coaching sessions in six weeks, choose your best and your hardest, and reflect on each with sixteen questions to prepare for coaching the coach.",
    ),
    (
        "co-coaching",
        "Co-coaching between organisations",
        "Bring people from two organisations facing a common challenge together, team up their challenges across the two, and follow the teams for the weeks between two sessions.",
    ),
    (
        "advice",
        "Just-in-time expert advice",
        "Pick the one capability that would change the most for you, ask three people who excel at it for three pieces of advice each, and see the thread through all nine once everyone has answered.",
    ),
];

pub async fn show(PageActor(actor): PageActor, Path(slug): Path<String>) -> Result<Response, PageError> {
    let (slug, title, summary) =
        PRACTICES.iter().find(|(s, _, _)| *s == slug).copied().ok_or(PageError::App(AppError::NotFound("page")))?;
    let section = match slug {
        "journal" => "journal",
        "wheel" => "wheel",
        "learning-log" => "learning-log",
        "co-coaching" => "co-coaching",
        _ => "advice",
    };
    Ok(view::render(&PracticePage { nav: Nav::for_actor(&actor, section), title, summary }))
}
