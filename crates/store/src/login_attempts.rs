//! Sign-in attempts, counted per account and per address to slow down password guessing. Kept in
//! the database so the limit holds across several app instances.

use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::RecordId;

impl Store {
    pub async fn record_login_attempt(&self, email: &str, address: &str, ok: bool) -> DbResult<()> {
        sqlx::query("INSERT INTO login_attempts (id, email, address, at, ok) VALUES ($1, $2, $3, $4, $5)")
            .bind(RecordId::new().as_str())
            .bind(email)
            .bind(address)
            .bind(now_ms())
            .bind(i64::from(ok))
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Failed attempts since `since` for this account and from this address.
    pub async fn failed_logins_since(&self, email: &str, address: &str, since: i64) -> DbResult<(i64, i64)> {
        let (by_email,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM login_attempts WHERE email = $1 AND at >= $2 AND ok = 0")
                .bind(email)
                .bind(since)
                .fetch_one(&self.pool)
                .await?;
        let (by_address,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM login_attempts WHERE address = $1 AND at >= $2 AND ok = 0")
                .bind(address)
                .bind(since)
                .fetch_one(&self.pool)
                .await?;
        Ok((by_email, by_address))
    }
}
