//! One assessment: for each area of a template, a quality rating, the time spent now and the time
//! wished, and a note. Any of these may still be missing (a partial assessment is saved and
//! finished later), but whatever is present has been parsed, and the totals fit in a week.
//!
//! The assessment keeps its own copy of the template's areas: a coach may edit the template later,
//! and an old picture must still show the areas the client rated.

use super::area::{Area, Template};
use super::error::{WheelErrors, WheelFieldError};
use super::rating::Rating;
use super::time_amount::{TOLERANCE, TimeAmount, TimeUnit, format_number, hours_to_share, share_to_hours};
use crate::text::{FieldError, optional_bounded};
use serde::Serialize;

/// A free note about one area; several lines are fine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct AreaNote(String);

impl AreaNote {
    pub const MAX: usize = 1000;

    /// Empty input means "no note".
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, FieldError> {
        optional_bounded("note", raw, Self::MAX).map(|v| v.map(Self))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the client said about one area. Each part is optional until the assessment is finished.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AreaEntry {
    pub rating: Option<Rating>,
    pub spent: Option<TimeAmount>,
    pub wished: Option<TimeAmount>,
    pub note: Option<AreaNote>,
}

impl AreaEntry {
    /// Rating, time spent and time wished are all there (the note stays optional).
    pub fn is_complete(&self) -> bool {
        self.rating.is_some() && self.spent.is_some() && self.wished.is_some()
    }

    /// Nothing entered at all.
    pub fn is_blank(&self) -> bool {
        self.rating.is_none() && self.spent.is_none() && self.wished.is_none() && self.note.is_none()
    }
}

/// One row of an assessment form, as typed. Empty strings mean "not entered yet".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawEntry {
    pub rating: String,
    pub spent: String,
    pub wished: String,
    pub note: String,
}

/// Sums of one assessment's times, in its unit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Totals {
    pub spent: f64,
    pub wished: f64,
}

/// A template's areas with what the client entered for each, in one unit of time.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    template: Template,
    unit: TimeUnit,
    entries: Vec<AreaEntry>,
}

impl Assessment {
    /// A new assessment with nothing entered yet.
    pub fn empty(template: Template, unit: TimeUnit) -> Self {
        let entries = vec![AreaEntry::default(); template.len()];
        Self { template, unit, entries }
    }

    /// Builds an assessment from parsed entries (storage reads them back this way). Checks what
    /// spans entries: one entry per area, every time in the assessment's unit, and the totals.
    pub fn new(template: Template, unit: TimeUnit, entries: Vec<AreaEntry>) -> Result<Self, WheelErrors> {
        let mut errors = WheelErrors::new();
        if entries.len() != template.len() {
            let message = format!("has {} areas but {} entries were given", template.len(), entries.len());
            errors.push(WheelFieldError::form("template", message));
        }
        for (index, (area, entry)) in template.areas().iter().zip(&entries).enumerate() {
            for (field, amount) in [("spent", entry.spent), ("wished", entry.wished)] {
                if amount.is_some_and(|a| a.unit() != unit) {
                    let message = format!("is not in this assessment's unit ({})", unit.as_str());
                    errors.push(WheelFieldError::in_area(index, name(area), FieldError::new(field, message)));
                }
            }
        }
        for e in total_errors(unit, &entries) {
            errors.push(e);
        }
        errors.into_result(|| Self { template, unit, entries })
    }

