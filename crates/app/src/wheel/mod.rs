//! Practice 2's use cases: templates, assessments (alone, or live with a coach), readings,
//! comparisons, trends, and reframing items that can become actions of practice 1.
//!
//! Who may do what, all through `coachkit_domain::privacy`:
//! - An assessment is a `WheelAssessment` record owned by the leader it is about; every read asks
//!   `can_read`, and its owner writes it (`can_write`).
//! - An assessment filled in live in a session is also the relationship's shared work while it is
//!   a draft: the coach of that relationship may fill it in too, as long as the relationship is
//!   active and the coach may still read it (the rule sessions follow: `can_see_relationship` and
//!   the relationship's status). Finishing ends that; the leader alone may reopen it.
//! - Reframing items are part of their assessment: readable by whoever reads it, written by its
//!   owner alone, because the tasks are the leader's to name.
//! - Templates are their owner's; others meet a template only as the areas copied into an
//!   assessment.

mod assessments;
mod compare;
mod load;
mod reframing;
mod templates;
mod views;

pub use assessments::{EntryInput, SaveInput, StartInput, WheelOverview};
pub use compare::{ComparePage, TrendPage};
pub use reframing::{ReframingArea, ReframingItemView};
pub use templates::{DEFAULT_TEMPLATE_KEY, TemplateView};
pub use views::{AreaView, AssessmentPage, AssessmentStatus, AssessmentSummary, EntryView, ReadingRow};

use crate::error::AppError;
use coachkit_domain::text::FieldError;
use coachkit_domain::wheel::{WheelErrors, WheelFieldError};

/// Why a wheel form was refused: problems with its inputs (each tied to its area row, so a page
/// shows it next to the right input), or any other refusal.
#[derive(Debug, thiserror::Error)]
pub enum WheelError {
    #[error("some fields need attention")]
    Form(Vec<WheelFieldError>),
    #[error(transparent)]
    App(#[from] AppError),
}

pub type WheelResult<T> = Result<T, WheelError>;

impl From<WheelErrors> for WheelError {
    fn from(e: WheelErrors) -> Self {
        WheelError::Form(e.into_vec())
    }
}

impl From<FieldError> for WheelError {
    fn from(e: FieldError) -> Self {
        WheelError::Form(vec![WheelFieldError::of_form(e)])
    }
}

impl From<coachkit_store::DbError> for WheelError {
    fn from(e: coachkit_store::DbError) -> Self {
        WheelError::App(e.into())
    }
}

/// Field errors of a non-wheel parser (dates, audiences) as form-level wheel errors.
pub(crate) fn form_errors(e: AppError) -> WheelError {
    match e {
        AppError::Invalid(fields) => WheelError::Form(fields.into_iter().map(WheelFieldError::of_form).collect()),
        other => WheelError::App(other),
    }
}
