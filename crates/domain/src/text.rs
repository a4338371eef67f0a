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
    refuse_control_characters(field, raw)?;
    let value = raw.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, "must not be empty"));
    }
    optional_bounded(field, value, max_chars).map(|v| v.unwrap_or_default())
}

/// Like [`bounded`], but empty input means "not given".
pub fn optional_bounded(field: &'static str, raw: &str, max_chars: usize) -> Result<Option<String>, FieldError> {
    refuse_control_characters(field, raw)?;
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let count = value.chars().count();
    if count > max_chars {
        return Err(FieldError::new(field, format!("is too long ({count} characters; at most {max_chars})")));
    }
    Ok(Some(value.to_owned()))
}

/// Checked before trimming: some control characters (U+000B, U+000C, U+0085) are also white
/// space, and the document refuses them anywhere, at the edges too.
fn refuse_control_characters(field: &'static str, raw: &str) -> Result<(), FieldError> {
    if raw.chars().any(is_refused_char) {
        return Err(FieldError::new(field, "contains characters that cannot be stored"));
    }
    Ok(())
}

/// A character no text field stores: a control character other than a newline, tab or carriage
/// return (they corrupt pages and exports and are never typed on purpose; PostgreSQL cannot store
/// NUL). The API refuses them in every string of a body; [`schema::STORABLE`] says so in the document.
pub fn is_refused_char(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t' && c != '\r'
}

/// OpenAPI schemas for the text the functions above accept, fed by the same limits the parsers
/// use (`#[schema(schema_with = text::schema::required::<{ limits::BODY }>)]`), so the document and
/// the check cannot drift apart.
pub mod schema {
    use utoipa::openapi::schema::{
        AnyOfBuilder, KnownFormat, Object, ObjectBuilder, Schema, SchemaFormat, SchemaType, Type,
    };

    /// The characters [`super::is_refused_char`] refuses: `char::is_control` is Unicode's Cc
    /// category, U+0000 to U+001F and U+007F to U+009F.
    const REFUSED: &str = r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F";

    /// Any text without refused characters (empty too).
    pub fn storable_pattern() -> String {
        format!("^[^{REFUSED}]*$")
    }

    /// Text that is more than white space once trimmed, without refused characters.
    pub fn some_text_pattern() -> String {
        format!(r"^[^{REFUSED}]*[^\s{REFUSED}][^{REFUSED}]*$")
    }

    /// A field parsed with [`super::bounded`]: not empty once trimmed, at most `MAX` characters.
    pub fn required<const MAX: usize>() -> Object {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(MAX))
            .pattern(Some(some_text_pattern()))
            .build()
    }

    /// A field parsed with [`super::optional_bounded`]: empty means "not given".
    pub fn optional<const MAX: usize>() -> Object {
        ObjectBuilder::new().schema_type(Type::String).max_length(Some(MAX)).pattern(Some(storable_pattern())).build()
    }

    /// Like [`optional`], for an `Option<String>` field that may also be `null`.
    pub fn nullable<const MAX: usize>() -> Object {
        ObjectBuilder::new()
            .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
            .max_length(Some(MAX))
            .pattern(Some(storable_pattern()))
            .build()
    }

    /// Text of at most `MAX` characters matching `pattern` (for parsers with their own rules,
    /// such as `account::Email::schema`).
    pub fn matching<const MAX: usize>(pattern: &str) -> Object {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(MAX))
            .pattern(Some(pattern))
            .build()
    }

    /// The years the date parsers accept: 1970 to 2199 (`time::in_range` stops at 2200-01-01;
    /// anything further is a typing slip, not a plan).
    const DAY: &str = r"(19[7-9][0-9]|2[01][0-9][0-9])-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";

    /// A calendar day, "2026-12-01" (`format: date`, in the years the parsers accept).
    pub fn date() -> Object {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .pattern(Some(format!("^{DAY}$")))
            .build()
    }

    /// A day as [`date`], or the empty string for none.
    pub fn date_or_empty() -> Schema {
        AnyOfBuilder::new()
            .item(date())
            .item(ObjectBuilder::new().schema_type(Type::String).max_length(Some(0)))
            .build()
            .into()
    }

    /// A day as [`date`], the empty string or `null` for none.
    pub fn nullable_date() -> Schema {
        AnyOfBuilder::new()
            .item(date())
            .item(
                ObjectBuilder::new().schema_type(SchemaType::from_iter([Type::String, Type::Null])).max_length(Some(0)),
            )
            .build()
            .into()
    }
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

    #[test]
    fn refuses_control_characters_but_not_line_breaks() {
        assert!(bounded("body", "a\u{1b}b", 10).is_err());
        assert!(bounded("body", "a\u{85}b", 10).is_err());
        assert!(bounded("body", "\u{85}ab", 10).is_err(), "also where trimming would drop it");
        assert!(optional_bounded("body", "\u{b}", 10).is_err());
        assert_eq!(bounded("body", "a\nb\tc\r\nd", 20).unwrap(), "a\nb\tc\r\nd");
    }

    #[test]
    fn schemas_carry_the_parsers_limits() {
        let required = serde_json::to_value(schema::required::<160>()).unwrap();
        assert_eq!(required["minLength"], 1);
        assert_eq!(required["maxLength"], 160);
        assert_eq!(required["pattern"], schema::some_text_pattern());
        let optional = serde_json::to_value(schema::optional::<40>()).unwrap();
        assert_eq!(optional["maxLength"], 40);
        assert!(optional.get("minLength").is_none());
        assert_eq!(
            serde_json::to_value(schema::nullable::<40>()).unwrap()["type"],
            serde_json::json!(["string", "null"])
        );
        assert_eq!(serde_json::to_value(schema::date()).unwrap()["format"], "date");
        let or_empty = serde_json::to_value(schema::date_or_empty()).unwrap();
        assert_eq!(or_empty["anyOf"][1]["maxLength"], 0);
    }

    #[test]
    fn the_refused_range_in_the_pattern_is_the_parsers() {
        // The pattern's ranges written out, checked against `is_refused_char` over the whole range.
        let refused = |c: u32| matches!(c, 0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F..=0x9F);
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            assert_eq!(is_refused_char(c), refused(c as u32), "{:#x}", c as u32);
        }
        assert!(schema::storable_pattern().contains(r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F"));
    }
}
