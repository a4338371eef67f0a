//! Bounded text fields. Input is parsed into these at the edge, so a value that exists is a value
//! that fits: never empty when it must not be, never longer than the column or page can hold.

use serde::Serialize;

/// Why one field of a form or JSON body was refused; shown next to the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{field} {message}")]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
    /// What kind of refusal it is; the API's status follows it (a page shows every kind the same).
    #[serde(skip)]
    pub refusal: Refusal,
}

/// Whether a field was refused for its value or for what it names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Refusal {
    /// The value itself is not acceptable (empty, too long, out of range): 422.
    #[default]
    Invalid,
    /// The value is well formed but names something that is not there for this person (an
    /// account that does not exist, a relationship that is not theirs): 404, like a path id.
    NotFound,
    /// The value is well formed but clashes with what is stored (an e-mail already taken): 409.
    Conflict,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self { field, message: message.into(), refusal: Refusal::Invalid }
    }

    /// A well-formed value naming something this person has no such thing as (see [`Refusal::NotFound`]).
    pub fn not_found(field: &'static str, message: impl Into<String>) -> Self {
        Self { refusal: Refusal::NotFound, ..Self::new(field, message) }
    }

    /// A well-formed value that clashes with what is stored (see [`Refusal::Conflict`]).
    pub fn conflict(field: &'static str, message: impl Into<String>) -> Self {
        Self { refusal: Refusal::Conflict, ..Self::new(field, message) }
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
    pub const REFUSED: &str = r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F";

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

    /// Like [`required`], for a one-line field (no line breaks anywhere, as `wheel::AreaName` wants).
    pub fn one_line<const MAX: usize>() -> Object {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(MAX))
            .pattern(Some(format!(r"^[^\n\r\t{REFUSED}]*[^\s{REFUSED}][^\n\r\t{REFUSED}]*$")))
            .build()
    }

    /// Like [`one_line`], for an `Option<String>` field where empty or `null` means "not given".
    pub fn nullable_one_line<const MAX: usize>() -> Object {
        ObjectBuilder::new()
            .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
            .max_length(Some(MAX))
            .pattern(Some(format!(r"^[^\n\r\t{REFUSED}]*$")))
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
    /// anything further is a typing slip, not a plan), and only days each month has. 29 February
    /// is left out: a pattern cannot tell leap years, and a document narrower than the parser
    /// only means a generator never sends that one valid day.
    const DAY: &str = r"(19[7-9][0-9]|2[01][0-9][0-9])-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)";
    /// A time of day as a datetime-local value has it, seconds optional.
    const CLOCK: &str = r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?";

    /// A calendar day, "2026-12-01" (`format: date`, in the years the parsers accept).
    pub fn date() -> Object {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .pattern(Some(format!("^{DAY}$")))
            .build()
    }

    /// A date and time as an HTML datetime-local value sends it, "2026-12-01T14:30" (what
    /// `journal::time::parse_datetime` reads); not `format: date-time`, which needs an offset.
    pub fn datetime_local() -> Object {
        ObjectBuilder::new().schema_type(Type::String).pattern(Some(format!("^{DAY}T{CLOCK}$"))).build()
    }

    /// A hyphenated UUID, as the ids' parsers read it.
    pub const UUID: &str = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /// An id.
    pub fn uuid() -> Object {
        ObjectBuilder::new().schema_type(Type::String).pattern(Some(format!("^{UUID}$"))).build()
    }

    /// An id, or the empty string for none.
    pub fn uuid_or_empty() -> Schema {
        ObjectBuilder::new().schema_type(Type::String).pattern(Some(format!("^({UUID})?$"))).into()
    }

    /// An id as the ids' parsers read it (a hyphenated UUID), or empty or `null` for none.
    pub fn nullable_uuid() -> Schema {
        or_empty_or_null(uuid())
    }

    /// `schema`, or the empty string or `null` (an optional field left blank).
    pub fn or_empty_or_null(schema: impl Into<utoipa::openapi::RefOr<Schema>>) -> Schema {
        AnyOfBuilder::new()
            .item(schema)
            .item(
                ObjectBuilder::new().schema_type(SchemaType::from_iter([Type::String, Type::Null])).max_length(Some(0)),
            )
            .build()
            .into()
    }

    /// A string that is one of `words`.
    pub fn words<W: AsRef<str>>(words: impl IntoIterator<Item = W>) -> Object {
        let words = words.into_iter().map(|w| w.as_ref().to_owned());
        ObjectBuilder::new().schema_type(Type::String).enum_values(Some(words)).build()
    }

    /// A boolean that must be `value` (a box that must be ticked, or left unticked).
    pub fn must_be(value: bool) -> Object {
        ObjectBuilder::new().schema_type(Type::Boolean).enum_values(Some([value])).build()
    }

    /// A whole number from `LO` to `HI` as a form or JSON sends it: a JSON integer, the same
    /// number as text, or empty (text or `null`) for the default. What a parser reading
    /// `raw.trim().parse::<i64>()` within the range, empty meaning the default, accepts.
    pub fn whole_number<const LO: i64, const HI: i64>() -> Schema {
        let words: Vec<String> = std::iter::once(String::new()).chain((LO..=HI).map(|n| n.to_string())).collect();
        AnyOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(LO as f64)).maximum(Some(HI as f64)))
            .item(ObjectBuilder::new().schema_type(Type::String).enum_values(Some(words)))
            .item(ObjectBuilder::new().schema_type(Type::Null))
            .build()
            .into()
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
        or_empty_or_null(date())
    }
}

/// For the schema tests: whatever text a schema's pattern allows, its parser accepts.
#[cfg(test)]
pub(crate) mod pattern_check {
    /// Generates texts from `pattern` (anchored, as a schema has it), deterministically, and fails
    /// on the first one that does not match it or that `parse` refuses (saying why).
    pub fn every_text_parses(pattern: &str, parse: impl Fn(&str) -> Result<(), String>) {
        let re = regex::Regex::new(pattern).unwrap();
        // The generator takes no anchors; it makes whole texts anyway.
        let texts = proptest::string::string_regex(pattern.trim_start_matches('^').trim_end_matches('$')).unwrap();
        proptest::test_runner::TestRunner::deterministic()
            .run(&texts, |text| {
                proptest::prop_assert!(re.is_match(&text), "{text:?} does not match its own pattern");
                parse(&text).map_err(|why| proptest::test_runner::TestCaseError::fail(format!("{text:?}: {why}")))
            })
            .unwrap();
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
