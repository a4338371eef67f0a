//! Reading everything one person wrote, for the export. Every query here is filtered by the
//! author's own column (`author_id`, `owner_id`, `leader_id`, `coach_id`, `created_by`), never by
//! "may see": what another person wrote and shared with them stays out of an export by construction.
//! All queries run in one read transaction, so the file is one consistent moment of the journal.

use super::{ActionRow, KillerRow, NoteRow, PageRow, PositionRow, QuestionRow, ReflectionRow, SessionRow, ToolkitRow};
use crate::error::DbResult;
use crate::{Backend, Store};

/// One relationship the person is a party to, with the other party's name and address.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PartnerRow {
    pub id: String,
    pub leader_id: String,
    pub kind: String,
    pub status: String,
    /// The other party's name; for history imported without an account, the address invited.
    pub partner_name: String,
    pub partner_email: String,
    pub answered_at: Option<i64>,
    pub ended_at: Option<i64>,
}

/// A note the person wrote on a session, with the session's date (for sessions whose shared
/// record another person wrote, the date is all the export says about the session itself).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AuthoredNote {
    #[sqlx(flatten)]
    pub note: NoteRow,
    pub relationship_id: String,
    pub starts_at: i64,
    pub duration_minutes: i64,
    pub session_status: String,
}

/// A reply the person wrote, with enough of the reflection it answers to say which one it was
/// (the reflection itself is in the export only when the person wrote it too).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AuthoredReply {
    pub id: String,
    pub item_id: String,
    pub item_author_id: String,
    /// The reflection's author as the person knew them.
    pub item_author_name: String,
    pub item_title: Option<String>,
    pub item_created_at: i64,
    pub body: String,
    pub audience: String,
    pub audience_target: Option<String>,
    pub created_at: i64,
}

/// Everything one person wrote in practice 1.
#[derive(Clone, Debug, Default)]
pub struct JournalExport {
    pub partners: Vec<PartnerRow>,
    /// Sessions of relationships the person leads, and sessions they created as coach or mentor.
    pub sessions: Vec<SessionRow>,
    /// (session id, theme label) of the person's own themes on sessions.
    pub session_themes: Vec<(String, String)>,
    /// The private details and coach notes the person wrote.
    pub notes: Vec<AuthoredNote>,
    /// Every theme label of the person, used or not.
    pub themes: Vec<String>,
    pub reflections: Vec<ReflectionRow>,
    /// (reflection id, theme label).
    pub reflection_themes: Vec<(String, String)>,
    pub killer_questions: Vec<KillerRow>,
    pub actions: Vec<ActionRow>,
    pub questions: Vec<QuestionRow>,
    /// (question id, reflection id), oldest link first.
    pub question_progress: Vec<(String, String)>,
    pub positions: Vec<PositionRow>,
    /// (position id, theme label).
    pub position_themes: Vec<(String, String)>,
    /// (position id, reflection id).
    pub position_evidence: Vec<(String, String)>,
    pub page: PageRow,
    pub page_versions: Vec<super::VersionRow>,
    pub toolkit: Vec<ToolkitRow>,
    /// Replies the person wrote, on their own reflections and on reflections shared with them.
    pub replies: Vec<AuthoredReply>,
}

const SESSION_COLUMNS: &str = "s.id, s.relationship_id, s.created_by, s.starts_at, s.duration_minutes, s.status, \
    s.agenda, s.goal, s.reality, s.options, s.way_forward, s.created_at, s.updated_at";

