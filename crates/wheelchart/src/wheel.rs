//! The balance wheel as SVG. Each area is a sector; its quality is an arc (with a shaded wedge
//! under it) whose radius grows with the rating, 1 small to 9 large, labelled by a numbered badge
//! and by ring numbers along one edge. Just outside the rim each area has two short radial bars,
//! time spent (solid) and time wished (outlined), on one scale, so the gap reads at a glance; the
//! numbers repeat in the area's label. Areas named as the place to look are tinted, with a rim
//! outside the band.

use crate::geometry::{
    BAND_INNER, BAND_LENGTH, BAND_OUTER, RADIUS_AT_9, Rect, arc_path, mid, n, polar, radius, sector_angles, wedge_path,
};
use crate::labels::{Anchor, Block, Placed, place};
use crate::legend::{LegendRow, Swatch, draw_legend, legend_size};
use crate::svg::{Line, Span, Tone, Writer, block_size, id_prefix, open_root};
use crate::table::{amount_text, describe, wheel_table};
use crate::text::wrap;
use crate::theme::Theme;
use coachkit_domain::wheel::{Assessment, Reading, TimeUnit};

/// Size of an area's name in its label.
pub(crate) const NAME_SIZE: f64 = 14.0;
/// Size of the numbers and notes under a name.
pub(crate) const DETAIL_SIZE: f64 = 12.0;
/// Names wrap to this width...
pub(crate) const NAME_WIDTH: f64 = 150.0;
/// ...on at most this many lines (longer names end with "…"; the table has them whole).
pub(crate) const NAME_LINES: usize = 3;
/// Width of one time bar: a share of the sector's width at the band, within these bounds.
const BAR_WIDTH_MIN: f64 = 11.0;
const BAR_WIDTH_MAX: f64 = 18.0;
/// Space between the two bars of an area.
const BAR_GAP: f64 = 4.0;
/// Radius of the rim drawn round a place to look; labels start outside it.
const LOOK_RIM: f64 = BAND_OUTER + 6.0;
/// Labels stay outside this circle (the band and the place-to-look rim).
pub(crate) const LABEL_RADIUS: f64 = LOOK_RIM + 4.0;
/// Space between the wheel (with its labels) and the heading or legend.
const SECTION_GAP: f64 = 18.0;
/// Margin around the whole picture.
const MARGIN: f64 = 16.0;
/// Size of an area's number in the compact picture.
const COMPACT_NUMBER_SIZE: f64 = 26.0;

/// How a wheel is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct WheelOptions {
    /// The picture's accessible name, shown as its heading when `show_title` is set.
    pub title: String,
    /// A second heading line, such as the date of the assessment.
    pub subtitle: Option<String>,
    pub show_title: bool,
    pub show_legend: bool,
    /// Outline the areas the reading names as the place to look.
    pub mark_place_to_look: bool,
    pub theme: Theme,
    /// Prefix of the ids inside the picture; must differ between pictures on one page. Characters
    /// other than ASCII letters, digits, '-' and '_' are dropped.
    pub id_prefix: String,
    /// For a phone's width: each area is marked by its number in large type instead of a label
    /// beside the wheel, so the picture can fill a narrow screen with every mark readable. The
    /// page lists the numbered areas with their values under it.
    pub compact: bool,
}

impl Default for WheelOptions {
    fn default() -> Self {
        Self {
            title: "Balance wheel".to_owned(),
            subtitle: None,
            show_title: true,
            show_legend: true,
            mark_place_to_look: true,
            theme: Theme::Auto,
            id_prefix: "wheel".to_owned(),
            compact: false,
        }
    }
}

/// The length of time bars: the dashed outer ring stands for `max`, a round number at or above the
/// largest time in the picture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct TimeScale {
    pub max: f64,
    pub unit: TimeUnit,
}

impl TimeScale {
    /// The scale for every time in `assessments`.
    pub fn of(assessments: &[&Assessment], unit: TimeUnit) -> Self {
        let largest = assessments
            .iter()
            .flat_map(|a| a.entries().iter().flat_map(|e| [e.spent, e.wished]).flatten().map(|t| t.value()))
            .fold(0.0, f64::max);
        Self::for_largest(largest, unit)
    }

