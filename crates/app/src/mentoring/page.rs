//! The request page, for its leader or a coach it was shared with. While the seal is closed it
//! carries each expert's status and nothing they wrote; once open, the advice the viewer may read
//! (the policy is asked per expert), the thread, the goal and the plan.

use super::reveal::{HighlightView, RelatedView, Suggestion};
use super::views::{ExpertAdvice, ExpertLine, ItemView, RequestPage, Segment, ThreadView};
use super::{expert_status, items_meta, not_found, request_meta, status_of};
use crate::error::AppResult;
use crate::journal::{audience_label, audience_value, view_for_coach};
use crate::{Actor, App};
use coachkit_domain::RecordId;
use coachkit_domain::mentoring::{ExpertStatus, Placement, capability_hint, seal_state};
use coachkit_domain::privacy::{self, Audience};
use coachkit_store::now_ms;

/// Cuts `text` at the highlighted byte ranges that fall inside it (on character boundaries).
pub(super) fn segments(text: &str, item: &str, highlights: &[HighlightView]) -> Vec<Segment> {
    let mut ranges: Vec<(usize, usize)> = highlights
        .iter()
        .filter(|h| h.item == item && h.start < h.end && h.end <= text.len())
        .filter(|h| text.is_char_boundary(h.start) && text.is_char_boundary(h.end))
        .map(|h| (h.start, h.end))
        .collect();
    ranges.sort_unstable();
    let mut out = vec![];
    let mut at = 0;
    for (start, end) in ranges {
        if start < at {
            continue;
        }
        if start > at {
            out.push(Segment { text: text[at..start].to_owned(), mark: false });
        }
        out.push(Segment { text: text[start..end].to_owned(), mark: true });
        at = end;
    }
    if at < text.len() {
        out.push(Segment { text: text[at..].to_owned(), mark: false });
    }
    out
}

/// The engine's sentences name items by id; a person reads "Ines Marsh 2" instead.
fn named(text: &str, advice: &[ExpertAdvice]) -> String {
    let mut out = text.to_owned();
    for x in advice {
        for i in &x.items {
            let label = format!("{} {}", x.name, i.position);
            // The engine writes "<id> (<name>)"; the label already names the expert.
            out = out.replace(&format!("{} ({})", i.id, x.name), &label).replace(&i.id, &label);
        }
    }
    out
}

