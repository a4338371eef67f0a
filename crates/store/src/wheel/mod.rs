//! Practice 2's storage: wheel templates, assessments with their own copy of the areas, and
//! reframing items. Rows come back as plain columns; the app rebuilds the domain's `Template` and
//! `Assessment` from them (which checks them again) and asks the privacy policy about each.

mod assessments;
pub(crate) mod forget;
mod reframing;
mod templates;

pub use assessments::{AssessmentRow, EntryRow, NewAssessment};
pub use reframing::ReframingRow;
pub use templates::{TemplateAreaRow, TemplateRow};
