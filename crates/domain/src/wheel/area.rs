//! Areas of a leader's job and the templates a coach keeps of them. A template is a list of 2 to
//! 12 named areas, each with an optional one-line meaning; the default one has four.

use super::error::{WheelErrors, WheelFieldError};
use crate::text::{FieldError, bounded, optional_bounded};
use serde::Serialize;

/// The name of one area ("Vision"). One line, short enough to label a sector of the wheel.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct AreaName(String);

impl AreaName {
    pub const MAX: usize = 40;

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let value = one_line("name", bounded("name", raw, Self::MAX)?)?;
        Ok(Self(collapse_spaces(&value)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name as compared: lower-cased, so "vision" and "Vision" are one area, both within a
    /// template and when two assessments are compared or followed over time.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

/// What an area covers, in one line, shown under its name where there is room.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct AreaMeaning(String);

impl AreaMeaning {
    pub const MAX: usize = 120;

    /// Empty input means "no meaning given".
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, FieldError> {
        match optional_bounded("meaning", raw, Self::MAX)? {
            Some(value) => Ok(Some(Self(collapse_spaces(&one_line("meaning", value)?)))),
            None => Ok(None),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One area of the wheel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Area {
    pub name: AreaName,
    pub meaning: Option<AreaMeaning>,
}

/// The name a coach gives a template so they can pick it again ("Four areas of leading").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct TemplateName(String);

impl TemplateName {
    pub const MAX: usize = 80;

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let value = one_line("template", bounded("template", raw, Self::MAX)?)?;
        Ok(Self(collapse_spaces(&value)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One row of a template form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawArea {
    pub name: String,
    pub meaning: String,
}

impl RawArea {
    pub fn new(name: impl Into<String>, meaning: impl Into<String>) -> Self {
        Self { name: name.into(), meaning: meaning.into() }
    }

    fn is_blank(&self) -> bool {
        self.name.trim().is_empty() && self.meaning.trim().is_empty()
    }
}

/// The four areas of the default template, as (name, meaning).
pub const DEFAULT_AREAS: [(&str, &str); 4] = [
    ("Vision", "Where the organisation is heading, and a picture of tomorrow that others can share."),
    ("Service", "Running today's work well for the people the organisation exists for."),
    ("Accountability", "Results, money and promises kept in a way that others can check."),
    ("Community", "Bringing staff, partners and stakeholders along, and keeping them committed."),
];

/// The default template's name.
pub const DEFAULT_TEMPLATE_NAME: &str = "Four areas of leading";

/// A named list of 2 to 12 areas with names unique regardless of case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Template {
    name: TemplateName,
    areas: Vec<Area>,
}

impl Template {
    pub const MIN_AREAS: usize = 2;
    pub const MAX_AREAS: usize = 12;

    /// Parses a template form. Rows left wholly blank are skipped (forms offer spare rows), but
    /// errors name rows by their position in the form, blanks included, so they land next to the
    /// right inputs. Every problem is reported at once.
    pub fn parse(name: &str, rows: &[RawArea]) -> Result<Self, WheelErrors> {
        let mut errors = WheelErrors::new();
        let template_name = TemplateName::parse(name).map_err(|e| errors.push(form_error(e))).ok();
        let mut areas = Vec::new();
        let mut seen: Vec<(String, usize)> = Vec::new();
        for (index, row) in rows.iter().enumerate().filter(|(_, row)| !row.is_blank()) {
            let label = Some(row.name.as_str());
            let name = AreaName::parse(&row.name).map_err(|e| errors.push(WheelFieldError::in_area(index, label, e)));
            let meaning = AreaMeaning::parse_optional(&row.meaning)
                .map_err(|e| errors.push(WheelFieldError::in_area(index, label, e)));
            if let Ok(name) = &name {
                if let Some((_, first)) = seen.iter().find(|(key, _)| *key == name.key()) {
                    let message = format!("repeats area {} (names must differ, whatever their case)", first + 1);
                    errors.push(WheelFieldError::in_area(index, label, FieldError::new("name", message)));
                } else {
                    seen.push((name.key(), index));
                }
            }
            if let (Ok(name), Ok(meaning)) = (name, meaning) {
                areas.push(Area { name, meaning });
            }
        }
        let counted = rows.iter().filter(|row| !row.is_blank()).count();
        if let Err(e) = check_count(counted) {
            errors.push(e);
        }
        match template_name {
            Some(name) if errors.is_empty() => Ok(Self { name, areas }),
            _ => Err(errors),
        }
    }

    /// Builds a template from parsed parts (storage reads them back this way); checks the count
    /// and the uniqueness of names again, because those rules span rows.
    pub fn new(name: TemplateName, areas: Vec<Area>) -> Result<Self, WheelErrors> {
        let mut errors = WheelErrors::new();
        if let Err(e) = check_count(areas.len()) {
            errors.push(e);
        }
        for (index, area) in areas.iter().enumerate() {
            if let Some(first) = areas[..index].iter().position(|a| a.name.key() == area.name.key()) {
                let message = format!("repeats area {} (names must differ, whatever their case)", first + 1);
                errors.push(WheelFieldError::in_area(
                    index,
                    Some(area.name.as_str()),
                    FieldError::new("name", message),
                ));
            }
        }
        errors.into_result(|| Self { name, areas })
    }

    /// Vision, Service, Accountability and Community, with our one-line meanings.
    pub fn default_four() -> Self {
        // Built directly rather than parsed: the constants are within every bound (a test parses
        // them to prove it), so there is no error to handle here.
        let areas = DEFAULT_AREAS
            .iter()
            .map(|(name, meaning)| Area {
                name: AreaName((*name).to_owned()),
                meaning: Some(AreaMeaning((*meaning).to_owned())),
            })
            .collect();
        Self { name: TemplateName(DEFAULT_TEMPLATE_NAME.to_owned()), areas }
    }

    pub fn name(&self) -> &TemplateName {
        &self.name
    }

    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    pub fn len(&self) -> usize {
        self.areas.len()
    }

    /// Always false (a template has at least two areas); here because `len` is.
    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }

    /// The rows of a form prefilled with this template, for editing a copy of it.
    pub fn to_raw(&self) -> Vec<RawArea> {
        self.areas
            .iter()
            .map(|a| RawArea::new(a.name.as_str(), a.meaning.as_ref().map(AreaMeaning::as_str).unwrap_or_default()))
            .collect()
    }
}

fn check_count(count: usize) -> Result<(), WheelFieldError> {
    if count < Template::MIN_AREAS {
        Err(WheelFieldError::form("areas", format!("needs at least {} areas", Template::MIN_AREAS)))
    } else if count > Template::MAX_AREAS {
        Err(WheelFieldError::form("areas", format!("can have at most {} areas", Template::MAX_AREAS)))
    } else {
        Ok(())
    }
}

fn form_error(e: FieldError) -> WheelFieldError {
    WheelFieldError::form(e.field, e.message)
}

/// Names and meanings label a picture: a line break or tab would break the layout.
fn one_line(field: &'static str, value: String) -> Result<String, FieldError> {
    if value.contains(['\n', '\r', '\t']) { Err(FieldError::new(field, "must fit on one line")) } else { Ok(value) }
}

/// Runs of spaces shrink to one, so "Vision" and "Vision  " or "Big   picture" compare equal.
fn collapse_spaces(value: &str) -> String {
    value.split(' ').filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(names: &[&str]) -> Vec<RawArea> {
        names.iter().map(|n| RawArea::new(*n, "")).collect()
    }

    #[test]
    fn default_template_is_valid_by_the_same_rules() {
        let raw: Vec<RawArea> = DEFAULT_AREAS.iter().map(|(n, m)| RawArea::new(*n, *m)).collect();
        let parsed = Template::parse(DEFAULT_TEMPLATE_NAME, &raw).unwrap();
        assert_eq!(parsed, Template::default_four());
        assert_eq!(parsed.len(), 4);
        assert_eq!(Template::new(parsed.name().clone(), parsed.areas().to_vec()).unwrap(), parsed);
    }

    #[test]
    fn counts_two_to_twelve() {
        assert!(Template::parse("t", &rows(&["A"])).is_err());
        assert!(Template::parse("t", &rows(&["A", "B"])).is_ok());
        let twelve: Vec<String> = (1..=12).map(|i| format!("Area {i}")).collect();
        let twelve: Vec<&str> = twelve.iter().map(String::as_str).collect();
        assert_eq!(Template::parse("t", &rows(&twelve)).unwrap().len(), 12);
        let mut thirteen = twelve.clone();
        thirteen.push("Area 13");
        let e = Template::parse("t", &rows(&thirteen)).unwrap_err();
        assert_eq!(e.to_string(), "areas can have at most 12 areas");
    }

    #[test]
    fn blank_rows_are_skipped_but_positions_kept() {
        let mut form = rows(&["Vision", "", "vision", ""]);
        form.push(RawArea::new("", "a meaning without a name"));
        let e = Template::parse("t", &form).unwrap_err();
        let messages: Vec<String> = e.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "area 3 (vision): name repeats area 1 (names must differ, whatever their case)",
                "area 5: name must not be empty",
            ]
        );
    }

    #[test]
    fn names_are_one_line_and_bounded() {
        assert!(AreaName::parse("Vision\nand more").is_err());
        assert!(AreaName::parse(&"x".repeat(41)).is_err());
        assert_eq!(AreaName::parse("  Big   picture ").unwrap().as_str(), "Big picture");
        assert_eq!(AreaName::parse("<b>&\"'").unwrap().as_str(), "<b>&\"'", "escaping is the picture's job");
        assert!(AreaMeaning::parse_optional("two\nlines").is_err());
        assert_eq!(AreaMeaning::parse_optional("  ").unwrap(), None);
        assert!(Template::parse("  ", &rows(&["A", "B"])).is_err());
    }

    #[test]
    fn new_rechecks_rules_that_span_rows() {
        let a = Area { name: AreaName::parse("Care").unwrap(), meaning: None };
        let b = Area { name: AreaName::parse("CARE").unwrap(), meaning: None };
        let name = TemplateName::parse("t").unwrap();
        assert!(Template::new(name.clone(), vec![a.clone(), b]).is_err());
        assert!(Template::new(name, vec![a]).is_err());
    }
}
