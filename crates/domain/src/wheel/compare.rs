//! Two assessments side by side: per area, the numbers before and after and how they moved.
//! Areas are matched by name regardless of case, so a template edited between the two still
//! compares what it can; an area present on one side only shows with the other side empty.

use super::area::AreaName;
use super::assessment::Assessment;
use super::rating::Rating;
use super::time_amount::TimeUnit;
use serde::Serialize;

/// The unit in which several assessments can be shown together: the one they all use, or shares
/// when they differ (hours of different weeks only compare as shares).
pub fn common_unit<'a>(assessments: impl IntoIterator<Item = &'a Assessment>) -> TimeUnit {
    let mut units = assessments.into_iter().map(Assessment::unit);
    let first = units.next().unwrap_or(TimeUnit::ShareOfTime);
    if units.all(|u| u == first) { first } else { TimeUnit::ShareOfTime }
}

/// What one assessment says about one area, with times in a chosen unit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct AreaValues {
    pub rating: Option<Rating>,
    pub spent: Option<f64>,
    pub wished: Option<f64>,
}

impl AreaValues {
    /// Area `index` of `assessment`, times in `unit` (as entered when the units agree, otherwise as
    /// shares; see [`Assessment::share_base_hours`]).
    pub fn of(assessment: &Assessment, index: usize, unit: TimeUnit) -> Option<Self> {
        let entry = assessment.entries().get(index)?;
        let (spent, wished) = if unit == assessment.unit() {
            (entry.spent.map(|a| a.value()), entry.wished.map(|a| a.value()))
        } else {
            (assessment.spent_share(index), assessment.wished_share(index))
        };
        Some(Self { rating: entry.rating, spent, wished })
    }

    /// Wished minus spent, when both are there.
    pub fn gap(&self) -> Option<f64> {
        Some(self.wished? - self.spent?)
    }
}

/// One area across two assessments. Deltas are `after - before`, present only when both sides
/// have the number.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AreaDelta {
    pub name: AreaName,
    pub before: Option<AreaValues>,
    pub after: Option<AreaValues>,
    pub rating: Option<i8>,
    pub spent: Option<f64>,
    pub wished: Option<f64>,
    pub gap: Option<f64>,
}

/// Two assessments, area by area.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The unit of every time and time delta in `rows` (see [`common_unit`]).
    pub unit: TimeUnit,
    /// The later assessment's areas in its order, then areas only the earlier one had.
    pub rows: Vec<AreaDelta>,
}

impl Comparison {
    pub fn between(before: &Assessment, after: &Assessment) -> Self {
        let unit = common_unit([before, after]);
        let position = |a: &Assessment, name: &AreaName| a.areas().iter().position(|x| x.name.key() == name.key());
        let mut rows: Vec<AreaDelta> = after
            .areas()
            .iter()
            .enumerate()
            .map(|(i, area)| {
                let earlier = position(before, &area.name).and_then(|j| AreaValues::of(before, j, unit));
                delta(area.name.clone(), earlier, AreaValues::of(after, i, unit))
            })
            .collect();
        for (j, area) in before.areas().iter().enumerate() {
            if position(after, &area.name).is_none() {
                rows.push(delta(area.name.clone(), AreaValues::of(before, j, unit), None));
            }
        }
        Self { unit, rows }
    }
}

fn delta(name: AreaName, before: Option<AreaValues>, after: Option<AreaValues>) -> AreaDelta {
    let diff = |pick: fn(&AreaValues) -> Option<f64>| Some(pick(&after?)? - pick(&before?)?);
    let rating = (|| {
        let (b, a) = (before?.rating?.get(), after?.rating?.get());
        // Ratings are 1..=9, so the difference always fits in an i8.
        Some(a as i8 - b as i8)
    })();
    AreaDelta {
        name,
        rating,
        spent: diff(|v| v.spent),
        wished: diff(|v| v.wished),
        gap: diff(AreaValues::gap),
        before,
        after,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wheel::{RawArea, RawEntry, Template};

    fn assess(template: &Template, unit: TimeUnit, rows: &[(&str, &str, &str)]) -> Assessment {
        let rows: Vec<RawEntry> = rows
            .iter()
            .map(|(r, s, w)| RawEntry {
                rating: (*r).into(),
                spent: (*s).into(),
                wished: (*w).into(),
                note: String::new(),
            })
            .collect();
        Assessment::parse(template.clone(), unit, &rows).unwrap()
    }

    #[test]
    fn same_unit_compares_as_entered() {
        let t = Template::default_four();
        let h = TimeUnit::HoursPerWeek;
        let before = assess(&t, h, &[("3", "4", "14"), ("8", "24", "12"), ("7", "10", "8"), ("4", "2", "6")]);
        let after = assess(&t, h, &[("5", "9", "14"), ("8", "20", "12"), ("", "", ""), ("4", "2", "6")]);
        let c = Comparison::between(&before, &after);
        assert_eq!(c.unit, h);
        assert_eq!(c.rows[0].rating, Some(2));
        assert_eq!(c.rows[0].spent, Some(5.0));
        assert_eq!(c.rows[0].gap, Some(-5.0));
        assert_eq!(c.rows[2].rating, None, "not rated after: no delta");
        assert_eq!(c.rows[2].before.and_then(|v| v.rating).map(Rating::get), Some(7));
    }

    #[test]
    fn mixed_units_and_renamed_areas() {
        let t = Template::default_four();
        let mut raw = t.to_raw();
        raw[3] = RawArea::new("Team", "");
        raw[0].name = "VISION".into();
        let t2 = Template::parse("edited", &raw).unwrap();
        let before =
            assess(&t, TimeUnit::HoursPerWeek, &[("3", "10", "20"), ("8", "30", "20"), ("", "", ""), ("", "", "")]);
        let after =
            assess(&t2, TimeUnit::ShareOfTime, &[("6", "30", "40"), ("", "", ""), ("", "", ""), ("2", "1", "1")]);
        let c = Comparison::between(&before, &after);
        assert_eq!(c.unit, TimeUnit::ShareOfTime);
        let names: Vec<&str> = c.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["VISION", "Service", "Accountability", "Team", "Community"]);
        assert_eq!(c.rows[0].spent, Some(5.0), "10 of 40 hours is 25%, now 30%");
        assert_eq!(c.rows[3].before, None);
        assert_eq!(c.rows[4].after, None);
        assert_eq!(common_unit([]), TimeUnit::ShareOfTime);
    }
}
