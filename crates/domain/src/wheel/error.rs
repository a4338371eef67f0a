//! Errors of wheel forms. A template or an assessment is a table of rows (one per area), so an
//! error says which row it belongs to as well as which input; all errors of a form are returned
//! together, so a person fixes everything in one pass and nothing is saved until all is well.

use crate::text::{FieldError, Refusal};
use serde::Serialize;
use std::fmt;

/// Why one input of a wheel form was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WheelFieldError {
    /// Position of the area's row in the form, from 0; `None` when the error is about the whole
    /// form (how many areas there are, totals of time).
    pub area: Option<usize>,
    /// The area's name as typed, when there is one, so the message can name it.
    pub area_name: Option<String>,
    /// Which input: `name`, `meaning`, `rating`, `spent`, `wished`, `note`, `areas` or `template`.
    pub field: &'static str,
    /// A short sentence that follows the field's name ("must be a whole number from 1 to 9").
    pub message: String,
    /// Whether the value was wrong or named something not there (the API's 422 or 404).
    #[serde(skip)]
    pub refusal: Refusal,
}

impl WheelFieldError {
    /// An error about the whole form.
    pub fn form(field: &'static str, message: impl Into<String>) -> Self {
        Self { area: None, area_name: None, field, message: message.into(), refusal: Refusal::Invalid }
    }

    /// A field error of a non-wheel parser (a date, an audience) about the whole form, keeping
    /// what kind of refusal it is.
    pub fn of_form(error: FieldError) -> Self {
        Self { refusal: error.refusal, ..Self::form(error.field, error.message) }
    }

    /// Attaches a field error to the area in row `index`.
    pub fn in_area(index: usize, area_name: Option<&str>, error: FieldError) -> Self {
        let area_name = area_name.map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
        Self { area: Some(index), area_name, field: error.field, message: error.message, refusal: error.refusal }
    }
}

impl fmt::Display for WheelFieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.area, &self.area_name) {
            (Some(i), Some(name)) => write!(f, "area {} ({name}): {} {}", i + 1, self.field, self.message),
            (Some(i), None) => write!(f, "area {}: {} {}", i + 1, self.field, self.message),
            (None, _) => write!(f, "{} {}", self.field, self.message),
        }
    }
}

impl std::error::Error for WheelFieldError {}

/// Every error of one form; never empty when returned as an `Err`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct WheelErrors(Vec<WheelFieldError>);

impl WheelErrors {
    pub(crate) fn new() -> Self {
        Self(Vec::new())
    }

    pub(crate) fn push(&mut self, error: WheelFieldError) {
        self.0.push(error);
    }

    /// `Ok(value)` when nothing was refused, so a parser can collect first and decide once.
    pub(crate) fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, Self> {
        if self.0.is_empty() { Ok(value()) } else { Err(self) }
    }

    pub fn iter(&self) -> impl Iterator<Item = &WheelFieldError> {
        self.0.iter()
    }

    /// The errors that belong to one area's row, for showing next to it.
    pub fn for_area(&self, index: usize) -> impl Iterator<Item = &WheelFieldError> {
        self.0.iter().filter(move |e| e.area == Some(index))
    }

    /// The errors about the whole form, for showing above it.
    pub fn for_form(&self) -> impl Iterator<Item = &WheelFieldError> {
        self.0.iter().filter(|e| e.area.is_none())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_vec(self) -> Vec<WheelFieldError> {
        self.0
    }
}

impl From<WheelFieldError> for WheelErrors {
    fn from(error: WheelFieldError) -> Self {
        Self(vec![error])
    }
}

impl fmt::Display for WheelErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for WheelErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_area() {
        let e = WheelFieldError::in_area(2, Some(" Vision "), FieldError::new("rating", "must be 1 to 9"));
        assert_eq!(e.to_string(), "area 3 (Vision): rating must be 1 to 9");
        let e = WheelFieldError::in_area(0, Some("  "), FieldError::new("name", "must not be empty"));
        assert_eq!(e.to_string(), "area 1: name must not be empty");
        let mut all = WheelErrors::new();
        all.push(e);
        all.push(WheelFieldError::form("areas", "needs at least 2 areas"));
        assert_eq!(all.to_string(), "area 1: name must not be empty; areas needs at least 2 areas");
        assert_eq!(all.for_area(0).count(), 1);
        assert_eq!(all.for_form().count(), 1);
    }
}
