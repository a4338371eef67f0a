//! Importing an export file into the signed-in person's journal, on this instance. The file is read
//! and checked whole first (see `parse`); then everything is written in one transaction.
//!
//! Partners have no account tied to the importer here, so each relationship the person led becomes
//! history: ended, with nobody in the coach's place, the partner's address kept as the invitee.
//! Records shared with one partner then reach nobody (the safe direction); "all my coaches" and
//! "public" keep their meaning. Sessions in which the person was the coach belong to their clients'
//! journals and are not imported. Every record remembers the id it had in the file, so importing
//! the same file again adds nothing.

use super::parse;
use super::plan::{Plan, Target, VersionPlan};
use crate::error::{AppError, AppResult};
use crate::journal::{PageContent, PublishedPosition};
use crate::{Actor, App};
use coachkit_domain::journal::ThemeName;
use coachkit_domain::privacy::Audience;
use coachkit_domain::{RecordId, RelationshipId};
use coachkit_store::journal::{HistoryRelationship, ImportKind, ImportTx, NewAction, NewReflection, NewSession};
use serde::Serialize;
use std::collections::HashMap;

/// What an import did, for the person: counts per kind of record and what changed on the way.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ImportReport {
    pub counts: Vec<ImportCount>,
    /// Sentences about what is different here from where the file came from.
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ImportCount {
    pub kind: &'static str,
    pub created: usize,
    pub already_here: usize,
}

impl ImportReport {
    /// Records of `kind` ("reflections", "actions", ...) this import created.
    pub fn created(&self, kind: &str) -> usize {
        self.counts.iter().find(|c| c.kind == kind).map(|c| c.created).unwrap_or(0)
    }

    /// Records of `kind` that were already here (from an earlier import of the same file).
    pub fn already_here(&self, kind: &str) -> usize {
        self.counts.iter().find(|c| c.kind == kind).map(|c| c.already_here).unwrap_or(0)
    }

    fn count(&mut self, kind: &'static str, created: bool) {
        let at = match self.counts.iter().position(|c| c.kind == kind) {
            Some(at) => at,
            None => {
                self.counts.push(ImportCount { kind, created: 0, already_here: 0 });
                self.counts.len() - 1
            }
        };
        if created {
            self.counts[at].created += 1;
        } else {
            self.counts[at].already_here += 1;
        }
    }
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for c in &self.counts {
            writeln!(f, "{:<22} {:>5} new, {:>5} already here", c.kind, c.created, c.already_here)?;
        }
        for n in &self.notes {
            writeln!(f, "- {n}")?;
        }
        Ok(())
    }
}

/// How many created records ended up with each kind of audience, and other changes worth saying.
#[derive(Default)]
struct Changes {
    to_history: usize,
    all_my_coaches: usize,
    public: usize,
    coach_sessions: usize,
    unassigned: usize,
    askers_dropped: usize,
}

/// One import in progress.
struct Run<'p> {
    tx: ImportTx,
    owner: String,
    /// File id -> id here, for every record created or found.
    ids: HashMap<&'p str, String>,
    /// Theme key -> id here.
    themes: HashMap<String, String>,
    report: ImportReport,
    changes: Changes,
}

impl App {
    /// Imports an export file (its bytes) into the actor's journal. A file with any problem is
    /// refused whole, listing the problems; nothing is written then.
    pub async fn import_json(&self, actor: &Actor, raw: &[u8]) -> AppResult<ImportReport> {
        let doc = parse::read_document(raw)?;
        let plan = parse::plan(&doc)?;
        let same_account = plan.person_id == actor.user.id;
        let tx = self.store.begin_import(&actor.user.id).await?;
        let mut run = Run {
            tx,
            owner: actor.user.id.clone(),
            ids: HashMap::new(),
            themes: HashMap::new(),
            report: ImportReport::default(),
            changes: Changes::default(),
        };
        run.theme_ids(&plan.themes).await?;
        run.partners(&plan).await?;
        run.sessions(&plan).await?;
        run.reflections(&plan).await?;
        run.killer_questions(&plan).await?;
        run.actions(&plan).await?;
        run.questions(&plan).await?;
        run.positions(&plan).await?;
        let page_note = run.page(&plan, same_account).await?;
        run.toolkit(&plan).await?;
        let Run { tx, mut report, changes, .. } = run;
        tx.commit().await?;
        report.notes = notes(&changes, page_note);
        if let n @ 1.. = doc.replies.len() {
            report.notes.push(format!(
                "{} you wrote in reflection threads {} not imported: a reply answers a moment of a conversation \
                 that is not here. {} in the export file and its Markdown.",
                many(n, "reply", "replies"),
                agree(n, "was", "were"),
                agree(n, "It stays", "They stay"),
            ));
        }
        Ok(report)
    }
}

