//! Bounded text fields. Input is parsed into these at the edge, so a value that exists is a value
//! that fits: never empty when it must not be, never longer than the column or page can hold.

use serde::Serialize;

/// Why one field of a form or JSON body was refused; shown next to the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{field} {message}")]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self { field, message: message.into() }
    }
}

/// Trims `raw`, refuses empty or over-long text, and refuses control characters other than
/// newlines and tabs (they corrupt pages and exports and are never typed on purpose).
pub fn bounded(field: &'static str, raw: &str, max_chars: usize) -> Result<String, FieldError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, "must not be empty"));
    }
    optional_bounded(field, value, max_chars).map(|v| v.unwrap_or_default())
}

/// Like [`bounded`], but empty input means "not given".
pub fn optional_bounded(field: &'static str, raw: &str, max_chars: usize) -> Result<Option<String>, FieldError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let count = value.chars().count();
    if count > max_chars {
        return Err(FieldError::new(field, format!("is too long ({count} characters; at most {max_chars})")));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
        return Err(FieldError::new(field, "contains characters that cannot be stored"));
    }
    Ok(Some(value.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_bounds() {
        assert_eq!(bounded("name", "  Ada  ", 10).unwrap(), "Ada");
        assert!(bounded("name", "   ", 10).is_err());
        assert!(bounded("name", "abcdefghijk", 10).is_err());
        assert_eq!(bounded("name", "ééééé", 5).unwrap(), "ééééé");
        assert!(bounded("name", "a\u{0}b", 10).is_err());
        assert_eq!(optional_bounded("agenda", "", 10).unwrap(), None);
    }
}
