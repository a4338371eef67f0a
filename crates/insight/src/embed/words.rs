//! The second model: GloVe word vectors (50,000 most frequent words, 50 dimensions, int8), the
//! word-level evidence the engine blends with the distilled model.
//!
//! Why a second model: the distilled model reads WordPiece tokens of a sentence model, GloVe whole
//! words from co-occurrence over a large corpus. They err differently: on the labelled tuning sets
//! the blend of the two chose the right thread more often than either alone (crate README, round
//! 3). A text's vector is the SIF-weighted sum of its known words' vectors, as for the distilled
//! model; made by `scripts/insight/glove_words.py` (see `data/glove/NOTICE`).

use super::model::normalize;
use super::table::VectorTable;
use crate::InsightError;
use crate::similarity::SimilarityMatrix;
use crate::text;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

static VECTORS: &[u8] = include_bytes!("../../data/glove/vectors.bin");
static WORDS: &str = include_str!("../../data/glove/words.txt");
static EMBEDDED: OnceLock<Result<WordVectors, InsightError>> = OnceLock::new();

/// SIF coefficient for whole words, as the research notes used for GloVe (not tuned here): words
/// are fewer and more frequent than word pieces, so the coefficient is ten times the pieces' one.
const SIF_A: f64 = 1e-3;

/// GloVe word vectors with their frequency (SIF) weights.
#[derive(Debug)]
pub struct WordVectors {
    rows: HashMap<&'static str, u32>,
    table: VectorTable,
    weights: Vec<f32>,
}

impl WordVectors {
    /// The vectors compiled into this binary, loaded on first use and then shared.
    pub fn embedded() -> Result<&'static WordVectors, InsightError> {
        EMBEDDED.get_or_init(|| Self::from_bytes(VECTORS, WORDS)).as_ref().map_err(Clone::clone)
    }

    /// Builds the model from a CKV1 table and its word list (one entry per row, most frequent
    /// first, as GloVe was released).
    pub fn from_bytes(vectors: &'static [u8], words: &'static str) -> Result<Self, InsightError> {
        let table = VectorTable::parse(vectors)?;
        let list: Vec<&'static str> = words.lines().collect();
        if list.len() != table.rows() {
            return Err(InsightError::Model(format!("word list has {} entries for {} rows", list.len(), table.rows())));
        }
        let mut rows = HashMap::with_capacity(list.len());
        for (i, w) in list.iter().enumerate() {
            // The first (most frequent) row of a repeated entry wins.
            rows.entry(*w).or_insert(i as u32);
        }
        // Zipf's law on the frequency rank, as for the distilled model: p(row) = (1 / (row + 2)) / sum.
        let n = table.rows();
        let harmonic: f64 = (0..n).map(|r| 1.0 / (r as f64 + 2.0)).sum();
        let weights = (0..n).map(|r| (SIF_A / (SIF_A + 1.0 / ((r as f64 + 2.0) * harmonic))) as f32).collect();
        Ok(Self { rows, table, weights })
    }

    /// Rows of the known words of `text`, in order (GloVe is lower-case; unknown words are left out).
    pub fn word_rows(&self, text: &str) -> Vec<u32> {
        text::words(text).iter().filter_map(|w| self.rows.get(text::fold(w.text).as_str()).copied()).collect()
    }

    /// Unit vectors of `texts`, the words that also occur in `context` weighted by
    /// `context_weight` (1 = no discount). A text with no known word is all zeros.
    pub fn vectors(&self, texts: &[&str], context: &str, context_weight: f32) -> Vec<Vec<f32>> {
        let situation: HashSet<u32> = self.word_rows(context).into_iter().collect();
        texts
            .iter()
            .map(|t| {
                let mut acc = vec![0.0; self.table.dims()];
                for row in self.word_rows(t) {
                    let discount = if situation.contains(&row) { context_weight } else { 1.0 };
                    self.table.add_row(row as usize, self.weights[row as usize] * discount, &mut acc);
                }
                normalize(&mut acc);
                acc
            })
            .collect()
    }

    /// Cosine similarities of `texts`, the situation's words weighted by `context_weight`.
    pub fn similarities(&self, texts: &[&str], context: &str, context_weight: f32) -> SimilarityMatrix {
        SimilarityMatrix::from_unit_vectors(&self.vectors(texts, context, context_weight))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> &'static WordVectors {
        WordVectors::embedded().unwrap()
    }

    #[test]
    fn the_embedded_words_load_and_know_common_words() {
        let m = model();
        assert_eq!(m.table.rows(), 50_000);
        assert_eq!(
            m.word_rows("The Team’s budget"),
            vec![m.rows["the"], m.rows["budget"]],
            "unknown forms are left out"
        );
        assert!(m.weights[m.rows["the"] as usize] < 0.1 && m.weights[m.rows["budget"] as usize] > 0.5);
    }

    #[test]
    fn related_words_are_closer_than_unrelated_ones() {
        let s = model().similarities(&["praise the team", "thank your staff", "repair the roof"], "", 1.0);
        assert!(s.get(0, 1) > s.get(0, 2), "{} vs {}", s.get(0, 1), s.get(0, 2));
    }

    #[test]
    fn the_situations_words_count_for_less_when_discounted() {
        let texts = ["ask the board early", "ask people early", "shorter board papers"];
        let plain = model().similarities(&texts, "the board", 1.0);
        let halved = model().similarities(&texts, "the board", 0.5);
        let lead = |m: &SimilarityMatrix| m.get(0, 1) - m.get(0, 2);
        assert!(lead(&halved) > lead(&plain), "{} vs {}", lead(&halved), lead(&plain));
    }

    #[test]
    fn texts_without_known_words_are_zero_and_damaged_tables_are_refused() {
        assert!(model().vectors(&["", "🙂"], "", 1.0).iter().all(|v| v.iter().all(|&x| x == 0.0)));
        assert!(WordVectors::from_bytes(VECTORS, "the\n").is_err(), "a word list shorter than the table");
    }
}
