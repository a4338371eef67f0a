//! People's accounts.

use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::UserId;

/// An account as stored. `password_hash` never leaves the app layer.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub handle: String,
    pub headline: Option<String>,
    pub password_hash: String,
    pub is_admin: i64,
    pub disabled_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The person's IANA time zone ("UTC" until they choose).
    pub time_zone: String,
    /// 1 when they facilitate a programme or admin an organisation that runs one, so the
    /// navigation offers the programme health view. Only the session lookup reads it (one
    /// sub-select there); every other query leaves it 0.
    #[sqlx(default)]
    pub oversees_programmes: i64,
}

impl UserRow {
    pub fn user_id(&self) -> UserId {
        UserId::from_trusted(self.id.clone())
    }
    pub fn zone(&self) -> coachkit_domain::time::Zone {
        coachkit_domain::time::Zone::from_stored(&self.time_zone)
    }
    pub fn is_admin(&self) -> bool {
        self.is_admin != 0
    }
    pub fn oversees_programmes(&self) -> bool {
        self.oversees_programmes != 0
    }
    pub fn is_disabled(&self) -> bool {
        self.disabled_at.is_some()
    }
}

/// What creating an account needs; the fields are already parsed and the password hashed.
pub struct NewUser<'a> {
    pub id: &'a UserId,
    pub email: &'a str,
    pub display_name: &'a str,
    pub handle: &'a str,
    pub password_hash: &'a str,
    pub is_admin: bool,
}

const COLUMNS: &str = "id, email, display_name, handle, headline, password_hash, is_admin, disabled_at, created_at, updated_at, time_zone";

impl Store {
    /// Creates an account; `DbError::Conflict` when the e-mail or handle is taken.
    pub async fn create_user(&self, u: NewUser<'_>) -> DbResult<()> {
        let now = now_ms();
        sqlx::query(
            "INSERT INTO users (id, email, display_name, handle, password_hash, is_admin, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(u.id.as_str())
        .bind(u.email)
        .bind(u.display_name)
        .bind(u.handle)
        .bind(u.password_hash)
        .bind(i64::from(u.is_admin))
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    pub async fn user_by_id(&self, id: &UserId) -> DbResult<Option<UserRow>> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?)
    }

    /// The account, unless it was deleted (a deleted account's emptied row is no one's).
    pub async fn live_user_by_id(&self, id: &UserId) -> DbResult<Option<UserRow>> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1 AND deleted_at IS NULL"))
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?)
    }

    pub async fn user_by_email(&self, email: &str) -> DbResult<Option<UserRow>> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE email = $1"))
            .bind(email)
            .fetch_optional(&self.pool)
            .await?)
    }

    pub async fn user_by_handle(&self, handle: &str) -> DbResult<Option<UserRow>> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE handle = $1"))
            .bind(handle)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Accounts in creation order (deleted ones are no longer accounts), a page at a time (for the admin page and `coachkit user list`).
    pub async fn list_users(&self, limit: i64, offset: i64) -> DbResult<Vec<UserRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM users WHERE deleted_at IS NULL ORDER BY created_at, id LIMIT $1 OFFSET $2"
        ))
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn count_users(&self) -> DbResult<i64> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM users WHERE deleted_at IS NULL").fetch_one(&self.pool).await?;
        Ok(n)
    }

    /// Updates the name and one-line headline others see, and returns the account as stored
    /// (one round trip); `None` if there is no such account.
    pub async fn update_profile(
        &self,
        id: &UserId,
        display_name: &str,
        headline: Option<&str>,
    ) -> DbResult<Option<UserRow>> {
        let row = sqlx::query_as(&format!(
            "UPDATE users SET display_name = $1, headline = $2, updated_at = $3 WHERE id = $4 RETURNING {COLUMNS}"
        ))
        .bind(display_name)
        .bind(headline)
        .bind(now_ms())
        .bind(id.as_str())
        .fetch_optional(&self.writer)
        .await?;
        self.lists_changed(); // the name is in other people's relationship lists
        Ok(row)
    }

    /// Sets the person's time zone (already parsed into a known IANA name).
    pub async fn set_time_zone(&self, id: &UserId, zone: &str) -> DbResult<()> {
        sqlx::query("UPDATE users SET time_zone = $1, updated_at = $2 WHERE id = $3")
            .bind(zone)
            .bind(now_ms())
            .bind(id.as_str())
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Replaces the password hash and signs the person out everywhere (their sessions are removed
    /// in the same transaction, so a stolen session dies with the old password).
    pub async fn set_password_hash(&self, id: &UserId, hash: &str, keep_session_hash: Option<&str>) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(hash)
            .bind(now_ms())
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
            .bind(id.as_str())
            .bind(keep_session_hash.unwrap_or(""))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Disables or re-enables an account. Disabling ends its sessions and revokes nothing else, so
    /// re-enabling restores the person as they were.
    pub async fn set_user_disabled(&self, id: &UserId, disabled: bool) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("UPDATE users SET disabled_at = $1, updated_at = $2 WHERE id = $3")
            .bind(disabled.then(now_ms))
            .bind(now_ms())
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id.as_str()).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn set_user_admin(&self, id: &UserId, admin: bool) -> DbResult<bool> {
        let done = sqlx::query("UPDATE users SET is_admin = $1, updated_at = $2 WHERE id = $3")
            .bind(i64::from(admin))
            .bind(now_ms())
            .bind(id.as_str())
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() == 1)
    }
}
