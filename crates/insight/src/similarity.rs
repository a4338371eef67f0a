//! Similarity matrices, the representation trait both methods implement, and set-relative scores.
//!
//! Raw cosines of static embeddings sit high (two unrelated pieces of advice score about 0.6), so
//! decisions inside one request use similarities relative to that request: a z-score against the
//! pairs that could belong together (different experts, different organisations). Absolute scores
//! for "how alike are these two texts" go through [`calibrate`].

use crate::embed::StaticModel;

/// A way of turning texts into pairwise similarities: the static model, or the lexical baseline.
pub trait Representation: Sync {
    /// Short name for reports and benchmarks.
    fn name(&self) -> &'static str;
    /// Cosine similarities between all pairs of `texts` (1 on the diagonal unless a text is empty).
    fn similarities(&self, texts: &[&str]) -> SimilarityMatrix;
    /// Like [`similarities`](Self::similarities), knowing the situation the texts answer (the
    /// leader's capability and context). Methods that can use it discount the situation's own
    /// words; the default ignores it.
    fn similarities_in_context(&self, texts: &[&str], context: &str) -> SimilarityMatrix {
        let _ = context;
        self.similarities(texts)
    }
    /// Like [`similarities_in_context`](Self::similarities_in_context), knowing which texts come
    /// from one author (`groups[i]`: the expert of text i). Methods may remove what an author's
    /// texts have in common (their voice, the situation they keep naming); the default ignores it.
    fn similarities_by_author(&self, texts: &[&str], groups: &[usize], context: &str) -> SimilarityMatrix {
        let _ = groups;
        self.similarities_in_context(texts, context)
    }
    /// Similarities between co-coaching challenges (what, why and success joined). Methods may
    /// weigh their evidence differently for challenges than for advice; the default does not.
    fn challenge_similarities(&self, texts: &[&str]) -> SimilarityMatrix {
        self.similarities(texts)
    }
    /// The static model behind this representation, when there is one; explanations use it to
    /// name the words that made two texts alike.
    fn as_static(&self) -> Option<&StaticModel> {
        None
    }
    /// How many of a request's standard deviations above its typical allowed pair a pair of
    /// challenges must be to make a natural team. 0 (the typical pair itself) unless a method was
    /// calibrated otherwise.
    fn natural_pair_sd(&self) -> f32 {
        0.0
    }
    /// Hubness correction for advice: how many nearest candidates each item's "usual company" is
    /// measured over (0 = none). Applied by the thread search over the other experts' items.
    fn hubness_neighbours(&self) -> usize {
        0
    }
    /// The same for challenges, applied by the team code over the challenges each could be teamed
    /// with (other organisations, other people).
    fn challenge_hubness_neighbours(&self) -> usize {
        0
    }
    /// Teams: may two challenges that are each other's closest allowed match pass on the lower
    /// bar (the typical pair) when the method asks for a stricter one? True unless a method was
    /// calibrated otherwise.
    fn mutual_relief(&self) -> bool {
        true
    }
    /// Teams, with the relief: how many standard deviations above the typical pair each other's
    /// closest match must be (at most [`natural_pair_sd`](Self::natural_pair_sd)).
    fn mutual_pair_sd(&self) -> f32 {
        0.0
    }
    /// Teams: how many of each challenge's closest possible partners are left out of the group's
    /// typical pair (the bar's yardstick); 0 = every possible pair counts.
    fn background_skips_nearest(&self) -> usize {
        0
    }
    /// Teams: after pairing at the bar, pairs that are not each other's closest match are kept
    /// only when this many standard deviations above the typical pair (None = no pruning).
    fn prune_weak_pairs_sd(&self) -> Option<f32> {
        None
    }
    /// Threads: how much a combination's weakest pair counts beside the mean of its pairs (0 =
    /// only the mean). A thread whose items all agree beats one held together by a single very
    /// close pair.
    fn weakest_pair_weight(&self) -> f32 {
        0.0
    }
    /// The similarity two unrelated texts typically have on this method's own scale, when the
    /// scale has an absolute meaning; a natural pair must be above it whatever the group.
    fn unrelated_level(&self) -> Option<f32> {
        None
    }
}

