//! Guest capability links: one purpose, one target, expiring, revocable, stored as hashes.

use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::{CapabilityId, UserId};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CapabilityRow {
    pub id: String,
    pub purpose: String,
    pub target_id: String,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    pub used_at: Option<i64>,
}

const COLUMNS: &str = "id, purpose, target_id, created_by, created_at, expires_at, revoked_at, used_at";

impl Store {
    pub async fn create_capability(
        &self,
        id: &CapabilityId,
        purpose: &str,
        target: &str,
        token_hash: &str,
        created_by: Option<&UserId>,
        expires_at: i64,
    ) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO capabilities (id, purpose, target_id, token_hash, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.as_str())
        .bind(purpose)
        .bind(target)
        .bind(token_hash)
        .bind(created_by.map(|u| u.as_str().to_owned()))
        .bind(now_ms())
        .bind(expires_at)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The link with this hash, for this purpose, if it is neither expired, revoked nor used.
    pub async fn live_capability(&self, token_hash: &str, purpose: &str) -> DbResult<Option<CapabilityRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM capabilities WHERE token_hash = $1 AND purpose = $2 \
             AND revoked_at IS NULL AND used_at IS NULL AND expires_at > $3"
        ))
        .bind(token_hash)
        .bind(purpose)
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Marks a single-use link used. Only one caller can win: false if it was already used.
    pub async fn use_capability(&self, id: &CapabilityId) -> DbResult<bool> {
        let done = sqlx::query("UPDATE capabilities SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now_ms())
            .bind(id.as_str())
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Revokes every live link for one purpose and target (e.g. when an invitation is withdrawn).
    pub async fn revoke_capabilities_for(&self, purpose: &str, target: &str) -> DbResult<u64> {
        let done = sqlx::query(
            "UPDATE capabilities SET revoked_at = $1 WHERE purpose = $2 AND target_id = $3 AND revoked_at IS NULL",
        )
        .bind(now_ms())
        .bind(purpose)
        .bind(target)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected())
    }

    pub async fn revoke_capability(&self, id: &CapabilityId) -> DbResult<bool> {
        let done = sqlx::query("UPDATE capabilities SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now_ms())
            .bind(id.as_str())
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn capabilities_for(&self, purpose: &str, target: &str) -> DbResult<Vec<CapabilityRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM capabilities WHERE purpose = $1 AND target_id = $2 ORDER BY created_at"
        ))
        .bind(purpose)
        .bind(target)
        .fetch_all(&self.pool)
        .await?)
    }
}
