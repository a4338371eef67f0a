//! The seal opening, and the thread. When every expert still in the request has answered, the
//! request opens (once, however many answer at the same moment), the insight engine suggests the
//! thread through the advice, and the leader is told (without a word of the advice). The leader
//! then accepts the suggestion, switches to the runner-up, or picks the items by hand; what the
//! engine suggested is kept beside the choice.

use super::{expert_status, status_of};
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::mentoring::{ExpertStatus, SealState, seal_state};
use coachkit_insight::thread::{Advice, Expert, find_thread_in_context};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What the engine suggested, as stored with the request (it never changes afterwards).
#[derive(Clone, Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct Suggestion {
    /// The thread's items: one per expert, two where one made the point twice.
    pub items: Vec<String>,
    pub runner_up: Vec<String>,
    /// 0 to 1: how clearly the thread beats the runner-up.
    pub confidence: f32,
    /// The runner-up is close: the page offers both.
    pub close: bool,
    /// Why this thread, in sentences a person can check.
    pub explanation: String,
    pub related: Vec<RelatedView>,
    /// Words the thread's items share.
    pub shared_words: Vec<String>,
    pub highlights: Vec<HighlightView>,
    /// Set when the engine could not run (the items are shown; the leader picks by hand).
    pub failed: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct RelatedView {
    pub id: String,
    pub explanation: String,
}

/// A byte range of an item's text to highlight.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct HighlightView {
    pub item: String,
    pub start: usize,
    pub end: usize,
}

impl App {
    /// Opens the request if every remaining expert has answered. Safe to call from any path that
    /// may complete it; only the first caller opens it and mails the leader.
    pub(super) async fn open_if_complete(&self, id: &str) -> AppResult<()> {
        let Some(r) = self.store.advice_request(id).await? else { return Ok(()) };
        if status_of(&r) != coachkit_domain::mentoring::RequestStatus::Collecting {
            return Ok(());
        }
        let experts = self.store.advice_experts(id).await?;
        let statuses: Vec<ExpertStatus> = experts.iter().map(expert_status).collect();
        if let SealState::Sealed { .. } = seal_state(&statuses) {
            return Ok(());
        }
        let items = self.store.advice_items(id).await?;
        let answered: Vec<Expert> = experts
            .iter()
            .filter(|e| expert_status(e) == ExpertStatus::Answered)
            .map(|e| Expert {
                name: e.name.clone(),
                advice: items
                    .iter()
                    .filter(|i| i.expert_id == e.id)
                    .map(|i| Advice { id: i.id.clone(), text: thread_text(&i.text, i.example.as_deref()) })
                    .collect(),
            })
            .collect();
        // The leader's own words for the situation: the engine counts them for less, so advice that
        // merely names the situation is not taken for the thread.
        let situation = format!("{}\n{}", r.capability, r.context);
        let suggestion = suggest(&answered, &situation);
        let json = serde_json::to_string(&suggestion).map_err(|e| AppError::Internal(Box::new(e)))?;
        let chosen = serde_json::to_string(&suggestion.items).map_err(|e| AppError::Internal(Box::new(e)))?;
        if self.store.open_advice_request(id, &json, &chosen).await? {
            self.mail_leader_opened(&r).await?;
        }
        Ok(())
    }

    /// The leader's choice of thread: "suggested", "runner_up", or "manual" with `items` (at
    /// least two, from at least two experts, all of this request).
    pub async fn choose_advice_thread(&self, actor: &Actor, id: &str, choice: &str, items: &[String]) -> AppResult<()> {
        let r = self.own_request(actor, id).await?;
        if !status_of(&r).is_open() {
            return Err(AppError::Conflict("the advice is still sealed: not every expert has answered".into()));
        }
        let suggestion: Suggestion =
            r.suggestion.as_deref().and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default();
        let chosen: Vec<String> = match choice {
            "suggested" => suggestion.items.clone(),
            "runner_up" if !suggestion.runner_up.is_empty() => suggestion.runner_up.clone(),
            "runner_up" => return Err(AppError::field("choice", "there is no runner-up for this request")),
            "manual" => {
                let all = self.store.advice_items(&r.id).await?;
                let mut picked = vec![];
                for id in items {
                    let item = all.iter().find(|i| &i.id == id).ok_or_else(|| {
                        AppError::field("items", "names a piece of advice that is not part of this request")
                    })?;
                    if !picked.iter().any(|p: &&coachkit_store::mentoring::ItemRow| p.id == item.id) {
                        picked.push(item);
                    }
                }
                let mut experts: Vec<&str> = picked.iter().map(|i| i.expert_id.as_str()).collect();
                experts.sort();
                experts.dedup();
                if picked.len() < 2 || experts.len() < 2 {
                    return Err(AppError::field(
                        "items",
                        "pick at least two pieces of advice from at least two experts: a thread runs through several voices",
                    ));
                }
                picked.into_iter().map(|i| i.id.clone()).collect()
            }
            _ => return Err(AppError::field("choice", "must be suggested, runner_up or manual")),
        };
        let json = serde_json::to_string(&chosen).map_err(|e| AppError::Internal(Box::new(e)))?;
        self.store.choose_advice_thread(&r.id, choice, &json).await?;
        Ok(())
    }
}

/// The text the engine reads for an item: the advice, then its example (the method's "in their
/// own words and examples").
fn thread_text(text: &str, example: Option<&str>) -> String {
    match example {
        Some(e) if !e.trim().is_empty() => format!("{text} {e}"),
        _ => text.to_owned(),
    }
}

/// Runs the engine; a failure is recorded in the suggestion rather than blocking the reveal.
fn suggest(experts: &[Expert], situation: &str) -> Suggestion {
    // The engine chosen on our labelled sets (crates/insight/README.md), the method `coachkit
    // insight eval` scores by default, given the situation as the evaluation gives it.
    let engine = match coachkit_insight::engine() {
        Ok(e) => e,
        Err(e) => return Suggestion { failed: Some(e.to_string()), ..Default::default() },
    };
    match find_thread_in_context(&engine, experts, situation) {
        Ok(report) => Suggestion {
            items: report.thread.items.iter().map(|i| i.id.clone()).collect(),
            runner_up: report.runner_up.map(|r| r.items.into_iter().map(|i| i.id).collect()).unwrap_or_default(),
            confidence: report.confidence,
            close: report.close,
            explanation: report.explanation,
            related: report.related.into_iter().map(|r| RelatedView { id: r.id, explanation: r.explanation }).collect(),
            shared_words: report.shared_words.iter().map(|w| w.word.clone()).collect(),
            highlights: report
                .shared_words
                .into_iter()
                .flat_map(|w| w.highlights)
                .map(|h| HighlightView { item: h.item, start: h.start, end: h.end })
                .collect(),
            failed: None,
        },
        Err(e) => Suggestion { failed: Some(e.to_string()), ..Default::default() },
    }
}
