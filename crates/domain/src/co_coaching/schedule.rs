//! The two session dates. Session one should fall within the next month: later is allowed with a
//! warning (a diary is a diary). Session two must come four to six weeks after session one: that
//! gap is the method's working time for the teams, so it is enforced.

use crate::text::FieldError;
use crate::time::Millis;

/// Session one "in the next month": later than this from now earns a warning.
pub const SESSION_ONE_WITHIN_DAYS: i64 = 31;
/// Session two comes this many weeks after session one, inclusive.
pub const GAP_WEEKS: (i64, i64) = (4, 6);

/// Checks the two dates. Returns the warnings to show; a date that breaks a rule is an error.
pub fn check_sessions(now: Millis, one: Millis, two: Millis) -> Result<Vec<String>, FieldError> {
    if one < now {
        return Err(FieldError::new("session_one_at", "is in the past; choose a date to come"));
    }
    let gap = two.0 - one.0;
    let (min, max) = (GAP_WEEKS.0 * 7 * Millis::DAY, GAP_WEEKS.1 * 7 * Millis::DAY);
    if !(min..=max).contains(&gap) {
        let days = gap.div_euclid(Millis::DAY);
        return Err(FieldError::new(
            "session_two_at",
            format!(
                "must be 4 to 6 weeks (28 to 42 days) after session one, so the teams have time to work; it is {days} days"
            ),
        ));
    }
    let mut warnings = vec![];
    if one.0 - now.0 > SESSION_ONE_WITHIN_DAYS * Millis::DAY {
        warnings.push(
            "Session one is more than a month away. The method suggests the next month, while people are keen; \
             you can keep this date."
                .to_owned(),
        );
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Millis = Millis(1_800_000_000_000);

    fn days(n: i64) -> i64 {
        n * Millis::DAY
    }

    #[test]
    fn session_two_four_to_six_weeks_after_session_one() {
        let one = NOW.plus(days(10));
        assert_eq!(check_sessions(NOW, one, one.plus(days(28))), Ok(vec![]));
        assert_eq!(check_sessions(NOW, one, one.plus(days(42))), Ok(vec![]));
        let e = check_sessions(NOW, one, one.plus(days(27))).unwrap_err();
        assert_eq!(e.field, "session_two_at");
        assert!(e.message.contains("it is 27 days"), "{}", e.message);
        assert!(check_sessions(NOW, one, one.plus(days(43))).is_err());
        assert!(check_sessions(NOW, one, one.minus(days(1))).is_err());
    }

    #[test]
    fn a_late_session_one_warns_and_a_past_one_is_refused() {
        let one = NOW.plus(days(45));
        let warnings = check_sessions(NOW, one, one.plus(days(35))).unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(check_sessions(NOW, NOW.minus(1), NOW.plus(days(30))).unwrap_err().field, "session_one_at");
    }
}
