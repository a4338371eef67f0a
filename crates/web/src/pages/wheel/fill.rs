//! The assessment form: for every area a quality rating from 1 to 9, the time spent and the time
//! wished (in hours a week or as a share of one's time), and a note. "Save for later" keeps a
//! partial wheel; "Finish" needs every rating and time. A refused form is shown again as sent,
//! each error next to its input, and nothing is saved.

use super::{Refusal, RowErrors, field, record_id};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::wheel::{AssessmentPage, EntryInput, SaveInput, WheelError};
use coachkit_app::{Actor, AppError};
use coachkit_domain::wheel::{AreaNote, Rating, TimeUnit};
use serde::Deserialize;

pub struct Row {
    pub index: usize,
    pub number: usize,
    pub name: String,
    pub meaning: Option<String>,
    pub entry: EntryInput,
    pub rating_error: Option<String>,
    pub spent_error: Option<String>,
    pub wished_error: Option<String>,
    pub note_error: Option<String>,
    pub has_error: bool,
}

pub struct RatingOption {
    pub value: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "wheel/fill.html")]
struct FormPage {
    nav: Nav,
    id: String,
    heading: String,
    context: String,
    revision: i64,
    unit: &'static str,
    unit_symbol: &'static str,
    rows: Vec<Row>,
    ratings: Vec<RatingOption>,
    sentences: Vec<String>,
    unit_error: Option<String>,
    /// Someone saved in between: this person's entries are shown, not saved.
    conflict: bool,
    saved: bool,
    note_max: usize,
}

/// The stored entries as a form would send them.
fn stored_entries(page: &AssessmentPage) -> Vec<EntryInput> {
    let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    page.entries
        .iter()
        .map(|e| EntryInput {
            rating: e.rating.map(|r| r.to_string()).unwrap_or_default(),
            spent: number(e.spent),
            wished: number(e.wished),
            note: e.note.clone().unwrap_or_default(),
        })
        .collect()
}

fn form_page(
    actor: &Actor,
    page: &AssessmentPage,
    unit: TimeUnit,
    entries: &[EntryInput],
    errors: &RowErrors,
    conflict: bool,
    saved: bool,
) -> FormPage {
    let zone = actor.user.zone();
    let s = &page.summary;
    let context = match (s.live, s.mine, &s.coach_name) {
        (true, true, Some(coach)) => {
            format!("Filled in live with {coach}: either of you can save it while it is a draft.")
        }
        (true, false, _) => {
            format!("{}'s wheel, filled in live with you: either of you can save it while it is a draft.", s.owner_name)
        }
        _ => "Save part of it now and finish later if you like.".to_owned(),
    };
    FormPage {
        nav: Nav::for_actor(actor, "wheel"),
        id: s.id.clone(),
        heading: format!("{} · {}", s.template_name, view::day(s.taken_at, &zone)),
        context,
        revision: page.revision,
        unit: unit.as_str(),
        unit_symbol: unit.symbol(),
        rows: page
            .entries
            .iter()
            .enumerate()
            .map(|(index, area)| Row {
                index,
                number: index + 1,
                name: area.name.clone(),
                meaning: area.meaning.clone(),
                entry: entries.get(index).cloned().unwrap_or_default(),
                rating_error: errors.at(index, "rating"),
                spent_error: errors.at(index, "spent"),
                wished_error: errors.at(index, "wished"),
                note_error: errors.at(index, "note"),
                has_error: errors.in_row(index),
            })
            .collect(),
        ratings: Rating::all()
            .map(|r| RatingOption {
                value: r.to_string(),
                label: match r.get() {
                    Rating::MIN => format!("{r} · least satisfied"),
                    Rating::MAX => format!("{r} · most satisfied"),
                    _ => r.to_string(),
                },
            })
            .collect(),
        sentences: errors.sentences(),
        unit_error: errors.form("unit"),
        conflict,
        saved,
        note_max: AreaNote::MAX,
    }
}

#[derive(Deserialize)]
pub struct FormQuery {
    saved: Option<String>,
}

pub async fn form(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    Query(q): Query<FormQuery>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "assessment")?;
    let page = state.app.wheel_assessment(&actor, &id).await?;
    if !page.can_fill {
        return Ok(Redirect::to(&format!("/wheel/assessments/{id}")).into_response());
    }
    let entries = stored_entries(&page);
    let form = form_page(&actor, &page, page.summary.unit, &entries, &RowErrors::default(), false, q.saved.is_some());
    Ok(view::render(&form))
}

pub async fn save(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "assessment")?;
    let page = state.app.wheel_assessment(&actor, &id).await?;
    let entries: Vec<EntryInput> = (0..page.entries.len())
        .map(|i| EntryInput {
            rating: field(&pairs, &format!("rating_{i}")).to_owned(),
            spent: field(&pairs, &format!("spent_{i}")).to_owned(),
            wished: field(&pairs, &format!("wished_{i}")).to_owned(),
            note: field(&pairs, &format!("note_{i}")).to_owned(),
        })
        .collect();
    let finish = field(&pairs, "intent") == "finish";
    let input = SaveInput {
        unit: field(&pairs, "unit").to_owned(),
        // A missing or garbled revision matches no save, so it is refused as a conflict rather
        // than allowed to overwrite.
        revision: field(&pairs, "revision").trim().parse().unwrap_or(-1),
        entries: entries.clone(),
        finish,
    };
    // The unit as sent, so a refused form shows the numbers in the unit they were typed in.
    let unit = TimeUnit::parse(&input.unit).unwrap_or(page.summary.unit);
    match state.app.save_wheel_assessment(&actor, &id, &input).await {
        Ok(()) if finish => Ok(Redirect::to(&format!("/wheel/assessments/{id}")).into_response()),
        Ok(()) => Ok(Redirect::to(&format!("/wheel/assessments/{id}/fill?saved=1")).into_response()),
        Err(WheelError::App(AppError::Conflict(message))) => {
            // Someone saved in between. Show this person's entries again against the latest
            // revision, so saving once more is a choice made knowingly.
            let latest = state.app.wheel_assessment(&actor, &id).await?;
            if !latest.can_fill {
                return Err(AppError::Conflict(message).into());
            }
            let form = form_page(&actor, &latest, unit, &entries, &RowErrors::default(), true, false);
            Ok(view::render_status(StatusCode::CONFLICT, &form))
        }
        Err(e) => match Refusal::from(e) {
            Refusal::Form(errors) => {
                let form = form_page(&actor, &page, unit, &entries, &errors, false, false);
                Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &form))
            }
            Refusal::Page(e) => Err(e),
        },
    }
}
