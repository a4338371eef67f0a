//! A client's wheel over time as small multiples: one row per area, with a quality panel (1 to 9)
//! and a time panel (spent solid, wished dashed) side by side. Assessments are spaced evenly, one
//! step each, because they follow coaching sessions rather than the calendar; their dates label
//! the steps. Missing values break a line rather than inventing a point.

use crate::geometry::{Rect, n};
use crate::labels::Anchor;
use crate::legend::{LegendRow, Swatch, draw_legend, legend_size};
use crate::svg::{Line, Tone, Writer, block_size, id_prefix, open_root};
use crate::table::{amount_text, unit_text};
use crate::text::{text_width, wrap};
use crate::theme::Theme;
use crate::wheel::{TimeScale, heading_lines};
use coachkit_domain::time::Millis;
use coachkit_domain::wheel::{TrendPoint, TrendSeries};

const NAME_WIDTH: f64 = 150.0;
const NAME_SIZE: f64 = 13.0;
const PANEL_W: f64 = 250.0;
const PANEL_H: f64 = 64.0;
const ROW_H: f64 = PANEL_H + 30.0;
const QUALITY_X: f64 = NAME_WIDTH + 26.0;
const TIME_X: f64 = QUALITY_X + PANEL_W + 44.0;
/// Room inside a panel before the first step and after the last: half a date label, so labels
/// of neighbouring panels never meet.
const INSET: f64 = 30.0;
const AXIS_SIZE: f64 = 10.0;

/// How a trend chart is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendOptions {
    /// The picture's accessible name and heading.
    pub title: String,
    pub theme: Theme,
    /// Prefix of the ids inside the picture (see [`crate::WheelOptions::id_prefix`]).
    pub id_prefix: String,
    /// Labels for the steps, oldest first (for example dates in the reader's format). When absent
    /// or of the wrong length, steps are labelled with their UTC date, `YYYY-MM-DD`.
    pub step_labels: Option<Vec<String>>,
}

impl Default for TrendOptions {
    fn default() -> Self {
        Self {
            title: "Balance wheel over time".to_owned(),
            theme: Theme::Auto,
            id_prefix: "trend".to_owned(),
            step_labels: None,
        }
    }
}

/// The trend of every area of `series` as a complete SVG document.
pub fn trend_svg(series: &TrendSeries, options: &TrendOptions) -> String {
    let unit = series.unit;
    let labels = step_labels(series, options);
    let scale = time_scale(series);
    let heading = heading_lines(&options.title, None);
    let legend = vec![LegendRow::new([
        (Swatch::QualityLine, "Quality (1 to 9)".to_owned()),
        (Swatch::SpentLine, format!("Time spent ({})", unit_text(unit))),
        (Swatch::WishedLine, "Time wished".to_owned()),
    ])];
    let (heading_w, heading_h) = block_size(&heading);
    let (legend_w, legend_h) = legend_size(&legend);
    let legend_top = heading_h + 10.0;
    let rows_top = legend_top + legend_h + 28.0;
    let rows_bottom = rows_top + series.areas.len().max(1) as f64 * ROW_H;
    let width = (TIME_X + PANEL_W + 44.0).max(heading_w).max(legend_w);
    let axis_y = rows_bottom - (ROW_H - PANEL_H) + 16.0;
    let frame = Rect::new(0.0, 0.0, width, axis_y + 4.0).padded(16.0);

    let ids = id_prefix(&options.id_prefix);
    let mut w = Writer::new(options.theme);
    open_root(&mut w, options.theme, &frame, &ids, &options.title, &describe(series, &labels), "ck-trend");
    w.block(&Rect::new(0.0, 0.0, heading_w, heading_h), Anchor::Start, &heading);
    draw_legend(&mut w, &legend, 0.0, legend_top);
    let header = |text: &str| Line::plain(text, Tone::Muted, 11.0);
    w.text(QUALITY_X, rows_top - 10.0, Anchor::Start, &header("Quality"), "");
    w.text(TIME_X, rows_top - 10.0, Anchor::Start, &header(&format!("Time, {}", unit_text(unit))), "");

    if series.areas.is_empty() {
        w.text(0.0, rows_top + 20.0, Anchor::Start, &Line::plain("No assessments yet.", Tone::Muted, NAME_SIZE), "");
    }
    let steps = series.times.len();
    for (row, area) in series.areas.iter().enumerate() {
        let top = rows_top + row as f64 * ROW_H;
        let name: Vec<Line> = wrap(area.name.as_str(), NAME_SIZE, NAME_WIDTH, 3)
            .into_iter()
            .map(|l| Line::plain(l, Tone::Fg, NAME_SIZE))
            .collect();
        w.block(&Rect::new(0.0, top, NAME_WIDTH, PANEL_H), Anchor::Start, &name);
        let quality = Panel { x: QUALITY_X, top, steps, max: 9.0, min: 1.0 };
        let time = Panel { x: TIME_X, top, steps, max: scale.max, min: 0.0 };
        quality.frame(&mut w, &[(1.0, "1".to_owned()), (5.0, "5".to_owned()), (9.0, "9".to_owned())], Anchor::End);
        let mid = scale.max / 2.0;
        let ticks = [
            (0.0, "0".to_owned()),
            (mid, amount_text(Some(mid), unit)),
            (scale.max, amount_text(Some(scale.max), unit)),
        ];
        time.frame(&mut w, &ticks, Anchor::Start);
        let p = w.palette;
        quality.series(
            &mut w,
            &area.points,
            |pt| pt.rating.map(|r| f64::from(r.get())),
            Mark::Filled("ck-badge", p.arc),
            "ck-arc",
            p.arc,
            "2.5",
            "",
        );
        time.series(
            &mut w,
            &area.points,
            |pt| pt.spent,
            Mark::Filled("ck-spent", p.spent),
            "ck-spent-line",
            p.spent,
            "2",
            "",
        );
        time.series(
            &mut w,
            &area.points,
            |pt| pt.wished,
            Mark::Hollow("ck-wished-line", p.wished),
            "ck-wished-line",
            p.wished,
            "2",
            " stroke-dasharray=\"5 3\"",
        );
    }
    // Step labels under the last row: every k-th step, k as small as lets the widest label fit, and
    // always the latest one.
    let widest = labels.iter().map(|l| text_width(l, AXIS_SIZE)).fold(0.0, f64::max);
    for panel_x in [QUALITY_X, TIME_X] {
        let panel = Panel { x: panel_x, top: 0.0, steps, max: 1.0, min: 0.0 };
        for i in shown_steps(steps, panel.x_at(1) - panel.x_at(0), widest + 8.0) {
            w.text(panel.x_at(i), axis_y, Anchor::Middle, &Line::plain(labels[i].clone(), Tone::Muted, AXIS_SIZE), "");
        }
    }
    w.raw("</svg>");
    w.finish()
}

