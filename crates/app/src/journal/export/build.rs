//! Turns what the store read for one person into the export document. The store already limited
//! the rows to what the person wrote; here each reference is kept only if what it names is in the
//! file too, so every file this writes imports without a dangling reference.

use super::format::{
    Action, CoachNote, ExportDocument, FORMAT, KillerQuestion, OpenQuestion, PagePosition, PageVersion, Partner,
    Person, Position, PublicPage, Reflection, Reply, Session, SharedRecord, ToolkitQuestion, VERSION,
};
use crate::error::{AppError, AppResult};
use crate::journal::PageContent;
use coachkit_domain::privacy::Audience;
use coachkit_store::UserRow;
use coachkit_store::journal::{AuthoredNote, AuthoredReply, JournalExport, SessionRow};
use std::collections::{HashMap, HashSet};

/// Values of the (id, value) pairs whose id is `id`, in order.
fn values_of(pairs: &[(String, String)], id: &str) -> Vec<String> {
    pairs.iter().filter(|(k, _)| k == id).map(|(_, v)| v.clone()).collect()
}

/// The audience in the file's words; a relationship outside the file reads as private (it cannot
/// be named, and narrowing is the safe direction).
fn audience_text(word: &str, target: Option<String>, partners: &HashSet<String>) -> String {
    match Audience::from_parts(word, target) {
        Audience::Relationship(r) if partners.contains(r.as_str()) => format!("partner:{r}"),
        Audience::AllMyCoaches => "all_my_coaches".into(),
        Audience::Public => "public".into(),
        _ => "private".into(),
    }
}

fn known(id: Option<String>, set: &HashSet<String>) -> Option<String> {
    id.filter(|i| set.contains(i))
}

