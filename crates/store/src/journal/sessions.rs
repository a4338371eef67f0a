//! Sessions of a relationship, and each party's own notes on them.

use super::index_document;
use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::journal::Grow;
use coachkit_domain::privacy::Audience;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub id: String,
    pub relationship_id: String,
    pub created_by: String,
    pub starts_at: i64,
    pub duration_minutes: i64,
    pub status: String,
    pub agenda: Option<String>,
    pub goal: Option<String>,
    pub reality: Option<String>,
    pub options: Option<String>,
    pub way_forward: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

pub struct NewSession<'a> {
    pub id: &'a str,
    pub relationship_id: &'a str,
    pub created_by: &'a str,
    pub starts_at: i64,
    pub duration_minutes: i64,
    pub status: &'a str,
    pub agenda: Option<&'a str>,
    pub grow: &'a Grow,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NoteRow {
    pub id: String,
    pub session_id: String,
    pub author_id: String,
    pub kind: String,
    pub body: String,
    pub audience: String,
    pub audience_target: Option<String>,
    pub shared_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, relationship_id, created_by, starts_at, duration_minutes, status, agenda, goal, reality, \
    options, way_forward, created_at, updated_at";

/// The searchable text of a session: its agenda and GROW notes.
fn session_text(agenda: Option<&str>, grow: &Grow) -> String {
    [agenda, grow.goal.as_deref(), grow.reality.as_deref(), grow.options.as_deref(), grow.way_forward.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
}

/// The session's row and its search document (owned by the leader, addressed to the
/// relationship), as created here or brought in by an import with its original times.
pub(crate) async fn insert_session_row(
    conn: &mut sqlx::AnyConnection,
    s: &NewSession<'_>,
    leader_id: &str,
    created_at: i64,
    updated_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO journal_sessions ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    ))
    .bind(s.id)
    .bind(s.relationship_id)
    .bind(s.created_by)
    .bind(s.starts_at)
    .bind(s.duration_minutes)
    .bind(s.status)
    .bind(s.agenda)
    .bind(s.grow.goal.as_deref())
    .bind(s.grow.reality.as_deref())
    .bind(s.grow.options.as_deref())
    .bind(s.grow.way_forward.as_deref())
    .bind(created_at)
    .bind(updated_at)
    .execute(&mut *conn)
    .await?;
    let audience = Audience::Relationship(coachkit_domain::RelationshipId::from_trusted(s.relationship_id.into()));
    let text = session_text(s.agenda, s.grow);
    index_document(conn, s.id, "session", leader_id, Some(s.relationship_id), &audience, updated_at, "Session", &text)
        .await
}