/// A dot drawn at each value.
enum Mark {
    Filled(&'static str, &'static str),
    /// A ring with no fill, so a spent dot of the same value shows through it.
    Hollow(&'static str, &'static str),
}

/// One small chart: `steps` evenly spaced columns, values from `min` (bottom) to `max` (top).
struct Panel {
    x: f64,
    top: f64,
    steps: usize,
    min: f64,
    max: f64,
}

impl Panel {
    fn x_at(&self, step: usize) -> f64 {
        if self.steps <= 1 {
            self.x + PANEL_W / 2.0
        } else {
            self.x + INSET + step as f64 * (PANEL_W - 2.0 * INSET) / (self.steps - 1) as f64
        }
    }

    fn y_at(&self, value: f64) -> f64 {
        let share = ((value - self.min) / (self.max - self.min)).clamp(0.0, 1.0);
        self.top + PANEL_H - share * PANEL_H
    }

    /// The panel's background, grid lines and their labels (left of the panel for `End`, right of
    /// it for `Start`).
    fn frame(&self, w: &mut Writer, ticks: &[(f64, String)], side: Anchor) {
        let p = w.palette;
        w.rect("ck-disk", &Rect::new(self.x, self.top, PANEL_W, PANEL_H), &format!("fill=\"{}\"", p.disk));
        for (value, label) in ticks {
            let y = self.y_at(*value);
            w.line("ck-grid", (self.x, y), (self.x + PANEL_W, y), &format!("stroke=\"{}\" stroke-width=\"1\"", p.grid));
            let x = if side == Anchor::End { self.x - 5.0 } else { self.x + PANEL_W + 5.0 };
            w.text(x, y + 3.5, side, &Line::plain(label.clone(), Tone::Muted, AXIS_SIZE), "");
        }
    }