    /// Parses an assessment form, reporting every refused input at once. Rows may be fewer than
    /// the template's areas (the missing ones count as not entered yet), never more.
    pub fn parse(template: Template, unit: TimeUnit, rows: &[RawEntry]) -> Result<Self, WheelErrors> {
        let mut errors = WheelErrors::new();
        if rows.len() > template.len() {
            let message = format!("has {} areas but the form sent {} rows", template.len(), rows.len());
            errors.push(WheelFieldError::form("template", message));
        }
        let blank = RawEntry::default();
        let mut entries = Vec::with_capacity(template.len());
        for (index, area) in template.areas().iter().enumerate() {
            let row = rows.get(index).unwrap_or(&blank);
            let mut refuse = |e: FieldError| errors.push(WheelFieldError::in_area(index, name(area), e));
            let rating = Rating::parse_optional(&row.rating).map_err(&mut refuse).ok().flatten();
            let spent = TimeAmount::parse_optional("spent", &row.spent, unit).map_err(&mut refuse).ok().flatten();
            let wished = TimeAmount::parse_optional("wished", &row.wished, unit).map_err(&mut refuse).ok().flatten();
            let note = AreaNote::parse_optional(&row.note).map_err(&mut refuse).ok().flatten();
            entries.push(AreaEntry { rating, spent, wished, note });
        }
        // Totals are only meaningful once every single amount parsed; otherwise they would add up
        // a form the person is about to correct anyway.
        if errors.is_empty() {
            for e in total_errors(unit, &entries) {
                errors.push(e);
            }
        }
        errors.into_result(|| Self { template, unit, entries })
    }

    pub fn template(&self) -> &Template {
        &self.template
    }

    pub fn areas(&self) -> &[Area] {
        self.template.areas()
    }

    pub fn unit(&self) -> TimeUnit {
        self.unit
    }

    pub fn entries(&self) -> &[AreaEntry] {
        &self.entries
    }

    /// Each area with its entry, in template order.
    pub fn rows(&self) -> impl Iterator<Item = (&Area, &AreaEntry)> {
        self.template.areas().iter().zip(&self.entries)
    }

    /// Every area has a rating, a time spent and a time wished.
    pub fn is_complete(&self) -> bool {
        self.entries.iter().all(AreaEntry::is_complete)
    }

    /// What is still missing before the assessment can be called finished, one error per input,
    /// in the same shape as parse errors so a page shows them next to the inputs.
    pub fn missing(&self) -> WheelErrors {
        let mut errors = WheelErrors::new();
        for (index, (area, entry)) in self.rows().enumerate() {
            let gaps = [
                ("rating", entry.rating.is_none()),
                ("spent", entry.spent.is_none()),
                ("wished", entry.wished.is_none()),
            ];
            for (field, is_missing) in gaps {
                if is_missing {
                    errors.push(WheelFieldError::in_area(
                        index,
                        name(area),
                        FieldError::new(field, "is needed to finish"),
                    ));
                }
            }
        }
        errors
    }

    /// `Ok` when the assessment may be marked finished.
    pub fn require_complete(&self) -> Result<(), WheelErrors> {
        self.missing().into_result(|| ())
    }

    /// Sums of the entered times, in the assessment's unit.
    pub fn totals(&self) -> Totals {
        let sum = |pick: Column| -> f64 { self.entries.iter().filter_map(pick).map(TimeAmount::value).sum() };
        Totals { spent: sum(|e| e.spent), wished: sum(|e| e.wished) }
    }

    /// For an hours assessment, the hours that count as 100% when times are read as shares: the
    /// larger of the two weekly totals. Both columns share this one base, so a wish to work fewer
    /// hours overall shows as wished shares adding up to less than 100%. `None` for an assessment
    /// already written in shares (its shares are used as entered).
    pub fn share_base_hours(&self) -> Option<f64> {
        match self.unit {
            TimeUnit::HoursPerWeek => {
                let totals = self.totals();
                Some(totals.spent.max(totals.wished))
            }
            TimeUnit::ShareOfTime => None,
        }
    }

    /// Time spent on area `index` as a percentage (see [`Assessment::share_base_hours`]).
    pub fn spent_share(&self, index: usize) -> Option<f64> {
        self.entries.get(index)?.spent.map(|a| self.as_share(a))
    }

    /// Time wished for area `index` as a percentage (see [`Assessment::share_base_hours`]).
    pub fn wished_share(&self, index: usize) -> Option<f64> {
        self.entries.get(index)?.wished.map(|a| self.as_share(a))
    }

