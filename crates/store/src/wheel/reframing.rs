//! Reframing items: for one area of an assessment, the concrete tasks a leader lists when
//! imagining that area were their whole job. An item remembers the action it became.

use crate::error::DbResult;
use crate::{Store, now_ms};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReframingRow {
    pub id: String,
    pub assessment_id: String,
    pub area_position: i64,
    pub text: String,
    pub action_id: Option<String>,
    /// The action's status, while the action exists.
    pub action_status: Option<String>,
    pub created_at: i64,
}

const SELECT: &str = "SELECT i.id, i.assessment_id, i.area_position, i.text, i.action_id, \
    act.status AS action_status, i.created_at FROM wheel_reframing_items i LEFT JOIN actions act ON act.id = i.action_id";

impl Store {
    pub async fn add_reframing_item(&self, id: &str, assessment_id: &str, area: i64, text: &str) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO wheel_reframing_items (id, assessment_id, area_position, text, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(assessment_id)
        .bind(area)
        .bind(text)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    pub async fn reframing_item(&self, id: &str) -> DbResult<Option<ReframingRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE i.id = $1")).bind(id).fetch_optional(&self.pool).await?)
    }

    /// An assessment's items, by area, oldest first within an area.
    pub async fn reframing_items(&self, assessment_id: &str) -> DbResult<Vec<ReframingRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE i.assessment_id = $1 ORDER BY i.area_position, i.created_at, i.id"))
            .bind(assessment_id)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Remembers the action an item became, unless it already became one (returns false then).
    pub async fn link_reframing_action(&self, id: &str, action_id: &str) -> DbResult<bool> {
        let done = sqlx::query("UPDATE wheel_reframing_items SET action_id = $1 WHERE id = $2 AND action_id IS NULL")
            .bind(action_id)
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn delete_reframing_item(&self, id: &str) -> DbResult<bool> {
        let done =
            sqlx::query("DELETE FROM wheel_reframing_items WHERE id = $1").bind(id).execute(&self.writer).await?;
        Ok(done.rows_affected() == 1)
    }
}
