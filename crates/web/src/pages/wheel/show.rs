//! The assessment's page (the picture inline, its table for screen readers, the reading and the
//! named place to look, reframing tasks), the picture's downloads, and the owner's changes:
//! audience, reopening, deleting.

use super::reframing::{ReframeArea, reframe_areas};
use super::{field, record_id};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::wheel::{AssessmentPage, AssessmentStatus, DEFAULT_TEMPLATE_KEY, ReadingRow};
use coachkit_app::{Actor, AppError};
use coachkit_domain::journal::AudienceChoice;
use coachkit_domain::privacy::RecordKind;
use coachkit_domain::time::Zone;
use coachkit_domain::wheel::{Assessment, TimeUnit};
use coachkit_wheelchart::{Theme, WheelOptions, WheelRow, wheel_png, wheel_svg, wheel_table};

/// Above this many areas, labels shrunk to a phone's width could not be read.
const CROWDED_AREAS: usize = 6;

/// Width of the PNG download: sharp when printed on a page, small enough to mail.
const PNG_WIDTH: u32 = 1400;

pub struct Link {
    pub href: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "wheel/assessment.html")]
pub(super) struct Page {
    nav: Nav,
    id: String,
    heading: String,
    meta: String,
    status: &'static str,
    audience: String,
    svg: String,
    /// The same wheel drawn for a phone's width (CSS shows one of the two).
    phone_svg: String,
    /// Too many areas to read at a phone's width: the picture keeps a size and scrolls instead.
    crowded: bool,
    unit_text: &'static str,
    /// Times in hours: gaps are said in hours and in points of the week.
    hours: bool,
    rows: Vec<WheelRow>,
    place_to_look: String,
    /// (area, what puts it there), in the reading's orders.
    by_gap: Vec<(String, String)>,
    by_quality: Vec<(String, String)>,
    not_entered: String,
    complete: bool,
    can_fill: bool,
    can_manage: bool,
    pub(super) reframing: Vec<ReframeArea>,
    audience_choices: Vec<AudienceChoice>,
    audience_value: String,
    compare_with: Vec<Link>,
    trend_href: String,
}

