//! Facts about the instance as a whole (`instance_settings`), such as whether the demo was
//! loaded into it.

use crate::error::DbResult;
use crate::{Store, now_ms};

impl Store {
    /// Sets one instance setting, replacing its value.
    pub async fn set_instance_setting(&self, key: &str, value: &str) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO instance_settings (setting_key, value, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (setting_key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .bind(key)
        .bind(value)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// One instance setting's value, if it was ever set.
    pub async fn instance_setting(&self, key: &str) -> DbResult<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as("SELECT value FROM instance_settings WHERE setting_key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.0))
    }
}
