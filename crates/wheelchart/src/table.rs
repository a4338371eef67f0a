//! The numbers behind the pictures as plain rows, for the page's table (the text fallback that
//! screen readers and people who prefer numbers use) and for the pictures' own descriptions. The
//! page renders these rows with its auto-escaping templates; nothing here is markup.

use coachkit_domain::wheel::{Assessment, Comparison, Reading, TimeUnit, format_number};
use serde::Serialize;

/// One area of an assessment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WheelRow {
    pub area: String,
    pub meaning: Option<String>,
    pub rating: Option<u8>,
    /// Times in the assessment's unit.
    pub spent: Option<f64>,
    pub wished: Option<f64>,
    /// `wished - spent`, in the assessment's unit.
    pub gap: Option<f64>,
    /// The gap in share points, as the reading ranks it.
    pub gap_share: Option<f64>,
    /// "3 of 9", or "not rated".
    pub rating_text: String,
    /// "12 h", "30%", or "–" when not entered.
    pub spent_text: String,
    pub wished_text: String,
    /// The gap in both units where both help: "+10 h (+25 points)" for hours, "−5 points" for
    /// shares, or "–". The same words as the reading beside the table.
    pub gap_text: String,
    pub note: Option<String>,
    pub place_to_look: bool,
}

/// An assessment as a table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WheelTable {
    pub unit: TimeUnit,
    /// "hours a week" or "% of time", for column headings.
    pub unit_text: &'static str,
    pub rows: Vec<WheelRow>,
    /// Names of the areas named as the place to look, in the reading's order.
    pub place_to_look: Vec<String>,
}

/// Rows of one assessment, in template order.
pub fn wheel_table(assessment: &Assessment) -> WheelTable {
    let unit = assessment.unit();
    let reading = Reading::of(assessment);
    let rows = assessment
        .rows()
        .enumerate()
        .map(|(i, (area, entry))| {
            let spent = entry.spent.map(|a| a.value());
            let wished = entry.wished.map(|a| a.value());
            let gap = wished.zip(spent).map(|(w, s)| w - s);
            let gap_share = assessment.wished_share(i).zip(assessment.spent_share(i)).map(|(w, s)| w - s);
            WheelRow {
                area: area.name.as_str().to_owned(),
                meaning: area.meaning.as_ref().map(|m| m.as_str().to_owned()),
                rating: entry.rating.map(|r| r.get()),
                spent,
                wished,
                gap,
                gap_share,
                rating_text: entry.rating.map_or_else(|| "not rated".to_owned(), |r| format!("{r} of 9")),
                spent_text: amount_text(spent, unit),
                wished_text: amount_text(wished, unit),
                gap_text: gap_text(gap, gap_share, unit),
                note: entry.note.as_ref().map(|n| n.as_str().to_owned()),
                place_to_look: reading.place_to_look.contains(&i),
            }
        })
        .collect();
    let place_to_look = reading
        .place_to_look
        .iter()
        .filter_map(|&i| assessment.areas().get(i))
        .map(|a| a.name.as_str().to_owned())
        .collect();
    WheelTable { unit, unit_text: unit_text(unit), rows, place_to_look }
}

/// Before, after and change of one measure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeltaCells {
    pub before: String,
    pub after: String,
    pub change: String,
}

/// One area of a comparison, as text cells.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeltaRow {
    pub area: String,
    pub rating: DeltaCells,
    pub spent: DeltaCells,
    pub wished: DeltaCells,
    pub gap: DeltaCells,
}

/// A comparison as text rows, times in the comparison's unit.
pub fn comparison_table(comparison: &Comparison) -> Vec<DeltaRow> {
    let unit = comparison.unit;
    comparison
        .rows
        .iter()
        .map(|row| {
            let rating = |v: Option<coachkit_domain::wheel::AreaValues>| {
                v.and_then(|v| v.rating).map_or_else(|| "–".to_owned(), |r| r.to_string())
            };
            let amounts =
                |pick: fn(&coachkit_domain::wheel::AreaValues) -> Option<f64>, change: Option<f64>| DeltaCells {
                    before: amount_text(row.before.as_ref().and_then(pick), unit),
                    after: amount_text(row.after.as_ref().and_then(pick), unit),
                    change: change_text(change, unit),
                };
            DeltaRow {
                area: row.name.as_str().to_owned(),
                rating: DeltaCells {
                    before: rating(row.before),
                    after: rating(row.after),
                    change: signed(row.rating.map(f64::from), ""),
                },
                spent: amounts(|v| v.spent, row.spent),
                wished: amounts(|v| v.wished, row.wished),
                gap: DeltaCells {
                    before: change_text(row.before.and_then(|v| v.gap()), unit),
                    after: change_text(row.after.and_then(|v| v.gap()), unit),
                    change: change_text(row.gap, unit),
                },
            }
        })
        .collect()
}

