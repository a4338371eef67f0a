//! The wheel's geometry as pure functions: radii for ratings, sector angles, points on circles,
//! arc paths and rectangles. The wheel is centred on the origin; angles are in radians, measured
//! from the positive x axis and growing clockwise on screen (SVG's y axis points down), so −π/2 is
//! straight up.

use std::f64::consts::{PI, TAU};

/// Radius of the arc for rating 1: big enough that a rating badge fits in the narrowest sector.
pub const RADIUS_AT_1: f64 = 46.0;
/// Radius gained per step of rating.
pub const RADIUS_STEP: f64 = 16.0;
/// Radius of the arc for rating 9, the rim of the quality disk.
pub const RADIUS_AT_9: f64 = RADIUS_AT_1 + 8.0 * RADIUS_STEP;
/// Where the time bars start, just outside the rim.
pub const BAND_INNER: f64 = RADIUS_AT_9 + 12.0;
/// How long a time bar at the top of its scale is.
pub const BAND_LENGTH: f64 = 56.0;
/// Outside this radius there is only text.
pub const BAND_OUTER: f64 = BAND_INNER + BAND_LENGTH;

/// The radius of the quality arc for a rating from 1 to 9: linear, so each step reads the same.
pub fn radius(rating: u8) -> f64 {
    RADIUS_AT_1 + f64::from(rating.saturating_sub(1)) * RADIUS_STEP
}

/// The (start, end) angles of `n` equal sectors that together go once round the circle, the first
/// centred straight up. Each sector starts exactly where the previous one ended and the last ends
/// exactly one turn after the first starts.
pub fn sector_angles(n: usize) -> Vec<(f64, f64)> {
    if n == 0 {
        return Vec::new();
    }
    let step = TAU / n as f64;
    let first = -PI / 2.0 - step / 2.0;
    // Computed from the index rather than by adding steps, so rounding cannot accumulate; the last
    // end is set to exactly one turn.
    let boundary = |i: usize| if i == n { first + TAU } else { first + step * i as f64 };
    (0..n).map(|i| (boundary(i), boundary(i + 1))).collect()
}

/// The middle angle of a sector.
pub fn mid(angles: (f64, f64)) -> f64 {
    (angles.0 + angles.1) / 2.0
}

/// The point at `radius` and `angle` from the origin.
pub fn polar(radius: f64, angle: f64) -> (f64, f64) {
    (radius * angle.cos(), radius * angle.sin())
}

/// An SVG path for the arc of `radius` from `start` to `end` (clockwise).
pub fn arc_path(radius: f64, start: f64, end: f64) -> String {
    let (x0, y0) = polar(radius, start);
    format!("M{} {}{}", n(x0), n(y0), arc_to(radius, start, end))
}

/// An SVG path for the pie slice from the origin out to `radius` between `start` and `end`. A
/// whole turn is drawn as two half arcs, since one SVG arc cannot end where it starts.
pub fn wedge_path(radius: f64, start: f64, end: f64) -> String {
    let (x0, y0) = polar(radius, start);
    if end - start >= TAU - 1e-9 {
        let half = start + PI;
        return format!("M{} {}{}{}Z", n(x0), n(y0), arc_to(radius, start, half), arc_to(radius, half, start + TAU));
    }
    format!("M0 0L{} {}{}Z", n(x0), n(y0), arc_to(radius, start, end))
}

/// The `A` command from the point at `start` to the point at `end`.
fn arc_to(radius: f64, start: f64, end: f64) -> String {
    let (x1, y1) = polar(radius, end);
    let large = if end - start > PI { 1 } else { 0 };
    format!("A{r} {r} 0 {large} 1 {} {}", n(x1), n(y1), r = n(radius))
}