/// A symmetric n x n matrix of similarities.
#[derive(Debug, Clone, PartialEq)]
pub struct SimilarityMatrix {
    n: usize,
    values: Vec<f32>,
}

impl SimilarityMatrix {
    /// Dot products of unit (or zero) vectors, i.e. cosines.
    pub fn from_unit_vectors(vectors: &[Vec<f32>]) -> Self {
        Self::from_fn(vectors.len(), |i, j| vectors[i].iter().zip(&vectors[j]).map(|(a, b)| a * b).sum())
    }

    /// Builds the matrix from a symmetric function, calling it once per pair (i <= j).
    pub fn from_fn(n: usize, f: impl Fn(usize, usize) -> f32) -> Self {
        let mut values = vec![0.0; n * n];
        for i in 0..n {
            for j in i..n {
                let d = f(i, j);
                values[i * n + j] = d;
                values[j * n + i] = d;
            }
        }
        Self { n, values }
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    pub fn get(&self, i: usize, j: usize) -> f32 {
        self.values[i * self.n + j]
    }

    /// The same matrix as z-scores against the pairs `eligible(i, j)` accepts (for i < j): 0 is a
    /// typical eligible pair, 1 is one standard deviation more alike. Returns the mean and
    /// standard deviation used. With fewer than two eligible pairs, or no spread, the scores are
    /// only shifted, so that a degenerate request still ranks sensibly.
    pub fn standardized(&self, eligible: impl Fn(usize, usize) -> bool) -> (Self, Background) {
        let mut sum = 0.0f64;
        let mut sum_sq = 0.0f64;
        let mut count = 0usize;
        for i in 0..self.n {
            for j in i + 1..self.n {
                if eligible(i, j) {
                    let v = f64::from(self.get(i, j));
                    sum += v;
                    sum_sq += v * v;
                    count += 1;
                }
            }
        }
        let mean = if count > 0 { sum / count as f64 } else { 0.0 };
        let var = if count > 1 { (sum_sq / count as f64 - mean * mean).max(0.0) } else { 0.0 };
        let sd = if var.sqrt() > 1e-6 { var.sqrt() } else { 1.0 };
        let values = self.values.iter().map(|&v| ((f64::from(v) - mean) / sd) as f32).collect();
        (Self { n: self.n, values }, Background { mean: mean as f32, sd: sd as f32 })
    }
}

impl SimilarityMatrix {
    /// Cross-domain similarity local scaling (CSLS) over candidates: each pair's similarity less
    /// the mean of the two texts' `r`, where `r(i)` is i's mean similarity to its `k` most similar
    /// candidates (`candidate(i, j)`), shifted back by the mean `r` so the scale stays put. A text
    /// close to everything ("hub") then needs to be closer to this one than to its usual company.
    /// With `k` = 0, or no candidates, the matrix is unchanged.
    pub fn hubness_corrected(&self, k: usize, candidate: impl Fn(usize, usize) -> bool) -> Self {
        let n = self.n;
        if k == 0 || n < 2 {
            return self.clone();
        }
        let r: Vec<Option<f32>> = (0..n)
            .map(|i| {
                let mut others: Vec<f32> =
                    (0..n).filter(|&j| j != i && candidate(i, j)).map(|j| self.get(i, j)).collect();
                let k = k.min(others.len());
                if k == 0 {
                    return None;
                }
                // Only the k largest matter: a partial selection, not a sort (1,000 challenges).
                if k < others.len() {
                    others.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a));
                }
                Some(others[..k].iter().sum::<f32>() / k as f32)
            })
            .collect();
        let known: Vec<f32> = r.iter().flatten().copied().collect();
        if known.is_empty() {
            return self.clone();
        }
        let mean_r = known.iter().sum::<f32>() / known.len() as f32;
        let r: Vec<f32> = r.into_iter().map(|x| x.unwrap_or(mean_r)).collect();
        Self::from_fn(n, |i, j| if i == j { self.get(i, j) } else { self.get(i, j) - (r[i] + r[j]) / 2.0 + mean_r })
    }
}

/// What a typical pair looked like in one request: the yardstick in explanations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Background {
    pub mean: f32,
    pub sd: f32,
}