    /// The smallest round scale that holds `largest`.
    pub fn for_largest(largest: f64, unit: TimeUnit) -> Self {
        let steps: &[f64] = match unit {
            TimeUnit::HoursPerWeek => &[5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0, 80.0, 100.0, 120.0, 168.0],
            TimeUnit::ShareOfTime => &[10.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0, 75.0, 100.0],
        };
        let max = steps.iter().copied().find(|s| *s >= largest).unwrap_or(unit.limit());
        Self { max, unit }
    }

    fn length(&self, value: f64) -> f64 {
        (value / self.max).clamp(0.0, 1.0) * BAND_LENGTH
    }

    fn describe(&self) -> String {
        match self.unit {
            TimeUnit::HoursPerWeek => format!("{} a week", amount_text(Some(self.max), self.unit)),
            TimeUnit::ShareOfTime => format!("{} of time", amount_text(Some(self.max), self.unit)),
        }
    }
}

/// Markup of a wheel centred on the origin, and the box it occupies (labels included).
pub(crate) struct Drawing {
    pub body: String,
    pub bounds: Rect,
}

/// The balance wheel of `assessment` as a complete SVG document. The assessment carries its own
/// copy of the template's areas, so the picture always shows the areas that were rated.
pub fn wheel_svg(assessment: &Assessment, options: &WheelOptions) -> String {
    let scale = TimeScale::of(&[assessment], assessment.unit());
    let drawing = draw_wheel(assessment, options, scale);
    let marked = options.mark_place_to_look && !Reading::of(assessment).place_to_look.is_empty();
    let heading =
        if options.show_title { heading_lines(&options.title, options.subtitle.as_deref()) } else { Vec::new() };
    let legend = if options.show_legend { wheel_legend(scale, marked) } else { Vec::new() };
    let (heading_w, heading_h) = block_size(&heading);
    let (legend_w, legend_h) = legend_size(&legend);

    let b = drawing.bounds;
    let content_w = b.w.max(heading_w).max(legend_w);
    let left = b.x + b.w / 2.0 - content_w / 2.0;
    let heading_rect = Rect::new(left, b.y - SECTION_GAP - heading_h, heading_w, heading_h);
    let legend_top = b.bottom() + SECTION_GAP;
    let top = if heading.is_empty() { b.y } else { heading_rect.y };
    let bottom = if legend.is_empty() { b.bottom() } else { legend_top + legend_h };
    let frame = Rect::new(left, top, content_w, bottom - top).padded(MARGIN);

    let ids = id_prefix(&options.id_prefix);
    let mut w = Writer::new(options.theme);
    open_root(&mut w, options.theme, &frame, &ids, &options.title, &describe(&wheel_table(assessment)), "ck-wheel");
    w.block(&heading_rect, Anchor::Start, &heading);
    w.raw(&drawing.body);
    draw_legend(&mut w, &legend, left, legend_top);
    w.raw("</svg>");
    w.finish()
}

/// A picture's visible heading: the title, and a quieter second line if there is one.
pub(crate) fn heading_lines(title: &str, subtitle: Option<&str>) -> Vec<Line> {
    let mut lines: Vec<Line> =
        wrap(title, 17.0, 520.0, 2).into_iter().map(|l| Line::plain(l, Tone::Fg, 17.0)).collect();
    if let Some(sub) = subtitle.filter(|s| !s.trim().is_empty()) {
        lines.extend(wrap(sub, DETAIL_SIZE, 520.0, 2).into_iter().map(|l| Line::plain(l, Tone::Muted, DETAIL_SIZE)));
    }
    lines
}

