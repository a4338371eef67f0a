//! Practice 2's pages: the wheel's home, the template editor, the assessment form (filled alone or
//! live by a leader and their coach), the assessment page with its picture, reading and reframing
//! tasks, downloads of the picture, a comparison of two assessments and a trend per template.

mod compare;
mod fill;
mod home;
mod reframing;
mod show;
mod template_editor;

use crate::error::PageError;
use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};
use coachkit_app::AppError;
use coachkit_app::wheel::WheelError;
use coachkit_domain::wheel::WheelFieldError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/wheel", get(home::index))
        .route("/wheel/assessments", post(home::start))
        .route("/wheel/assessments/{id}", get(show::page))
        .route("/wheel/assessments/{id}/fill", get(fill::form).post(fill::save))
        .route("/wheel/assessments/{id}/audience", post(show::audience))
        .route("/wheel/assessments/{id}/reopen", post(show::reopen))
        .route("/wheel/assessments/{id}/delete", post(show::delete))
        .route("/wheel/assessments/{id}/wheel.svg", get(show::svg))
        .route("/wheel/assessments/{id}/wheel.png", get(show::png))
        .route("/wheel/assessments/{id}/reframing", post(reframing::add))
        .route("/wheel/reframing/{id}/action", post(reframing::to_action))
        .route("/wheel/reframing/{id}/delete", post(reframing::delete))
        .route("/wheel/compare", get(compare::page))
        .route("/wheel/trend/{template}", get(compare::trend))
        .route("/wheel/templates/new", get(template_editor::new_form))
        .route("/wheel/templates", post(template_editor::create))
        .route("/wheel/templates/{id}", get(template_editor::edit_form).post(template_editor::update))
        .route("/wheel/templates/{id}/delete", post(template_editor::delete))
}

/// Errors of a wheel form, found by the row and input they belong to, for showing next to them.
#[derive(Clone, Debug, Default)]
pub struct RowErrors(Vec<WheelFieldError>);

impl RowErrors {
    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }

    /// The message for input `field` of row `index`, as a sentence's end ("must be ...").
    pub fn at(&self, index: usize, field: &str) -> Option<String> {
        self.0.iter().find(|e| e.area == Some(index) && e.field == field).map(|e| e.message.clone())
    }

    /// Whether row `index` has any error.
    pub fn in_row(&self, index: usize) -> bool {
        self.0.iter().any(|e| e.area == Some(index))
    }

    /// The message for a form-level input (`name`, `unit`, `taken_on`...).
    pub fn form(&self, field: &str) -> Option<String> {
        self.0.iter().find(|e| e.area.is_none() && e.field == field).map(|e| e.message.clone())
    }

    /// Every error, as full sentences naming their area, for the summary above a form.
    pub fn sentences(&self) -> Vec<String> {
        self.0.iter().map(sentence).collect()
    }
}

/// "Area 2 (Service): time spent must not be negative."
fn sentence(e: &WheelFieldError) -> String {
    let field = match e.field {
        "spent" => "time spent",
        "wished" => "time wished",
        "rating" => "quality",
        "taken_on" => "the date",
        "template_id" => "the template",
        "areas" => "the template",
        "template" => "the template",
        "name" => "the name",
        other => other,
    };
    let text = format!("{field} {}.", e.message);
    let mut chars = text.chars();
    let text = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or(text);
    match (e.area, &e.area_name) {
        (Some(i), Some(name)) => format!("Area {} ({name}): {text}", i + 1),
        (Some(i), None) => format!("Area {}: {text}", i + 1),
        (None, _) => text,
    }
}

/// A wheel form's outcome: field errors to show on the form again, or an error page.
pub enum Refusal {
    Form(RowErrors),
    Page(PageError),
}

impl From<WheelError> for Refusal {
    fn from(e: WheelError) -> Self {
        match e {
            WheelError::Form(errors) => Refusal::Form(RowErrors(errors)),
            WheelError::App(AppError::Invalid(fields)) => Refusal::Form(RowErrors(
                fields.into_iter().map(|f| WheelFieldError::form(f.field, f.message)).collect(),
            )),
            WheelError::App(other) => Refusal::Page(other.into()),
        }
    }
}

/// Ids in paths are UUIDs; anything else is simply not found.
pub(crate) fn record_id(raw: &str, what: &'static str) -> Result<String, PageError> {
    coachkit_domain::RecordId::parse(raw).map(|r| r.to_string()).map_err(|_| PageError::App(AppError::NotFound(what)))
}

/// The value of `key` in submitted pairs.
pub(crate) fn field<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
}
