//! When an expert is reminded. The reminders are spread over the time they were given: a quarter,
//! half and three quarters of the way from the moment their answer-by date was set (the request
//! sent, the expert added in someone's place, or more time asked for) to the date itself. None
//! comes within a day of that moment or of another reminder, none on or after the date, and no
//! roster row ever gets more than [`MAX_REMINDERS`], counting those sent under an earlier date.
//!
//! The scheduler asks these functions at every run, from the facts in the database, so the same
//! facts always give the same timetable (however many instances ask) and a new date gives a new one.

use super::MAX_REMINDERS;
use crate::time::Millis;

/// The moments of the reminders for a date set at `given_at` to answer by `answer_by`, when
/// `sent_before` reminders already went to this expert under earlier dates. Soonest first; the
/// first is step 1.
pub fn reminder_times(given_at: i64, answer_by: i64, sent_before: usize) -> Vec<i64> {
    let span = answer_by - given_at;
    let mut out: Vec<i64> = vec![];
    for k in 1..=3 {
        let at = given_at + span * k / 4;
        let clear_of_last = out.last().is_none_or(|last| at - last >= Millis::DAY);
        if at - given_at >= Millis::DAY && at < answer_by && clear_of_last {
            out.push(at);
        }
    }
    out.truncate(MAX_REMINDERS.saturating_sub(sent_before));
    out
}

/// The step (from 1) due at `now`: the latest of `times` reached, so a run that comes late sends
/// one reminder, never the ones it slept past as a burst. `None` before the first, and from the
/// date on (`answer_by`): a reminder of a date that has passed helps nobody.
pub fn due_step(times: &[i64], answer_by: i64, now: i64) -> Option<i64> {
    if now >= answer_by {
        return None;
    }
    let reached = times.iter().take_while(|t| **t <= now).count();
    (reached > 0).then(|| i64::try_from(reached).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = Millis::DAY;

    #[test]
    fn at_most_three_reminders_spaced_before_the_date() {
        let given = 1_000 * DAY;
        let two_weeks = reminder_times(given, given + 14 * DAY, 0);
        assert_eq!(two_weeks, vec![given + 14 * DAY / 4, given + 7 * DAY, given + 42 * DAY / 4]);
        assert!(reminder_times(given, given + DAY / 2, 0).is_empty(), "none when the date is too near");
        assert_eq!(reminder_times(given, given + 14 * DAY, 2), vec![given + 14 * DAY / 4], "three in all");
        assert!(reminder_times(given, given + 14 * DAY, 3).is_empty());
        let three_days = reminder_times(given, given + 3 * DAY, 0);
        assert!(three_days.windows(2).all(|w| w[1] - w[0] >= DAY), "{three_days:?}");
        assert!(three_days.iter().all(|t| *t < given + 3 * DAY));
    }

    #[test]
    fn the_latest_step_reached_is_due_and_none_once_the_date_passed() {
        let given = 1_000 * DAY;
        let by = given + 14 * DAY;
        let times = reminder_times(given, by, 0);
        assert_eq!(due_step(&times, by, given + 3 * DAY), None, "before the first");
        assert_eq!(due_step(&times, by, times[0]), Some(1));
        assert_eq!(due_step(&times, by, times[1] + DAY), Some(2));
        assert_eq!(due_step(&times, by, by - 1), Some(3), "a late run: only the latest");
        assert_eq!(due_step(&times, by, by), None, "on the date, no reminder of it");
        assert_eq!(due_step(&[], by, given + 13 * DAY), None);
    }
}
