//! The distilled static model: vocabulary, int8 table and frequency (SIF) weights.

use super::table::VectorTable;
use super::wordpiece::{WordPiece, pre_tokens};
use crate::InsightError;
use crate::similarity::{Representation, SimilarityMatrix};
use crate::text;
use std::sync::OnceLock;

static VECTORS: &[u8] = include_bytes!("../../data/m2v/vectors.bin");
static VOCAB: &str = include_str!("../../data/m2v/vocab.txt");
static EMBEDDED: OnceLock<Result<StaticModel, InsightError>> = OnceLock::new();

/// Smooth inverse frequency coefficient `a` in `a / (a + p(token))`: Model2Vec's default, kept
/// rather than tuned so that the development sets do not choose it. Frequent tokens ("the", "to")
/// get almost no weight; rare, meaningful ones get nearly 1.
const SIF_A: f64 = 1e-4;

/// A static embedding model: each token has one vector, a text is the weighted sum of its tokens.
#[derive(Debug)]
pub struct StaticModel {
    vocab: WordPiece,
    table: VectorTable,
    /// Per-row SIF weight; the table applies its own per-row int8 scale on top.
    weights: Vec<f32>,
}

/// How much one word of a text contributed to its similarity with a direction (another text's
/// vector, or the centre of several); positive means the word pulled the texts together.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordContribution {
    pub start: usize,
    pub end: usize,
    pub score: f32,
}

impl StaticModel {
    /// The model compiled into this binary, loaded on first use (about 10 ms) and then shared.
    pub fn embedded() -> Result<&'static StaticModel, InsightError> {
        EMBEDDED.get_or_init(|| Self::from_bytes(VECTORS, VOCAB)).as_ref().map_err(Clone::clone)
    }

    /// Builds a model from a CKV1 table and its vocabulary (one token per row).
    pub fn from_bytes(vectors: &'static [u8], vocab: &'static str) -> Result<Self, InsightError> {
        let table = VectorTable::parse(vectors)?;
        let vocab = WordPiece::parse(vocab, table.rows())?;
        // The vocabulary is ordered roughly by frequency, so Zipf's law turns the row number
        // into a probability, as Model2Vec does: p(row) = (1 / (row + 2)) / sum.
        let rows = table.rows();
        let harmonic: f64 = (0..rows).map(|r| 1.0 / (r as f64 + 2.0)).sum();
        let weights = (0..rows).map(|r| (SIF_A / (SIF_A + 1.0 / ((r as f64 + 2.0) * harmonic))) as f32).collect();
        Ok(Self { vocab, table, weights })
    }

    pub fn dims(&self) -> usize {
        self.table.dims()
    }

    /// Vocabulary rows of the known pieces of `text`, in order (unknown words are left out).
    pub fn token_ids(&self, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        self.vocab.token_ids(text, &mut ids);
        ids
    }

    /// The text's vector scaled to unit length, or all zeros when no word of it is known
    /// (empty text, emoji, a script the vocabulary lacks).
    pub fn embed(&self, text: &str) -> Vec<f32> {
        let mut v = self.sum(&self.token_ids(text));
        normalize(&mut v);
        v
    }

    /// Like [`embed`](Self::embed) for pieces already looked up, with each piece's SIF weight
    /// multiplied by `factor(id)` (used to discount pieces that many texts of one request share).
    pub fn embed_ids_weighted(&self, ids: &[u32], factor: impl Fn(u32) -> f32) -> Vec<f32> {
        let mut acc = vec![0.0; self.dims()];
        for &id in ids {
            let row = id as usize;
            let w = self.weights.get(row).copied().unwrap_or(0.0) * factor(id);
            self.table.add_row(row, w, &mut acc);
        }
        normalize(&mut acc);
        acc
    }

    fn sum(&self, ids: &[u32]) -> Vec<f32> {
        let mut acc = vec![0.0; self.dims()];
        for &id in ids {
            let row = id as usize;
            self.table.add_row(row, self.weights.get(row).copied().unwrap_or(0.0), &mut acc);
        }
        acc
    }

    /// Splits `cosine(text, direction)` into the words of `text` (`direction` must have unit
    /// length). Exact, because the text's vector is a sum over its tokens: the scores add up to the
    /// cosine, less the small share of punctuation (which belongs to no word). Spans are words of
    /// the original text (see [`text::words`]).
    pub fn word_contributions(&self, text: &str, direction: &[f32]) -> Vec<WordContribution> {
        let mut pieces = Vec::new(); // (start, end, raw vector)
        let mut total = vec![0.0; self.dims()];
        for token in pre_tokens(text) {
            let mut ids = Vec::new();
            if self.vocab.word_ids(&token.normalized, &mut ids) {
                let v = self.sum(&ids);
                total.iter_mut().zip(&v).for_each(|(t, x)| *t += x);
                pieces.push((token.start, token.end, dot(&v, direction)));
            }
        }
        let norm = dot(&total, &total).sqrt();
        if norm == 0.0 {
            return Vec::new();
        }
        // Pre-tokens split words at apostrophes and hyphens; gather them back onto whole words
        // so that a highlight covers "don't", not "don".
        text::words(text)
            .into_iter()
            .map(|w| {
                let score = pieces.iter().filter(|p| p.0 >= w.start && p.1 <= w.end).map(|p| p.2).sum::<f32>();
                WordContribution { start: w.start, end: w.end, score: score / norm }
            })
            .collect()
    }
}

