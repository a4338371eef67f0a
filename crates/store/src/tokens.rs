//! Personal API tokens, stored as hashes.

use crate::error::DbResult;
use crate::users::UserRow;
use crate::{Store, now_ms};
use coachkit_domain::{TokenId, UserId};

/// A token as listed to its owner (never the secret, which is shown once at creation).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TokenRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl Store {
    pub async fn create_token(&self, id: &TokenId, user: &UserId, name: &str, token_hash: &str) -> DbResult<()> {
        sqlx::query("INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id.as_str())
            .bind(user.as_str())
            .bind(name)
            .bind(token_hash)
            .bind(now_ms())
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// The account behind a presented token, if the token is live and the account enabled.
    pub async fn user_by_token(&self, token_hash: &str) -> DbResult<Option<UserRow>> {
        Ok(sqlx::query_as(
            "SELECT u.id, u.email, u.display_name, u.handle, u.headline, u.password_hash, u.is_admin, \
                    u.disabled_at, u.created_at, u.updated_at, u.time_zone \
             FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub async fn list_tokens(&self, user: &UserId) -> DbResult<Vec<TokenRow>> {
        Ok(sqlx::query_as(
            "SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens \
             WHERE user_id = $1 ORDER BY created_at DESC",
        )
        .bind(user.as_str())
        .fetch_all(&self.pool)
        .await?)
    }

    /// Revokes one of `user`'s tokens. False if it is not theirs or already revoked.
    pub async fn revoke_token(&self, user: &UserId, id: &TokenId) -> DbResult<bool> {
        let done =
            sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
                .bind(now_ms())
                .bind(id.as_str())
                .bind(user.as_str())
                .execute(&self.writer)
                .await?;
        Ok(done.rows_affected() == 1)
    }
}
