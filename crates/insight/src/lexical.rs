//! The lexical method: stemmed words weighted by tf-idf. It is the baseline the static model is
//! measured against, and it finds the words two texts literally share, for highlighting.
//!
//! Its known weakness is paraphrase: "hand over decisions" and "let them own the result" share no
//! stem, so it cannot see that they give the same advice.

use crate::similarity::{Representation, SimilarityMatrix};
use crate::text::{self, Word};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// A content word of a text and its Snowball stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term<'a> {
    pub word: Word<'a>,
    pub stem: String,
}

/// The words of `text` that can carry a theme (stopwords and single letters left out), stemmed.
pub fn terms(text: &str) -> Vec<Term<'_>> {
    text::words(text)
        .into_iter()
        .filter_map(|word| {
            let folded = text::fold(word.text);
            if text::is_stopword(&folded) || folded.chars().count() < 2 {
                return None;
            }
            let stem = stemmer().stem(folded.trim_end_matches("'s")).into_owned();
            Some(Term { word, stem })
        })
        .collect()
}

/// A stem found in several texts, with every place it occurs.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SharedTerm {
    /// The stem, e.g. "deleg".
    pub stem: String,
    /// A readable form: the shortest lower-cased word seen with that stem, e.g. "delegate".
    pub label: String,
    /// Which texts use it (indices into the caller's list), in order.
    pub texts: Vec<usize>,
    /// Every occurrence, for highlighting.
    pub occurrences: Vec<Occurrence>,
}

/// One place a word occurs: the text's index and the byte range in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Occurrence {
    pub text: usize,
    pub start: usize,
    pub end: usize,
}

/// Stems used by at least `min_texts` of `texts`, most widely shared first.
pub fn shared_terms(texts: &[&str], min_texts: usize) -> Vec<SharedTerm> {
    let mut by_stem: BTreeMap<String, SharedTerm> = BTreeMap::new();
    for (i, t) in texts.iter().enumerate() {
        for term in terms(t) {
            let folded = text::fold(term.word.text);
            let entry = by_stem.entry(term.stem.clone()).or_insert_with(|| SharedTerm {
                stem: term.stem.clone(),
                label: folded.clone(),
                texts: Vec::new(),
                occurrences: Vec::new(),
            });
            if folded.len() < entry.label.len() {
                entry.label = folded;
            }
            if entry.texts.last() != Some(&i) {
                entry.texts.push(i);
            }
            entry.occurrences.push(Occurrence { text: i, start: term.word.start, end: term.word.end });
        }
    }
    let mut shared: Vec<SharedTerm> = by_stem.into_values().filter(|s| s.texts.len() >= min_texts.max(1)).collect();
    shared.sort_by(|a, b| b.texts.len().cmp(&a.texts.len()).then_with(|| a.label.cmp(&b.label)));
    shared
}

/// Stemmed tf-idf with the document frequencies of the texts being compared: a word every text
/// uses says nothing about which two belong together.
#[derive(Debug, Clone, Copy, Default)]
pub struct TfIdf;

impl Representation for TfIdf {
    fn name(&self) -> &'static str {
        "lexical (stemmed tf-idf)"
    }

    fn similarities(&self, texts: &[&str]) -> SimilarityMatrix {
        let mut index: HashMap<String, u32> = HashMap::new();
        let counts: Vec<BTreeMap<u32, f32>> = texts
            .iter()
            .map(|t| {
                let mut c = BTreeMap::new();
                for term in terms(t) {
                    let next = index.len() as u32;
                    let id = *index.entry(term.stem).or_insert(next);
                    *c.entry(id).or_insert(0.0) += 1.0;
                }
                c
            })
            .collect();
        let mut df = vec![0.0f32; index.len()];
        for c in &counts {
            c.keys().for_each(|&id| df[id as usize] += 1.0);
        }
        let n = texts.len() as f32;
        let vectors: Vec<Vec<(u32, f32)>> = counts
            .into_iter()
            .map(|c| {
                // Sublinear tf and smoothed idf, as in scikit-learn's TfidfVectorizer.
                let mut v: Vec<(u32, f32)> = c
                    .into_iter()
                    .map(|(id, tf)| (id, (1.0 + tf.ln()) * (((1.0 + n) / (1.0 + df[id as usize])).ln() + 1.0)))
                    .collect();
                let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|(_, x)| *x /= norm);
                }
                v
            })
            .collect();
        SimilarityMatrix::from_fn(texts.len(), |i, j| sparse_dot(&vectors[i], &vectors[j]))
    }
}

/// Dot product of two sparse vectors sorted by id.
fn sparse_dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_stemmed_content_words() {
        let stems: Vec<String> =
            terms("Delegating decisions to your team is delegation.").into_iter().map(|t| t.stem).collect();
        assert_eq!(stems, ["deleg", "decis", "team", "deleg"]);
    }

    #[test]
    fn shared_terms_find_common_stems_with_positions() {
        let texts = ["Give feedback early.", "Early feedback beats a late review.", "Sleep well."];
        let shared = shared_terms(&texts, 2);
        let labels: Vec<&str> = shared.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["early", "feedback"]);
        for occ in &shared[0].occurrences {
            assert_eq!(texts[occ.text][occ.start..occ.end].to_lowercase(), "early");
        }
    }

    #[test]
    fn tfidf_sees_shared_words_but_not_paraphrase() {
        let texts = ["Give feedback early", "Early feedback helps", "Tell people promptly how they did"];
        let m = TfIdf.similarities(&texts);
        assert!(m.get(0, 1) > 0.3);
        assert_eq!(m.get(0, 2), 0.0);
        assert!((m.get(2, 2) - 1.0).abs() < 1e-5);
        assert_eq!(TfIdf.similarities(&["", "🙂"]).get(0, 1), 0.0);
    }
}