impl Representation for StaticModel {
    fn name(&self) -> &'static str {
        "static (MiniLM distilled, int8)"
    }

    fn similarities(&self, texts: &[&str]) -> SimilarityMatrix {
        let vectors: Vec<Vec<f32>> = texts.iter().map(|t| self.embed(t)).collect();
        SimilarityMatrix::from_unit_vectors(&vectors)
    }

    fn as_static(&self) -> Option<&StaticModel> {
        Some(self)
    }

    fn unrelated_level(&self) -> Option<f32> {
        Some(crate::similarity::UNRELATED_COSINE)
    }
}

/// Scales `v` to unit length; leaves a zero vector alone.
pub(crate) fn normalize(v: &mut [f32]) {
    let norm = dot(v, v).sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> &'static StaticModel {
        StaticModel::embedded().unwrap()
    }

    fn cos(a: &str, b: &str) -> f32 {
        dot(&model().embed(a), &model().embed(b))
    }

    #[test]
    fn paraphrases_are_closer_than_unrelated_advice() {
        let a = "Hand whole projects, decisions included, to your senior people and let them run them.";
        let b = "Give your experienced staff entire pieces of work and let them own the outcome.";
        let c = "Get enough sleep and exercise before big meetings.";
        assert!(cos(a, b) > cos(a, c) + 0.05, "{} vs {}", cos(a, b), cos(a, c));
        assert!((cos(a, a) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn texts_without_known_words_embed_to_zero() {
        for text in ["", "   ", "🙂🚀", "\u{0}\u{200B}"] {
            assert!(model().embed(text).iter().all(|&x| x == 0.0), "{text:?}");
        }
        assert_eq!(cos("", "anything at all"), 0.0);
    }

    #[test]
    fn word_contributions_add_up_to_the_cosine() {
        // No punctuation, so every token belongs to a word and the split is exact.
        let text = "Stop redoing their work at night and trust them to own the result";
        let other = model().embed("Let your people own their results instead of redoing their work.");
        let parts = model().word_contributions(text, &other);
        let total: f32 = parts.iter().map(|p| p.score).sum();
        assert!((total - dot(&model().embed(text), &other)).abs() < 1e-4);
        let best = parts.iter().max_by(|a, b| a.score.total_cmp(&b.score)).unwrap();
        assert!(["work", "redoing", "own", "trust", "result"].contains(&&text[best.start..best.end]));
    }
}
