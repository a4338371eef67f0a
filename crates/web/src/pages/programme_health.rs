//! The programme health page: the facilitator's and organisation admin's view of every programme
//! and engagement they answer for. The app reads and judges; this handler only words the dates.

use crate::auth::PageActor;
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use coachkit_app::programme_health::{HealthPage, QuietPerson};
use coachkit_domain::time::{Millis, ago};

/// A quiet person as the page says it.
struct QuietLine {
    name: String,
    last_here: String,
    outstanding: String,
}

#[derive(Template)]
#[template(path = "programme_health.html")]
struct HealthView {
    nav: Nav,
    h: HealthPage,
    quiet_total: usize,
}

impl HealthView {
    fn lines(&self, quiet: &[QuietPerson]) -> Vec<QuietLine> {
        let now = Millis(coachkit_store::now_ms());
        quiet
            .iter()
            .map(|q| QuietLine {
                name: q.name.clone(),
                last_here: q
                    .last_here_at
                    .map_or_else(|| "not seen here yet".into(), |t| format!("last here {}", ago(now, Millis(t)))),
                outstanding: q.outstanding_text.clone(),
            })
            .collect()
    }
    fn stage_label(stage: &str) -> &'static str {
        match stage {
            "preparing" => "preparing for session one",
            "cards_open" => "cards open, teaming up",
            "teamed" => "teams at work",
            "cancelled" => "session two cancelled",
            _ => "",
        }
    }
}

pub async fn page(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    let h = state.app.programme_health(&actor).await?;
    let quiet_total = h.quiet_count();
    Ok(view::render(&HealthView { nav: Nav::for_actor(&actor, "health"), h, quiet_total }))
}
