//! Choosing pairs: exact for the sizes a co-coaching session has, greedy plus repair at scale.
//!
//! The objective is the sum over pairs of (similarity - threshold): a pair is only worth forming if
//! it is more alike than the threshold, and leaving a challenge out costs nothing. Up to
//! [`EXACT_LIMIT`] challenges a subset dynamic programme finds the best set of pairs exactly
//! (2^16 states); beyond that, all worthwhile edges are taken greedily, best first, and then improved
//! by swapping partners between two pairs while that helps.

use crate::similarity::SimilarityMatrix;

/// Largest pool solved exactly: 2^16 states of at most 16 partners each, well under a millisecond.
pub(super) const EXACT_LIMIT: usize = 16;

/// What the pairing may and may not do, for the challenges in the pool.
pub(super) struct Rules<'a> {
    pub sim: &'a SimilarityMatrix,
    pub threshold: f32,
    /// A lower threshold for pairs that are each other's closest allowed challenge; at most
    /// `threshold`.
    pub mutual_threshold: f32,
    /// Are i and j each other's closest allowed challenge?
    pub mutual: &'a dyn Fn(usize, usize) -> bool,
    /// May i and j be in one team (different organisations and people, not rejected)?
    pub allowed: &'a dyn Fn(usize, usize) -> bool,
    /// Challenges that leave the pool when i joins a team (the same person's others, when a person
    /// may be in only one team); empty otherwise.
    pub siblings: &'a dyn Fn(usize) -> Vec<usize>,
}

impl Rules<'_> {
    fn gain(&self, i: usize, j: usize) -> Option<f32> {
        let bar = if (self.mutual)(i, j) { self.mutual_threshold } else { self.threshold };
        let g = self.sim.get(i, j) - bar;
        (g > 0.0 && (self.allowed)(i, j)).then_some(g)
    }
}

/// How the pairs were chosen, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    Exact,
    Greedy,
}

/// Pairs for the challenges in `pool` (indices into the similarity matrix).
pub(super) fn pairs(rules: &Rules<'_>, pool: &[usize]) -> (Vec<(usize, usize)>, Method) {
    if pool.len() <= EXACT_LIMIT { (exact(rules, pool), Method::Exact) } else { (greedy(rules, pool), Method::Greedy) }
}

