//! The words of a text that make it like some others, for highlighting.
//!
//! Uses the static model's exact split of a cosine into words, against a contrastive direction:
//! towards the other texts and away from the rest of the request. Without the contrast, words that
//! make every text in the request alike ("usually", "work") would be named as the reason two of them
//! belong together. The lexical baseline has no such split, so with it only literally shared words
//! are shown (see `lexical::shared_terms`).

use crate::embed::StaticModel;
use crate::similarity::Representation;
use crate::text;

/// Finds key words for texts of one request.
pub(crate) struct KeyWords<'a> {
    model: &'a StaticModel,
    /// Unit centroid of the background texts: the "typical" direction to contrast with.
    typical: Vec<f32>,
}

impl<'a> KeyWords<'a> {
    /// `background`: the texts whose common ground should not count (the rest of the request).
    /// None for representations without word-level attribution.
    pub fn new(rep: &'a dyn Representation, background: &[&str]) -> Option<Self> {
        let model = rep.as_static()?;
        Some(Self { model, typical: centroid(model, background) })
    }

    /// Up to `limit` content words of `text` that do most to make it like `others` rather than
    /// like the request in general, as byte ranges in text order.
    pub fn of(&self, text: &str, others: &[&str], limit: usize) -> Vec<(usize, usize)> {
        let towards = centroid(self.model, others);
        if towards.iter().all(|&x| x == 0.0) {
            return Vec::new();
        }
        let direction: Vec<f32> = towards.iter().zip(&self.typical).map(|(t, b)| t - b).collect();
        let mut words: Vec<_> = self
            .model
            .word_contributions(text, &direction)
            .into_iter()
            .filter(|w| w.score > 0.0 && !text::is_stopword(&text::fold(&text[w.start..w.end])))
            .collect();
        words.sort_by(|a, b| b.score.total_cmp(&a.score));
        // One highlight per distinct word: "leaders" twice says nothing new.
        let mut seen = std::collections::HashSet::new();
        words.retain(|w| seen.insert(text::fold(&text[w.start..w.end])));
        words.truncate(limit);
        let mut spans: Vec<(usize, usize)> = words.into_iter().map(|w| (w.start, w.end)).collect();
        spans.sort_unstable();
        spans.dedup();
        spans
    }
}

/// Unit-length mean of the texts' unit vectors (zero when none has a known word).
fn centroid(model: &StaticModel, texts: &[&str]) -> Vec<f32> {
    let mut sum = vec![0.0; model.dims()];
    for t in texts {
        sum.iter_mut().zip(model.embed(t)).for_each(|(s, x)| *s += x);
    }
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        sum.iter_mut().for_each(|x| *x /= norm);
    }
    sum
}
