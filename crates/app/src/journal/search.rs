//! Search over everything the person may see: their own journal and what others shared with them.

use super::{member_of, meta};
use crate::error::AppResult;
use crate::{Actor, App};
use coachkit_domain::journal::ThemeName;
use coachkit_domain::privacy::{self, RecordKind};
use coachkit_domain::relationship::Side;
use coachkit_store::journal::SearchScope;
use serde::Serialize;

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SearchResult {
    pub record_id: String,
    /// reflection, session, session_detail, coach_note, action, open_question, killer_question, theme.
    pub kind: String,
    /// The kind in words, for people ("Killer question", "Theme").
    pub kind_label: String,
    pub title: String,
    /// The snippet in pieces; `true` marks a matched word, for highlighting.
    pub snippet: Vec<(String, bool)>,
    /// Where the record is shown.
    pub link: String,
    pub updated_at: i64,
}

/// Plain words from what was typed: letters and digits only, at most 8 words of 40 characters,
/// so no query syntax of either database can be injected or trip a parser.
pub fn search_terms(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(40).collect::<String>().to_lowercase())
        .take(8)
        .collect()
}

fn kind_of(kind: &str) -> Option<RecordKind> {
    Some(match kind {
        "reflection" => RecordKind::Reflection,
        "session" => RecordKind::Session,
        "session_detail" => RecordKind::SessionDetail,
        "coach_note" => RecordKind::CoachNote,
        "action" => RecordKind::Action,
        "open_question" => RecordKind::OpenQuestion,
        "killer_question" => RecordKind::KillerQuestion,
        // A theme's search row is private to its owner, and is judged as a private record is.
        "theme" => RecordKind::Reflection,
        _ => return None,
    })
}

/// What each kind of hit is called on the page: never the stored word.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "reflection" => "Reflection",
        "session" => "Session",
        "session_detail" => "My private detail",
        "coach_note" => "Coach's note",
        "action" => "Action",
        "open_question" => "Open question",
        "killer_question" => "Killer question",
        "theme" => "Theme",
        _ => "Note",
    }
}

fn split_snippet(s: &str) -> Vec<(String, bool)> {
    let mut parts = vec![];
    let mut rest = s;
    while let Some(start) = rest.find('\u{2}') {
        if start > 0 {
            parts.push((rest[..start].to_owned(), false));
        }
        let after = &rest[start + 1..];
        let end = after.find('\u{3}').unwrap_or(after.len());
        parts.push((after[..end].to_owned(), true));
        rest = after.get(end + 1..).unwrap_or("");
    }
    if !rest.is_empty() {
        parts.push((rest.to_owned(), false));
    }
    parts
}

impl App {
    pub async fn search(&self, actor: &Actor, q: &str) -> AppResult<Vec<SearchResult>> {
        let terms = search_terms(q);
        if terms.is_empty() {
            return Ok(vec![]);
        }
        let viewer = self.member(actor).await?;
        let Some(m) = member_of(&viewer) else { return Ok(vec![]) };
        let scope = SearchScope {
            me: actor.user.id.clone(),
            relationships: m.ties.iter().map(|t| t.relationship.to_string()).collect(),
            leaders: m.ties.iter().filter(|t| t.my_side == Side::Coach).map(|t| t.partner.to_string()).collect(),
        };
        let mut out = vec![];
        for hit in self.store.search(&terms, &scope, 50).await? {
            let Some(kind) = kind_of(&hit.kind) else { continue };
            let record =
                meta(kind, &hit.record_id, &hit.owner_id, &hit.audience, hit.audience_target.clone(), hit.shared_at);
            if !privacy::can_read(&viewer, &record).allowed() {
                continue;
            }
            let link = match kind {
                _ if hit.kind == "theme" => match ThemeName::parse(&hit.title) {
                    Ok(name) => format!("/journal/themes/{}", name.key().replace(' ', "-")),
                    Err(_) => continue,
                },
                RecordKind::Reflection => format!("/journal/reflections/{}", hit.record_id),
                RecordKind::Session => format!("/journal/sessions/{}", hit.record_id),
                RecordKind::SessionDetail | RecordKind::CoachNote => {
                    match self.store.note_session(&hit.record_id).await? {
                        Some(s) => format!("/journal/sessions/{s}"),
                        None => continue,
                    }
                }
                RecordKind::Action => "/journal/actions".into(),
                _ => "/journal/questions".into(),
            };
            out.push(SearchResult {
                record_id: hit.record_id,
                kind_label: kind_label(&hit.kind).to_owned(),
                kind: hit.kind,
                title: hit.title,
                snippet: split_snippet(&hit.snippet),
                link,
                updated_at: hit.updated_at,
            });
        }
        Ok(out)
    }
}

impl App {
    /// Merges the search index into one segment, a step at a time, pausing between steps so that
    /// writes go on; returns how many steps did work (0: it was already merged, or PostgreSQL).
    pub async fn merge_search_index(&self) -> AppResult<u32> {
        const PAGES_PER_STEP: i64 = 256; // about 1 MB written per step: a few milliseconds
        let mut steps = 0;
        while self.store.merge_search_index_step(PAGES_PER_STEP).await? {
            steps += 1;
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        Ok(steps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_plain_words() {
        assert_eq!(search_terms("Letting GO* AND \"local\" -x"), vec!["letting", "go", "and", "local", "x"]);
        assert!(search_terms("\"*^:()").is_empty());
        assert_eq!(search_terms(&"word ".repeat(20)).len(), 8);
    }

    #[test]
    fn every_kind_has_a_label_for_people() {
        for kind in [
            "reflection",
            "session",
            "session_detail",
            "coach_note",
            "action",
            "open_question",
            "killer_question",
            "theme",
        ] {
            let label = kind_label(kind);
            assert!(!label.contains('_') && label != "Note", "{kind} is shown as {label}");
            assert!(kind_of(kind).is_some(), "{kind} is searchable");
        }
        assert_eq!(kind_label("killer_question"), "Killer question");
    }

    #[test]
    fn snippets_split_on_markers() {
        let parts = split_snippet("we must \u{2}let\u{3} go of \u{2}control\u{3}.");
        assert_eq!(
            parts,
            vec![
                ("we must ".to_owned(), false),
                ("let".to_owned(), true),
                (" go of ".to_owned(), false),
                ("control".to_owned(), true),
                (".".to_owned(), false)
            ]
        );
    }
}