/// The document for `user` from the rows the store read, at `now`.
pub(super) fn document(user: &UserRow, data: JournalExport, now: i64) -> AppResult<ExportDocument> {
    let partners: Vec<Partner> = data
        .partners
        .into_iter()
        .map(|p| Partner {
            my_side: if p.leader_id == user.id { "leader" } else { "coach" }.into(),
            id: p.id,
            name: p.partner_name,
            email: p.partner_email,
            kind: p.kind,
            status: p.status,
            started_at: p.answered_at,
            ended_at: p.ended_at,
        })
        .collect();
    let partner_ids: HashSet<String> = partners.iter().map(|p| p.id.clone()).collect();
    let sessions = sessions(data.sessions, data.notes, &data.session_themes, &partner_ids);
    let session_ids: HashSet<String> = sessions.iter().map(|s| s.id.clone()).collect();

    let reflections: Vec<Reflection> = data
        .reflections
        .into_iter()
        .map(|r| Reflection {
            themes: values_of(&data.reflection_themes, &r.id),
            audience: audience_text(&r.audience, r.audience_target, &partner_ids),
            session: known(r.session_id, &session_ids),
            partner: known(r.relationship_id, &partner_ids),
            id: r.id,
            title: r.title,
            body: r.body,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
        .collect();
    let reflection_ids: HashSet<String> = reflections.iter().map(|r| r.id.clone()).collect();

    let killer_questions = data
        .killer_questions
        .into_iter()
        .filter(|k| partner_ids.contains(&k.relationship_id))
        .map(|k| KillerQuestion {
            session: known(k.session_id, &session_ids),
            id: k.id,
            text: k.text,
            partner: k.relationship_id,
            created_at: k.created_at,
        })
        .collect();
    let actions = data
        .actions
        .into_iter()
        .map(|a| Action {
            assigned_to: match a.assignee_id.as_deref() {
                Some(id) if id == user.id => "me",
                Some(_) => "partner",
                None => "nobody",
            }
            .into(),
            audience: audience_text(&a.audience, a.audience_target, &partner_ids),
            partner: known(a.relationship_id, &partner_ids),
            session: known(a.session_id, &session_ids),
            reflection: known(a.reflection_id, &reflection_ids),
            id: a.id,
            text: a.text,
            status: a.status,
            due: a.due_at,
            created_at: a.created_at,
            updated_at: a.updated_at,
        })
        .collect();
    let open_questions = data
        .questions
        .into_iter()
        .map(|q| OpenQuestion {
            progress: values_of(&data.question_progress, &q.id)
                .into_iter()
                .filter(|r| reflection_ids.contains(r))
                .collect(),
            audience: audience_text(&q.audience, q.audience_target, &partner_ids),
            id: q.id,
            text: q.text,
            status: q.status,
            created_at: q.created_at,
            updated_at: q.updated_at,
        })
        .collect();
    let positions = data
        .positions
        .into_iter()
        .map(|p| Position {
            themes: values_of(&data.position_themes, &p.id),
            evidence: values_of(&data.position_evidence, &p.id)
                .into_iter()
                .filter(|r| reflection_ids.contains(r))
                .collect(),
            id: p.id,
            statement: p.statement,
            explanation: p.explanation,
            listed: p.listed != 0,
            updated_at: p.updated_at,
        })
        .collect();
    let mut versions = vec![];
    for v in data.page_versions {
        let content: PageContent = serde_json::from_str(&v.content).map_err(|e| AppError::Internal(Box::new(e)))?;
        versions.push(PageVersion {
            version: v.version,
            published_at: v.published_at,
            note: v.note,
            positions: content
                .positions
                .into_iter()
                .map(|p| PagePosition {
                    statement: p.statement,
                    explanation: p.explanation,
                    themes: p.themes,
                    // Old versions keep evidence by id; a reflection deleted since is simply gone.
                    evidence: p.evidence.into_iter().filter(|r| reflection_ids.contains(r)).collect(),
                })
                .collect(),
        });
    }
    Ok(ExportDocument {
        format: FORMAT.into(),
        version: VERSION,
        exported_at: now,
        person: Person {
            id: user.id.clone(),
            display_name: user.display_name.clone(),
            email: user.email.clone(),
            handle: user.handle.clone(),
            headline: user.headline.clone(),
        },
        partners,
        themes: data.themes,
        sessions,
        reflections,
        killer_questions,
        actions,
        open_questions,
        positions,
        public_page: PublicPage {
            published: data.page.published != 0,
            indexable: data.page.indexable != 0,
            current_version: data.page.current_version,
            versions,
        },
        toolkit: data
            .toolkit
            .into_iter()
            .map(|t| ToolkitQuestion { id: t.id, text: t.text, created_at: t.created_at })
            .collect(),
        replies: data.replies.into_iter().map(|r| reply(r, &user.id, &reflection_ids, &partner_ids)).collect(),
    })
}

/// A reply in the file's words: which reflection it answered, and to whom it went.
fn reply(r: AuthoredReply, me: &str, reflections: &HashSet<String>, partners: &HashSet<String>) -> Reply {
    let whose = if r.item_author_id == me {
        "My reflection".to_owned()
    } else {
        format!("{}'s reflection", r.item_author_name)
    };
    let title = r.item_title.map(|t| format!(" “{t}”")).unwrap_or_default();
    let audience = match Audience::from_parts(&r.audience, r.audience_target) {
        Audience::Relationship(id) if partners.contains(id.as_str()) => format!("partner:{id}"),
        Audience::Relationship(_) => "one_relationship".into(),
        _ => "item_readers".into(),
    };
    Reply {
        reflection: known(Some(r.item_id), reflections),
        answering: format!(
            "{whose}{title}, {}",
            coachkit_domain::time::day_label(coachkit_domain::time::Millis(r.item_created_at))
        ),
        id: r.id,
        body: r.body,
        audience,
        created_at: r.created_at,
    }
}

/// Sessions whose shared record the person wrote or leads, in full; sessions where they only wrote
/// a note, as their date and that note. Oldest first.
fn sessions(
    full: Vec<SessionRow>,
    notes: Vec<AuthoredNote>,
    themes: &[(String, String)],
    partners: &HashSet<String>,
) -> Vec<Session> {
    let mut by_session: HashMap<String, Vec<AuthoredNote>> = HashMap::new();
    // An emptied note is stored as empty text: nothing to export.
    for n in notes.into_iter().filter(|n| !n.note.body.trim().is_empty()) {
        by_session.entry(n.note.session_id.clone()).or_default().push(n);
    }
    let mut out: Vec<Session> = vec![];
    for s in full.into_iter().filter(|s| partners.contains(&s.relationship_id)) {
        let mine = by_session.remove(&s.id).unwrap_or_default();
        let mut session = Session {
            themes: values_of(themes, &s.id),
            shared_record: Some(SharedRecord {
                agenda: s.agenda,
                goal: s.goal,
                reality: s.reality,
                options: s.options,
                way_forward: s.way_forward,
            }),
            id: s.id,
            partner: s.relationship_id,
            starts_at: s.starts_at,
            duration_minutes: s.duration_minutes,
            status: s.status,
            my_detail: None,
            my_coach_note: None,
            created_at: s.created_at,
            updated_at: s.updated_at,
        };
        add_notes(&mut session, mine);
        out.push(session);
    }
    for (session_id, mine) in by_session {
        let Some(first) = mine.first() else { continue };
        if !partners.contains(&first.relationship_id) {
            continue;
        }
        let mut session = Session {
            id: session_id,
            partner: first.relationship_id.clone(),
            starts_at: first.starts_at,
            duration_minutes: first.duration_minutes,
            status: first.session_status.clone(),
            shared_record: None,
            themes: vec![],
            my_detail: None,
            my_coach_note: None,
            created_at: first.note.updated_at,
            updated_at: first.note.updated_at,
        };
        add_notes(&mut session, mine);
        out.push(session);
    }
    out.sort_by(|a, b| a.starts_at.cmp(&b.starts_at).then_with(|| a.id.cmp(&b.id)));
    out
}

fn add_notes(session: &mut Session, notes: Vec<AuthoredNote>) {
    for n in notes {
        match n.note.kind.as_str() {
            "detail" => session.my_detail = Some(n.note.body),
            "coach_note" => {
                session.my_coach_note =
                    Some(CoachNote { shared_with_partner: n.note.audience == "relationship", body: n.note.body })
            }
            _ => {}
        }
    }
}