    fn as_share(&self, amount: TimeAmount) -> f64 {
        match self.share_base_hours() {
            Some(base) => hours_to_share(amount.value(), base),
            None => amount.value(),
        }
    }

    /// The same assessment in another unit, for a page whose client switches between hours and
    /// shares. Hours become shares of [`Assessment::share_base_hours`]; shares become hours of a
    /// week of `week_hours` (the client's usual working week), which must be more than 0 and at
    /// most 168.
    pub fn converted(&self, to: TimeUnit, week_hours: f64) -> Result<Self, WheelErrors> {
        if to == self.unit {
            return Ok(self.clone());
        }
        let convert: Box<dyn Fn(f64) -> f64> = match to {
            TimeUnit::HoursPerWeek => {
                if !(week_hours.is_finite() && week_hours > 0.0 && week_hours <= TimeUnit::HoursPerWeek.limit()) {
                    return Err(WheelFieldError::form("week", "must be more than 0 and at most 168 hours").into());
                }
                Box::new(move |share| share_to_hours(share, week_hours))
            }
            TimeUnit::ShareOfTime => {
                let base = self.share_base_hours().unwrap_or(0.0);
                Box::new(move |hours| hours_to_share(hours, base))
            }
        };
        let mut errors = WheelErrors::new();
        let mut entries = Vec::with_capacity(self.entries.len());
        for (index, (area, entry)) in self.rows().enumerate() {
            let mut one = |field: &'static str, amount: Option<TimeAmount>| -> Option<TimeAmount> {
                let value = convert(amount?.value()).min(to.limit());
                TimeAmount::new(field, value, to)
                    .map_err(|e| errors.push(WheelFieldError::in_area(index, name(area), e)))
                    .ok()
            };
            let spent = one("spent", entry.spent);
            let wished = one("wished", entry.wished);
            entries.push(AreaEntry { spent, wished, ..entry.clone() });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Self::new(self.template.clone(), to, entries)
    }
}

fn name(area: &Area) -> Option<&str> {
    Some(area.name.as_str())
}

/// Picks one column (spent or wished) out of an entry.
type Column = fn(&AreaEntry) -> Option<TimeAmount>;

