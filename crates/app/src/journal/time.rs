//! Reading dates and times from forms. coachkit stores UTC; forms say so next to the field.

use crate::error::{AppError, AppResult};
use time::{Date, PrimitiveDateTime, Time, macros::format_description};

/// "2026-12-01T14:30" (an HTML datetime-local value) as milliseconds, read as UTC.
pub fn parse_datetime(field: &'static str, raw: &str) -> AppResult<i64> {
    let raw = raw.trim();
    let with_seconds = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let without = format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let parsed = PrimitiveDateTime::parse(raw, &without).or_else(|_| PrimitiveDateTime::parse(raw, &with_seconds));
    let dt = parsed.map_err(|_| AppError::field(field, "needs a date and time like 2026-12-01T14:30"))?;
    in_range(field, dt.assume_utc().unix_timestamp())
}

/// "2026-12-01" as milliseconds at midnight UTC; empty means none.
pub fn parse_date(field: &'static str, raw: &str) -> AppResult<Option<i64>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let date = Date::parse(raw, &format_description!("[year]-[month]-[day]"))
        .map_err(|_| AppError::field(field, "needs a date like 2026-12-01"))?;
    in_range(field, PrimitiveDateTime::new(date, Time::MIDNIGHT).assume_utc().unix_timestamp()).map(Some)
}

/// Years 1970 to 2200: anything else is a typing slip, not a plan.
fn in_range(field: &'static str, seconds: i64) -> AppResult<i64> {
    if !(0..=7_258_118_400).contains(&seconds) {
        return Err(AppError::field(field, "must be between 1970 and 2200"));
    }
    Ok(seconds * 1000)
}

/// Milliseconds as a datetime-local value ("2026-12-01T14:30").
pub fn to_datetime_local(ms: i64) -> String {
    let fmt = format_description!("[year]-[month]-[day]T[hour]:[minute]");
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_default()
}

/// Milliseconds as a date value ("2026-12-01").
pub fn to_date(ms: i64) -> String {
    let fmt = format_description!("[year]-[month]-[day]");
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refusals() {
        let ms = parse_datetime("starts_at", "2026-12-01T14:30").unwrap();
        assert_eq!(to_datetime_local(ms), "2026-12-01T14:30");
        assert_eq!(parse_date("due", "2026-12-01").unwrap().map(to_date).as_deref(), Some("2026-12-01"));
        assert_eq!(parse_date("due", " ").unwrap(), None);
        for bad in ["", "tomorrow", "2026-13-01T10:00", "2026-12-01 14:30", "9999-01-01T00:00"] {
            assert!(parse_datetime("starts_at", bad).is_err(), "{bad}");
        }
        assert!(parse_date("due", "01/12/2026").is_err());
    }
}
