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
    /// The static model behind this representation, when there is one; explanations use it to
    /// name the words that made two texts alike.
    fn as_static(&self) -> Option<&StaticModel> {
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
    fn calibration_is_clamped() {
        assert_eq!(calibrate(0.1), 0.0);
        assert_eq!(calibrate(1.0), 1.0);
        assert!(calibrate(0.8) > 0.0 && calibrate(0.8) < 1.0);
    }
}
