//! Two assessments side by side, and a trend per template: pictures inline with their tables.

use crate::auth::PageActor;
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use coachkit_wheelchart::{
    ComparisonOptions, DeltaRow, Theme, TrendOptions, amount_text, comparison_svg, comparison_table, trend_svg,
    unit_text,
};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "wheel/compare.html")]
struct ComparePage {
    nav: Nav,
    heading: String,
    before_href: String,
    after_href: String,
    before_label: String,
    after_label: String,
    svg: String,
    unit_text: &'static str,
    rows: Vec<DeltaRow>,
}

#[derive(Deserialize)]
pub struct CompareQuery {
    #[serde(default)]
    a: String,
    #[serde(default)]
    b: String,
}

pub async fn page(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Query(q): Query<CompareQuery>,
) -> Result<Response, PageError> {
    let zone = actor.user.zone();
    let c = state.app.compare_wheel_assessments(&actor, q.a.trim(), q.b.trim()).await?;
    let label =
        |s: &coachkit_app::wheel::AssessmentSummary| format!("{} · {}", view::day(s.taken_at, &zone), s.template_name);
    let (before_label, after_label) = (label(&c.before), label(&c.after));
    let heading = if c.before.mine && c.after.mine {
        "Two of my wheels".to_owned()
    } else {
        format!("Two wheels of {}", c.after.owner_name)
    };
    let options = ComparisonOptions {
        title: heading.clone(),
        before_caption: format!("Before: {before_label}"),
        after_caption: format!("After: {after_label}"),
        theme: Theme::Light,
        id_prefix: "compare".into(),
    };
    let page = ComparePage {
        nav: Nav::for_actor(&actor, "wheel"),
        svg: comparison_svg(&c.before_assessment, &c.after_assessment, &options),
        unit_text: unit_text(c.comparison.unit),
        rows: comparison_table(&c.comparison),
        before_href: format!("/wheel/assessments/{}", c.before.id),
        after_href: format!("/wheel/assessments/{}", c.after.id),
        heading,
        before_label,
        after_label,
    };
    Ok(view::render(&page))
}

/// One area through every assessment of a trend, as table cells (one per assessment).
pub struct TrendRow {
    pub area: String,
    pub cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "wheel/trend.html")]
struct TrendPage {
    nav: Nav,
    heading: String,
    owner: Option<String>,
    svg: String,
    dates: Vec<(String, String)>,
    rows: Vec<TrendRow>,
    unit_text: &'static str,
}

#[derive(Deserialize)]
pub struct TrendQuery {
    leader: Option<String>,
}

pub async fn trend(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(template): Path<String>,
    Query(q): Query<TrendQuery>,
) -> Result<Response, PageError> {
    let zone = actor.user.zone();
    let t = state.app.wheel_trend(&actor, &template, q.leader.as_deref()).await?;
    let unit = t.series.unit;
    let dates: Vec<String> = t.assessments.iter().map(|a| view::day(a.taken_at, &zone)).collect();
    let rows = t
        .series
        .areas
        .iter()
        .map(|area| TrendRow {
            area: area.name.as_str().to_owned(),
            cells: (0..t.series.times.len())
                .map(|step| match area.points.iter().find(|p| p.step == step) {
                    Some(p) => format!(
                        "quality {}; spent {}; wished {}",
                        p.rating.map_or_else(|| "–".to_owned(), |r| r.to_string()),
                        amount_text(p.spent, unit),
                        amount_text(p.wished, unit)
                    ),
                    None => "–".to_owned(),
                })
                .collect(),
        })
        .collect();
    let mine = t.owner_id == actor.user.id;
    let heading = format!("{} over time", t.template_name);
    let options = TrendOptions {
        title: if mine { heading.clone() } else { format!("{heading}: {}", t.owner_name) },
        theme: Theme::Light,
        id_prefix: "trend".into(),
        step_labels: Some(dates.clone()),
    };
    let page = TrendPage {
        nav: Nav::for_actor(&actor, "wheel"),
        svg: trend_svg(&t.series, &options),
        owner: (!mine).then(|| t.owner_name.clone()),
        heading,
        dates: t.assessments.iter().zip(dates).map(|(a, d)| (format!("/wheel/assessments/{}", a.id), d)).collect(),
        rows,
        unit_text: unit_text(unit),
    };
    Ok(view::render(&page))
}
