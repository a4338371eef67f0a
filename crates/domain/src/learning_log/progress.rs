//! A participant's progress as the cohort view counts it: numbers and dates only, never what they wrote.

use super::Window;
use crate::time::Millis;

/// A participant with no activity for this many days while the window is open has gone quiet.
pub const QUIET_DAYS: i64 = 10;

/// The facts the store counts for one participant.
#[derive(Clone, Debug, Default)]
pub struct ProgressFacts {
    pub planned: i64,
    pub held: i64,
    pub held_in_window: i64,
    pub best_chosen: bool,
    pub hardest_chosen: bool,
    pub answered: i64,
    pub coach_session_at: Option<Millis>,
    pub last_active_at: Millis,
}

/// What the cohort view shows for one participant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub planned: i64,
    pub held: i64,
    pub held_in_window: i64,
    pub cases_chosen: i64,
    pub answered: i64,
    /// Answers the log asks for: each question, for each of the two cases.
    pub answers_expected: i64,
    pub coach_session_booked: bool,
    pub days_left: i64,
    pub quiet: bool,
    /// Every answer written and the coach-the-coach session booked.
    pub ready: bool,
}

impl Progress {
    pub fn of(facts: &ProgressFacts, questions: i64, window: Window, now: Millis) -> Self {
        let answers_expected = questions * 2;
        let ready = facts.answered >= answers_expected && facts.coach_session_at.is_some();
        let open = window.contains(now);
        Self {
            planned: facts.planned,
            held: facts.held,
            held_in_window: facts.held_in_window,
            cases_chosen: i64::from(facts.best_chosen) + i64::from(facts.hardest_chosen),
            answered: facts.answered,
            answers_expected,
            coach_session_booked: facts.coach_session_at.is_some(),
            days_left: window.days_left(now),
            quiet: open && !ready && now.0 - facts.last_active_at.0 > QUIET_DAYS * Millis::DAY,
            ready,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = Millis::DAY;

    #[test]
    fn quiet_only_while_the_window_is_open_and_work_remains() {
        let window = Window { starts_at: Millis(0), weeks: 6 };
        let facts = ProgressFacts { planned: 3, held: 2, last_active_at: Millis(DAY), ..Default::default() };
        let p = Progress::of(&facts, 16, window, Millis(20 * DAY));
        assert!(p.quiet);
        assert_eq!((p.answers_expected, p.days_left, p.cases_chosen), (32, 22, 0));
        assert!(!Progress::of(&facts, 16, window, Millis(5 * DAY)).quiet);
        assert!(!Progress::of(&facts, 16, window, Millis(50 * DAY)).quiet, "closed window");
        let done = ProgressFacts {
            answered: 32,
            coach_session_at: Some(Millis(45 * DAY)),
            best_chosen: true,
            hardest_chosen: true,
            ..facts
        };
        let p = Progress::of(&done, 16, window, Millis(20 * DAY));
        assert!(p.ready && !p.quiet && p.cases_chosen == 2);
    }
}
