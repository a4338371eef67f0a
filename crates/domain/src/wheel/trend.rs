//! A client's wheel over time: per area, the rating and the two times at each assessment, ready
//! for a trend chart. Areas are matched by name regardless of case, as in a comparison.

use super::area::AreaName;
use super::assessment::Assessment;
use super::compare::{AreaValues, common_unit};
use super::rating::Rating;
use super::time_amount::TimeUnit;
use crate::time::Millis;
use serde::Serialize;

/// One area at one assessment.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TrendPoint {
    /// Position of the assessment in [`TrendSeries::times`].
    pub step: usize,
    pub at: Millis,
    pub rating: Option<Rating>,
    pub spent: Option<f64>,
    pub wished: Option<f64>,
}

/// One area through every assessment that had it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AreaTrend {
    pub name: AreaName,
    /// In time order; assessments without this area have no point.
    pub points: Vec<TrendPoint>,
}

/// Every area through a sequence of assessments.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrendSeries {
    /// The unit of every time in the series (see [`common_unit`]).
    pub unit: TimeUnit,
    /// When each assessment was made, oldest first.
    pub times: Vec<Millis>,
    /// The latest assessment's areas in its order, then older areas by first appearance.
    pub areas: Vec<AreaTrend>,
}

impl TrendSeries {
    /// Builds the series from assessments in any order, each with the time it was made.
    pub fn build<'a>(assessments: impl IntoIterator<Item = (Millis, &'a Assessment)>) -> Self {
        let mut items: Vec<(Millis, &Assessment)> = assessments.into_iter().collect();
        items.sort_by_key(|(at, _)| *at);
        let unit = common_unit(items.iter().map(|(_, a)| *a));
        let mut areas: Vec<AreaTrend> = Vec::new();
        // Newest first, so the latest template decides the order of areas.
        for (_, assessment) in items.iter().rev() {
            for area in assessment.areas() {
                if !areas.iter().any(|t| t.name.key() == area.name.key()) {
                    areas.push(AreaTrend { name: area.name.clone(), points: Vec::new() });
                }
            }
        }
        for (step, (at, assessment)) in items.iter().enumerate() {
            for (index, area) in assessment.areas().iter().enumerate() {
                let (Some(trend), Some(values)) = (
                    areas.iter_mut().find(|t| t.name.key() == area.name.key()),
                    AreaValues::of(assessment, index, unit),
                ) else {
                    continue;
                };
                trend.points.push(TrendPoint {
                    step,
                    at: *at,
                    rating: values.rating,
                    spent: values.spent,
                    wished: values.wished,
                });
            }
        }
        Self { unit, times: items.iter().map(|(at, _)| *at).collect(), areas }
    }

    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wheel::{RawArea, RawEntry, Template};

    fn assess(template: &Template, rating: &str) -> Assessment {
        let row = RawEntry { rating: rating.into(), spent: "10".into(), wished: "20".into(), note: String::new() };
        Assessment::parse(template.clone(), TimeUnit::HoursPerWeek, &[row]).unwrap()
    }

    #[test]
    fn series_are_in_time_order_and_follow_renames_by_case() {
        let t = Template::default_four();
        let mut raw = t.to_raw();
        raw[0].name = "vision".into();
        raw.push(RawArea::new("Self", ""));
        let t2 = Template::parse("five", &raw).unwrap();
        let newer = assess(&t2, "6");
        let older = assess(&t, "3");
        let s = TrendSeries::build([(Millis(2_000), &newer), (Millis(1_000), &older)]);
        assert_eq!(s.times, [Millis(1_000), Millis(2_000)]);
        assert_eq!(s.unit, TimeUnit::HoursPerWeek);
        assert_eq!(s.areas.len(), 5);
        assert_eq!(s.areas[0].name.as_str(), "vision");
        let ratings: Vec<Option<u8>> = s.areas[0].points.iter().map(|p| p.rating.map(Rating::get)).collect();
        assert_eq!(ratings, [Some(3), Some(6)]);
        assert_eq!(s.areas[4].points.len(), 1);
        assert_eq!(s.areas[4].points[0].step, 1);
        assert!(TrendSeries::build([]).is_empty());
    }
}
