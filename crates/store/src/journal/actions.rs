//! Actions: what a leader (or their coach) will do, with a due date and a status.

use super::{index_document, parts};
use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::privacy::Audience;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ActionRow {
    pub id: String,
    pub owner_id: String,
    pub relationship_id: Option<String>,
    pub session_id: Option<String>,
    pub reflection_id: Option<String>,
    pub assignee_id: Option<String>,
    pub assignee_name: Option<String>,
    pub text: String,
    pub due_at: Option<i64>,
    pub status: String,
    pub audience: String,
    pub audience_target: Option<String>,
    pub shared_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

pub struct NewAction<'a> {
    pub id: &'a str,
    pub owner_id: &'a str,
    pub relationship_id: Option<&'a str>,
    pub session_id: Option<&'a str>,
    pub reflection_id: Option<&'a str>,
    pub assignee_id: Option<&'a str>,
    pub text: &'a str,
    pub due_at: Option<i64>,
    pub audience: &'a Audience,
}

const SELECT: &str = "SELECT a.id, a.owner_id, a.relationship_id, a.session_id, a.reflection_id, a.assignee_id, \
    u.display_name AS assignee_name, a.text, a.due_at, a.status, a.audience, a.audience_target, a.shared_at, \
    a.created_at, a.updated_at FROM actions a LEFT JOIN users u ON u.id = a.assignee_id";

/// The action's row and its search document, as created here (open, now) or brought in by an
/// import with its status and original times (shared when last written).
pub(super) async fn insert_action_row(
    conn: &mut sqlx::AnyConnection,
    a: &NewAction<'_>,
    status: &str,
    created_at: i64,
    updated_at: i64,
) -> Result<(), sqlx::Error> {
    let (word, target) = parts(a.audience);
    sqlx::query(
        "INSERT INTO actions (id, owner_id, relationship_id, session_id, reflection_id, assignee_id, text, due_at, status, audience, audience_target, shared_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12)",
    )
    .bind(a.id)
    .bind(a.owner_id)
    .bind(a.relationship_id)
    .bind(a.session_id)
    .bind(a.reflection_id)
    .bind(a.assignee_id)
    .bind(a.text)
    .bind(a.due_at)
    .bind(status)
    .bind(word)
    .bind(target)
    .bind(updated_at)
    .bind(created_at)
    .execute(&mut *conn)
    .await?;
    index_document(conn, a.id, "action", a.owner_id, a.relationship_id, a.audience, updated_at, "Action", a.text).await
}

impl Store {
    /// Creates an action: one insert and one index row, whatever the relationship already holds.
    pub async fn create_action(&self, a: NewAction<'_>) -> DbResult<()> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        insert_action_row(&mut tx, &a, "open", now, now).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn action(&self, id: &str) -> DbResult<Option<ActionRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE a.id = $1")).bind(id).fetch_optional(&self.pool).await?)
    }

    pub async fn set_action_status(&self, id: &str, status: &str) -> DbResult<bool> {
        let done = sqlx::query("UPDATE actions SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status)
            .bind(now_ms())
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The owner's open actions, soonest due first (no date last).
    /// The actions of a coach's clients worth the coach's notice: done since the last held
    /// session, or open and past due at `now` (see `coaching.rs`). Candidates only.
    pub async fn actions_for_coach_home(&self, coach: &str, now: i64) -> DbResult<Vec<ActionRow>> {
        use super::coaching::{CLIENTS, SINCE};
        Ok(sqlx::query_as(&format!(
            "{SELECT} {CLIENTS} AND cr.leader_id = a.owner_id \
             WHERE ((a.audience = 'relationship' AND a.audience_target = cr.id) OR a.audience = 'all_my_coaches') \
               AND ((a.status = 'done' AND a.updated_at >= {SINCE}) OR (a.status = 'open' AND a.due_at < $2)) \
             ORDER BY a.updated_at DESC LIMIT 500"
        ))
        .bind(coach)
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn open_actions_of(&self, owner: &str, limit: i64) -> DbResult<Vec<ActionRow>> {
        Ok(sqlx::query_as(&format!(
            "{SELECT} WHERE a.owner_id = $1 AND a.status = 'open' \
             ORDER BY CASE WHEN a.due_at IS NULL THEN 1 ELSE 0 END, a.due_at, a.created_at LIMIT $2"
        ))
        .bind(owner)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// All the owner's actions, newest first.
    pub async fn actions_of(&self, owner: &str, limit: i64) -> DbResult<Vec<ActionRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE a.owner_id = $1 ORDER BY a.created_at DESC LIMIT $2"))
            .bind(owner)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }

    /// A relationship's actions, newest first, a page at a time (keyset on created_at).
    pub async fn actions_of_relationship(
        &self,
        relationship_id: &str,
        before: Option<i64>,
        limit: i64,
    ) -> DbResult<Vec<ActionRow>> {
        Ok(sqlx::query_as(&format!(
            "{SELECT} WHERE a.relationship_id = $1 AND a.created_at < $2 ORDER BY a.created_at DESC, a.id DESC LIMIT $3"
        ))
        .bind(relationship_id)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn count_actions_of_relationship(&self, relationship_id: &str) -> DbResult<i64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM actions WHERE relationship_id = $1")
            .bind(relationship_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }
}
