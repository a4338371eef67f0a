//! Legends: rows of small samples of the marks, each with what it means. The samples are drawn
//! with the same classes and colours as the marks, so they change with the theme alongside them.

use crate::geometry::{Rect, n};
use crate::labels::Anchor;
use crate::svg::{Line, Tone, Writer};

/// Size of legend text.
pub(crate) const LEGEND_SIZE: f64 = 12.0;

/// A small sample of one kind of mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Swatch {
    /// The quality arc of the wheel.
    Arc,
    /// The solid bar of time spent.
    Spent,
    /// The outlined bar of time wished.
    Wished,
    /// The dashed ring that sets the bars' scale.
    Ring,
    /// The tint and rim of a place to look.
    Look,
    /// Trend lines: quality (solid, filled dots), spent (solid), wished (dashed, hollow dots).
    QualityLine,
    SpentLine,
    WishedLine,
}

/// One row of a legend.
pub(crate) struct LegendRow {
    items: Vec<(Swatch, Line)>,
}

impl LegendRow {
    pub const HEIGHT: f64 = 21.0;
    const SWATCH: f64 = 22.0;
    const TEXT_GAP: f64 = 6.0;
    const ITEM_GAP: f64 = 18.0;

    pub fn new(items: impl IntoIterator<Item = (Swatch, String)>) -> Self {
        Self { items: items.into_iter().map(|(s, text)| (s, Line::plain(text, Tone::Muted, LEGEND_SIZE))).collect() }
    }

    pub fn width(&self) -> f64 {
        self.items.iter().map(|(_, line)| Self::SWATCH + Self::TEXT_GAP + line.width()).sum::<f64>()
            + Self::ITEM_GAP * self.items.len().saturating_sub(1) as f64
    }

    pub fn draw(&self, w: &mut Writer, left: f64, top: f64) {
        let mid_y = top + Self::HEIGHT / 2.0;
        let mut x = left;
        for (swatch, line) in &self.items {
            draw_swatch(w, *swatch, x, mid_y);
            let text_x = x + Self::SWATCH + Self::TEXT_GAP;
            w.text(text_x, mid_y + line.size * 0.36, Anchor::Start, line, "");
            x = text_x + line.width() + Self::ITEM_GAP;
        }
    }
}

/// The widest row and the total height of `rows`.
pub(crate) fn legend_size(rows: &[LegendRow]) -> (f64, f64) {
    (rows.iter().map(LegendRow::width).fold(0.0, f64::max), rows.len() as f64 * LegendRow::HEIGHT)
}

/// Draws `rows` one under another from (`left`, `top`).
pub(crate) fn draw_legend(w: &mut Writer, rows: &[LegendRow], left: f64, top: f64) {
    for (i, row) in rows.iter().enumerate() {
        row.draw(w, left, top + i as f64 * LegendRow::HEIGHT);
    }
}

fn draw_swatch(w: &mut Writer, swatch: Swatch, x: f64, mid_y: f64) {
    let p = w.palette;
    let bar = Rect::new(x + 1.0, mid_y - 5.0, 20.0, 10.0);
    let (left, right) = ((x + 1.0, mid_y), (x + 21.0, mid_y));
    match swatch {
        Swatch::Arc => w.path(
            "ck-arc",
            &format!(
                "M{} {}Q{} {} {} {}",
                n(x + 1.0),
                n(mid_y + 5.0),
                n(x + 11.0),
                n(mid_y - 7.0),
                n(x + 21.0),
                n(mid_y + 5.0)
            ),
            &format!("fill=\"none\" stroke=\"{}\" stroke-width=\"4\" stroke-linecap=\"round\"", p.arc),
        ),
        Swatch::Spent => w.rect("ck-spent", &bar, &format!("fill=\"{}\"", p.spent)),
        Swatch::Wished => w.rect(
            "ck-wished",
            &bar,
            &format!("fill=\"{}\" stroke=\"{}\" stroke-width=\"1.6\"", p.wished_fill, p.wished),
        ),
        Swatch::Ring => w.line(
            "ck-grid",
            (x, mid_y),
            (x + LegendRow::SWATCH, mid_y),
            &format!("stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"4 4\"", p.grid),
        ),
        Swatch::Look => {
            w.rect(
                "ck-look",
                &Rect::new(x + 1.0, mid_y - 6.0, 20.0, 12.0),
                &format!("fill=\"{}\" fill-opacity=\"0.07\"", p.look),
            );
            w.line(
                "ck-look-line",
                (x + 2.5, mid_y - 6.0),
                (x + 19.5, mid_y - 6.0),
                &format!("stroke=\"{}\" stroke-width=\"3\" stroke-linecap=\"round\"", p.look),
            );
        }
        Swatch::QualityLine => {
            w.line("ck-arc", left, right, &format!("stroke=\"{}\" stroke-width=\"2.5\"", p.arc));
            w.circle("ck-badge", x + 11.0, mid_y, 3.5, &format!("fill=\"{}\"", p.arc));
        }
        Swatch::SpentLine => {
            w.line("ck-spent-line", left, right, &format!("stroke=\"{}\" stroke-width=\"2\"", p.spent));
            w.circle("ck-spent", x + 11.0, mid_y, 3.5, &format!("fill=\"{}\"", p.spent));
        }
        Swatch::WishedLine => {
            w.line(
                "ck-wished-line",
                left,
                right,
                &format!("stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"5 3\"", p.wished),
            );
            w.circle(
                "ck-wished-line",
                x + 11.0,
                mid_y,
                4.5,
                &format!("fill=\"none\" stroke=\"{}\" stroke-width=\"1.6\"", p.wished),
            );
        }
    }
}
