//! The reading of an assessment: which areas are most under-served, and the one or two that are
//! "the place to look".
//!
//! Gaps are measured in share points so that hours and shares read alike: gap = wished share −
//! spent share (see [`Assessment::share_base_hours`] for how hours become shares). A positive gap
//! means the client wishes to give the area more of their time than they do now.
//!
//! The place to look is an area whose engagement is low and whose wish for more time is high:
//! rating at most [`Rating::LOW_MAX`] (4, the lower half of the scale) **and** gap of at least
//! [`Reading::GAP_MIN_POINTS`] (5 share points). Of those, at most two are named: the largest gaps
//! first, then the lower rating, then template order. When no area meets both conditions, none is
//! named: a wheel where nothing stands out should not be told otherwise.

use super::area::AreaName;
use super::assessment::Assessment;
use super::rating::Rating;
use serde::Serialize;
use std::cmp::Ordering;

/// One fully entered area, as the reading sees it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AreaReading {
    /// Position of the area in the assessment's template.
    pub index: usize,
    pub name: AreaName,
    pub rating: Rating,
    /// Percent of time spent now.
    pub spent_share: f64,
    /// Percent of time wished.
    pub wished_share: f64,
    /// `wished_share - spent_share`, in share points; positive means "wants more time here".
    pub gap: f64,
}

impl AreaReading {
    /// Low engagement and a high wish for more time, by the rule in the module documentation.
    pub fn stands_out(&self) -> bool {
        self.rating.is_low() && self.gap >= Reading::GAP_MIN_POINTS
    }
}

/// What an assessment says, computed from its numbers alone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reading {
    /// Fully entered areas, largest gap first; equal gaps put the lower rating first, then
    /// template order.
    pub by_gap: Vec<AreaReading>,
    /// The same areas, lowest rating first; equal ratings put the larger gap first.
    pub by_quality: Vec<AreaReading>,
    /// Positions of areas still missing a rating or a time; they take no part in the reading.
    pub not_entered: Vec<usize>,
    /// Positions of the one or two areas to look at first; empty when nothing stands out.
    pub place_to_look: Vec<usize>,
}

impl Reading {
    /// The smallest gap, in share points, that counts as a wish for more time.
    pub const GAP_MIN_POINTS: f64 = 5.0;
    /// At most this many areas are named as the place to look.
    pub const MAX_PLACES: usize = 2;

    pub fn of(assessment: &Assessment) -> Self {
        let mut readings = Vec::new();
        let mut not_entered = Vec::new();
        for (index, (area, entry)) in assessment.rows().enumerate() {
            let parts = (entry.rating, assessment.spent_share(index), assessment.wished_share(index));
            match parts {
                (Some(rating), Some(spent_share), Some(wished_share)) => readings.push(AreaReading {
                    index,
                    name: area.name.clone(),
                    rating,
                    spent_share,
                    wished_share,
                    gap: wished_share - spent_share,
                }),
                _ => not_entered.push(index),
            }
        }
        let mut by_gap = readings.clone();
        by_gap.sort_by(by_gap_order);
        let mut by_quality = readings;
        by_quality.sort_by(|a, b| a.rating.cmp(&b.rating).then_with(|| by_gap_order(a, b)));
        let place_to_look = by_gap.iter().filter(|r| r.stands_out()).take(Self::MAX_PLACES).map(|r| r.index).collect();
        Self { by_gap, by_quality, not_entered, place_to_look }
    }
}

fn by_gap_order(a: &AreaReading, b: &AreaReading) -> Ordering {
    b.gap.total_cmp(&a.gap).then_with(|| a.rating.cmp(&b.rating)).then_with(|| a.index.cmp(&b.index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wheel::{RawEntry, Template, TimeUnit};

    fn assess(unit: TimeUnit, rows: &[(&str, &str, &str)]) -> Assessment {
        let rows: Vec<RawEntry> = rows
            .iter()
            .map(|(r, s, w)| RawEntry {
                rating: (*r).into(),
                spent: (*s).into(),
                wished: (*w).into(),
                note: String::new(),
            })
            .collect();
        Assessment::parse(Template::default_four(), unit, &rows).unwrap()
    }

    #[test]
    fn the_story_of_the_seed_names_vision_and_community() {
        // Service and accountability done well and given most hours; vision and community rated
        // low and wished for.
        let a =
            assess(TimeUnit::HoursPerWeek, &[("3", "4", "14"), ("8", "24", "12"), ("7", "10", "8"), ("4", "2", "6")]);
        let r = Reading::of(&a);
        let order: Vec<&str> = r.by_gap.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(order, ["Vision", "Community", "Accountability", "Service"]);
        assert_eq!(r.place_to_look, [0, 3]);
        let quality: Vec<u8> = r.by_quality.iter().map(|x| x.rating.get()).collect();
        assert_eq!(quality, [3, 4, 7, 8]);
        assert!((r.by_gap[0].gap - 25.0).abs() < 1e-9);
    }

    #[test]
    fn nothing_stands_out_when_low_ratings_are_not_wished_for() {
        // Low ratings, but no wish for more time there: nothing to point at.
        let a =
            assess(TimeUnit::ShareOfTime, &[("2", "30", "30"), ("3", "20", "22"), ("8", "20", "20"), ("9", "10", "8")]);
        assert!(Reading::of(&a).place_to_look.is_empty());
        // A big wish for more time in an area already rated high: not "low engagement".
        let b =
            assess(TimeUnit::ShareOfTime, &[("8", "5", "40"), ("6", "40", "20"), ("7", "30", "20"), ("5", "25", "20")]);
        assert!(Reading::of(&b).place_to_look.is_empty());
    }

    #[test]
    fn at_most_two_and_partial_areas_are_left_out() {
        let a = assess(TimeUnit::ShareOfTime, &[("1", "0", "20"), ("2", "0", "30"), ("3", "0", "40"), ("", "10", "")]);
        let r = Reading::of(&a);
        assert_eq!(r.place_to_look, [2, 1]);
        assert_eq!(r.not_entered, [3]);
        assert_eq!(r.by_gap.len(), 3);
    }

    #[test]
    fn thresholds_are_inclusive() {
        let a = assess(
            TimeUnit::ShareOfTime,
            &[("4", "10", "15"), ("5", "10", "30"), ("1", "10", "14.9"), ("9", "0", "0")],
        );
        assert_eq!(Reading::of(&a).place_to_look, [0]);
    }
}