impl Store {
    /// Creates a session. The session's text is searchable by both parties (it is the
    /// relationship's shared record), so its search row is owned by the leader and addressed to
    /// the relationship.
    pub async fn create_journal_session(&self, s: NewSession<'_>, leader_id: &str) -> DbResult<()> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        insert_session_row(&mut tx, &s, leader_id, now, now).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn journal_session(&self, id: &str) -> DbResult<Option<SessionRow>> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM journal_sessions WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// A relationship's sessions, newest first.
    pub async fn journal_sessions_of(&self, relationship_id: &str, limit: i64) -> DbResult<Vec<SessionRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM journal_sessions WHERE relationship_id = $1 ORDER BY starts_at DESC LIMIT $2"
        ))
        .bind(relationship_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Updates when, whether held, the agenda and GROW notes.
    pub async fn update_journal_session(
        &self,
        id: &str,
        leader_id: &str,
        starts_at: i64,
        status: &str,
        agenda: Option<&str>,
        grow: &Grow,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done: Option<(String,)> = sqlx::query_as(
            "UPDATE journal_sessions SET starts_at = $1, status = $2, agenda = $3, goal = $4, reality = $5, \
             options = $6, way_forward = $7, updated_at = $8 WHERE id = $9 RETURNING relationship_id",
        )
        .bind(starts_at)
        .bind(status)
        .bind(agenda)
        .bind(grow.goal.as_deref())
        .bind(grow.reality.as_deref())
        .bind(grow.options.as_deref())
        .bind(grow.way_forward.as_deref())
        .bind(now_ms())
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((relationship_id,)) = done else { return Ok(false) };
        let audience = Audience::Relationship(coachkit_domain::RelationshipId::from_trusted(relationship_id.clone()));
        let text = session_text(agenda, grow);
        index_document(
            &mut tx,
            id,
            "session",
            leader_id,
            Some(&relationship_id),
            &audience,
            now_ms(),
            "Session",
            &text,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Writes the author's note of `kind` on a session (one per author and kind).
    #[allow(clippy::too_many_arguments)] // the note's columns
    pub async fn upsert_note(
        &self,
        id: &str,
        session_id: &str,
        relationship_id: &str,
        author_id: &str,
        kind: &str,
        body: &str,
        audience: &Audience,
    ) -> DbResult<()> {
        let now = now_ms();
        let (word, target) = super::parts(audience);
        let mut tx = self.begin_write().await?;
        let (note_id,): (String,) = sqlx::query_as(
            "INSERT INTO session_notes (id, session_id, author_id, kind, body, audience, audience_target, shared_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8) \
             ON CONFLICT (session_id, author_id, kind) DO UPDATE SET body = excluded.body, audience = excluded.audience, \
               audience_target = excluded.audience_target, updated_at = excluded.updated_at, \
               shared_at = CASE WHEN session_notes.audience = excluded.audience THEN session_notes.shared_at ELSE excluded.shared_at END \
             RETURNING id",
        )
        .bind(id)
        .bind(session_id)
        .bind(author_id)
        .bind(kind)
        .bind(body)
        .bind(word)
        .bind(target)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let title = if kind == "detail" { "Private detail" } else { "Coach's note" };
        let doc_kind = if kind == "detail" { "session_detail" } else { "coach_note" };
        index_document(&mut tx, &note_id, doc_kind, author_id, Some(relationship_id), audience, now, title, body)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The notes on a session written by `author`.
    /// The coach's notes on one relationship's sessions, newest session first: (session id,
    /// session time, note). For the coach's own preparation view.
    pub async fn coach_notes_of_relationship(
        &self,
        relationship_id: &str,
        author_id: &str,
    ) -> DbResult<Vec<(String, i64, String)>> {
        Ok(sqlx::query_as(
            "SELECT s.id, s.starts_at, n.body FROM session_notes n JOIN journal_sessions s ON s.id = n.session_id \
             WHERE s.relationship_id = $1 AND n.author_id = $2 AND n.kind = 'coach_note' \
             ORDER BY s.starts_at DESC LIMIT 20",
        )
        .bind(relationship_id)
        .bind(author_id)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn notes_by(&self, session_id: &str, author_id: &str) -> DbResult<Vec<NoteRow>> {
        Ok(sqlx::query_as(
            "SELECT id, session_id, author_id, kind, body, audience, audience_target, shared_at, updated_at \
             FROM session_notes WHERE session_id = $1 AND author_id = $2",
        )
        .bind(session_id)
        .bind(author_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Notes on a session written by the other party and addressed to this relationship (coach
    /// notes a coach chose to share). The policy still checks each one.
    pub async fn notes_shared_on(&self, session_id: &str, reader_id: &str) -> DbResult<Vec<NoteRow>> {
        Ok(sqlx::query_as(
            "SELECT id, session_id, author_id, kind, body, audience, audience_target, shared_at, updated_at \
             FROM session_notes WHERE session_id = $1 AND author_id <> $2 AND audience = 'relationship'",
        )
        .bind(session_id)
        .bind(reader_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The session a note belongs to (for linking a search hit).
    pub async fn note_session(&self, note_id: &str) -> DbResult<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as("SELECT session_id FROM session_notes WHERE id = $1")
            .bind(note_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.0))
    }
}
