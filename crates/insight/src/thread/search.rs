//! Exhaustive search for the thread: every way of taking one item from each expert.
//!
//! With at most 6 experts of at most 5 items that is 15,625 combinations of at most 15 pairs,
//! a fraction of a millisecond, so no heuristic is needed and the runner-up comes for free.

use crate::similarity::SimilarityMatrix;

/// One combination (an item index per expert) and its score: the mean of its pairwise
/// set-relative similarities.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Candidate {
    pub items: Vec<usize>,
    pub score: f32,
}

/// The best combination, the best of the rest, and what a typical combination scores.
#[derive(Debug, Clone)]
pub(super) struct Ranking {
    pub best: Candidate,
    pub runner_up: Option<Candidate>,
    pub median: f32,
    pub combinations: usize,
}

/// Ranks all combinations of one item from each list in `choices` (each list non-empty), by
/// the mean of their pairs' similarities, `weakest` of the way towards their weakest pair's.
/// Returns None only when `choices` is empty or a list is empty.
pub(super) fn rank(sim: &SimilarityMatrix, choices: &[Vec<usize>], weakest: f32) -> Option<Ranking> {
    if choices.is_empty() || choices.iter().any(Vec::is_empty) {
        return None;
    }
    let pairs = (choices.len() * (choices.len() - 1) / 2).max(1) as f32;
    let mut odometer = vec![0usize; choices.len()];
    let mut scores = Vec::new();
    let mut best: Option<Candidate> = None;
    let mut second: Option<Candidate> = None;
    loop {
        let items: Vec<usize> = odometer.iter().zip(choices).map(|(&k, list)| list[k]).collect();
        let mut total = 0.0;
        let mut low = f32::MAX;
        for a in 0..items.len() {
            for b in a + 1..items.len() {
                let s = sim.get(items[a], items[b]);
                total += s;
                low = low.min(s);
            }
        }
        let mean = total / pairs;
        let score = if weakest > 0.0 && low < f32::MAX { mean + weakest * (low - mean) } else { mean };
        scores.push(score);
        // Ties keep the earlier combination, so results do not depend on float noise in order.
        if best.as_ref().is_none_or(|b| score > b.score) {
            second = best.take();
            best = Some(Candidate { items, score });
        } else if second.as_ref().is_none_or(|s| score > s.score) {
            second = Some(Candidate { items, score });
        }
        if !advance(&mut odometer, choices) {
            break;
        }
    }
    let combinations = scores.len();
    let mid = combinations / 2;
    let median = *scores.select_nth_unstable_by(mid, f32::total_cmp).1;
    best.map(|best| Ranking { best, runner_up: second, median, combinations })
}

/// Steps the odometer to the next combination; false after the last one.
fn advance(odometer: &mut [usize], choices: &[Vec<usize>]) -> bool {
    for (digit, list) in odometer.iter_mut().zip(choices).rev() {
        *digit += 1;
        if *digit < list.len() {
            return true;
        }
        *digit = 0;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_most_alike_combination_and_the_runner_up() {
        // Items 0,1 | 2,3 | 4,5: the thread is 1-3-5, the runner-up swaps one item.
        let strong = [(1, 3), (1, 5), (3, 5)];
        let middling = [(0, 3), (0, 5)];
        let m = SimilarityMatrix::from_fn(6, |i, j| {
            if i == j {
                1.0
            } else if strong.contains(&(i.min(j), i.max(j))) {
                0.9
            } else if middling.contains(&(i.min(j), i.max(j))) {
                0.7
            } else {
                0.1
            }
        });
        let r = rank(&m, &[vec![0, 1], vec![2, 3], vec![4, 5]], 0.0).unwrap();
        assert_eq!(r.best.items, [1, 3, 5]);
        assert_eq!(r.runner_up.unwrap().items, [0, 3, 5]);
        assert_eq!(r.combinations, 8);
        assert!(r.median < r.best.score);
    }

    #[test]
    fn weighting_the_weakest_pair_prefers_a_thread_whose_items_all_agree() {
        // Items 0,1 | 2,3 | 4,5. Combination 0-2-4 has one very close pair (0-2) and two weak
        // ones: mean 0.6, weakest 0.4. Combination 1-3-5 agrees evenly: mean 0.55, weakest 0.55.
        let m = SimilarityMatrix::from_fn(6, |i, j| match (i.min(j), i.max(j)) {
            (a, b) if a == b => 1.0,
            (0, 2) => 1.0,
            (0, 4) | (2, 4) => 0.4,
            (1, 3) | (1, 5) | (3, 5) => 0.55,
            _ => 0.0,
        });
        let choices = [vec![0, 1], vec![2, 3], vec![4, 5]];
        assert_eq!(rank(&m, &choices, 0.0).unwrap().best.items, [0, 2, 4], "the mean alone");
        let r = rank(&m, &choices, 0.5).unwrap();
        assert_eq!(r.best.items, [1, 3, 5]);
        assert!((r.best.score - 0.55).abs() < 1e-6 && (r.runner_up.unwrap().score - 0.5).abs() < 1e-6);
    }

    #[test]
    fn single_combination_and_empty_input() {
        let m = SimilarityMatrix::from_fn(2, |_, _| 0.5);
        let r = rank(&m, &[vec![0], vec![1]], 0.0).unwrap();
        assert_eq!((r.best.items.clone(), r.runner_up.is_none(), r.combinations), (vec![0, 1], true, 1));
        assert!(rank(&m, &[], 0.0).is_none());
        assert!(rank(&m, &[vec![0], vec![]], 0.0).is_none());
    }
}
