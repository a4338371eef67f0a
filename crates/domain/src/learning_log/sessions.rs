//! Planning and recording the coaching sessions a participant runs with their own people.

use super::Window;
use crate::text::FieldError;
use crate::time::Millis;

/// Whether a session is only planned or has been held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionState {
    Planned,
    Held,
}

impl SessionState {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionState::Planned => "planned",
            SessionState::Held => "held",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "planned" => Some(Self::Planned),
            "held" => Some(Self::Held),
            _ => None,
        }
    }
}

/// May one more session be planned on `at`, given the window, the cap and how many the
/// participant already has? Both refusals say what to do instead.
pub fn check_new_session(window: Window, cap: i64, existing: i64, at: Millis) -> Result<(), Vec<FieldError>> {
    let mut errors = vec![];
    if existing >= cap {
        errors.push(FieldError::new(
            "when",
            format!(
                "cannot take another session: this programme counts at most {cap}, and you have {existing}. \
                 Remove one you will not hold, or keep this one in your journal instead"
            ),
        ));
    }
    if let Err(e) = check_date(window, at) {
        errors.push(e);
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// A session's date must fall inside the programme's window.
pub fn check_date(window: Window, at: Millis) -> Result<(), FieldError> {
    if window.contains(at) {
        Ok(())
    } else {
        Err(FieldError::new(
            "when",
            format!(
                "is outside the programme's window ({} to {}); choose a day inside it",
                crate::time::day_label(window.starts_at),
                crate::time::day_label(window.ends_at().minus(1)),
            ),
        ))
    }
}

/// A session can be recorded as held only once its day has come.
pub fn check_held(at: Millis, now: Millis) -> Result<(), FieldError> {
    // The whole day counts: a session planned for this afternoon may be recorded this morning.
    if at.0 >= (now.0.div_euclid(Millis::DAY) + 1) * Millis::DAY {
        Err(FieldError::new("when", "is still to come; record the session as held on or after its day"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = Millis::DAY;

    fn window() -> Window {
        Window { starts_at: Millis(100 * DAY), weeks: 6 }
    }

    #[test]
    fn inside_the_window_and_under_the_cap() {
        assert!(check_new_session(window(), 5, 4, Millis(101 * DAY)).is_ok());
    }

    #[test]
    fn over_the_cap_and_outside_the_window_say_both() {
        let errs = check_new_session(window(), 5, 5, Millis(99 * DAY)).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert!(errs[0].message.contains("at most 5"));
        assert!(errs[1].message.contains("outside the programme's window"));
        assert!(check_new_session(window(), 5, 0, Millis(142 * DAY)).is_err());
        assert!(check_new_session(window(), 5, 0, Millis(142 * DAY - 1)).is_ok());
    }

    #[test]
    fn held_only_from_its_day() {
        let now = Millis(50 * DAY + 8 * Millis::HOUR);
        assert!(check_held(Millis(50 * DAY + 15 * Millis::HOUR), now).is_ok());
        assert!(check_held(Millis(49 * DAY), now).is_ok());
        assert!(check_held(Millis(51 * DAY), now).is_err());
    }
}