/// Draws the wheel itself (no heading, no legend), centred on the origin.
pub(crate) fn draw_wheel(assessment: &Assessment, options: &WheelOptions, scale: TimeScale) -> Drawing {
    let mut w = Writer::new(options.theme);
    let p = w.palette;
    let sectors = sector_angles(assessment.areas().len());
    let look = if options.mark_place_to_look { Reading::of(assessment).place_to_look } else { Vec::new() };

    // The disk and the nine rings.
    w.circle("ck-disk", 0.0, 0.0, RADIUS_AT_9, &format!("fill=\"{}\"", p.disk));
    for rating in 1..=9u8 {
        let dash = if rating == 9 { "" } else { " stroke-dasharray=\"2 3\"" };
        w.circle(
            "ck-grid",
            0.0,
            0.0,
            radius(rating),
            &format!("fill=\"none\" stroke=\"{}\" stroke-width=\"1\"{dash}", p.grid),
        );
    }
    // The time band's baseline and its scale ring.
    w.circle("ck-grid", 0.0, 0.0, BAND_INNER, &format!("fill=\"none\" stroke=\"{}\" stroke-width=\"1\"", p.grid));
    w.circle(
        "ck-grid",
        0.0,
        0.0,
        BAND_OUTER,
        &format!("fill=\"none\" stroke=\"{}\" stroke-width=\"1\" stroke-dasharray=\"4 4\"", p.grid),
    );
    // The place to look: a tint over the whole sector and a strong rim outside the band. No radial
    // edges, which would run through the ring numbers.
    for &i in &look {
        let (start, end) = sectors[i];
        w.path("ck-look", &wedge_path(LOOK_RIM, start, end), &format!("fill=\"{}\" fill-opacity=\"0.07\"", p.look));
        let pad = 4.0 / LOOK_RIM;
        w.path(
            "ck-look-line",
            &arc_path(LOOK_RIM, start + pad, end - pad),
            &format!("fill=\"none\" stroke=\"{}\" stroke-width=\"3\" stroke-linecap=\"round\"", p.look),
        );
    }

    // Quality: a shaded wedge under a strong arc at the rating's radius. Wedges fill their whole
    // sector so neighbouring shades meet on the sector edge; arcs stop short of it so two equal
    // ratings side by side still read as two arcs.
    for ((start, end), entry) in sectors.iter().zip(assessment.entries()) {
        let Some(rating) = entry.rating else { continue };
        let r = radius(rating.get());
        w.path("ck-wedge", &wedge_path(r, *start, *end), &format!("fill=\"{}\" fill-opacity=\"0.16\"", p.arc));
    }
    for (start, _) in &sectors {
        w.line(
            "ck-grid",
            (0.0, 0.0),
            polar(RADIUS_AT_9, *start),
            &format!("stroke=\"{}\" stroke-width=\"1.2\"", p.grid),
        );
    }
    for ((start, end), entry) in sectors.iter().zip(assessment.entries()) {
        let Some(rating) = entry.rating else { continue };
        let r = radius(rating.get());
        let pad = 6.0 / r;
        w.path(
            "ck-arc",
            &arc_path(r, start + pad, end - pad),
            &format!("fill=\"none\" stroke=\"{}\" stroke-width=\"5\" stroke-linecap=\"round\"", p.arc),
        );
    }

    // Ring numbers along the first sector's edge, with a halo so edges and arcs do not cut them.
    let edge = sectors.first().map_or(-std::f64::consts::FRAC_PI_2, |s| s.0);
    for rating in 1..=9u8 {
        let (x, y) = polar(radius(rating), edge);
        let halo = format!(
            "class=\"ck-ring-label\" stroke=\"{}\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\"",
            p.disk
        );
        w.text(x, y + 3.4, Anchor::Middle, &Line::plain(rating.to_string(), Tone::Muted, 9.5), &halo);
    }

    // Time bars and rating badges.
    let bar_width = sectors
        .first()
        .map_or(BAR_WIDTH_MIN, |(s, e)| ((e - s) * BAND_INNER * 0.14).clamp(BAR_WIDTH_MIN, BAR_WIDTH_MAX));
    for ((start, end), entry) in sectors.iter().zip(assessment.entries()) {
        let angle = mid((*start, *end));
        let offset = (bar_width + BAR_GAP) / 2.0 * spent_first_side(angle);
        if let Some(spent) = entry.spent {
            let d = bar_path(angle, -offset, bar_width, scale.length(spent.value()));
            w.path("ck-spent", &d, &format!("fill=\"{}\" stroke=\"{}\" stroke-width=\"1\"", p.spent, p.spent));
        }
        if let Some(wished) = entry.wished {
            let d = bar_path(angle, offset, bar_width, scale.length(wished.value()));
            w.path(
                "ck-wished",
                &d,
                &format!(
                    "fill=\"{}\" stroke=\"{}\" stroke-width=\"1.6\" stroke-linejoin=\"round\"",
                    p.wished_fill, p.wished
                ),
            );
        }
        if let Some(rating) = entry.rating {
            let (x, y) = polar(radius(rating.get()), angle);
            w.circle("ck-badge", x, y, 10.5, &format!("fill=\"{}\"", p.arc));
            w.text(x, y + 4.1, Anchor::Middle, &Line::plain(rating.to_string(), Tone::BadgeText, 11.5), "");
        }
    }

    if options.compact {
        // Numbers just outside the band, in type large enough to read when the picture is
        // shrunk to a phone's width (about 0.6 of its size).
        for (i, (start, end)) in sectors.iter().enumerate() {
            let (x, y) = polar(LABEL_RADIUS + COMPACT_NUMBER_SIZE * 0.75, mid((*start, *end)));
            let number = Line::plain((i + 1).to_string(), Tone::Fg, COMPACT_NUMBER_SIZE);
            w.text(x, y + COMPACT_NUMBER_SIZE * 0.36, Anchor::Middle, &number, "class=\"ck-area-number\"");
        }
        let r = LABEL_RADIUS + COMPACT_NUMBER_SIZE * 1.6;
        return Drawing { body: w.finish(), bounds: Rect::new(-r, -r, 2.0 * r, 2.0 * r) };
    }
    // Labels outside the band.
    let mut bounds = Rect::new(-LABEL_RADIUS, -LABEL_RADIUS, 2.0 * LABEL_RADIUS, 2.0 * LABEL_RADIUS);
    for (lines, spot) in area_labels(assessment, &look) {
        w.block(&spot.rect, spot.anchor, &lines);
        bounds = bounds.union(&spot.rect);
    }
    Drawing { body: w.finish(), bounds }
}