impl App {
    /// The request page; "not found" for anyone the policy does not let read the request.
    pub async fn advice_request_page(&self, actor: &Actor, id: &str) -> AppResult<RequestPage> {
        let id = RecordId::parse(id).map_err(|_| not_found())?;
        let r = self.store.advice_request(id.as_str()).await?.ok_or_else(not_found)?;
        let viewer = self.viewer(actor).await?;
        Self::check_read(&viewer, &request_meta(&r), "advice request")?;
        let mine = r.owner_id == actor.user.id;
        let experts = self.store.advice_experts(&r.id).await?;
        let statuses: Vec<ExpertStatus> = experts.iter().map(expert_status).collect();
        let seal = seal_state(&statuses);
        let status = status_of(&r);
        let (answered, waiting) = match seal {
            coachkit_domain::mentoring::SealState::Sealed { answered, waiting } => (answered, waiting),
            coachkit_domain::mentoring::SealState::Open { answered } => (answered, 0),
        };
        let now = now_ms();
        let lines: Vec<ExpertLine> = experts
            .iter()
            .map(|e| {
                let s = expert_status(e);
                ExpertLine {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    email: mine.then(|| e.email.clone()),
                    placement: Placement::parse(&e.placement).unwrap_or(Placement::Outside),
                    placement_note: if mine { e.placement_note.clone() } else { None },
                    status: s,
                    status_label: s.label().to_owned(),
                    answer_by: e.answer_by,
                    lapsed: s.awaited() && e.answer_by < now,
                    more_time_note: e.more_time_note.clone(),
                    decline_note: e.decline_note.clone(),
                    message: mine.then(|| e.message.clone()),
                    answered_at: e.answered_at,
                }
            })
            .collect();

        let suggestion: Option<Suggestion> = r.suggestion.as_deref().and_then(|s| serde_json::from_str(s).ok());
        let chosen: Vec<String> =
            r.chosen_items.as_deref().and_then(|c| serde_json::from_str(c).ok()).unwrap_or_default();
        let mut advice = vec![];
        let mut withheld: Vec<String> = vec![];
        // Loaded once: the advice columns and the goal's reading both need them.
        let items = if status.is_open() { self.store.advice_items(&r.id).await? } else { vec![] };
        let s = suggestion.clone().unwrap_or_default();
        if status.is_open() {
            let answered: Vec<_> = experts.iter().filter(|e| expert_status(e) == ExpertStatus::Answered).collect();
            let readable: Vec<_> =
                answered.iter().filter(|e| privacy::can_read(&viewer, &items_meta(&r, e)).allowed()).collect();
            withheld =
                answered.iter().filter(|e| !readable.iter().any(|x| x.id == e.id)).map(|e| e.name.clone()).collect();
            // The engine's sentences may quote any item: with some withheld, show none of them.
            let full = withheld.is_empty();
            for e in readable {
                let views = items
                    .iter()
                    .filter(|i| i.expert_id == e.id)
                    .map(|i| ItemView {
                        id: i.id.clone(),
                        position: i.position,
                        segments: if s.items.contains(&i.id) {
                            segments(&i.text, &i.id, &s.highlights)
                        } else {
                            vec![Segment { text: i.text.clone(), mark: false }]
                        },
                        text: i.text.clone(),
                        example: i.example.clone(),
                        in_suggestion: s.items.contains(&i.id),
                        in_choice: chosen.contains(&i.id),
                        in_runner_up: s.runner_up.contains(&i.id),
                        related: if full {
                            s.related.iter().find(|x| x.id == i.id).map(|x| x.explanation.clone())
                        } else {
                            None
                        },
                    })
                    .collect();
                advice.push(ExpertAdvice {
                    expert_id: e.id.clone(),
                    name: e.name.clone(),
                    placement: Placement::parse(&e.placement).unwrap_or(Placement::Outside),
                    items: views,
                });
            }
            // Related items' reasons, with the items they mention named rather than numbered.
            let columns = advice.clone();
            for x in &mut advice {
                for i in &mut x.items {
                    i.related = i.related.as_deref().map(|r| named(r, &columns));
                }
            }
        }
        // The engine's reasons quote the advice: only a viewer who may read all of it sees them.
        let thread = match (&suggestion, withheld.is_empty() && status.is_open()) {
            (Some(s), true) => Some(ThreadView {
                suggestion: Suggestion {
                    explanation: named(&s.explanation, &advice),
                    related: s
                        .related
                        .iter()
                        .map(|x| RelatedView { id: x.id.clone(), explanation: named(&x.explanation, &advice) })
                        .collect(),
                    ..s.clone()
                },
                choice: r.choice.clone().unwrap_or_else(|| "suggested".into()),
                chosen: chosen.clone(),
            }),
            _ => None,
        };
        let goal_report = match (&r.goal, status.is_open()) {
            (Some(g), true) => Some(super::goal::smart_report_with(&r, g, &items)),
            _ => None,
        };
        let mut steps = vec![];
        for action in self.store.advice_plan_steps(&r.id).await? {
            if let Some(a) = self.store.action(&action).await?
                && Self::action_visible(&viewer, &a)
            {
                steps.push(view_for_coach(a));
            }
        }
        let partners = if mine { self.my_mentors(actor).await? } else { vec![] };
        let audience = Audience::from_parts(&r.audience, r.audience_target.clone());
        Ok(RequestPage {
            id: r.id.clone(),
            mine,
            owner_name: r.owner_name.clone(),
            capability_hints: if mine { capability_hint::hints(&r.capability) } else { vec![] },
            capability: r.capability.clone(),
            context: r.context.clone(),
            horizon_months: r.horizon_months,
            answer_by: r.answer_by,
            status,
            mix_override: r.mix_override.clone(),
            audience: audience_value(&audience),
            audience_label: audience_label(&audience, &partners),
            experts: lines,
            sealed: !status.is_open(),
            answered,
            waiting,
            can_go_on: mine
                && waiting > 0
                && answered >= 2
                && status == coachkit_domain::mentoring::RequestStatus::Collecting,
            advice,
            withheld,
            thread,
            goal: r.goal.clone(),
            goal_report,
            steps,
            thanks: r.thanks.clone(),
            thanks_sent_at: r.thanks_sent_at,
            goal_done_at: r.goal_done_at,
            created_at: r.created_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_mark_only_the_ranges_inside_the_text() {
        let h = |s, e| HighlightView { item: "a".into(), start: s, end: e };
        let segs = segments("ask before telling", "a", &[h(0, 3), h(11, 18), h(30, 40)]);
        let parts: Vec<(&str, bool)> = segs.iter().map(|s| (s.text.as_str(), s.mark)).collect();
        assert_eq!(parts, vec![("ask", true), (" before ", false), ("telling", true)]);
        assert_eq!(segments("héllo", "a", &[h(1, 2)]).len(), 1, "a range inside a character is ignored");
        assert!(!segments("x", "b", &[h(0, 1)])[0].mark, "another item's ranges are ignored");
    }
}
