//! The template editor: a name and up to twelve rows of area and meaning. Blank rows are skipped;
//! errors come back next to the row they belong to and nothing is saved until all is well.

use super::{Refusal, RowErrors, field, record_id};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::Actor;
use coachkit_app::wheel::TemplateView;
use coachkit_domain::wheel::{AreaMeaning, AreaName, RawArea, Template as WheelTemplate, TemplateName};

/// Rows shown before the rest fold away under "more areas".
const ROWS_SHOWN: usize = 6;

pub struct Row {
    pub index: usize,
    pub number: usize,
    pub name: String,
    pub meaning: String,
    pub name_error: Option<String>,
    pub meaning_error: Option<String>,
}

#[derive(Template)]
#[template(path = "wheel/template_form.html")]
struct FormPage {
    nav: Nav,
    action: String,
    editing: Option<String>,
    name: String,
    name_error: Option<String>,
    areas_error: Option<String>,
    sentences: Vec<String>,
    shown: Vec<Row>,
    more: Vec<Row>,
    more_open: bool,
    name_max: usize,
    area_max: usize,
    meaning_max: usize,
}

fn form_page(actor: &Actor, editing: Option<String>, name: &str, raw: &[RawArea], errors: &RowErrors) -> FormPage {
    let mut rows: Vec<Row> = (0..WheelTemplate::MAX_AREAS)
        .map(|index| {
            let r = raw.get(index).cloned().unwrap_or_default();
            Row {
                index,
                number: index + 1,
                name: r.name,
                meaning: r.meaning,
                name_error: errors.at(index, "name"),
                meaning_error: errors.at(index, "meaning"),
            }
        })
        .collect();
    // Show every row up to the last one in use, at least ROWS_SHOWN, and fold away the rest.
    let last_used = rows.iter().rposition(|r| !r.name.trim().is_empty() || !r.meaning.trim().is_empty());
    let shown_count = last_used.map_or(0, |i| i + 2).max(ROWS_SHOWN).min(rows.len());
    let more = rows.split_off(shown_count);
    FormPage {
        nav: Nav::for_actor(actor, "wheel"),
        action: match &editing {
            Some(id) => format!("/wheel/templates/{id}"),
            None => "/wheel/templates".into(),
        },
        more_open: more.iter().any(|r| r.name_error.is_some() || r.meaning_error.is_some()),
        editing,
        name: name.to_owned(),
        name_error: errors.form("template"),
        areas_error: errors.form("areas"),
        sentences: errors.sentences(),
        shown: rows,
        more,
        name_max: TemplateName::MAX,
        area_max: AreaName::MAX,
        meaning_max: AreaMeaning::MAX,
    }
}

fn read_rows(pairs: &[(String, String)]) -> (String, Vec<RawArea>) {
    let rows = (0..WheelTemplate::MAX_AREAS)
        .map(|i| RawArea::new(field(pairs, &format!("name_{i}")), field(pairs, &format!("meaning_{i}"))))
        .collect();
    (field(pairs, "name").to_owned(), rows)
}

/// A new template starts as a copy of the built-in four areas, to change as one likes.
pub async fn new_form(PageActor(actor): PageActor) -> Response {
    let default = TemplateView::default_four();
    view::render(&form_page(&actor, None, "", &default.to_raw(), &RowErrors::default()))
}

pub async fn create(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let (name, rows) = read_rows(&pairs);
    match state.app.create_wheel_template(&actor, &name, &rows).await.map_err(Refusal::from) {
        Ok(_) => Ok(Redirect::to("/wheel#templates-heading").into_response()),
        Err(Refusal::Form(errors)) => {
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &form_page(&actor, None, &name, &rows, &errors)))
        }
        Err(Refusal::Page(e)) => Err(e),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "template")?;
    let t = state.app.wheel_template(&actor, &id).await?;
    Ok(view::render(&form_page(&actor, Some(t.id.clone()), &t.name, &t.to_raw(), &RowErrors::default())))
}

pub async fn update(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "template")?;
    let (name, rows) = read_rows(&pairs);
    match state.app.update_wheel_template(&actor, &id, &name, &rows).await.map_err(Refusal::from) {
        Ok(()) => Ok(Redirect::to("/wheel#templates-heading").into_response()),
        Err(Refusal::Form(errors)) => {
            let page = form_page(&actor, Some(id), &name, &rows, &errors);
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(Refusal::Page(e)) => Err(e),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "template")?;
    state.app.delete_wheel_template(&actor, &id).await?;
    Ok(Redirect::to("/wheel#templates-heading").into_response())
}
