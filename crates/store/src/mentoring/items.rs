//! The experts' advice items. A draft save and the final submission each replace the expert's
//! items and set their status in one transaction, guarded on the status: once submitted, nothing
//! changes them.

use crate::error::DbResult;
use crate::{Store, now_ms};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ItemRow {
    pub id: String,
    pub request_id: String,
    pub expert_id: String,
    pub position: i64,
    pub text: String,
    pub example: Option<String>,
    pub updated_at: i64,
}

/// One box of the expert's form.
#[derive(Clone, Debug)]
pub struct ItemText {
    pub id: String,
    pub text: String,
    pub example: Option<String>,
}

const COLUMNS: &str = "id, request_id, expert_id, position, text, example, updated_at";

impl Store {
    /// Saves the expert's items as a draft (`submit` false) or their answer (`submit` true, which
    /// also seals them; their reminders stop, as they are found only for experts still awaited). False, and nothing written, when the expert
    /// may no longer change them.
    pub async fn save_advice_items(
        &self,
        request: &str,
        expert: &str,
        items: &[ItemText],
        submit: bool,
        share_with_coaches: bool,
    ) -> DbResult<bool> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let status = if submit { "answered" } else { "drafting" };
        let done = sqlx::query(
            "UPDATE advice_experts SET status = $1, answered_at = $2, share_with_coaches = $3, updated_at = $4 \
             WHERE id = $5 AND request_id = $6 AND status IN ('invited', 'opened', 'drafting', 'more_time')",
        )
        .bind(status)
        .bind(submit.then_some(now))
        .bind(i64::from(share_with_coaches))
        .bind(now)
        .bind(expert)
        .bind(request)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM advice_items WHERE expert_id = $1").bind(expert).execute(&mut *tx).await?;
        for (i, item) in items.iter().enumerate() {
            sqlx::query(
                "INSERT INTO advice_items (id, request_id, expert_id, position, text, example, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
            )
            .bind(&item.id)
            .bind(request)
            .bind(expert)
            .bind(i as i64 + 1)
            .bind(&item.text)
            .bind(&item.example)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Every item of a request (the app shows them only once the seal is open).
    pub async fn advice_items(&self, request: &str) -> DbResult<Vec<ItemRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM advice_items WHERE request_id = $1 ORDER BY expert_id, position"
        ))
        .bind(request)
        .fetch_all(&self.pool)
        .await?)
    }

    /// One expert's items, in their order.
    pub async fn advice_items_of_expert(&self, expert: &str) -> DbResult<Vec<ItemRow>> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM advice_items WHERE expert_id = $1 ORDER BY position"))
            .bind(expert)
            .fetch_all(&self.pool)
            .await?)
    }
}