/// Every area's label with the place it gets outside the wheel.
pub(crate) fn area_labels(assessment: &Assessment, look: &[usize]) -> Vec<(Vec<Line>, Placed)> {
    let labels: Vec<Vec<Line>> = assessment
        .rows()
        .enumerate()
        .map(|(i, (area, entry))| label_lines(area.name.as_str(), entry, assessment.unit(), look.contains(&i)))
        .collect();
    let blocks: Vec<Block> = labels
        .iter()
        .zip(sector_angles(labels.len()))
        .map(|(lines, s)| {
            let (width, height) = block_size(lines);
            Block { angle: mid(s), width, height }
        })
        .collect();
    labels.into_iter().zip(place(&blocks, LABEL_RADIUS)).collect()
}

/// The lines of one area's label: its name, then "spent → wished", then what is missing or notable.
pub(crate) fn label_lines(
    name: &str,
    entry: &coachkit_domain::wheel::AreaEntry,
    unit: TimeUnit,
    look: bool,
) -> Vec<Line> {
    let mut lines: Vec<Line> = wrap(name, NAME_SIZE, NAME_WIDTH, NAME_LINES)
        .into_iter()
        .map(|l| Line::plain(l, Tone::Fg, NAME_SIZE))
        .collect();
    let spent = entry.spent.map(|t| t.value());
    let wished = entry.wished.map(|t| t.value());
    if spent.is_some() || wished.is_some() {
        lines.push(Line {
            spans: vec![
                Span::new(amount_text(spent, unit), Tone::Spent),
                Span::new(" → ", Tone::Muted),
                Span::new(amount_text(wished, unit), Tone::Wished),
            ],
            size: DETAIL_SIZE,
        });
    } else {
        lines.push(Line::plain("time not entered", Tone::Muted, DETAIL_SIZE));
    }
    if entry.rating.is_none() {
        lines.push(Line::plain("not rated yet", Tone::Muted, DETAIL_SIZE));
    }
    if look {
        lines.push(Line::plain("● place to look", Tone::Look, DETAIL_SIZE));
    }
    lines
}

/// Which way along the bars' sideways axis (+1 or −1) the wished bar goes, so that on screen the
/// spent bar is always the left one, or the upper one where the pair sits more above each other
/// than beside, in every area: the legend can say it once for the whole wheel.
fn spent_first_side(angle: f64) -> f64 {
    let (vx, vy) = (-angle.sin(), angle.cos());
    if vx.abs() >= vy.abs() { vx.signum() } else { vy.signum() }
}

