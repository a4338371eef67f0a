//! The thread through several experts' advice (just-in-time mentoring).
//!
//! "Almost without fail there's a theme, a thread that runs through their suggestions ... a single
//! issue that all three have highlighted, and often 1 or 2 of the other suggestions are also related
//! to this." The thread is therefore one item from every expert, chosen together: the combination
//! whose items are most alike, judged against how alike items from different experts usually are in
//! this very request (static embeddings rate any two pieces of advice as fairly alike).
//! Around it: the items related to it, the words they share, a confidence from the margin to the
//! runner-up, and a sentence for each choice that a person can check against the numbers.

mod explain;
mod search;

use crate::InsightError;
use crate::lexical::Occurrence;
use crate::similarity::{Representation, SimilarityMatrix};
use crate::text;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Fewest and most experts a request may have.
pub const EXPERTS: (usize, usize) = (2, 6);
/// Fewest and most items one expert may give.
pub const ITEMS_PER_EXPERT: (usize, usize) = (1, 5);
/// An item is related when its similarity to the thread is at least this share of the way from a
/// typical pair to the thread's own (the research notes' rho).
pub const RELATED_SHARE: f32 = 0.8;
/// Below this confidence the runner-up is close enough that the page should offer both.
pub const CLOSE_BELOW: f32 = 0.2;

/// One expert and the advice they gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expert {
    pub name: String,
    pub advice: Vec<Advice>,
}

/// One piece of advice; `id` must be unique within the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    pub id: String,
    pub text: String,
}

/// What the engine found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThreadReport {
    /// The thread: one item per expert, or two where one expert made the point twice.
    pub thread: Thread,
    /// Other items close to the thread, most related first.
    pub related: Vec<RelatedItem>,
    /// Words the thread's items share (stemmed match), for highlighting.
    pub shared_words: Vec<SharedWord>,
    /// 0 to 1: how clearly the thread beats the runner-up (see [`Thread`] and the explanation).
    pub confidence: f32,
    /// True when the runner-up is close and the person should choose.
    pub close: bool,
    /// The best combination after the thread (it differs in at least one item).
    pub runner_up: Option<Thread>,
    /// Why this thread, in sentences a person can check.
    pub explanation: String,
}

/// A combination of items, one or two per expert.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Thread {
    pub items: Vec<ThreadItem>,
    /// Mean cosine similarity between items of different experts in the thread.
    pub similarity: f32,
}

/// One item of a thread.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThreadItem {
    pub id: String,
    /// Index of the expert in the request.
    pub expert: usize,
    /// True for an expert's second item (the point made twice).
    pub repeat: bool,
    /// Mean cosine similarity to the other experts' thread items.
    pub similarity: f32,
    /// The words that did most to make this item like the rest of the thread.
    pub key_words: Vec<Highlight>,
}

/// An item related to the thread without being part of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedItem {
    pub id: String,
    pub expert: usize,
    /// Mean cosine similarity to the thread's items.
    pub similarity: f32,
    pub explanation: String,
}

/// A word shared by items of the thread, with where it occurs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedWord {
    pub word: String,
    pub highlights: Vec<Highlight>,
}

/// A span of an item's text to highlight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Highlight {
    pub item: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The items of a request, flattened, with what the search needs to know about each.
pub(crate) struct Items<'a> {
    pub ids: Vec<&'a str>,
    pub texts: Vec<&'a str>,
    pub expert_of: Vec<usize>,
    pub names: Vec<&'a str>,
}

/// Finds the thread through `experts`' advice using `representation` for similarity.
pub fn find_thread(representation: &dyn Representation, experts: &[Expert]) -> Result<ThreadReport, InsightError> {
    find_thread_in_context(representation, experts, "")
}

/// Like [`find_thread`], knowing the situation the advice answers (the leader's capability and
/// context, in their words). A method that can use it counts the situation's own words for less:
/// advice that merely names the same situation ("the board", "the budget") is not the thread.
/// [`crate::engine`]'s chosen options count the situation's words at half weight (round 2: one
/// set more right on each labelled collection); the mentoring reveal and the evaluation pass it.
pub fn find_thread_in_context(
    representation: &dyn Representation,
    experts: &[Expert],
    context: &str,
) -> Result<ThreadReport, InsightError> {
    text::check_length("context", context)?;
    let items = flatten(experts)?;
    let blank: Vec<bool> = items.texts.iter().map(|t| text::is_blank(t)).collect();
    // An item's usual company is the other experts' items: it could never share a thread with its
    // own expert's other advice.
    let sim = representation
        .similarities_by_author(&items.texts, &items.expert_of, context)
        .hubness_corrected(representation.hubness_neighbours(), |i, j| {
            items.expert_of[i] != items.expert_of[j] && !blank[i] && !blank[j]
        });
    // Only pairs that could both be in a thread define "typical": different experts, real text.
    let (z, background) = sim.standardized(|i, j| items.expert_of[i] != items.expert_of[j] && !blank[i] && !blank[j]);
    let choices: Vec<Vec<usize>> = (0..experts.len())
        .map(|e| (0..items.ids.len()).filter(|&i| items.expert_of[i] == e && !blank[i]).collect())
        .collect();
    let ranking = search::rank(&z, &choices, representation.weakest_pair_weight())
        .ok_or_else(|| InsightError::Model("no combination could be formed from validated input".into()))?;

    let mut thread = ranking.best.items.clone();
    let repeats = repeats(&z, &choices, &thread);
    thread.extend(&repeats);
    let related = related(&z, &sim, &items, &blank, &thread);
    let confidence = match &ranking.runner_up {
        // The lead over the runner-up as a share of the lead over a typical combination.
        Some(r) if ranking.best.score > ranking.median => {
            ((ranking.best.score - r.score) / (ranking.best.score - ranking.median)).clamp(0.0, 1.0)
        }
        Some(_) => 0.0,
        None => 1.0,
    };
    let ctx = explain::Context { representation, items: &items, sim: &sim, background };
    let report_thread = explain::thread(&ctx, &thread, &repeats);
    let runner_up = ranking.runner_up.as_ref().map(|r| explain::thread(&ctx, &r.items, &[]));
    let shared_words = explain::shared_words(&items, &thread);
    let explanation = explain::summary(&ctx, &ranking, &report_thread, runner_up.as_ref(), &shared_words, confidence);
    let related = related
        .into_iter()
        .map(|(i, similarity)| RelatedItem {
            id: items.ids[i].to_owned(),
            expert: items.expert_of[i],
            similarity,
            explanation: explain::related(&ctx, i, similarity, report_thread.similarity),
        })
        .collect();
    Ok(ThreadReport {
        thread: report_thread,
        related,
        shared_words,
        confidence,
        close: runner_up.is_some() && confidence < CLOSE_BELOW,
        runner_up,
        explanation,
    })
}