/// A number for SVG: two decimals at most, no trailing zeros, no "-0".
pub fn n(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Self { x, y, w, h }
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// True when the two rectangles share any area, with `gap` of clearance required between them.
    pub fn overlaps(&self, other: &Rect, gap: f64) -> bool {
        self.x < other.right() + gap
            && other.x < self.right() + gap
            && self.y < other.bottom() + gap
            && other.y < self.bottom() + gap
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(x, y, self.right().max(other.right()) - x, self.bottom().max(other.bottom()) - y)
    }

    /// The distance from the origin to the nearest point of the rectangle (0 if it holds the origin).
    pub fn distance_from_origin(&self) -> f64 {
        let dx = if self.x > 0.0 {
            self.x
        } else if self.right() < 0.0 {
            -self.right()
        } else {
            0.0
        };
        let dy = if self.y > 0.0 {
            self.y
        } else if self.bottom() < 0.0 {
            -self.bottom()
        } else {
            0.0
        };
        dx.hypot(dy)
    }

    /// The same rectangle grown by `margin` on every side.
    pub fn padded(&self, margin: f64) -> Rect {
        Rect::new(self.x - margin, self.y - margin, self.w + 2.0 * margin, self.h + 2.0 * margin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radius_strictly_grows_with_the_rating() {
        for r in 1..9u8 {
            assert!(radius(r + 1) > radius(r), "{r}");
            assert!((radius(r + 1) - radius(r) - RADIUS_STEP).abs() < 1e-9, "equal steps");
        }
        assert_eq!(radius(1), RADIUS_AT_1);
        assert_eq!(radius(9), RADIUS_AT_9);
        const { assert!(RADIUS_AT_9 < BAND_INNER && BAND_INNER < BAND_OUTER) };
    }

    #[test]
    fn sectors_cover_the_circle_exactly_once() {
        for count in 2..=12 {
            let sectors = sector_angles(count);
            assert_eq!(sectors.len(), count);
            let total: f64 = sectors.iter().map(|(s, e)| e - s).sum();
            assert!((total - TAU).abs() < 1e-9, "{count}: {total}");
            for pair in sectors.windows(2) {
                assert_eq!(pair[0].1, pair[1].0, "no gap and no overlap between neighbours");
            }
            let (first, last) = (sectors[0], sectors[count - 1]);
            assert_eq!(last.1, first.0 + TAU, "the last ends where the first began, one turn later");
            assert!(sectors.iter().all(|(s, e)| e > s));
            // Every direction falls in exactly one sector.
            for k in 0..720 {
                let a = first.0 + TAU * (k as f64 + 0.5) / 720.0;
                assert_eq!(sectors.iter().filter(|(s, e)| *s <= a && a < *e).count(), 1);
            }
            // The first sector is centred straight up.
            assert!((mid(first) + PI / 2.0).abs() < 1e-9);
        }
        assert!(sector_angles(0).is_empty());
    }

    #[test]
    fn paths_and_numbers() {
        assert_eq!(n(1.005), "1");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(12.5), "12.5");
        assert_eq!(arc_path(10.0, 0.0, PI / 2.0), "M10 0A10 10 0 0 1 0 10");
        assert_eq!(wedge_path(10.0, 0.0, PI / 2.0), "M0 0L10 0A10 10 0 0 1 0 10Z");
        assert!(wedge_path(10.0, 0.0, TAU).matches('A').count() == 2);
    }

    #[test]
    fn rectangles() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(a.overlaps(&Rect::new(5.0, 5.0, 10.0, 10.0), 0.0));
        assert!(!a.overlaps(&Rect::new(10.0, 0.0, 5.0, 5.0), 0.0));
        assert!(a.overlaps(&Rect::new(12.0, 0.0, 5.0, 5.0), 3.0));
        assert_eq!(Rect::new(3.0, 4.0, 1.0, 1.0).distance_from_origin(), 5.0);
        assert_eq!(Rect::new(-1.0, -1.0, 2.0, 2.0).distance_from_origin(), 0.0);
        assert_eq!(a.union(&Rect::new(-5.0, 2.0, 1.0, 20.0)), Rect::new(-5.0, 0.0, 15.0, 22.0));
    }
}
