//! Reflections: what a leader makes of a session, shared by choice.

use super::{index_document, log_audience_change, parts};
use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::privacy::Audience;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReflectionRow {
    pub id: String,
    pub author_id: String,
    pub author_name: String,
    pub session_id: Option<String>,
    pub relationship_id: Option<String>,
    /// The mentor the reflection came from (the other party of `relationship_id`), for pages.
    pub mentor_name: Option<String>,
    pub title: Option<String>,
    pub body: String,
    pub audience: String,
    pub audience_target: Option<String>,
    pub shared_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

pub struct NewReflection<'a> {
    pub id: &'a str,
    pub author_id: &'a str,
    pub session_id: Option<&'a str>,
    pub relationship_id: Option<&'a str>,
    pub title: Option<&'a str>,
    pub body: &'a str,
    pub audience: &'a Audience,
    /// Theme ids (already created with `ensure_themes`).
    pub theme_ids: &'a [String],
}

pub(crate) const SELECT: &str = "SELECT r.id, r.author_id, a.display_name AS author_name, r.session_id, r.relationship_id, \
    c.display_name AS mentor_name, r.title, r.body, r.audience, r.audience_target, r.shared_at, r.created_at, r.updated_at \
    FROM reflections r JOIN users a ON a.id = r.author_id LEFT JOIN relationships rel ON rel.id = r.relationship_id \
    LEFT JOIN users c ON c.id = rel.coach_id";