/// How alike two texts are, on two scales.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Similarity {
    /// Cosine of the two embeddings, -1 to 1.
    pub cosine: f32,
    /// 0 for a typical unrelated pair or less alike, 1 for identical; see [`calibrate`].
    pub relatedness: f32,
}

/// Cosine of two unrelated short texts, typically: the median over pairs of advice written for
/// different situations in `eval/own_advice_sets.json` (checked by `tests/calibration.rs`). Static
/// embeddings share a large common component, so this is far from 0.
pub const UNRELATED_COSINE: f32 = 0.60;

/// Cosine above which two texts are more alike than 95 of 100 unrelated pairs (same source and test).
pub const SAME_THING_COSINE: f32 = 0.77;

/// Maps a cosine of the static model onto 0..1, where 0 is "as alike as unrelated texts usually
/// are" and 1 is identical.
pub fn calibrate(cosine: f32) -> f32 {
    ((cosine - UNRELATED_COSINE) / (1.0 - UNRELATED_COSINE)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standardizing_uses_only_eligible_pairs() {
        let v = vec![vec![1.0, 0.0], vec![0.6, 0.8], vec![0.0, 1.0]];
        let m = SimilarityMatrix::from_unit_vectors(&v);
        assert!((m.get(0, 1) - 0.6).abs() < 1e-6 && m.get(0, 2).abs() < 1e-6);
        let (z, bg) = m.standardized(|_, _| true);
        assert!((bg.mean - (0.6 + 0.0 + 0.8) / 3.0).abs() < 1e-5);
        assert!(z.get(1, 2) > z.get(0, 1) && z.get(0, 1) > z.get(0, 2));
        let (shifted, bg) = m.standardized(|i, j| (i, j) == (0, 1));
        assert_eq!(bg.sd, 1.0, "one pair has no spread: shift only");
        assert!((shifted.get(0, 1)).abs() < 1e-6);
    }

    #[test]
    fn hubness_correction_discounts_a_text_close_to_every_candidate() {
        // 0 is a hub, 0.8 to 1, 3 and 4; 1 and 2 are 0.78 to each other; 2 is not near the hub.
        let m = SimilarityMatrix::from_fn(5, |i, j| match (i.min(j), i.max(j)) {
            (a, b) if a == b => 1.0,
            (0, 2) => 0.5,
            (0, _) => 0.8,
            (1, 2) => 0.78,
            _ => 0.2,
        });
        let c = m.hubness_corrected(2, |_, _| true);
        assert!(m.get(0, 1) > m.get(1, 2) && c.get(1, 2) > c.get(0, 1), "the pair beats the hub after correction");
        assert_eq!(m.hubness_corrected(0, |_, _| true), m, "k = 0 changes nothing");
    }

    #[test]
    fn hubness_correction_measures_usual_company_over_candidates_only() {
        // 0 and 1 are one expert's near-duplicate items (0.95), 2 and 3 another's; every pair of
        // candidates (different experts) is 0.5, so nobody is a hub among their candidates.
        let m = SimilarityMatrix::from_fn(4, |i, j| match (i.min(j), i.max(j)) {
            (a, b) if a == b => 1.0,
            (0, 1) => 0.95,
            (2, 3) => 0.2,
            _ => 0.5,
        });
        let candidate = |i: usize, j: usize| (i < 2) != (j < 2);
        let over_candidates = m.hubness_corrected(1, candidate);
        for i in 0..4 {
            for j in 0..4 {
                assert!((over_candidates.get(i, j) - m.get(i, j)).abs() < 1e-6, "({i}, {j}) unchanged");
            }
        }
        assert_ne!(m.hubness_corrected(1, |_, _| true), m, "counting the sibling would have changed it");
        assert_eq!(m.hubness_corrected(3, |_, _| false), m, "no candidates: unchanged");
    }

    #[test]
    fn calibration_is_clamped() {
        assert_eq!(calibrate(0.1), 0.0);
        assert_eq!(calibrate(1.0), 1.0);
        assert!(calibrate(0.8) > 0.0 && calibrate(0.8) < 1.0);
    }
}
