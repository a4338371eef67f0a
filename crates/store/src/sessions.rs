//! Sign-in sessions, in the database so they survive a restart and serve several app instances.
//! Only the hash of the session id is stored.

use crate::error::DbResult;
use crate::users::UserRow;
use crate::{Store, now_ms};
use coachkit_domain::UserId;

/// "Last here" is kept to the hour: finer would cost a write per request and say nothing more.
pub const LAST_ACTIVE_STEP_MS: i64 = 60 * 60 * 1000;

/// A live session with its account.
#[derive(Clone, Debug)]
pub struct SessionRow {
    pub id_hash: String,
    pub csrf_token: String,
    pub expires_at: i64,
    pub last_seen_at: i64,
    pub user: UserRow,
}

#[derive(sqlx::FromRow)]
struct Joined {
    id_hash: String,
    csrf_token: String,
    expires_at: i64,
    last_seen_at: i64,
    #[sqlx(flatten)]
    user: UserRow,
}

impl Store {
    pub async fn create_session(&self, id_hash: &str, user: &UserId, csrf: &str, expires_at: i64) -> DbResult<()> {
        let now = now_ms();
        sqlx::query(
            "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, $4)",
        )
        .bind(id_hash)
        .bind(user.as_str())
        .bind(csrf)
        .bind(now)
        .bind(expires_at)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The session and its account, if the session exists, has not expired, and the account is
    /// not disabled. One query: this runs on every signed-in request.
    pub async fn live_session(&self, id_hash: &str) -> DbResult<Option<SessionRow>> {
        let row: Option<Joined> = sqlx::query_as(
            "SELECT s.id_hash, s.csrf_token, s.expires_at, s.last_seen_at, \
                    u.id, u.email, u.display_name, u.handle, u.headline, u.password_hash, u.is_admin, \
                    u.disabled_at, u.created_at, u.updated_at, u.time_zone, \
                    CASE WHEN EXISTS (SELECT 1 FROM ll_facilitators f WHERE f.user_id = u.id) \
                      OR EXISTS (SELECT 1 FROM cc_engagements e WHERE e.facilitator_id = u.id) \
                      OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = 'admin' \
                        AND (EXISTS (SELECT 1 FROM ll_programmes p WHERE p.org_id = m.org_id) \
                          OR EXISTS (SELECT 1 FROM cc_engagements e WHERE e.org_a_id = m.org_id OR e.org_b_id = m.org_id))) \
                    THEN 1 ELSE 0 END AS oversees_programmes \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL",
        )
        .bind(id_hash)
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|j| SessionRow {
            id_hash: j.id_hash,
            csrf_token: j.csrf_token,
            expires_at: j.expires_at,
            last_seen_at: j.last_seen_at,
            user: j.user,
        }))
    }

    /// Slides the expiry forward. Callers throttle this (once a few minutes), so reads stay reads.
    /// The account's "last here" moves with it, at most once an hour (`LAST_ACTIVE_STEP_MS`).
    pub async fn touch_session(&self, id_hash: &str, expires_at: i64) -> DbResult<()> {
        let now = now_ms();
        sqlx::query("UPDATE sessions SET expires_at = $1, last_seen_at = $2 WHERE id_hash = $3")
            .bind(expires_at)
            .bind(now)
            .bind(id_hash)
            .execute(&self.writer)
            .await?;
        let moved = sqlx::query(
            "UPDATE users SET last_active_at = $1 WHERE id = (SELECT user_id FROM sessions WHERE id_hash = $2) \
             AND (last_active_at IS NULL OR last_active_at < $3)",
        )
        .bind(now)
        .bind(id_hash)
        .bind(now - LAST_ACTIVE_STEP_MS)
        .execute(&self.writer)
        .await?;
        if moved.rows_affected() > 0 {
            self.lists_changed(); // "last here" is in the partners' lists
        }
        Ok(())
    }

    /// Marks the person here now (at sign-in), unless they were marked within the last hour.
    pub async fn mark_active(&self, user: &UserId) -> DbResult<()> {
        let now = now_ms();
        let moved = sqlx::query(
            "UPDATE users SET last_active_at = $1 WHERE id = $2 AND (last_active_at IS NULL OR last_active_at < $3)",
        )
        .bind(now)
        .bind(user.as_str())
        .bind(now - LAST_ACTIVE_STEP_MS)
        .execute(&self.writer)
        .await?;
        if moved.rows_affected() > 0 {
            self.lists_changed(); // "last here" is in the partners' lists
        }
        Ok(())
    }

    pub async fn delete_session(&self, id_hash: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(&self.writer).await?;
        Ok(())
    }

    /// Removes expired sessions and old sign-in attempts; run periodically.
    pub async fn sweep_expired(&self, attempts_older_than: i64) -> DbResult<u64> {
        let now = now_ms();
        let a = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(&self.writer).await?;
        let b = sqlx::query("DELETE FROM login_attempts WHERE at < $1")
            .bind(attempts_older_than)
            .execute(&self.writer)
            .await?;
        Ok(a.rows_affected() + b.rows_affected())
    }
}