/// The reflection's row, its themes and its search document, as written here or brought in by an
/// import with its original times (shared when last written).
pub(super) async fn insert_reflection_rows(
    conn: &mut sqlx::AnyConnection,
    r: &NewReflection<'_>,
    created_at: i64,
    updated_at: i64,
) -> Result<(), sqlx::Error> {
    let (word, target) = parts(r.audience);
    sqlx::query(
        "INSERT INTO reflections (id, author_id, session_id, relationship_id, title, body, audience, audience_target, shared_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9)",
    )
    .bind(r.id)
    .bind(r.author_id)
    .bind(r.session_id)
    .bind(r.relationship_id)
    .bind(r.title)
    .bind(r.body)
    .bind(word)
    .bind(target)
    .bind(updated_at)
    .bind(created_at)
    .execute(&mut *conn)
    .await?;
    for theme in r.theme_ids {
        sqlx::query("INSERT INTO reflection_themes (theme_id, reflection_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(theme)
            .bind(r.id)
            .execute(&mut *conn)
            .await?;
    }
    let title = r.title.unwrap_or("");
    let text = searchable_text(conn, r.id, r.body).await?;
    index_document(conn, r.id, "reflection", r.author_id, r.relationship_id, r.audience, updated_at, title, &text)
        .await?;
    Ok(())
}

/// A reflection's body with its themes' labels on a last line: whoever may read the reflection
/// finds it by the words of its themes too.
async fn searchable_text(conn: &mut sqlx::AnyConnection, id: &str, body: &str) -> Result<String, sqlx::Error> {
    let themes = super::themes::reflection_theme_line(conn, id).await?;
    Ok(if themes.is_empty() { body.to_owned() } else { format!("{body}\n{themes}") })
}

impl Store {
    pub async fn create_reflection(&self, r: NewReflection<'_>) -> DbResult<()> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        insert_reflection_rows(&mut tx, &r, now, now).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn reflection(&self, id: &str) -> DbResult<Option<ReflectionRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE r.id = $1")).bind(id).fetch_optional(&self.pool).await?)
    }

    /// Several reflections by id (for a public page's evidence, a question's progress).
    pub async fn reflections_by_ids(&self, ids: &[String]) -> DbResult<Vec<ReflectionRow>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(self.reflection(id).await?);
        }
        Ok(out)
    }

    /// The author's journal, newest first, a page at a time (keyset: `before` is a created_at).
    pub async fn reflections_by_author(
        &self,
        author: &str,
        before: Option<i64>,
        limit: i64,
    ) -> DbResult<Vec<ReflectionRow>> {
        Ok(sqlx::query_as(&format!(
            "{SELECT} WHERE r.author_id = $1 AND r.created_at < $2 ORDER BY r.created_at DESC, r.id DESC LIMIT $3"
        ))
        .bind(author)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Reflections of one session.
    pub async fn reflections_of_session(&self, session_id: &str) -> DbResult<Vec<ReflectionRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE r.session_id = $1 ORDER BY r.created_at"))
            .bind(session_id)
            .fetch_all(&self.pool)
            .await?)
    }

    /// What `author` addressed to the coach side since `since`: to this relationship, to all their
    /// coaches, or public. Candidates only: the policy decides per row.
    pub async fn reflections_for_coach(
        &self,
        author: &str,
        relationship_id: &str,
        since: i64,
    ) -> DbResult<Vec<ReflectionRow>> {
        Ok(sqlx::query_as(&format!(
            "{SELECT} WHERE r.author_id = $1 AND r.shared_at >= $3 AND \
             ((r.audience = 'relationship' AND r.audience_target = $2) OR r.audience IN ('all_my_coaches', 'public')) \
             ORDER BY r.created_at DESC LIMIT 200"
        ))
        .bind(author)
        .bind(relationship_id)
        .bind(since)
        .fetch_all(&self.pool)
        .await?)
    }

    /// What the leaders of a coach's active relationships addressed to their coaches since each
    /// relationship's last held session (see `coaching.rs`). Candidates only.
    pub async fn reflections_for_coach_home(&self, coach: &str) -> DbResult<Vec<ReflectionRow>> {
        use super::coaching::{CLIENTS, SINCE};
        Ok(sqlx::query_as(&format!(
            "{SELECT} {CLIENTS} AND cr.leader_id = r.author_id \
             WHERE ((r.audience = 'relationship' AND r.audience_target = cr.id) OR r.audience IN ('all_my_coaches', 'public')) \
               AND r.shared_at >= {SINCE} ORDER BY r.shared_at DESC LIMIT 500"
        ))
        .bind(coach)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Rewrites a reflection's text, themes and audience; logs an audience change.
    #[allow(clippy::too_many_arguments)] // the editable fields of a reflection
    pub async fn update_reflection(
        &self,
        id: &str,
        title: Option<&str>,
        body: &str,
        old_audience: &Audience,
        audience: &Audience,
        theme_ids: &[String],
    ) -> DbResult<bool> {
        let now = now_ms();
        let (word, target) = parts(audience);
        let changed = old_audience != audience;
        let mut tx = self.begin_write().await?;
        let row: Option<(String, Option<String>, i64)> = sqlx::query_as(
            "UPDATE reflections SET title = $1, body = $2, audience = $3, audience_target = $4, \
               shared_at = CASE WHEN $5 = 1 THEN $6 ELSE shared_at END, updated_at = $6 \
             WHERE id = $7 RETURNING author_id, relationship_id, shared_at",
        )
        .bind(title)
        .bind(body)
        .bind(word)
        .bind(target)
        .bind(i64::from(changed))
        .bind(now)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((author, relationship, shared_at)) = row else { return Ok(false) };
        sqlx::query("DELETE FROM reflection_themes WHERE reflection_id = $1").bind(id).execute(&mut *tx).await?;
        for theme in theme_ids {
            sqlx::query(
                "INSERT INTO reflection_themes (theme_id, reflection_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(theme)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        if changed {
            log_audience_change(&mut tx, id, old_audience, audience).await?;
        }
        let text = searchable_text(&mut tx, id, body).await?;
        index_document(
            &mut tx,
            id,
            "reflection",
            &author,
            relationship.as_deref(),
            audience,
            shared_at,
            title.unwrap_or(""),
            &text,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// When and how a record's audience changed, oldest first.
    pub async fn audience_history(
        &self,
        record_id: &str,
    ) -> DbResult<Vec<(String, Option<String>, String, Option<String>, i64)>> {
        Ok(sqlx::query_as(
            "SELECT from_word, from_target, to_word, to_target, changed_at FROM audience_changes \
             WHERE record_id = $1 ORDER BY changed_at",
        )
        .bind(record_id)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn delete_reflection(&self, id: &str) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("DELETE FROM reflections WHERE id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM replies WHERE item_kind = 'reflection' AND item_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        super::unindex(&mut tx, id).await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn count_reflections(&self, author: &str) -> DbResult<i64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM reflections WHERE author_id = $1")
            .bind(author)
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }
}
