//! Placing text blocks around a circle without overlaps. Each block starts just outside the
//! wheel on its sector's middle ray and is aligned away from the centre (left-aligned on the right
//! side, centred at the top and bottom, and so on), so text grows outwards. Blocks that still touch
//! a neighbour or the wheel move outwards along their ray, a few pixels at a time, until they are
//! clear; the picture's frame then grows to hold them.

use crate::geometry::{Rect, polar};

/// Clearance kept between two labels, and between a label and the wheel.
pub const LABEL_GAP: f64 = 6.0;
/// How far a label moves outwards per round when it touches something.
const STEP: f64 = 3.0;
/// Enough rounds for any 2..=12 labels (a test proves the worst case settles well within this);
/// the bound only guarantees the loop ends.
const MAX_ROUNDS: usize = 400;
/// |cos| below this counts as "top or bottom": the block is centred on the ray.
const CENTRED_BELOW: f64 = 0.3;

/// Where a text block's lines are anchored horizontally (SVG `text-anchor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Middle => "middle",
            Self::End => "end",
        }
    }

    /// The x at which lines of a block occupying `rect` are anchored.
    pub fn x_in(self, rect: &Rect) -> f64 {
        match self {
            Self::Start => rect.x,
            Self::Middle => rect.x + rect.w / 2.0,
            Self::End => rect.right(),
        }
    }
}

/// A block of text of a given size, to be placed on the ray at `angle`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Block {
    pub angle: f64,
    pub width: f64,
    pub height: f64,
}

/// Where a block ended up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub rect: Rect,
    pub anchor: Anchor,
}

/// The rectangle of a block whose nearest point to the centre sits at `radius` on its ray.
pub fn block_at(block: &Block, radius: f64) -> Placed {
    let (px, py) = polar(radius, block.angle);
    let (cos, sin) = (block.angle.cos(), block.angle.sin());
    let (x, anchor) = if cos > CENTRED_BELOW {
        (px, Anchor::Start)
    } else if cos < -CENTRED_BELOW {
        (px - block.width, Anchor::End)
    } else {
        (px - block.width / 2.0, Anchor::Middle)
    };
    let y = if sin < -CENTRED_BELOW {
        py - block.height
    } else if sin > CENTRED_BELOW {
        py
    } else {
        py - block.height / 2.0
    };
    Placed { rect: Rect::new(x, y, block.width, block.height), anchor }
}

/// Places every block outside the circle of `min_radius`, none overlapping another.
pub fn place(blocks: &[Block], min_radius: f64) -> Vec<Placed> {
    let mut radii = vec![min_radius + LABEL_GAP; blocks.len()];
    for _ in 0..MAX_ROUNDS {
        let placed: Vec<Placed> = blocks.iter().zip(&radii).map(|(b, r)| block_at(b, *r)).collect();
        let mut push = vec![false; blocks.len()];
        for (i, p) in placed.iter().enumerate() {
            if p.rect.distance_from_origin() < min_radius + LABEL_GAP {
                push[i] = true;
            }
            for (j, q) in placed.iter().enumerate().skip(i + 1) {
                if p.rect.overlaps(&q.rect, LABEL_GAP) {
                    push[i] = true;
                    push[j] = true;
                }
            }
        }
        if !push.contains(&true) {
            return placed;
        }
        for (r, pushed) in radii.iter_mut().zip(push) {
            if pushed {
                *r += STEP;
            }
        }
    }
    blocks.iter().zip(&radii).map(|(b, r)| block_at(b, *r)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::{BAND_OUTER, mid, sector_angles};
    use std::f64::consts::PI;

    #[test]
    fn blocks_grow_away_from_the_centre() {
        let close =
            |a: Rect, b: Rect| (a.x - b.x).abs() + (a.y - b.y).abs() + (a.w - b.w).abs() + (a.h - b.h).abs() < 1e-9;
        let top = block_at(&Block { angle: -PI / 2.0, width: 100.0, height: 40.0 }, 200.0);
        assert_eq!(top.anchor, Anchor::Middle);
        assert!(close(top.rect, Rect::new(-50.0, -240.0, 100.0, 40.0)), "{top:?}");
        let right = block_at(&Block { angle: 0.0, width: 100.0, height: 40.0 }, 200.0);
        assert_eq!(right.anchor, Anchor::Start);
        assert!(close(right.rect, Rect::new(200.0, -20.0, 100.0, 40.0)), "{right:?}");
        let left = block_at(&Block { angle: PI, width: 100.0, height: 40.0 }, 200.0);
        assert_eq!(left.anchor, Anchor::End);
        assert!((left.rect.right() + 200.0).abs() < 1e-9);
        assert!(Anchor::Middle.x_in(&top.rect).abs() < 1e-9);
    }

    #[test]
    fn the_largest_blocks_never_overlap_for_two_to_twelve_sectors() {
        // Wider and taller than any label the wheel makes (see wheel::tests for real labels).
        for n in 2..=12 {
            let blocks: Vec<Block> =
                sector_angles(n).into_iter().map(|s| Block { angle: mid(s), width: 180.0, height: 90.0 }).collect();
            let placed = place(&blocks, BAND_OUTER);
            for (i, a) in placed.iter().enumerate() {
                assert!(a.rect.distance_from_origin() >= BAND_OUTER + LABEL_GAP, "n={n} label {i} touches the wheel");
                for b in &placed[i + 1..] {
                    assert!(!a.rect.overlaps(&b.rect, LABEL_GAP), "n={n}: {a:?} and {b:?}");
                }
            }
        }
    }
}
