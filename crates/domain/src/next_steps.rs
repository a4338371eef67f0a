//! "What needs me next": one list across every practice, most urgent first.
//!
//! The store reads the person's own items in one query; this module decides their order, so the
//! rule can be tested without a database: what is late comes first (the longest late at the top),
//! then what has a date (the soonest first), then what waits without one (in the order given).

use crate::time::Millis;

/// Where an item stands in time, seen from `now`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// Its moment has passed and it is still waiting: the earlier it was due, the more urgent.
    Late(i64),
    /// It has a moment still to come: the sooner, the more urgent.
    Coming(i64),
    /// Nothing dates it.
    Undated,
}

impl Urgency {
    /// `late` says whether the item is still owed once its moment has passed (an action, cards to
    /// write); a session merely starting soon is `late = false` and stays "coming" for its first hour.
    pub fn of(at: Option<Millis>, now: Millis, late: bool) -> Self {
        match at {
            None => Urgency::Undated,
            Some(at) if late && at.0 < now.0 => Urgency::Late(at.0),
            Some(at) => Urgency::Coming(at.0),
        }
    }

    pub fn is_late(self) -> bool {
        matches!(self, Urgency::Late(_))
    }
}

/// Orders items by urgency; items of equal urgency keep the order they came in.
pub fn order<T>(items: &mut [T], urgency: impl Fn(&T) -> Urgency) {
    items.sort_by_key(|item| urgency(item));
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Millis = Millis(1_000_000_000);

    #[test]
    fn late_first_then_dated_soonest_first_then_undated_in_given_order() {
        let mut items = vec![
            ("undated a", None, true),
            ("session in two days", Some(NOW.plus(2 * Millis::DAY)), false),
            ("action a day late", Some(NOW.minus(Millis::DAY)), true),
            ("undated b", None, true),
            ("action due tomorrow", Some(NOW.plus(Millis::DAY)), true),
            ("cards a week late", Some(NOW.minus(7 * Millis::DAY)), true),
        ];
        order(&mut items, |(_, at, late)| Urgency::of(*at, NOW, *late));
        let names: Vec<_> = items.iter().map(|(n, _, _)| *n).collect();
        assert_eq!(
            names,
            [
                "cards a week late",
                "action a day late",
                "action due tomorrow",
                "session in two days",
                "undated a",
                "undated b"
            ]
        );
    }

    #[test]
    fn a_session_that_has_begun_is_not_late() {
        let begun = Urgency::of(Some(NOW.minus(10 * Millis::MINUTE)), NOW, false);
        assert!(!begun.is_late());
        assert!(Urgency::of(Some(NOW.minus(1)), NOW, true).is_late());
        assert!(!Urgency::of(Some(NOW), NOW, true).is_late(), "due now is not late yet");
    }
}
