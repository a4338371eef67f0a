//! "Did you meet?": one party's answer on a relationship, and the held session a "yes" records.

use crate::error::DbResult;
use crate::journal::NewSession;
use crate::{Store, now_ms};
use coachkit_domain::journal::Grow;

/// One answer as stored, with the name of who gave it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CheckinRow {
    pub id: String,
    pub relationship_id: String,
    pub user_id: String,
    pub user_name: String,
    pub answer: String,
    pub session_id: Option<String>,
    pub created_at: i64,
}

/// What to record. For "met", `held` says which session becomes the held one.
pub struct NewCheckin<'a> {
    pub id: &'a str,
    pub relationship_id: &'a str,
    pub leader_id: &'a str,
    pub user_id: &'a str,
    pub answer: &'a str,
    /// For "met": a planned session that began after this time is marked held rather than a new
    /// one recorded (the meeting it planned is the one that happened).
    pub held: Option<HeldSession<'a>>,
}

pub struct HeldSession<'a> {
    pub new_id: &'a str,
    pub planned_since: i64,
}

impl Store {
    /// Records the answer and, for "met", the held session, in one transaction. Returns the held
    /// session's id when one was recorded or marked.
    pub async fn record_checkin(&self, c: NewCheckin<'_>) -> DbResult<Option<String>> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let mut session_id = None;
        if let Some(held) = &c.held {
            let planned: Option<(String,)> = sqlx::query_as(
                "SELECT id FROM journal_sessions WHERE relationship_id = $1 AND status = 'planned' \
                 AND starts_at >= $2 AND starts_at <= $3 ORDER BY starts_at DESC LIMIT 1",
            )
            .bind(c.relationship_id)
            .bind(held.planned_since)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let id = match planned {
                Some((id,)) => {
                    sqlx::query("UPDATE journal_sessions SET status = 'held', updated_at = $1 WHERE id = $2")
                        .bind(now)
                        .bind(&id)
                        .execute(&mut *tx)
                        .await?;
                    id
                }
                None => {
                    let s = NewSession {
                        id: held.new_id,
                        relationship_id: c.relationship_id,
                        created_by: c.user_id,
                        starts_at: now,
                        duration_minutes: 60,
                        status: "held",
                        agenda: None,
                        grow: &Grow::default(),
                    };
                    crate::journal::insert_session_row(&mut tx, &s, c.leader_id, now, now).await?;
                    held.new_id.to_owned()
                }
            };
            session_id = Some(id);
        }
        sqlx::query(
            "INSERT INTO relationship_checkins (id, relationship_id, user_id, answer, session_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(c.id)
        .bind(c.relationship_id)
        .bind(c.user_id)
        .bind(c.answer)
        .bind(session_id.as_deref())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(session_id)
    }

    /// A relationship's answers, newest first.
    pub async fn checkins_of(&self, relationship_id: &str, limit: i64) -> DbResult<Vec<CheckinRow>> {
        Ok(sqlx::query_as(
            "SELECT k.id, k.relationship_id, k.user_id, u.display_name AS user_name, k.answer, k.session_id, \
                    k.created_at FROM relationship_checkins k JOIN users u ON u.id = k.user_id \
             WHERE k.relationship_id = $1 ORDER BY k.created_at DESC LIMIT $2",
        )
        .bind(relationship_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