impl Store {
    /// Reads everything `owner` wrote, in one snapshot.
    pub async fn journal_export(&self, owner: &str) -> DbResult<JournalExport> {
        // The one place outside db.rs where the dialects differ: PostgreSQL needs REPEATABLE READ
        // for one snapshot across statements; SQLite in WAL mode takes it at the first read anyway.
        let mut tx = match self.backend() {
            Backend::Sqlite => self.pool.begin().await?,
            Backend::Postgres => self.pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").await?,
        };
        let c = &mut *tx;
        // Relationships that were accepted at some point (a withdrawn invitation is "ended" too).
        let partners = sqlx::query_as(
            "SELECT * FROM (SELECT r.id, r.leader_id, r.kind, r.status, \
               COALESCE(u.display_name, r.invitee_email, '') AS partner_name, \
               COALESCE(u.email, r.invitee_email, '') AS partner_email, r.answered_at, r.ended_at \
             FROM relationships r LEFT JOIN users u ON u.id = r.coach_id \
             WHERE r.leader_id = $1 AND r.status IN ('active', 'ended') AND r.answered_at IS NOT NULL \
             UNION ALL \
             SELECT r.id, r.leader_id, r.kind, r.status, u.display_name AS partner_name, u.email AS partner_email, \
               r.answered_at, r.ended_at \
             FROM relationships r JOIN users u ON u.id = r.leader_id \
             WHERE r.coach_id = $1 AND r.status IN ('active', 'ended') AND r.answered_at IS NOT NULL) p \
             ORDER BY answered_at, id",
        )
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        // Sessions the person leads, then those they created as the coach: two indexed lookups
        // joined by UNION ALL rather than one OR.
        let sessions = sqlx::query_as(&format!(
            "SELECT * FROM (SELECT {SESSION_COLUMNS} FROM journal_sessions s \
             JOIN relationships r ON r.id = s.relationship_id WHERE r.leader_id = $1 \
             UNION ALL \
             SELECT {SESSION_COLUMNS} FROM journal_sessions s JOIN relationships r ON r.id = s.relationship_id \
             WHERE r.coach_id = $1 AND s.created_by = $1) s ORDER BY starts_at, id"
        ))
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        let session_themes = sqlx::query_as(
            "SELECT st.session_id, t.label FROM session_themes st JOIN themes t ON t.id = st.theme_id \
             WHERE t.owner_id = $1 ORDER BY t.label",
        )
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        // session_notes has no index on the author alone; an export is rare enough for a scan.
        let notes = sqlx::query_as(
            "SELECT n.id, n.session_id, n.author_id, n.kind, n.body, n.audience, n.audience_target, n.shared_at, \
               n.updated_at, s.relationship_id, s.starts_at, s.duration_minutes, s.status AS session_status \
             FROM session_notes n JOIN journal_sessions s ON s.id = n.session_id \
             WHERE n.author_id = $1 ORDER BY s.starts_at, n.kind",
        )
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        let themes: Vec<(String,)> = sqlx::query_as("SELECT label FROM themes WHERE owner_id = $1 ORDER BY label")
            .bind(owner)
            .fetch_all(&mut *c)
            .await?;
        let reflections = sqlx::query_as(&format!(
            "{} WHERE r.author_id = $1 ORDER BY r.created_at, r.id",
            super::reflections::SELECT
        ))
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        let reflection_themes = sqlx::query_as(
            "SELECT rt.reflection_id, t.label FROM reflection_themes rt JOIN themes t ON t.id = rt.theme_id \
             WHERE t.owner_id = $1 ORDER BY t.label",
        )
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        let killer_questions = sqlx::query_as(
            "SELECT k.id, k.leader_id, k.relationship_id, k.session_id, k.asked_by, \
               u.display_name AS asked_by_name, k.text, k.created_at \
             FROM killer_questions k LEFT JOIN users u ON u.id = k.asked_by \
             WHERE k.leader_id = $1 ORDER BY k.created_at, k.id",
        )
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        let actions = sqlx::query_as(
            "SELECT a.id, a.owner_id, a.relationship_id, a.session_id, a.reflection_id, a.assignee_id, \
               u.display_name AS assignee_name, a.text, a.due_at, a.status, a.audience, a.audience_target, \
               a.shared_at, a.created_at, a.updated_at \
             FROM actions a LEFT JOIN users u ON u.id = a.assignee_id \
             WHERE a.owner_id = $1 ORDER BY a.created_at, a.id",
        )
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        let questions = sqlx::query_as(
            "SELECT id, owner_id, text, status, audience, audience_target, shared_at, created_at, updated_at \
             FROM open_questions WHERE owner_id = $1 ORDER BY created_at, id",
        )
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        let question_progress = sqlx::query_as(
            "SELECT qp.question_id, qp.reflection_id FROM question_progress qp \
             JOIN open_questions q ON q.id = qp.question_id WHERE q.owner_id = $1 ORDER BY qp.created_at",
        )
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        let positions = sqlx::query_as(
            "SELECT id, owner_id, statement, explanation, sort_order, listed, updated_at \
             FROM positions WHERE owner_id = $1 ORDER BY sort_order, id",
        )
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        let position_themes = sqlx::query_as(
            "SELECT pt.position_id, t.label FROM position_themes pt JOIN themes t ON t.id = pt.theme_id \
             WHERE t.owner_id = $1 ORDER BY t.label",
        )
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        let position_evidence = sqlx::query_as(
            "SELECT pe.position_id, pe.reflection_id FROM position_evidence pe \
             JOIN positions p ON p.id = pe.position_id JOIN reflections r ON r.id = pe.reflection_id \
             WHERE p.owner_id = $1 ORDER BY r.created_at",
        )
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        let page = sqlx::query_as("SELECT published, indexable, current_version FROM public_pages WHERE owner_id = $1")
            .bind(owner)
            .fetch_optional(&mut *c)
            .await?
            .unwrap_or_default();
        let page_versions = sqlx::query_as(
            "SELECT version, published_at, note, content FROM public_page_versions WHERE owner_id = $1 ORDER BY version",
        )
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        let toolkit = sqlx::query_as(
            "SELECT id, text, source_question_id, created_at FROM toolkit_questions WHERE coach_id = $1 \
             ORDER BY created_at, id",
        )
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        let replies = sqlx::query_as(
            "SELECT p.id, p.item_id, f.author_id AS item_author_id, u.display_name AS item_author_name, \
               f.title AS item_title, f.created_at AS item_created_at, p.body, p.audience, p.audience_target, p.created_at \
             FROM replies p JOIN reflections f ON f.id = p.item_id JOIN users u ON u.id = f.author_id \
             WHERE p.author_id = $1 AND p.item_kind = 'reflection' ORDER BY p.created_at, p.id",
        )
        .bind(owner)
        .fetch_all(&mut *c)
        .await?;
        tx.commit().await?;
        Ok(JournalExport {
            partners,
            sessions,
            session_themes,
            notes,
            themes: themes.into_iter().map(|t| t.0).collect(),
            reflections,
            reflection_themes,
            killer_questions,
            actions,
            questions,
            question_progress,
            positions,
            position_themes,
            position_evidence,
            page,
            page_versions,
            toolkit,
            replies,
        })
    }
}
