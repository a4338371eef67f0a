//! Practice 1's storage: sessions and notes, reflections, themes, killer questions, actions, open
//! questions, positions and the public page, the search index, and a person's export and import.
//! Every write that changes searchable text or who may see it updates `search_documents` in the
//! same transaction.

mod actions;
pub(crate) mod coaching;
mod export;
pub(crate) mod forget;
mod import;
mod killer;
mod positions;
mod questions;
mod reflections;
mod replies;
mod search;
mod sessions;
mod themes;

pub use actions::{ActionRow, NewAction};
pub use coaching::{ClientNewsRows, CoachHomeRows, CoachSessionRow};
pub use export::{AuthoredNote, AuthoredReply, JournalExport, PartnerRow};
pub use import::{HistoryRelationship, ImportKind, ImportTx, Stamps};
pub use killer::{KillerRow, ToolkitRow};
pub use positions::{PageRow, PositionRow, VersionRow};
pub use questions::QuestionRow;
pub use reflections::{NewReflection, ReflectionRow};
pub use replies::ReplyRow;
pub use search::{SearchArg, search_statement};
pub use search::{SearchHit, SearchScope};
pub(crate) use sessions::insert_session_row;
pub use sessions::{NewSession, NoteRow, SessionRow};
pub use themes::{ThemeEntry, ThemeSummary};

use coachkit_domain::privacy::Audience;

/// The stored parts of an audience: the word and its target id.
pub(crate) fn parts(a: &Audience) -> (&'static str, Option<String>) {
    let (w, t) = a.to_parts();
    (w, t.map(str::to_owned))
}

/// Writes (or rewrites) the search row of one record. `conn` is the caller's transaction.
#[allow(clippy::too_many_arguments)] // one row's columns; a struct would only rename them
pub(crate) async fn index_document(
    conn: &mut sqlx::AnyConnection,
    record_id: &str,
    kind: &str,
    owner: &str,
    relationship: Option<&str>,
    audience: &Audience,
    shared_at: i64,
    title: &str,
    body: &str,
) -> Result<(), sqlx::Error> {
    let (word, target) = parts(audience);
    sqlx::query(
        "INSERT INTO search_documents (record_id, kind, owner_id, relationship_id, audience, audience_target, shared_at, title, body, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (record_id) DO UPDATE SET relationship_id = excluded.relationship_id, audience = excluded.audience, \
           audience_target = excluded.audience_target, shared_at = excluded.shared_at, title = excluded.title, \
           body = excluded.body, updated_at = excluded.updated_at",
    )
    .bind(record_id)
    .bind(kind)
    .bind(owner)
    .bind(relationship)
    .bind(word)
    .bind(target)
    .bind(shared_at)
    .bind(title)
    .bind(body)
    .bind(crate::now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(crate) async fn unindex(conn: &mut sqlx::AnyConnection, record_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM search_documents WHERE record_id = $1").bind(record_id).execute(&mut *conn).await?;
    Ok(())
}

/// Records a change of audience.
pub(crate) async fn log_audience_change(
    conn: &mut sqlx::AnyConnection,
    record_id: &str,
    from: &Audience,
    to: &Audience,
) -> Result<(), sqlx::Error> {
    let (fw, ft) = parts(from);
    let (tw, tt) = parts(to);
    sqlx::query(
        "INSERT INTO audience_changes (id, record_id, from_word, from_target, to_word, to_target, changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(coachkit_domain::RecordId::new().as_str())
    .bind(record_id)
    .bind(fw)
    .bind(ft)
    .bind(tw)
    .bind(tt)
    .bind(crate::now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