    /// A line through the values `pick` finds, broken where a value is missing, with a dot at each.
    #[allow(clippy::too_many_arguments)] // The drawing attributes of one series; a struct would only rename them.
    fn series(
        &self,
        w: &mut Writer,
        points: &[TrendPoint],
        pick: impl Fn(&TrendPoint) -> Option<f64>,
        mark: Mark,
        line_class: &str,
        colour: &str,
        width: &str,
        dash: &str,
    ) {
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut previous_step: Option<usize> = None;
        for point in points {
            let Some(value) = pick(point) else {
                previous_step = None;
                continue;
            };
            let xy = (self.x_at(point.step), self.y_at(value));
            match (previous_step, runs.last_mut()) {
                (Some(prev), Some(run)) if prev + 1 == point.step => run.push(xy),
                _ => runs.push(vec![xy]),
            }
            previous_step = Some(point.step);
        }
        for run in runs.iter().filter(|r| r.len() > 1) {
            let d: String = run
                .iter()
                .enumerate()
                .map(|(i, (x, y))| format!("{}{} {}", if i == 0 { "M" } else { "L" }, n(*x), n(*y)))
                .collect();
            w.path(
                line_class,
                &d,
                &format!("fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\" stroke-linejoin=\"round\"{dash}"),
            );
        }
        for (x, y) in runs.iter().flatten() {
            match mark {
                Mark::Filled(class, fill) => w.circle(class, *x, *y, 3.5, &format!("fill=\"{fill}\"")),
                Mark::Hollow(class, stroke) => {
                    w.circle(class, *x, *y, 4.5, &format!("fill=\"none\" stroke=\"{stroke}\" stroke-width=\"1.6\""))
                }
            }
        }
    }
}

/// Which of `steps` evenly spaced labels to show, `spacing` apart, so that labels `room` wide do not
/// meet: the first, every k-th after it, and the last (in place of the one before it if too close).
fn shown_steps(steps: usize, spacing: f64, room: f64) -> Vec<usize> {
    if steps == 0 {
        return Vec::new();
    }
    let stride = if spacing > 0.0 { ((room / spacing).ceil() as usize).max(1) } else { steps };
    let mut shown: Vec<usize> = (0..steps).step_by(stride).collect();
    let last = steps - 1;
    if shown.last() != Some(&last) {
        if shown.len() > 1 && shown.last().is_some_and(|&l| last - l < stride) {
            shown.pop();
        }
        shown.push(last);
    }
    shown
}

fn time_scale(series: &TrendSeries) -> TimeScale {
    let largest =
        series.areas.iter().flat_map(|a| &a.points).flat_map(|p| [p.spent, p.wished]).flatten().fold(0.0, f64::max);
    TimeScale::for_largest(largest, series.unit)
}

fn step_labels(series: &TrendSeries, options: &TrendOptions) -> Vec<String> {
    match &options.step_labels {
        Some(labels) if labels.len() == series.times.len() => labels.clone(),
        _ => series.times.iter().map(|t| iso_date(*t)).collect(),
    }
}

/// The UTC calendar date of an instant, `YYYY-MM-DD` (days-to-civil, proleptic Gregorian).
pub(crate) fn iso_date(at: Millis) -> String {
    let days = at.0.div_euclid(Millis::DAY);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A plain-language account for the picture's `<desc>`: each area from first to last assessment.
fn describe(series: &TrendSeries, labels: &[String]) -> String {
    if series.times.is_empty() {
        return "No assessments yet.".to_owned();
    }
    let mut out = format!(
        "{} assessments from {} to {}; time is in {}.",
        series.times.len(),
        labels.first().map_or("", String::as_str),
        labels.last().map_or("", String::as_str),
        unit_text(series.unit)
    );
    for area in &series.areas {
        let first_last = |pick: &dyn Fn(&TrendPoint) -> Option<String>| {
            let values: Vec<String> = area.points.iter().filter_map(pick).collect();
            match (values.first(), values.last()) {
                (Some(a), Some(b)) if values.len() > 1 => format!("{a} then {b}"),
                (Some(a), _) => a.clone(),
                _ => "not entered".to_owned(),
            }
        };
        let quality = first_last(&|p| p.rating.map(|r| r.to_string()));
        let spent = first_last(&|p| p.spent.map(|v| amount_text(Some(v), series.unit)));
        let wished = first_last(&|p| p.wished.map(|v| amount_text(Some(v), series.unit)));
        out.push_str(&format!(" {}: quality {quality}; spent {spent}; wished {wished}.", area.name.as_str()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_labels_thin_out_and_keep_the_latest() {
        assert_eq!(shown_steps(4, 63.0, 70.0), [0, 3]);
        assert_eq!(shown_steps(4, 100.0, 70.0), [0, 1, 2, 3]);
        assert_eq!(shown_steps(10, 20.0, 70.0), [0, 4, 9]);
        assert_eq!(shown_steps(1, 0.0, 70.0), [0]);
        assert!(shown_steps(0, 0.0, 70.0).is_empty());
    }

    #[test]
    fn dates_are_civil_utc() {
        assert_eq!(iso_date(Millis(0)), "1970-01-01");
        assert_eq!(iso_date(Millis(951_782_400_000)), "2000-02-29");
        assert_eq!(iso_date(Millis(1_767_225_599_000)), "2025-12-31");
        assert_eq!(iso_date(Millis(-1)), "1969-12-31");
    }
}
