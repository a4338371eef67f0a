//! The experts of a request: who they are, their link and where they stand (their reminders are
//! `reminders`). Every change of state is one guarded UPDATE, so a submitted answer cannot be
//! reopened by a late draft save, and two tabs cannot both decline and answer.

use crate::error::DbResult;
use crate::{Store, now_ms};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ExpertRow {
    pub id: String,
    pub request_id: String,
    pub position: i64,
    pub name: String,
    pub email: String,
    pub placement: String,
    pub placement_note: Option<String>,
    pub message: String,
    pub status: String,
    pub capability_id: Option<String>,
    pub answer_by: i64,
    pub more_time_note: Option<String>,
    pub decline_note: Option<String>,
    pub share_with_coaches: i64,
    pub replaces_id: Option<String>,
    pub opened_at: Option<i64>,
    pub answered_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, request_id, position, name, email, placement, placement_note, message, status, \
    capability_id, answer_by, more_time_note, decline_note, share_with_coaches, replaces_id, opened_at, \
    answered_at, created_at, updated_at";

/// An expert to add to a request.
#[derive(Clone, Debug)]
pub struct NewExpert {
    pub id: String,
    pub request_id: String,
    pub position: i64,
    pub name: String,
    pub email: String,
    pub placement: String,
    pub placement_note: Option<String>,
    pub message: String,
    pub answer_by: i64,
    pub replaces_id: Option<String>,
    /// Set when the expert joins a request already sent (a replacement): their link.
    pub capability_id: Option<String>,
}

pub(super) async fn insert_expert<'c, E>(ex: E, e: &NewExpert, now: i64) -> DbResult<()>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO advice_experts (id, request_id, position, name, email, placement, placement_note, message, \
         status, capability_id, answer_by, answer_by_given_at, replaces_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'invited', $9, $10, $12, $11, $12, $12)",
    )
    .bind(&e.id)
    .bind(&e.request_id)
    .bind(e.position)
    .bind(&e.name)
    .bind(&e.email)
    .bind(&e.placement)
    .bind(&e.placement_note)
    .bind(&e.message)
    .bind(&e.capability_id)
    .bind(e.answer_by)
    .bind(&e.replaces_id)
    .bind(now)
    .execute(ex)
    .await?;
    Ok(())
}

/// Statuses from which an expert can still answer, ask for more time or decline.
pub(super) const AWAITED: &str = "('invited', 'opened', 'drafting', 'more_time')";

impl Store {
    /// A request's experts, in the order they were named.
    pub async fn advice_experts(&self, request: &str) -> DbResult<Vec<ExpertRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM advice_experts WHERE request_id = $1 ORDER BY position, created_at"
        ))
        .bind(request)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn advice_expert(&self, id: &str) -> DbResult<Option<ExpertRow>> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM advice_experts WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Adds an expert to a request already sent (a replacement), and withdraws the one replaced,
    /// in one transaction.
    pub async fn add_advice_expert(&self, e: &NewExpert) -> DbResult<()> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        if let Some(old) = &e.replaces_id {
            sqlx::query("UPDATE advice_experts SET status = 'withdrawn', updated_at = $1 WHERE id = $2 AND status <> 'answered'")
                .bind(now)
                .bind(old)
                .execute(&mut *tx)
                .await?;
        }
        insert_expert(&mut *tx, e, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The expert opened their link: the first time counts.
    pub async fn mark_advice_opened(&self, id: &str) -> DbResult<()> {
        let now = now_ms();
        sqlx::query(
            "UPDATE advice_experts SET status = 'opened', opened_at = $1, updated_at = $1 \
             WHERE id = $2 AND status = 'invited'",
        )
        .bind(now)
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The expert asked for more time: a new date (given now: their reminders follow it) and a
    /// note. False when they can no longer ask.
    pub async fn advice_more_time(&self, id: &str, answer_by: i64, note: Option<&str>) -> DbResult<bool> {
        let now = now_ms();
        let done = sqlx::query(&format!(
            "UPDATE advice_experts SET status = 'more_time', answer_by = $1, answer_by_given_at = $3, \
             more_time_note = $2, updated_at = $3 \
             WHERE id = $4 AND status IN {AWAITED}"
        ))
        .bind(answer_by)
        .bind(note)
        .bind(now)
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The expert declined. False when they had already answered, declined or been left out.
    pub async fn advice_decline(&self, id: &str, note: Option<&str>) -> DbResult<bool> {
        let now = now_ms();
        let done = sqlx::query(&format!(
            "UPDATE advice_experts SET status = 'declined', decline_note = $1, updated_at = $2 \
             WHERE id = $3 AND status IN {AWAITED}"
        ))
        .bind(note)
        .bind(now)
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The leader goes on without this expert (anyone who has not answered).
    pub async fn withdraw_advice_expert(&self, id: &str) -> DbResult<bool> {
        let done = sqlx::query(
            "UPDATE advice_experts SET status = 'withdrawn', updated_at = $1 WHERE id = $2 \
             AND status NOT IN ('answered', 'withdrawn')",
        )
        .bind(now_ms())
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