/// "Vision", "Vision and Community", "Vision, Service and Community".
pub(crate) fn names(list: &[String]) -> String {
    match list {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The gap of one area in the table's own words ("+10 h (+25 points)"), so that the reading and
/// the table beside it never speak in different units.
fn gap_words(r: &ReadingRow, table: &[WheelRow]) -> String {
    table.get(r.index).map(|row| row.gap_text.clone()).unwrap_or_default()
}

fn by_gap_line(r: &ReadingRow, table: &[WheelRow]) -> (String, String) {
    (r.name.clone(), format!("{} · quality {}", gap_words(r, table), r.rating))
}

fn by_quality_line(r: &ReadingRow, table: &[WheelRow]) -> (String, String) {
    (r.name.clone(), format!("quality {} · {}", r.rating, gap_words(r, table)))
}

fn place_sentence(page: &AssessmentPage) -> String {
    if !page.place_to_look.is_empty() {
        let closing = if page.place_to_look.len() > 1 {
            "These are the places to look first."
        } else {
            "This is the place to look first."
        };
        format!(
            "{}: engagement is low and the wish for more time there is large. {closing}",
            names(&page.place_to_look)
        )
    } else if page.by_gap.is_empty() {
        "Rate the areas and enter both times to see where to look.".to_owned()
    } else {
        "Nothing stands out: no area combines a low rating with a wish for much more time.".to_owned()
    }
}

/// The picture's accessible name and its visible second line.
fn picture_titles(page: &AssessmentPage, zone: &Zone) -> (String, String) {
    let s = &page.summary;
    (format!("Balance wheel of {}", s.owner_name), format!("{} · {}", s.template_name, view::day(s.taken_at, zone)))
}

fn picture(page: &AssessmentPage, assessment: &Assessment, theme: Theme, on_page: bool, zone: &Zone) -> String {
    let (title, subtitle) = picture_titles(page, zone);
    let options = WheelOptions {
        title,
        subtitle: Some(subtitle),
        // On the page the heading above says it; a download must say it itself.
        show_title: !on_page,
        theme,
        id_prefix: format!("wheel-{}", page.summary.id),
        ..WheelOptions::default()
    };
    wheel_svg(assessment, &options)
}

/// The picture for a phone's width: areas numbered in large type, no labels or legend beside
/// it (the page lists the numbered areas and the legend under it, as text that stays readable).
fn phone_picture(page: &AssessmentPage, assessment: &Assessment, zone: &Zone) -> String {
    let (title, _) = picture_titles(page, zone);
    let options = WheelOptions {
        title,
        show_title: false,
        show_legend: false,
        compact: true,
        theme: Theme::Light,
        id_prefix: format!("wheel-phone-{}", page.summary.id),
        ..WheelOptions::default()
    };
    wheel_svg(assessment, &options)
}

pub(super) async fn page_view(state: &AppState, actor: &Actor, id: &str) -> Result<Page, PageError> {
    let zone = actor.user.zone();
    let page = state.app.wheel_assessment(actor, id).await?;
    let Some(assessment) = page.assessment.as_ref() else {
        return Err(AppError::NotFound("assessment").into());
    };
    let s = &page.summary;
    let mut meta = vec![s.owner_name.clone(), view::day(s.taken_at, &zone)];
    if s.live {
        meta.push(match &s.coach_name {
            Some(coach) => format!("filled in live with {coach}"),
            None => "filled in live".to_owned(),
        });
    }
    let table = wheel_table(assessment);
    let mentors = if page.can_manage { state.app.my_mentors(actor).await? } else { Vec::new() };
    let partners: Vec<_> = mentors.iter().map(|m| (m.id.clone(), m.partner_name())).collect();
    let others = state.app.wheel_assessments(actor).await?;
    let compare_with = others
        .iter()
        .filter(|o| o.owner_id == s.owner_id && o.id != s.id)
        .map(|o| Link {
            href: o.id.clone(),
            label: format!("{} · {} ({})", view::day(o.taken_at, &zone), o.template_name, o.status.as_str()),
        })
        .collect();
    let key = s.template_id.clone().unwrap_or_else(|| DEFAULT_TEMPLATE_KEY.to_owned());
    let trend_href =
        if s.mine { format!("/wheel/trend/{key}") } else { format!("/wheel/trend/{key}?leader={}", s.owner_id) };
    Ok(Page {
        nav: Nav::for_actor(actor, "wheel"),
        id: s.id.clone(),
        heading: s.template_name.clone(),
        meta: meta.join(" · "),
        status: s.status.as_str(),
        audience: s.audience.clone(),
        svg: picture(&page, assessment, Theme::Light, true, &zone),
        phone_svg: phone_picture(&page, assessment, &zone),
        crowded: assessment.areas().len() > CROWDED_AREAS,
        unit_text: table.unit_text,
        hours: table.unit == TimeUnit::HoursPerWeek,
        place_to_look: place_sentence(&page),
        by_gap: page.by_gap.iter().map(|r| by_gap_line(r, &table.rows)).collect(),
        by_quality: page.by_quality.iter().map(|r| by_quality_line(r, &table.rows)).collect(),
        rows: table.rows,
        not_entered: names(&page.not_entered),
        complete: s.status == AssessmentStatus::Complete,
        can_fill: page.can_fill,
        can_manage: page.can_manage,
        reframing: reframe_areas(&page),
        audience_choices: AudienceChoice::for_kind(RecordKind::WheelAssessment, &partners),
        audience_value: s.audience_value.clone(),
        compare_with,
        trend_href,
    })
}

pub async fn page(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "assessment")?;
    Ok(view::render(&page_view(&state, &actor, &id).await?))
}

/// Loads the assessment and its picture for a download.
async fn picture_of(state: &AppState, actor: &Actor, id: &str, theme: Theme) -> Result<(String, String), PageError> {
    let id = record_id(id, "assessment")?;
    let page = state.app.wheel_assessment(actor, &id).await?;
    let assessment = page.assessment.as_ref().ok_or(AppError::NotFound("assessment"))?;
    let day = coachkit_app::journal::time::to_date(page.summary.taken_at);
    Ok((picture(&page, assessment, theme, false, &actor.user.zone()), format!("balance-wheel-{day}")))
}

/// Headers of a picture download: a person's data (kept out of shared caches) with a file name.
fn download(content_type: &'static str, file: &str, body: Vec<u8>) -> Response {
    let mut r = body.into_response();
    let headers = r.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// The wheel as an SVG file, following the reader's light or dark preference.
pub async fn svg(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let (svg, file) = picture_of(&state, &actor, &id, Theme::Auto).await?;
    let mut r = download("image/svg+xml; charset=utf-8", &format!("{file}.svg"), svg.into_bytes());
    // Opened on its own, the picture needs its own <style> (light, dark and print colours); it
    // has no scripts and links nothing, so nothing else is allowed.
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"),
    );
    Ok(r)
}

/// The wheel as a PNG file in light colours, rendered off the async executor (it is CPU work).
pub async fn png(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let (svg, file) = picture_of(&state, &actor, &id, Theme::Light).await?;
    let rendered = tokio::task::spawn_blocking(move || wheel_png(&svg, PNG_WIDTH))
        .await
        .map_err(|e| AppError::Internal(Box::new(e)))?
        .map_err(|e| AppError::Internal(Box::new(e)))?;
    Ok(download("image/png", &format!("{file}.png"), rendered))
}

pub async fn audience(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "assessment")?;
    state.app.set_wheel_audience(&actor, &id, field(&pairs, "audience")).await?;
    Ok(Redirect::to(&format!("/wheel/assessments/{id}")).into_response())
}

pub async fn reopen(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "assessment")?;
    state.app.reopen_wheel_assessment(&actor, &id).await?;
    Ok(Redirect::to(&format!("/wheel/assessments/{id}/fill")).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "assessment")?;
    state.app.delete_wheel_assessment(&actor, &id).await?;
    Ok(Redirect::to("/wheel").into_response())
}
