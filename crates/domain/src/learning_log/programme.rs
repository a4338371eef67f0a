//! A programme's settings: the window of weeks after the training and the cap on sessions.

use super::limits;
use crate::text::{FieldError, bounded, optional_bounded};
use crate::time::Millis;

/// The method's defaults: six weeks, five sessions.
pub const DEFAULT_WEEKS: i64 = 6;
pub const DEFAULT_CAP: i64 = 5;
/// What a facilitator may choose instead.
pub const WEEKS: (i64, i64) = (1, 26);
pub const CAP: (i64, i64) = (1, 10);

/// The days sessions count in: from the start day's first moment to the last day's last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub starts_at: Millis,
    pub weeks: i64,
}

impl Window {
    /// The first moment after the window.
    pub fn ends_at(self) -> Millis {
        self.starts_at.plus(self.weeks * 7 * Millis::DAY)
    }

    pub fn contains(self, at: Millis) -> bool {
        at >= self.starts_at && at < self.ends_at()
    }

    /// Whole days left, counting today; 0 once the window has closed, and the full length before it opens.
    pub fn days_left(self, now: Millis) -> i64 {
        if now < self.starts_at {
            return self.weeks * 7;
        }
        let left = self.ends_at().0 - now.0;
        if left <= 0 { 0 } else { (left + Millis::DAY - 1) / Millis::DAY }
    }
}

/// A programme's settings as the facilitator gave them, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgrammeSettings {
    pub name: String,
    pub training: Option<String>,
    pub weeks: i64,
    pub session_cap: i64,
}

impl ProgrammeSettings {
    /// Parses the form's text. Empty numbers take the method's defaults; every problem is
    /// reported at once.
    pub fn parse(name: &str, training: &str, weeks: &str, cap: &str) -> Result<Self, Vec<FieldError>> {
        let mut errors = vec![];
        let name = bounded("name", name, limits::NAME).map_err(|e| errors.push(e)).ok();
        let training = optional_bounded("training", training, limits::TRAINING).map_err(|e| errors.push(e)).ok();
        let weeks = number("weeks", weeks, DEFAULT_WEEKS, WEEKS, "weeks").map_err(|e| errors.push(e)).ok();
        let cap = number("session_cap", cap, DEFAULT_CAP, CAP, "sessions").map_err(|e| errors.push(e)).ok();
        match (name, training, weeks, cap) {
            (Some(name), Some(training), Some(weeks), Some(session_cap)) if errors.is_empty() => {
                Ok(Self { name, training, weeks, session_cap })
            }
            _ => Err(errors),
        }
    }
}

fn number(field: &'static str, raw: &str, default: i64, (lo, hi): (i64, i64), unit: &str) -> Result<i64, FieldError> {
    match raw.trim() {
        "" => Ok(default),
        raw => match raw.parse::<i64>() {
            Ok(n) if (lo..=hi).contains(&n) => Ok(n),
            _ => Err(FieldError::new(field, format!("must be a whole number of {unit} from {lo} to {hi}"))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bounds() {
        let s = ProgrammeSettings::parse("Spring cohort", "", "", "").unwrap();
        assert_eq!((s.weeks, s.session_cap, s.training), (6, 5, None));
        let s = ProgrammeSettings::parse("x", "Master class", "26", "10").unwrap();
        assert_eq!((s.weeks, s.session_cap), (26, 10));
        let errs = ProgrammeSettings::parse("", "", "27", "0").unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "weeks", "session_cap"]);
        assert!(errs[1].message.contains("1 to 26"));
        assert!(ProgrammeSettings::parse("x", "", "six", "").is_err());
    }

    #[test]
    fn the_window_counts_whole_days() {
        let w = Window { starts_at: Millis(10 * Millis::DAY), weeks: 1 };
        assert!(w.contains(Millis(10 * Millis::DAY)));
        assert!(w.contains(Millis(17 * Millis::DAY - 1)));
        assert!(!w.contains(Millis(17 * Millis::DAY)));
        assert!(!w.contains(Millis(10 * Millis::DAY - 1)));
        assert_eq!(w.days_left(Millis(0)), 7);
        assert_eq!(w.days_left(Millis(16 * Millis::DAY + 5)), 1);
        assert_eq!(w.days_left(Millis(17 * Millis::DAY)), 0);
    }
}