/// Spent and wished are checked separately: each column describes one week.
fn total_errors(unit: TimeUnit, entries: &[AreaEntry]) -> Vec<WheelFieldError> {
    let limit = unit.limit();
    let columns: [(&'static str, Column); 2] = [("spent", |e| e.spent), ("wished", |e| e.wished)];
    columns
        .into_iter()
        .filter_map(|(field, pick)| {
            let total: f64 = entries.iter().filter_map(pick).map(TimeAmount::value).sum();
            (total > limit + TOLERANCE).then(|| {
                let message = match unit {
                    TimeUnit::HoursPerWeek => {
                        format!("adds up to {} hours over all areas; a week has only 168", format_number(total))
                    }
                    TimeUnit::ShareOfTime => {
                        format!("adds up to {}% over all areas; at most 100% is possible", format_number(total))
                    }
                };
                WheelFieldError::form(field, message)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(rating: &str, spent: &str, wished: &str) -> RawEntry {
        RawEntry { rating: rating.into(), spent: spent.into(), wished: wished.into(), note: String::new() }
    }

    #[test]
    fn partial_assessments_parse_and_say_what_is_missing() {
        let a = Assessment::parse(Template::default_four(), TimeUnit::HoursPerWeek, &[raw("3", "4", "")]).unwrap();
        assert!(!a.is_complete());
        let missing: Vec<String> = a.missing().iter().map(ToString::to_string).collect();
        assert_eq!(missing[0], "area 1 (Vision): wished is needed to finish");
        assert_eq!(missing.len(), 1 + 3 * 3);
        assert!(a.require_complete().is_err());
        assert_eq!(Assessment::empty(Template::default_four(), TimeUnit::ShareOfTime).entries().len(), 4);
    }

    #[test]
    fn all_field_errors_come_back_together() {
        let rows = [raw("0", "-2", "x"), raw("5", "5", "5"), raw("10", "", "200")];
        let e = Assessment::parse(Template::default_four(), TimeUnit::HoursPerWeek, &rows).unwrap_err();
        let fields: Vec<(Option<usize>, &str)> = e.iter().map(|e| (e.area, e.field)).collect();
        assert_eq!(
            fields,
            [(Some(0), "rating"), (Some(0), "spent"), (Some(0), "wished"), (Some(2), "rating"), (Some(2), "wished")]
        );
    }

    #[test]
    fn totals_are_checked_per_column() {
        let t = Template::default_four();
        let over = [raw("", "60", "10"), raw("", "60", "10"), raw("", "50", "10"), raw("", "", "")];
        let e = Assessment::parse(t.clone(), TimeUnit::HoursPerWeek, &over).unwrap_err();
        assert_eq!(e.to_string(), "spent adds up to 170 hours over all areas; a week has only 168");
        let shares = [raw("", "50", "60"), raw("", "50", "41"), raw("", "", ""), raw("", "", "")];
        let e = Assessment::parse(t.clone(), TimeUnit::ShareOfTime, &shares).unwrap_err();
        assert_eq!(e.to_string(), "wished adds up to 101% over all areas; at most 100% is possible");
        let thirds = [raw("", "33.33", ""), raw("", "33.33", ""), raw("", "33.34", ""), raw("", "", "")];
        assert!(Assessment::parse(t, TimeUnit::ShareOfTime, &thirds).is_ok());
    }

    #[test]
    fn too_many_rows_or_mixed_units_are_refused() {
        let t = Template::default_four();
        assert!(Assessment::parse(t.clone(), TimeUnit::ShareOfTime, &vec![RawEntry::default(); 5]).is_err());
        let mut entries = vec![AreaEntry::default(); 4];
        entries[1].spent = Some(TimeAmount::new("spent", 3.0, TimeUnit::HoursPerWeek).unwrap());
        let e = Assessment::new(t.clone(), TimeUnit::ShareOfTime, entries).unwrap_err();
        assert_eq!(e.for_area(1).count(), 1);
        assert!(Assessment::new(t, TimeUnit::ShareOfTime, vec![AreaEntry::default(); 3]).is_err());
    }

    #[test]
    fn shares_of_an_hours_assessment_use_the_larger_week() {
        let rows = [raw("2", "5", "15"), raw("8", "25", "15"), raw("7", "10", "8"), raw("3", "0", "2")];
        let a = Assessment::parse(Template::default_four(), TimeUnit::HoursPerWeek, &rows).unwrap();
        assert_eq!(a.totals(), Totals { spent: 40.0, wished: 40.0 });
        assert_eq!(a.share_base_hours(), Some(40.0));
        assert_eq!(a.spent_share(0), Some(12.5));
        assert_eq!(a.wished_share(1), Some(37.5));
        assert_eq!(a.spent_share(9), None);
    }

    #[test]
    fn conversions_round_trip() {
        let rows = [raw("2", "10", "20"), raw("8", "30", "20"), raw("", "", "")];
        let mut t = Template::default_four().to_raw();
        t.truncate(3);
        let t = Template::parse("three", &t).unwrap();
        let hours = Assessment::parse(t, TimeUnit::HoursPerWeek, &rows).unwrap();
        let shares = hours.converted(TimeUnit::ShareOfTime, 0.0).unwrap();
        assert_eq!(shares.entries()[0].spent.unwrap().value(), 25.0);
        assert_eq!(shares.entries()[1].wished.unwrap().value(), 50.0);
        assert_eq!(shares.entries()[2].spent, None);
        let back = shares.converted(TimeUnit::HoursPerWeek, 40.0).unwrap();
        assert_eq!(back, hours);
        assert!(shares.converted(TimeUnit::HoursPerWeek, 0.0).is_err());
        assert!(shares.converted(TimeUnit::HoursPerWeek, 169.0).is_err());
        assert!(shares.converted(TimeUnit::HoursPerWeek, f64::NAN).is_err());
    }
}
