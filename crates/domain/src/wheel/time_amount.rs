//! Time given to one area: hours a week, or a share (percent) of one's time. People think in
//! either, so an assessment records one unit and the page converts; both are checked against what
//! a week can hold before anything is kept.

use crate::text::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Hours in a week: no area, and no column of areas, can hold more.
pub const HOURS_IN_WEEK: f64 = 168.0;
/// All of one's time, as a percentage.
pub const WHOLE_SHARE: f64 = 100.0;

/// Sums of floating-point amounts may land a hair above a limit (33.33 + 33.33 + 33.34); this much
/// over is still "at most".
pub(crate) const TOLERANCE: f64 = 1e-6;

/// How an assessment's times are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Hours in a typical week, 0 to 168.
    HoursPerWeek,
    /// Percent of one's (working) time, 0 to 100.
    ShareOfTime,
}

impl TimeUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HoursPerWeek => "hours_per_week",
            Self::ShareOfTime => "share_of_time",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "hours_per_week" => Some(Self::HoursPerWeek),
            "share_of_time" => Some(Self::ShareOfTime),
            _ => None,
        }
    }

    /// The most one area, or all areas together, may hold in this unit.
    pub fn limit(self) -> f64 {
        match self {
            Self::HoursPerWeek => HOURS_IN_WEEK,
            Self::ShareOfTime => WHOLE_SHARE,
        }
    }

    /// The short suffix people read after a number ("h", "%").
    pub fn symbol(self) -> &'static str {
        match self {
            Self::HoursPerWeek => "h",
            Self::ShareOfTime => "%",
        }
    }
}

/// A finite, non-negative amount of time for one area, no more than its unit's [`TimeUnit::limit`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TimeAmount {
    value: f64,
    unit: TimeUnit,
}

impl TimeAmount {
    /// Inputs longer than this are not a number anyone typed on purpose.
    const MAX_INPUT: usize = 16;

    /// Checks a number that came from code or storage; `field` names the input in the error.
    pub fn new(field: &'static str, value: f64, unit: TimeUnit) -> Result<Self, FieldError> {
        if !value.is_finite() {
            return Err(FieldError::new(field, "must be a number, like 12 or 7.5"));
        }
        if value < 0.0 {
            return Err(FieldError::new(field, "must not be negative"));
        }
        if value > unit.limit() {
            let message = match unit {
                TimeUnit::HoursPerWeek => "cannot be more than the 168 hours of a week",
                TimeUnit::ShareOfTime => "cannot be more than 100%",
            };
            return Err(FieldError::new(field, message));
        }
        // -0.0 would print as "-0"; it means nothing.
        Ok(Self { value: value.max(0.0), unit })
    }

    /// Parses what a person typed: digits with one optional decimal point or comma ("7.5",
    /// "7,5"), and the unit's symbol after it if they like ("12 h", "30%"). Exponents, signs,
    /// "inf" and "NaN" are refused before any float parsing can accept them.
    pub fn parse(field: &'static str, raw: &str, unit: TimeUnit) -> Result<Self, FieldError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(FieldError::new(field, "must be given"));
        }
        if value.chars().count() > Self::MAX_INPUT {
            return Err(FieldError::new(field, "is too long to be an amount of time"));
        }
        if value.starts_with('-') {
            return Err(FieldError::new(field, "must not be negative"));
        }
        let number = strip_symbol(value, unit).trim_end();
        let separators = number.chars().filter(|c| matches!(c, '.' | ',')).count();
        let digits_only = number.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',');
        if number.is_empty() || !digits_only || separators > 1 || !number.chars().any(|c| c.is_ascii_digit()) {
            return Err(FieldError::new(field, "must be a number, like 12 or 7.5"));
        }
        let parsed: f64 =
            number.replace(',', ".").parse().map_err(|_| FieldError::new(field, "must be a number, like 12 or 7.5"))?;
        Self::new(field, parsed, unit)
    }

    /// Like [`TimeAmount::parse`], but empty input means "not entered yet".
    pub fn parse_optional(field: &'static str, raw: &str, unit: TimeUnit) -> Result<Option<Self>, FieldError> {
        if raw.trim().is_empty() { Ok(None) } else { Self::parse(field, raw, unit).map(Some) }
    }

    pub fn value(self) -> f64 {
        self.value
    }

    pub fn unit(self) -> TimeUnit {
        self.unit
    }
}