fn exact(rules: &Rules<'_>, pool: &[usize]) -> Vec<(usize, usize)> {
    let n = pool.len();
    let full = (1usize << n) - 1;
    let bit_of = |challenge: usize| pool.iter().position(|&p| p == challenge).map_or(0, |k| 1usize << k);
    let sibling_bits: Vec<usize> =
        pool.iter().map(|&c| (rules.siblings)(c).into_iter().map(bit_of).fold(0, |a, b| a | b)).collect();
    // best[mask]: best total gain using only the challenges in mask; choice[mask]: partner of the
    // lowest challenge in mask (n = none). Masks only shrink, so ascending order is a valid order.
    let mut best = vec![0.0f32; full + 1];
    let mut choice = vec![n; full + 1];
    for mask in 1..=full {
        let i = mask.trailing_zeros() as usize;
        let rest = mask & !(1 << i);
        best[mask] = best[rest];
        for j in (i + 1..n).filter(|&j| rest & (1 << j) != 0) {
            if let Some(g) = rules.gain(pool[i], pool[j]) {
                let remaining = rest & !(1 << j) & !sibling_bits[i] & !sibling_bits[j];
                if best[remaining] + g > best[mask] {
                    best[mask] = best[remaining] + g;
                    choice[mask] = j;
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut mask = full;
    while mask != 0 {
        let i = mask.trailing_zeros() as usize;
        let j = choice[mask];
        if j < n {
            out.push((pool[i], pool[j]));
            mask &= !(1 << i) & !(1 << j) & !sibling_bits[i] & !sibling_bits[j];
        } else {
            mask &= !(1 << i);
        }
    }
    out
}

fn greedy(rules: &Rules<'_>, pool: &[usize]) -> Vec<(usize, usize)> {
    // Every worthwhile edge, best first. Keeping only each challenge's few nearest would be
    // cheaper, but "hub" challenges (close to everyone) then fill every list and most challenges
    // are left without a candidate; all edges of 2,000 challenges sort in well under a second.
    let mut edges: Vec<(f32, usize, usize)> = Vec::new();
    for (a, &i) in pool.iter().enumerate() {
        edges.extend(pool[a + 1..].iter().filter_map(|&j| rules.gain(i, j).map(|g| (g, i, j))));
    }
    edges.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));

    let size = pool.iter().max().map_or(0, |m| m + 1);
    let mut used = vec![false; size];
    let mut out = Vec::new();
    for (_, i, j) in edges {
        if !used[i] && !used[j] {
            used[i] = true;
            used[j] = true;
            (rules.siblings)(i).into_iter().chain((rules.siblings)(j)).for_each(|s| used[s] = true);
            out.push((i, j));
        }
    }
    improve(rules, &mut out);
    out
}

/// Swaps partners between two pairs while the swap raises the total gain (a few passes; each
/// pass is quadratic in the number of pairs, fine for 500). Swaps never change who is matched,
/// so the one-team-per-person rule stays satisfied.
fn improve(rules: &Rules<'_>, pairs: &mut [(usize, usize)]) {
    for _ in 0..4 {
        let mut changed = false;
        for x in 0..pairs.len() {
            for y in x + 1..pairs.len() {
                let ((a, b), (c, d)) = (pairs[x], pairs[y]);
                let now = rules.gain(a, b).unwrap_or(0.0) + rules.gain(c, d).unwrap_or(0.0);
                let options = [((a, c), (b, d)), ((a, d), (b, c))];
                let better = options
                    .into_iter()
                    .filter_map(|(p, q)| Some((rules.gain(p.0, p.1)? + rules.gain(q.0, q.1)?, p, q)))
                    .filter(|(g, _, _)| *g > now + 1e-6)
                    .max_by(|u, v| u.0.total_cmp(&v.0));
                if let Some((_, p, q)) = better {
                    pairs[x] = p;
                    pairs[y] = q;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(rules: &Rules<'_>, pairs: &[(usize, usize)]) -> f32 {
        pairs.iter().map(|&(i, j)| rules.gain(i, j).unwrap()).sum()
    }

    /// A small deterministic pseudo-random generator, so the test needs no extra crate.
    fn lcg(seed: &mut u64) -> f32 {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (*seed >> 40) as f32 / (1u64 << 24) as f32
    }

    #[test]
    fn exact_beats_the_obvious_greedy_trap() {
        // Greedy would take 0-1 (0.9) and strand 2 and 3; exact takes 0-2 + 1-3 (0.8 + 0.8).
        let m = SimilarityMatrix::from_fn(4, |i, j| match (i.min(j), i.max(j)) {
            (a, b) if a == b => 1.0,
            (0, 1) => 0.9,
            (0, 2) | (1, 3) => 0.8,
            _ => 0.0,
        });
        let allowed = |_: usize, _: usize| true;
        let none = |_: usize| Vec::new();
        let rules = Rules {
            sim: &m,
            threshold: 0.1,
            mutual_threshold: 0.1,
            mutual: &|_, _| false,
            allowed: &allowed,
            siblings: &none,
        };
        let mut got = exact(&rules, &[0, 1, 2, 3]);
        got.sort();
        assert_eq!(got, [(0, 2), (1, 3)]);
        // The greedy method falls into it (partner swaps cannot add a pair), which is why small
        // pools, the usual case, are solved exactly.
        assert_eq!(greedy(&rules, &[0, 1, 2, 3]), [(0, 1)]);
    }

    #[test]
    fn greedy_with_repair_is_close_to_exact() {
        let mut seed = 7;
        let mut ratios = Vec::new();
        for _ in 0..20 {
            let n = 14;
            let values: Vec<f32> = (0..n * n).map(|_| lcg(&mut seed)).collect();
            let m = SimilarityMatrix::from_fn(n, |i, j| if i == j { 1.0 } else { values[i.min(j) * n + i.max(j)] });
            let allowed = |i: usize, j: usize| (i % 2) != (j % 2); // two organisations
            let none = |_: usize| Vec::new();
            let rules = Rules {
                sim: &m,
                threshold: 0.3,
                mutual_threshold: 0.3,
                mutual: &|_, _| false,
                allowed: &allowed,
                siblings: &none,
            };
            let pool: Vec<usize> = (0..n).collect();
            let e = total(&rules, &exact(&rules, &pool));
            let g = total(&rules, &greedy(&rules, &pool));
            assert!(g <= e + 1e-4, "exact is optimal");
            ratios.push(g / e);
        }
        let mean = ratios.iter().sum::<f32>() / ratios.len() as f32;
        assert!(mean > 0.9, "greedy reaches {mean:.3} of the optimum on average");
    }

    #[test]
    fn siblings_leave_the_pool_together() {
        // 0 and 1 are one person's two challenges; 2 and 3 are others, both closest to that person.
        let m = SimilarityMatrix::from_fn(4, |i, j| if i == j { 1.0 } else { 0.8 });
        let allowed = |i: usize, j: usize| !matches!((i.min(j), i.max(j)), (0, 1) | (2, 3));
        let siblings = |i: usize| match i {
            0 => vec![1],
            1 => vec![0],
            _ => Vec::new(),
        };
        let rules = Rules {
            sim: &m,
            threshold: 0.1,
            mutual_threshold: 0.1,
            mutual: &|_, _| false,
            allowed: &allowed,
            siblings: &siblings,
        };
        assert_eq!(exact(&rules, &[0, 1, 2, 3]).len(), 1);
        assert_eq!(greedy(&rules, &[0, 1, 2, 3]).len(), 1);
    }
}