impl<'p> Run<'p> {
    /// Looks a file record up here; remembers its id here when found.
    async fn found(&mut self, kind: ImportKind, source: &'p str, what: &'static str) -> AppResult<bool> {
        match self.tx.resolve(kind, source).await? {
            Some(id) => {
                self.ids.insert(source, id);
                self.report.count(what, false);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    async fn created(&mut self, kind: ImportKind, source: &'p str, id: String, what: &'static str) -> AppResult<()> {
        self.tx.remember(kind, source, &id).await?;
        self.ids.insert(source, id);
        self.report.count(what, true);
        Ok(())
    }

    /// The id here of a file record that must have been imported already.
    fn here(&self, source: &str) -> AppResult<String> {
        self.ids.get(source).cloned().ok_or_else(|| AppError::Internal(format!("import lost track of {source}").into()))
    }

    fn here_opt(&self, source: Option<&str>) -> Option<String> {
        source.and_then(|s| self.ids.get(s).cloned())
    }

    async fn theme_ids(&mut self, names: &[ThemeName]) -> AppResult<Vec<String>> {
        let missing: Vec<ThemeName> = names.iter().filter(|n| !self.themes.contains_key(n.key())).cloned().collect();
        for (name, id) in missing.iter().zip(self.tx.ensure_themes(&missing).await?) {
            self.themes.insert(name.key().to_owned(), id);
        }
        Ok(names.iter().filter_map(|n| self.themes.get(n.key()).cloned()).collect())
    }

    /// The audience of a created record here, counting what it means now.
    fn audience(&mut self, target: &Target<'_>) -> Audience {
        match target {
            Target::Private => Audience::Private,
            Target::Partner(p) => match self.ids.get(p) {
                Some(id) => {
                    self.changes.to_history += 1;
                    Audience::Relationship(RelationshipId::from_trusted(id.clone()))
                }
                None => Audience::Private,
            },
            Target::AllMyCoaches => {
                self.changes.all_my_coaches += 1;
                Audience::AllMyCoaches
            }
            Target::Public => {
                self.changes.public += 1;
                Audience::Public
            }
        }
    }

    async fn partners(&mut self, plan: &Plan<'p>) -> AppResult<()> {
        for x in plan.partners.iter().filter(|x| x.leader_side) {
            if self.found(ImportKind::Relationship, x.id, "relationships").await? {
                continue;
            }
            let id = RelationshipId::new().to_string();
            let started_at = x.started_at.unwrap_or_else(coachkit_store::now_ms);
            let message = format!(
                "History imported from another coachkit instance: your {} with {} <{}>.",
                x.kind.as_str(),
                x.name,
                x.email
            );
            self.tx
                .insert_history_relationship(&HistoryRelationship {
                    id: &id,
                    kind: x.kind.as_str(),
                    invitee_email: &x.email,
                    message: &message,
                    started_at,
                    ended_at: x.ended_at.unwrap_or_else(coachkit_store::now_ms).max(started_at),
                })
                .await?;
            self.created(ImportKind::Relationship, x.id, id, "relationships").await?;
        }
        Ok(())
    }

    async fn sessions(&mut self, plan: &Plan<'p>) -> AppResult<()> {
        for x in &plan.sessions {
            if !x.leader_side {
                self.changes.coach_sessions += 1;
                continue;
            }
            if self.found(ImportKind::Session, x.id, "sessions").await? {
                continue;
            }
            let id = RecordId::new().to_string();
            let relationship = self.here(x.partner)?;
            let theme_ids = self.theme_ids(&x.themes).await?;
            let session = NewSession {
                id: &id,
                relationship_id: &relationship,
                created_by: &self.owner,
                starts_at: x.starts_at,
                duration_minutes: x.duration_minutes,
                status: x.status.as_str(),
                agenda: x.agenda.as_deref(),
                grow: &x.grow,
            };
            self.tx.insert_session(&session, x.stamps, &theme_ids, x.detail.as_deref()).await?;
            self.created(ImportKind::Session, x.id, id, "sessions").await?;
        }
        Ok(())
    }

    async fn reflections(&mut self, plan: &Plan<'p>) -> AppResult<()> {
        for x in &plan.reflections {
            if self.found(ImportKind::Reflection, x.id, "reflections").await? {
                continue;
            }
            let id = RecordId::new().to_string();
            let audience = self.audience(&x.audience);
            let theme_ids = self.theme_ids(&x.themes).await?;
            let (session, relationship) = (self.here_opt(x.session), self.here_opt(x.partner));
            let reflection = NewReflection {
                id: &id,
                author_id: &self.owner,
                session_id: session.as_deref(),
                relationship_id: relationship.as_deref(),
                title: x.title.as_deref(),
                body: &x.body,
                audience: &audience,
                theme_ids: &theme_ids,
            };
            self.tx.insert_reflection(&reflection, x.stamps).await?;
            self.created(ImportKind::Reflection, x.id, id, "reflections").await?;
        }
        Ok(())
    }

    async fn killer_questions(&mut self, plan: &Plan<'p>) -> AppResult<()> {
        for x in &plan.killer_questions {
            if self.found(ImportKind::KillerQuestion, x.id, "killer questions").await? {
                continue;
            }
            let id = RecordId::new().to_string();
            let relationship = self.here(x.partner)?;
            let session = self.here_opt(x.session);
            self.tx.insert_killer_question(&id, &relationship, session.as_deref(), &x.text, x.created_at).await?;
            self.changes.askers_dropped += 1;
            self.created(ImportKind::KillerQuestion, x.id, id, "killer questions").await?;
        }
        Ok(())
    }

    async fn actions(&mut self, plan: &Plan<'p>) -> AppResult<()> {
        for x in &plan.actions {
            if self.found(ImportKind::Action, x.id, "actions").await? {
                continue;
            }
            let id = RecordId::new().to_string();
            let audience = self.audience(&x.audience);
            if !x.to_me {
                self.changes.unassigned += 1;
            }
            let (relationship, session, reflection) =
                (self.here_opt(x.partner), self.here_opt(x.session), self.here_opt(x.reflection));
            let action = NewAction {
                id: &id,
                owner_id: &self.owner,
                relationship_id: relationship.as_deref(),
                session_id: session.as_deref(),
                reflection_id: reflection.as_deref(),
                assignee_id: x.to_me.then_some(self.owner.as_str()),
                text: &x.text,
                due_at: x.due,
                audience: &audience,
            };
            self.tx.insert_action(&action, x.status.as_str(), x.stamps).await?;
            self.created(ImportKind::Action, x.id, id, "actions").await?;
        }
        Ok(())
    }

    async fn questions(&mut self, plan: &Plan<'p>) -> AppResult<()> {
        for x in &plan.questions {
            if self.found(ImportKind::OpenQuestion, x.id, "open questions").await? {
                continue;
            }
            let id = RecordId::new().to_string();
            let audience = self.audience(&x.audience);
            self.tx.insert_question(&id, &x.text, x.status.as_str(), &audience, x.stamps).await?;
            for reflection in x.progress.iter().filter_map(|r| self.ids.get(r)) {
                self.tx.link_progress(&id, reflection, x.stamps.updated_at).await?;
            }
            self.created(ImportKind::OpenQuestion, x.id, id, "open questions").await?;
        }
        Ok(())
    }

    async fn positions(&mut self, plan: &Plan<'p>) -> AppResult<()> {
        // Imported positions go after any the person already has here, in the file's order.
        let first = self.tx.next_position_order().await?;
        for (i, x) in plan.positions.iter().enumerate() {
            if self.found(ImportKind::Position, x.id, "positions").await? {
                continue;
            }
            let id = RecordId::new().to_string();
            let theme_ids = self.theme_ids(&x.themes).await?;
            let evidence: Vec<String> = x.evidence.iter().filter_map(|r| self.ids.get(r).cloned()).collect();
            let order = first + i as i64;
            let explanation = x.explanation.as_deref();
            self.tx
                .insert_position(&id, &x.statement, explanation, order, x.listed, &theme_ids, &evidence, x.updated_at)
                .await?;
            self.created(ImportKind::Position, x.id, id, "positions").await?;
        }
        Ok(())
    }

    /// Adds the page's published versions to the page's history here. Returns what to tell the
    /// person about their page, if anything changed.
    async fn page(&mut self, plan: &Plan<'p>, same_account: bool) -> AppResult<Option<String>> {
        let mut versions: Vec<&VersionPlan<'p>> = plan.versions.iter().collect();
        versions.sort_by_key(|v| v.version);
        let mut newest = None;
        let mut added = 0;
        for v in versions {
            // Versions have numbers, not ids; the person's id where they were published makes the key.
            let key = format!("page-version:{}:{}", plan.person_id, v.version);
            // Back in the account it came from, the versions are already the page's own history.
            if same_account || self.tx.resolve(ImportKind::PageVersion, &key).await?.is_some() {
                self.report.count("page versions", false);
                continue;
            }
            let positions = v
                .positions
                .iter()
                .map(|p| PublishedPosition {
                    statement: p.statement.clone(),
                    explanation: p.explanation.clone(),
                    themes: p.themes.clone(),
                    evidence: p.evidence.iter().filter_map(|r| self.ids.get(r).cloned()).collect(),
                })
                .collect();
            let content =
                serde_json::to_string(&PageContent { positions }).map_err(|e| AppError::Internal(Box::new(e)))?;
            let number = self.tx.insert_page_version(v.published_at, v.note.as_deref(), &content).await?;
            self.tx.remember(ImportKind::PageVersion, &key, &number.to_string()).await?;
            self.report.count("page versions", true);
            newest = Some(number);
            added += 1;
        }
        let Some(newest) = newest else { return Ok(None) };
        Ok(Some(if self.tx.adopt_page_if_none(newest).await? {
            format!(
                "Your public page came with {}. It is not up on this instance: put it up from \"What I think\" \
                 when you want it public here.",
                many(added, "published version", "published versions")
            )
        } else {
            format!(
                "{} {} added to your public page's history; the page itself is unchanged.",
                many(added, "published version", "published versions"),
                agree(added, "was", "were")
            )
        }))
    }

    async fn toolkit(&mut self, plan: &Plan<'p>) -> AppResult<()> {
        for x in &plan.toolkit {
            if self.found(ImportKind::Toolkit, x.id, "toolkit questions").await? {
                continue;
            }
            let id = RecordId::new().to_string();
            self.tx.insert_toolkit_question(&id, &x.text, x.created_at).await?;
            self.created(ImportKind::Toolkit, x.id, id, "toolkit questions").await?;
        }
        Ok(())
    }
}

/// "1 record" or "3 records".
fn many(n: usize, one: &str, more: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {more}") }
}

/// The word that agrees with `n` ("was" or "were", "it" or "them").
fn agree<'a>(n: usize, one: &'a str, more: &'a str) -> &'a str {
    if n == 1 { one } else { more }
}

/// What the person should know about the records this import created.
fn notes(c: &Changes, page: Option<String>) -> Vec<String> {
    let mut out = vec![];
    if let n @ 1.. = c.to_history {
        out.push(format!(
            "{} {} shared with one coach or mentor. Here that audience names the relationship's history, which has \
             nobody in it, so {} nobody; choose a new audience to share {} again.",
            many(n, "record", "records"),
            agree(n, "was", "were"),
            agree(n, "it reaches", "they reach"),
            agree(n, "it", "them"),
        ));
    }
    if let n @ 1.. = c.all_my_coaches {
        out.push(format!(
            "{} {} shared with all your coaches and mentors: those you work with on this instance will see {}.",
            many(n, "record", "records"),
            agree(n, "is", "are"),
            agree(n, "it", "them"),
        ));
    }
    if let n @ 1.. = c.public {
        out.push(format!(
            "{} {} public: anyone with the link can read {} here too.",
            many(n, "reflection", "reflections"),
            agree(n, "is", "are"),
            agree(n, "it", "them"),
        ));
    }
    if let n @ 1.. = c.coach_sessions {
        out.push(format!(
            "{} in which you were the coach or mentor {} not imported, nor your notes on {}: they belong to your \
             clients' journals. They stay in the export file and its Markdown.",
            many(n, "session", "sessions"),
            agree(n, "was", "were"),
            agree(n, "it", "them"),
        ));
    }
    if let n @ 1.. = c.unassigned {
        out.push(format!(
            "{} assigned to someone else {} assigned to nobody here.",
            many(n, "action", "actions"),
            agree(n, "is", "are"),
        ));
    }
    if let n @ 1.. = c.askers_dropped {
        out.push(format!(
            "{} no longer {} who asked {} (that person has no account tied to yours here); the relationship still \
             says whom {} came from.",
            many(n, "killer question", "killer questions"),
            agree(n, "names", "name"),
            agree(n, "it", "them"),
            agree(n, "it", "they"),
        ));
    }
    out.extend(page);
    out
}