/// A bar along the ray at `angle`, shifted sideways by `offset`, from the band's baseline outwards.
fn bar_path(angle: f64, offset: f64, width: f64, length: f64) -> String {
    // A zero still shows as a sliver, so "none" reads differently from "not entered".
    let length = length.max(1.5);
    let (ux, uy) = (angle.cos(), angle.sin());
    let (vx, vy) = (-uy, ux);
    let corner = |r: f64, side: f64| {
        let s = offset + side * width / 2.0;
        (r * ux + s * vx, r * uy + s * vy)
    };
    let points = [
        corner(BAND_INNER, -1.0),
        corner(BAND_INNER + length, -1.0),
        corner(BAND_INNER + length, 1.0),
        corner(BAND_INNER, 1.0),
    ];
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        d.push_str(&format!("{}{} {}", if i == 0 { "M" } else { "L" }, n(*x), n(*y)));
    }
    d.push('Z');
    d
}

/// The wheel's legend: arcs, bars and their scale, and the place to look when one is marked.
pub(crate) fn wheel_legend(scale: TimeScale, marked: bool) -> Vec<LegendRow> {
    let mut rows = vec![
        LegendRow::new([(Swatch::Arc, "Quality of engagement: arc and badge, from 1 (small) to 9 (large)".to_owned())]),
        LegendRow::new([
            (Swatch::Spent, "Time spent now (left or upper bar)".to_owned()),
            (Swatch::Wished, "Time wished (right or lower bar)".to_owned()),
        ]),
        LegendRow::new([(Swatch::Ring, format!("Dashed ring: {}", scale.describe()))]),
    ];
    if marked {
        rows.push(LegendRow::new([(Swatch::Look, "Place to look: low quality, and more time wished".to_owned())]));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::LABEL_GAP;

    /// The centre of a bar drawn by `bar_path`, from its path's four corners.
    fn centre(d: &str) -> (f64, f64) {
        let numbers: Vec<f64> =
            d.split(['M', 'L', 'Z', ' ']).filter(|t| !t.is_empty()).map(|t| t.parse().unwrap()).collect();
        let (xs, ys): (Vec<f64>, Vec<f64>) = numbers.chunks(2).map(|p| (p[0], p[1])).unzip();
        (xs.iter().sum::<f64>() / 4.0, ys.iter().sum::<f64>() / 4.0)
    }

    #[test]
    fn the_spent_bar_is_left_of_the_wished_bar_in_every_direction() {
        for step in 0..360 {
            let angle = (step as f64).to_radians() - std::f64::consts::FRAC_PI_2;
            let offset = 6.0 * spent_first_side(angle);
            let (sx, sy) = centre(&bar_path(angle, -offset, 8.0, 30.0));
            let (wx, wy) = centre(&bar_path(angle, offset, 8.0, 30.0));
            if (sx - wx).abs() >= (sy - wy).abs() {
                assert!(sx < wx, "at {step}°, spent ({sx}, {sy}) is right of wished ({wx}, {wy})");
            } else {
                assert!(
                    sy < wy,
                    "at {step}°, the pair stands vertically: spent ({sx}, {sy}) must be above ({wx}, {wy})"
                );
            }
        }
    }
    use crate::text::text_width;
    use coachkit_domain::wheel::{AreaName, RawArea, RawEntry, Template};
    use proptest::prelude::*;

    /// An assessment of `names` whose labels are as tall as labels get: a time line and "not rated
    /// yet" on every other area (the tests add the place-to-look line to all).
    fn tallest(names: &[String]) -> Assessment {
        let rows: Vec<RawArea> = names.iter().map(|n| RawArea::new(n.clone(), "")).collect();
        let template = Template::parse("t", &rows).unwrap();
        let entries: Vec<RawEntry> = (0..names.len())
            .map(|i| RawEntry {
                rating: if i % 2 == 0 { "1".into() } else { String::new() },
                // The widest time line a 12-area week allows: "10.5 h → 13.5 h".
                spent: "10.5".into(),
                wished: "13.5".into(),
                note: String::new(),
            })
            .collect();
        Assessment::parse(template, TimeUnit::HoursPerWeek, &entries).unwrap()
    }

    fn assert_clear(assessment: &Assessment) {
        let every: Vec<usize> = (0..assessment.areas().len()).collect();
        let labels = area_labels(assessment, &every);
        let n = labels.len();
        for (i, (lines, spot)) in labels.iter().enumerate() {
            assert!(spot.rect.distance_from_origin() >= LABEL_RADIUS, "n={n}: label {i} reaches into the wheel");
            for line in lines {
                assert!(line.width() <= spot.rect.w + 1e-9, "n={n}: a line is wider than its box");
            }
            for line in lines.iter().filter(|l| l.size == NAME_SIZE) {
                assert!(line.width() <= NAME_WIDTH, "n={n}: name line {:?} not wrapped", line.spans[0].text);
            }
            for (j, (_, other)) in labels.iter().enumerate().skip(i + 1) {
                assert!(!spot.rect.overlaps(&other.rect, LABEL_GAP), "n={n}: labels {i} and {j} overlap");
            }
        }
    }

    #[test]
    fn labels_never_overlap_for_two_to_twelve_areas_with_the_longest_names() {
        let shapes: [fn(usize) -> String; 4] = [
            // One unbreakable word of the widest letter.
            |i| format!("{}{i:02}", "W".repeat(AreaName::MAX - 2)),
            // Wide words with spaces.
            |i| format!("{} {i:02}", ["WWWW"; 7].join(" ")),
            // Ordinary long names.
            |i| format!("Accountability and reporting to the {i:02}"),
            // Narrow letters: many fit on a line.
            |i| format!("{}{i:02}", "il".repeat(19)),
        ];
        for shape in shapes {
            for n in 2..=12 {
                let names: Vec<String> = (0..n).map(shape).collect();
                assert!(names.iter().all(|s| s.chars().count() <= AreaName::MAX));
                assert_clear(&tallest(&names));
            }
        }
    }

    #[test]
    fn long_names_wrap_to_at_most_three_lines_and_keep_their_words() {
        let lines =
            label_lines("Developing the senior team as coaches", &Default::default(), TimeUnit::HoursPerWeek, false);
        let names: Vec<String> =
            lines.iter().filter(|l| l.size == NAME_SIZE).map(|l| l.spans[0].text.clone()).collect();
        assert!(names.len() >= 2 && names.len() <= NAME_LINES, "{names:?}");
        assert_eq!(names.join(" "), "Developing the senior team as coaches");
        let w = "W".repeat(40);
        let lines = label_lines(&w, &Default::default(), TimeUnit::HoursPerWeek, true);
        let names: Vec<&Line> = lines.iter().filter(|l| l.size == NAME_SIZE).collect();
        assert_eq!(names.len(), NAME_LINES);
        assert!(names.iter().all(|l| text_width(&l.spans[0].text, NAME_SIZE) <= NAME_WIDTH));
        let texts: Vec<&str> = lines.iter().map(|l| l.spans[0].text.as_str()).collect();
        assert!(
            texts.contains(&"time not entered")
                && texts.contains(&"not rated yet")
                && texts.contains(&"● place to look")
        );
    }

    #[test]
    fn time_scales_are_round_and_hold_the_largest_time() {
        assert_eq!(TimeScale::for_largest(0.0, TimeUnit::HoursPerWeek).max, 5.0);
        assert_eq!(TimeScale::for_largest(24.0, TimeUnit::HoursPerWeek).max, 25.0);
        assert_eq!(TimeScale::for_largest(168.0, TimeUnit::HoursPerWeek).max, 168.0);
        assert_eq!(TimeScale::for_largest(80.0, TimeUnit::ShareOfTime).max, 100.0);
        let s = TimeScale::for_largest(40.0, TimeUnit::ShareOfTime);
        assert_eq!(s.length(40.0), BAND_LENGTH);
        assert_eq!(s.length(0.0), 0.0);
        assert!(s.length(10.0) < s.length(20.0));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn labels_of_any_names_never_overlap(raw in prop::collection::vec("[ -~À-ÿ中Ж]{1,40}", 2..=12)) {
            // Whatever parses as a template gets clear labels.
            let rows: Vec<RawArea> = raw.iter().map(|n| RawArea::new(n.clone(), "")).collect();
            if let Ok(template) = Template::parse("t", &rows) {
                let names: Vec<String> = template.areas().iter().map(|a| a.name.as_str().to_owned()).collect();
                assert_clear(&tallest(&names));
            }
        }
    }
}