impl fmt::Display for TimeAmount {
    /// At most one decimal, trailing zero dropped: "12 h", "7.5 h", "33.3%".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = format_number(self.value);
        match self.unit {
            TimeUnit::HoursPerWeek => write!(f, "{number} h"),
            TimeUnit::ShareOfTime => write!(f, "{number}%"),
        }
    }
}

/// A number with at most one decimal and no trailing ".0", for pages and pictures.
pub fn format_number(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    // Rounding can leave -0.0 for tiny negative inputs (deltas); print it as 0.
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded:.1}") }
}

/// `hours` as a percentage of `base_hours`; 0 when the base is 0 (nothing entered yet).
pub fn hours_to_share(hours: f64, base_hours: f64) -> f64 {
    if base_hours > 0.0 { (hours / base_hours * WHOLE_SHARE).min(WHOLE_SHARE) } else { 0.0 }
}

/// A percentage of `base_hours`, in hours.
pub fn share_to_hours(share: f64, base_hours: f64) -> f64 {
    share / WHOLE_SHARE * base_hours
}

fn strip_symbol(value: &str, unit: TimeUnit) -> &str {
    match unit {
        TimeUnit::ShareOfTime => value.strip_suffix('%').unwrap_or(value),
        TimeUnit::HoursPerWeek => {
            let lower_end = value.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &value[lower_end.len()..];
            if ["h", "H", "hours", "hrs", "hr"].contains(&suffix) { lower_end } else { value }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: TimeUnit = TimeUnit::HoursPerWeek;
    const S: TimeUnit = TimeUnit::ShareOfTime;

    #[test]
    fn parses_what_people_type() {
        assert_eq!(TimeAmount::parse("spent", " 12 ", H).unwrap().value(), 12.0);
        assert_eq!(TimeAmount::parse("spent", "7,5", H).unwrap().value(), 7.5);
        assert_eq!(TimeAmount::parse("spent", "7.5h", H).unwrap().value(), 7.5);
        assert_eq!(TimeAmount::parse("spent", "10 hours", H).unwrap().value(), 10.0);
        assert_eq!(TimeAmount::parse("spent", "30%", S).unwrap().value(), 30.0);
        assert_eq!(TimeAmount::parse("spent", "0", S).unwrap().value(), 0.0);
        assert_eq!(TimeAmount::parse("spent", ".5", H).unwrap().value(), 0.5);
        assert_eq!(TimeAmount::parse("spent", "168", H).unwrap().value(), 168.0);
        assert_eq!(TimeAmount::parse("spent", "100", S).unwrap().value(), 100.0);
        assert_eq!(TimeAmount::parse_optional("spent", "  ", H).unwrap(), None);
    }

    #[test]
    fn refuses_negative_nonsense_and_absurd() {
        for bad in ["-1", "-0", "NaN", "inf", "1e3", "1e-3", "12..5", "1.2.3", "1,000.5", "abc", "%", ".", "", "+3"] {
            assert!(TimeAmount::parse("spent", bad, S).is_err(), "{bad:?} should be refused");
        }
        assert!(TimeAmount::parse("spent", "169", H).is_err());
        assert!(TimeAmount::parse("spent", "100.01", S).is_err());
        assert!(TimeAmount::parse("spent", "30%", H).is_err(), "a percent sign in an hours form is a mistake");
        assert!(TimeAmount::parse("spent", "30 h", S).is_err());
        assert!(TimeAmount::parse("spent", &"1".repeat(40), H).is_err());
        assert!(TimeAmount::new("spent", f64::NAN, H).is_err());
        assert!(TimeAmount::new("spent", f64::INFINITY, H).is_err());
        assert!(TimeAmount::new("spent", -0.001, H).is_err());
        let e = TimeAmount::parse("wished", "-4", H).unwrap_err();
        assert_eq!(e.to_string(), "wished must not be negative");
    }

    #[test]
    fn display_and_conversions() {
        assert_eq!(TimeAmount::new("t", 7.5, H).unwrap().to_string(), "7.5 h");
        assert_eq!(TimeAmount::new("t", 100.0 / 3.0, S).unwrap().to_string(), "33.3%");
        assert_eq!(TimeAmount::new("t", -0.0, S).unwrap().to_string(), "0%");
        assert_eq!(hours_to_share(10.0, 40.0), 25.0);
        assert_eq!(hours_to_share(10.0, 0.0), 0.0);
        assert_eq!(share_to_hours(25.0, 40.0), 10.0);
        assert_eq!(format_number(-0.04), "0");
    }
}
