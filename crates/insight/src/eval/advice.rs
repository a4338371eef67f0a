//! Scores thread finding on labelled advice sets.
//!
//! Thread accuracy: the share of sets where every item of the chosen thread is labelled gold.
//! Item F1: per set, the predicted items are the thread plus its related items, against the gold
//! items; items labelled `related` are neither required nor penalised; the mean over sets.

use super::schema::AdviceSet;
use crate::InsightError;
use crate::similarity::Representation;
use crate::thread::{Advice, Expert, ThreadReport, find_thread_in_context};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

/// One set's outcome.
#[derive(Debug, Clone)]
pub struct SetOutcome {
    pub id: String,
    pub difficulty: String,
    pub thread: Vec<String>,
    pub predicted: Vec<String>,
    pub gold: Vec<String>,
    pub correct: bool,
    pub runner_up_correct: bool,
    pub precision: f32,
    pub recall: f32,
    pub f1: f32,
    pub confidence: f32,
}

/// All sets' outcomes and their summary.
#[derive(Debug, Clone)]
pub struct AdviceScores {
    pub method: &'static str,
    pub sets: Vec<SetOutcome>,
}

/// Runs the thread search on every set.
pub fn score(rep: &dyn Representation, sets: &[AdviceSet]) -> Result<AdviceScores, InsightError> {
    let sets = sets.iter().map(|s| score_set(rep, s)).collect::<Result<Vec<_>, _>>()?;
    Ok(AdviceScores { method: rep.name(), sets })
}

fn score_set(rep: &dyn Representation, set: &AdviceSet) -> Result<SetOutcome, InsightError> {
    let experts: Vec<Expert> = set
        .experts
        .iter()
        .map(|e| Expert {
            name: e.name.clone(),
            advice: e.advice.iter().map(|a| Advice { id: a.id.clone(), text: a.text.clone() }).collect(),
        })
        .collect();
    // The situation as the leader put it, which the product has beside the advice.
    let context =
        [set.capability.as_deref(), set.context.as_deref()].into_iter().flatten().collect::<Vec<_>>().join("\n");
    let report: ThreadReport = find_thread_in_context(rep, &experts, &context)
        .map_err(|e| InsightError::EvalFile(format!("set {}: {e}", set.id)))?;
    let gold: HashSet<&str> = set.gold.iter().map(String::as_str).collect();
    let neutral: HashSet<&str> = set.related.iter().flatten().map(String::as_str).collect();
    let thread: Vec<String> = report.thread.items.iter().map(|i| i.id.clone()).collect();
    let predicted: Vec<String> = thread.iter().cloned().chain(report.related.iter().map(|r| r.id.clone())).collect();
    let tp = predicted.iter().filter(|p| gold.contains(p.as_str())).count() as f32;
    let fp = predicted.iter().filter(|p| !gold.contains(p.as_str()) && !neutral.contains(p.as_str())).count() as f32;
    let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let recall = if gold.is_empty() { 0.0 } else { tp / gold.len() as f32 };
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    let all_gold = |ids: &[String]| !ids.is_empty() && ids.iter().all(|i| gold.contains(i.as_str()));
    let correct = all_gold(&thread);
    let runner_up: Vec<String> = report.runner_up.iter().flat_map(|r| r.items.iter().map(|i| i.id.clone())).collect();
    Ok(SetOutcome {
        id: set.id.clone(),
        difficulty: set.difficulty.clone().unwrap_or_else(|| "unlabelled".into()),
        thread,
        predicted,
        gold: set.gold.clone(),
        correct,
        runner_up_correct: correct || all_gold(&runner_up),
        precision,
        recall,
        f1,
        confidence: report.confidence,
    })
}

impl AdviceScores {
    fn summary(sets: &[&SetOutcome]) -> (f32, f32, f32, f32, f32) {
        let n = sets.len().max(1) as f32;
        let mean = |f: &dyn Fn(&SetOutcome) -> f32| sets.iter().map(|s| f(s)).sum::<f32>() / n;
        (
            mean(&|s| f32::from(u8::from(s.correct))),
            mean(&|s| s.f1),
            mean(&|s| s.precision),
            mean(&|s| s.recall),
            mean(&|s| f32::from(u8::from(s.runner_up_correct))),
        )
    }

    /// The report the CLI prints; `verbose` adds one line per set.
    pub fn render(&self, verbose: bool) -> String {
        let all: Vec<&SetOutcome> = self.sets.iter().collect();
        let (acc, f1, p, r, top2) = Self::summary(&all);
        let mut out = String::new();
        let _ = writeln!(out, "method: {}", self.method);
        let _ = writeln!(out, "advice sets: {}", self.sets.len());
        let _ = writeln!(out, "thread accuracy: {acc:.3}");
        let _ = writeln!(out, "item F1: {f1:.3} (precision {p:.3}, recall {r:.3}; mean over sets)");
        let _ = writeln!(out, "thread or runner-up all gold: {top2:.3}");
        let mut by: BTreeMap<&str, Vec<&SetOutcome>> = BTreeMap::new();
        for s in &self.sets {
            by.entry(s.difficulty.as_str()).or_default().push(s);
        }
        if by.len() > 1 || !by.contains_key("unlabelled") {
            let _ = writeln!(out, "by difficulty:");
            for (d, sets) in &by {
                let (acc, f1, ..) = Self::summary(sets);
                let _ = writeln!(out, "  {d}: {} sets, thread accuracy {acc:.3}, item F1 {f1:.3}", sets.len());
            }
        }
        if verbose {
            for s in &self.sets {
                let _ = writeln!(
                    out,
                    "  {} {} thread [{}] predicted [{}] gold [{}] F1 {:.2} confidence {:.2}",
                    s.id,
                    if s.correct { "ok " } else { "MISS" },
                    s.thread.join(" "),
                    s.predicted.join(" "),
                    s.gold.join(" "),
                    s.f1,
                    s.confidence
                );
            }
        }
        out
    }
}
