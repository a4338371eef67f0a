//! What the work was worth to each side: outcomes with estimates and confidence.

use crate::error::DbResult;
use crate::{Store, now_ms};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ValueRow {
    pub id: String,
    pub engagement_id: String,
    pub side: String,
    pub author_id: String,
    pub author_name: String,
    pub outcome: String,
    pub measure: String,
    pub amount: i64,
    pub unit: Option<String>,
    pub confidence: String,
    pub shared: i64,
    pub shared_at: i64,
    pub created_at: i64,
}

pub struct NewValue<'a> {
    pub id: &'a str,
    pub engagement_id: &'a str,
    pub side: &'a str,
    pub author_id: &'a str,
    pub outcome: &'a str,
    pub measure: &'a str,
    pub amount: i64,
    pub unit: Option<&'a str>,
    pub confidence: &'a str,
}

impl Store {
    pub async fn add_value(&self, v: NewValue<'_>) -> DbResult<()> {
        let now = now_ms();
        sqlx::query(
            "INSERT INTO cc_values (id, engagement_id, side, author_id, outcome, measure, amount, unit, confidence, \
             shared, shared_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $10)",
        )
        .bind(v.id)
        .bind(v.engagement_id)
        .bind(v.side)
        .bind(v.author_id)
        .bind(v.outcome)
        .bind(v.measure)
        .bind(v.amount)
        .bind(v.unit)
        .bind(v.confidence)
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Rewrites a value record: its author's, on their side, only. The record keeps its side and
    /// whether it is shared (the side's choice, not the record's).
    pub async fn edit_value(&self, v: NewValue<'_>) -> DbResult<bool> {
        let done = sqlx::query(
            "UPDATE cc_values SET outcome = $1, measure = $2, amount = $3, unit = $4, confidence = $5 \
             WHERE id = $6 AND engagement_id = $7 AND side = $8 AND author_id = $9",
        )
        .bind(v.outcome)
        .bind(v.measure)
        .bind(v.amount)
        .bind(v.unit)
        .bind(v.confidence)
        .bind(v.id)
        .bind(v.engagement_id)
        .bind(v.side)
        .bind(v.author_id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Deletes a value record: its author's, on their side, only.
    pub async fn delete_value(&self, id: &str, engagement: &str, side: &str, author: &str) -> DbResult<bool> {
        let done =
            sqlx::query("DELETE FROM cc_values WHERE id = $1 AND engagement_id = $2 AND side = $3 AND author_id = $4")
                .bind(id)
                .bind(engagement)
                .bind(side)
                .bind(author)
                .execute(&self.writer)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Shares (or stops sharing) one side's records with the other organisation, all at once:
    /// the choice is the organisation's, not one line's.
    pub async fn share_side_values(&self, engagement: &str, side: &str, shared: bool) -> DbResult<u64> {
        let done = sqlx::query(
            "UPDATE cc_values SET shared = $1, shared_at = $2 WHERE engagement_id = $3 AND side = $4 AND shared <> $1",
        )
        .bind(if shared { 1_i64 } else { 0 })
        .bind(now_ms())
        .bind(engagement)
        .bind(side)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected())
    }

    /// Every value record of the engagement: the app asks the policy about each.
    pub async fn values(&self, engagement: &str) -> DbResult<Vec<ValueRow>> {
        Ok(sqlx::query_as(
            "SELECT v.id, v.engagement_id, v.side, v.author_id, u.display_name AS author_name, v.outcome, v.measure, \
             v.amount, v.unit, v.confidence, v.shared, v.shared_at, v.created_at \
             FROM cc_values v JOIN users u ON u.id = v.author_id WHERE v.engagement_id = $1 \
             ORDER BY v.side, v.created_at, v.id",
        )
        .bind(engagement)
        .fetch_all(&self.pool)
        .await?)
    }
}