/// "hours a week" or "% of time".
pub fn unit_text(unit: TimeUnit) -> &'static str {
    match unit {
        TimeUnit::HoursPerWeek => "hours a week",
        TimeUnit::ShareOfTime => "% of time",
    }
}

/// An amount for people: "12 h", "7.5 h", "30%", or "–" when not entered.
pub fn amount_text(value: Option<f64>, unit: TimeUnit) -> String {
    match (value, unit) {
        (None, _) => "–".to_owned(),
        (Some(v), TimeUnit::HoursPerWeek) => format!("{} h", format_number(v)),
        (Some(v), TimeUnit::ShareOfTime) => format!("{}%", format_number(v)),
    }
}

/// A difference of amounts: "+10 h", "−5 points" (share points, not percent of percent), "0 h".
pub fn change_text(value: Option<f64>, unit: TimeUnit) -> String {
    match unit {
        TimeUnit::HoursPerWeek => signed(value, " h"),
        TimeUnit::ShareOfTime => signed(value, " points"),
    }
}

/// An area's gap as people read it: in hours a week with the share points the reading ranks by
/// ("+10 h (+25 points)"), or in share points alone when the times are shares ("+10 points").
pub fn gap_text(hours_or_share: Option<f64>, share_points: Option<f64>, unit: TimeUnit) -> String {
    match (unit, hours_or_share, share_points) {
        (TimeUnit::HoursPerWeek, Some(h), Some(p)) => {
            format!("{} ({})", signed(Some(h), " h"), signed(Some(p), " points"))
        }
        (TimeUnit::HoursPerWeek, h, None) => signed(h, " h"),
        (_, _, p) => signed(p, " points"),
    }
}

/// A signed number with a true minus sign, which screen readers say as "minus".
fn signed(value: Option<f64>, suffix: &str) -> String {
    match value {
        None => "–".to_owned(),
        Some(v) => {
            let text = format_number(v.abs());
            let sign = if text == "0" {
                ""
            } else if v > 0.0 {
                "+"
            } else {
                "−"
            };
            format!("{sign}{text}{suffix}")
        }
    }
}

/// A plain-language account of the assessment for the picture's `<desc>`.
pub(crate) fn describe(table: &WheelTable) -> String {
    let mut out = format!(
        "{} areas. Quality of engagement is rated from 1 (low) to 9 (high); time is in {}.",
        table.rows.len(),
        table.unit_text
    );
    for row in &table.rows {
        let rating = row.rating.map_or_else(|| "not rated".to_owned(), |r| format!("quality {r} of 9"));
        out.push_str(&format!(
            " {}: {rating}, time spent {}, time wished {}.",
            row.area, row.spent_text, row.wished_text
        ));
    }
    if !table.place_to_look.is_empty() {
        out.push_str(&format!(" Place to look: {}.", table.place_to_look.join(" and ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use coachkit_domain::wheel::{RawEntry, Template};

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
    fn rows_carry_numbers_and_text() {
        let a = assess(TimeUnit::HoursPerWeek, &[("3", "4", "14"), ("8", "24", "12"), ("", "10", ""), ("4", "2", "6")]);
        let t = wheel_table(&a);
        assert_eq!(t.unit_text, "hours a week");
        assert_eq!(t.rows[0].rating_text, "3 of 9");
        // Wished hours sum to 32 and spent to 40, so shares are of 40 h: Vision's 4 → 14 h is
        // 10 → 35 % of the week.
        assert_eq!(t.rows[0].gap_text, "+10 h (+25 points)");
        assert_eq!(t.rows[1].gap_text, "−12 h (−30 points)");
        assert_eq!(t.rows[2].gap_text, "–");
        assert_eq!(t.rows[2].rating_text, "not rated");
        assert_eq!(t.rows[2].wished_text, "–");
        assert_eq!(t.rows[2].gap, None);
        assert!(t.rows[0].place_to_look);
        assert_eq!(t.place_to_look, ["Vision", "Community"]);
        let d = describe(&t);
        assert!(d.contains("Vision: quality 3 of 9, time spent 4 h, time wished 14 h."), "{d}");
        assert!(d.ends_with("Place to look: Vision and Community."));
    }

    #[test]
    fn comparison_rows() {
        let before =
            assess(TimeUnit::ShareOfTime, &[("3", "10", "30"), ("8", "60", "40"), ("7", "20", "20"), ("", "", "")]);
        let after = assess(
            TimeUnit::ShareOfTime,
            &[("5", "20", "30"), ("8", "50", "40"), ("6", "20", "20"), ("4", "10", "10")],
        );
        let rows = comparison_table(&Comparison::between(&before, &after));
        assert_eq!(rows[0].rating, DeltaCells { before: "3".into(), after: "5".into(), change: "+2".into() });
        assert_eq!(rows[0].spent.change, "+10 points");
        assert_eq!(rows[0].gap.change, "−10 points");
        assert_eq!(rows[1].rating.change, "0");
        assert_eq!(rows[3].rating.before, "–");
        assert_eq!(rows[3].rating.change, "–");
    }
}