fn flatten(experts: &[Expert]) -> Result<Items<'_>, InsightError> {
    let (min, max) = EXPERTS;
    if !(min..=max).contains(&experts.len()) {
        return Err(InsightError::Count { what: "experts", min, max, got: experts.len() });
    }
    let mut items = Items { ids: Vec::new(), texts: Vec::new(), expert_of: Vec::new(), names: Vec::new() };
    let mut seen = HashSet::new();
    for (e, expert) in experts.iter().enumerate() {
        let (min, max) = ITEMS_PER_EXPERT;
        if !(min..=max).contains(&expert.advice.len()) {
            return Err(InsightError::Count {
                what: "pieces of advice per expert",
                min,
                max,
                got: expert.advice.len(),
            });
        }
        if expert.advice.iter().all(|a| text::is_blank(&a.text)) {
            return Err(InsightError::NoAdvice { expert: expert.name.clone() });
        }
        for a in &expert.advice {
            text::check_length(&a.id, &a.text)?;
            if !seen.insert(a.id.as_str()) {
                return Err(InsightError::DuplicateId(a.id.clone()));
            }
            items.ids.push(&a.id);
            items.texts.push(&a.text);
            items.expert_of.push(e);
        }
        items.names.push(&expert.name);
    }
    Ok(items)
}

/// An expert's second item joins the thread when it restates their first at least as closely as
/// any two experts agree with each other, and fits the other experts' items nearly as well
/// (90%) as the first does. Both conditions, because "related" items also fit the thread; only a
/// restatement is so close to its sibling.
fn repeats(z: &SimilarityMatrix, choices: &[Vec<usize>], thread: &[usize]) -> Vec<usize> {
    let mut closest_experts = f32::MIN;
    for (a, &x) in thread.iter().enumerate() {
        for &y in &thread[a + 1..] {
            closest_experts = closest_experts.max(z.get(x, y));
        }
    }
    let mut out = Vec::new();
    for (e, list) in choices.iter().enumerate() {
        let chosen = thread[e];
        let others: Vec<usize> = thread.iter().copied().filter(|&t| t != chosen).collect();
        let fit = |i: usize| others.iter().map(|&o| z.get(i, o)).sum::<f32>() / others.len().max(1) as f32;
        let chosen_fit = fit(chosen);
        let best = list
            .iter()
            .copied()
            .filter(|&i| i != chosen && z.get(i, chosen) >= closest_experts && chosen_fit > 0.0)
            .filter(|&i| fit(i) >= 0.9 * chosen_fit)
            .max_by(|&a, &b| fit(a).total_cmp(&fit(b)));
        out.extend(best);
    }
    out
}

/// Items (not in the thread, not blank) whose mean similarity to the thread is at least
/// [`RELATED_SHARE`] of the way from a typical pair to the thread's own; with the raw mean cosine.
fn related(
    z: &SimilarityMatrix,
    sim: &SimilarityMatrix,
    items: &Items<'_>,
    blank: &[bool],
    thread: &[usize],
) -> Vec<(usize, f32)> {
    let mut pair_total = 0.0;
    let mut pairs = 0;
    for (a, &x) in thread.iter().enumerate() {
        for &y in &thread[a + 1..] {
            if items.expert_of[x] != items.expert_of[y] {
                pair_total += z.get(x, y);
                pairs += 1;
            }
        }
    }
    let thread_z = if pairs > 0 { pair_total / pairs as f32 } else { 0.0 };
    if thread_z <= 0.0 {
        return Vec::new();
    }
    let mean = |m: &SimilarityMatrix, i: usize| thread.iter().map(|&t| m.get(i, t)).sum::<f32>() / thread.len() as f32;
    let mut out: Vec<(usize, f32)> = (0..items.ids.len())
        .filter(|&i| !blank[i] && !thread.contains(&i) && mean(z, i) >= RELATED_SHARE * thread_z)
        .map(|i| (i, mean(sim, i)))
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

pub(crate) fn highlight(item: &str, text: &str, o: &Occurrence) -> Highlight {
    Highlight { item: item.to_owned(), start: o.start, end: o.end, text: text[o.start..o.end].to_owned() }
}

#[cfg(test)]
mod tests;
