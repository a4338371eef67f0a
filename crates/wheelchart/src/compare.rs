//! Two assessments side by side: two wheels drawn on one time scale (so bars compare across them),
//! each under its caption, with one legend. The per-area changes are in [`crate::comparison_table`],
//! which the page shows as a table under the picture; the description repeats them.

use crate::geometry::Rect;
use crate::labels::Anchor;
use crate::legend::{draw_legend, legend_size};
use crate::svg::{Line, Tone, Writer, block_size, id_prefix, open_root};
use crate::table::{comparison_table, unit_text};
use crate::text::wrap;
use crate::theme::Theme;
use crate::wheel::{TimeScale, WheelOptions, draw_wheel, heading_lines, wheel_legend};
use coachkit_domain::wheel::{Assessment, Comparison, Reading, TimeUnit, common_unit};
use std::borrow::Cow;

/// Space between the two wheels.
const GAP: f64 = 48.0;
const CAPTION_SIZE: f64 = 15.0;

/// How a comparison is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonOptions {
    /// The picture's accessible name and heading.
    pub title: String,
    /// Shown above each wheel, such as the dates of the two assessments.
    pub before_caption: String,
    pub after_caption: String,
    pub theme: Theme,
    /// Prefix of the ids inside the picture (see [`WheelOptions::id_prefix`]).
    pub id_prefix: String,
}

impl Default for ComparisonOptions {
    fn default() -> Self {
        Self {
            title: "Two balance wheels compared".to_owned(),
            before_caption: "Before".to_owned(),
            after_caption: "After".to_owned(),
            theme: Theme::Auto,
            id_prefix: "compare".to_owned(),
        }
    }
}

/// `before` and `after` side by side as a complete SVG document. When their units differ, both
/// are drawn in shares of time, as the comparison table reads them.
pub fn comparison_svg(before: &Assessment, after: &Assessment, options: &ComparisonOptions) -> String {
    let unit = common_unit([before, after]);
    let (before, after) = (in_unit(before, unit), in_unit(after, unit));
    let scale = TimeScale::of(&[&before, &after], unit);
    let wheel_options = WheelOptions { theme: options.theme, ..WheelOptions::default() };
    let left = draw_wheel(&before, &wheel_options, scale);
    let right = draw_wheel(&after, &wheel_options, scale);
    let marked = [&before, &after].iter().any(|a| !Reading::of(a).place_to_look.is_empty());

    let heading = heading_lines(&options.title, None);
    let (heading_w, heading_h) = block_size(&heading);
    let caption = |text: &str| -> Vec<Line> {
        wrap(text, CAPTION_SIZE, 360.0, 2).into_iter().map(|l| Line::plain(l, Tone::Fg, CAPTION_SIZE)).collect()
    };
    let captions = [caption(&options.before_caption), caption(&options.after_caption)];
    let caption_h = captions.iter().map(|c| block_size(c).1).fold(0.0, f64::max);
    let legend = wheel_legend(scale, marked);
    let (legend_w, legend_h) = legend_size(&legend);

    // Wheels' centres share one horizontal line; the left wheel's box starts at x = 0.
    let wheels_top = heading_h + 16.0 + caption_h + 8.0;
    let centre_y = wheels_top - left.bounds.y.min(right.bounds.y);
    let shifts = [(-left.bounds.x, centre_y), (left.bounds.w + GAP - right.bounds.x, centre_y)];
    let wheels_bottom = centre_y + left.bounds.bottom().max(right.bounds.bottom());
    let wheels_w = left.bounds.w + GAP + right.bounds.w;
    let legend_top = wheels_bottom + 18.0;
    let width = wheels_w.max(heading_w).max(legend_w);
    let frame = Rect::new(0.0, 0.0, width, legend_top + legend_h).padded(16.0);

    let ids = id_prefix(&options.id_prefix);
    let mut w = Writer::new(options.theme);
    let desc = describe(&Comparison::between(&before, &after), options);
    open_root(&mut w, options.theme, &frame, &ids, &options.title, &desc, "ck-compare");
    w.block(&Rect::new(0.0, 0.0, heading_w, heading_h), Anchor::Start, &heading);
    for ((drawing, (dx, dy)), lines) in [&left, &right].into_iter().zip(shifts).zip(&captions) {
        let (cw, ch) = block_size(lines);
        let caption_top = wheels_top - 8.0 - ch;
        w.block(&Rect::new(dx - cw / 2.0, caption_top, cw, ch), Anchor::Middle, lines);
        w.raw(&format!("<g transform=\"translate({} {})\">", crate::geometry::n(dx), crate::geometry::n(dy)));
        w.raw(&drawing.body);
        w.raw("</g>");
    }
    draw_legend(&mut w, &legend, 0.0, legend_top);
    w.raw("</svg>");
    w.finish()
}

/// The assessment in `unit`: itself when it already is, otherwise its shares.
fn in_unit(assessment: &Assessment, unit: TimeUnit) -> Cow<'_, Assessment> {
    if assessment.unit() == unit {
        return Cow::Borrowed(assessment);
    }
    // Only hours-to-shares happens here (a common unit that differs is always shares), which needs
    // no week length and cannot exceed 100%; should it fail anyway, the picture shows the
    // assessment as entered rather than nothing.
    match assessment.converted(unit, coachkit_domain::wheel::HOURS_IN_WEEK) {
        Ok(converted) => Cow::Owned(converted),
        Err(_) => Cow::Borrowed(assessment),
    }
}

fn describe(comparison: &Comparison, options: &ComparisonOptions) -> String {
    let mut out = format!(
        "{} on the left, {} on the right; time is in {}.",
        options.before_caption,
        options.after_caption,
        unit_text(comparison.unit)
    );
    for row in comparison_table(comparison) {
        out.push_str(&format!(
            " {}: quality {} then {} ({}); time spent {} then {}; time wished {} then {}.",
            row.area,
            row.rating.before,
            row.rating.after,
            row.rating.change,
            row.spent.before,
            row.spent.after,
            row.wished.before,
            row.wished.after
        ));
    }
    out
}
