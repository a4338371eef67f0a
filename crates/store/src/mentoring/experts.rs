//! The experts of a request: who they are, their link, where they stand, and the reminders that
//! wait for them in the outbox. Every change of state is one guarded UPDATE, so a submitted answer
//! cannot be reopened by a late draft save, and two tabs cannot both decline and answer.

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
         status, capability_id, answer_by, replaces_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'invited', $9, $10, $11, $12, $12)",
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

/// Deletes an expert's reminders still waiting in the outbox (not sent, not being sent).
pub(super) async fn delete_unsent_reminders(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    expert: &str,
    now: i64,
) -> DbResult<u64> {
    let done = sqlx::query(
        // The conditions sit inside the subquery, on the expert's own few rows: put on the outer
        // DELETE, SQLite reads `sent_at IS NULL` through `outbox_due`, i.e. every unsent mail of
        // the instance (found by bench/mentoring.sh: 28 ms a submit at 15,000 waiting reminders).
        "DELETE FROM outbox WHERE id IN (SELECT o.id FROM advice_reminders r JOIN outbox o ON o.id = r.mail_id \
         WHERE r.expert_id = $1 AND o.sent_at IS NULL AND (o.claimed_until IS NULL OR o.claimed_until < $2))",
    )
    .bind(expert)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// Statuses from which an expert can still answer, ask for more time or decline.
const AWAITED: &str = "('invited', 'opened', 'drafting', 'more_time')";

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

    /// The expert asked for more time: a new date and a note. False when they can no longer ask.
    pub async fn advice_more_time(&self, id: &str, answer_by: i64, note: Option<&str>) -> DbResult<bool> {
        let now = now_ms();
        let done = sqlx::query(&format!(
            "UPDATE advice_experts SET status = 'more_time', answer_by = $1, more_time_note = $2, updated_at = $3 \
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

    /// Remembers a reminder waiting in the outbox.
    pub async fn add_advice_reminder(&self, expert: &str, mail_id: &str, send_at: i64) -> DbResult<()> {
        sqlx::query("INSERT INTO advice_reminders (expert_id, mail_id, send_at) VALUES ($1, $2, $3)")
            .bind(expert)
            .bind(mail_id)
            .bind(send_at)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Cancels an expert's reminders not yet sent (or being sent). Returns how many were cancelled.
    pub async fn cancel_advice_reminders(&self, expert: &str) -> DbResult<u64> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let cancelled = delete_unsent_reminders(&mut tx, expert, now).await?;
        // Rows whose mail went (or is going) out stay: they count toward the three reminders.
        sqlx::query("DELETE FROM advice_reminders WHERE expert_id = $1 AND mail_id NOT IN (SELECT id FROM outbox)")
            .bind(expert)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(cancelled)
    }

    /// Stops an expert's reminders for good (their one-click link) and cancels those waiting.
    pub async fn stop_advice_reminders(&self, expert: &str) -> DbResult<()> {
        sqlx::query(
            "UPDATE advice_experts SET reminders_stopped_at = $1 WHERE id = $2 AND reminders_stopped_at IS NULL",
        )
        .bind(now_ms())
        .bind(expert)
        .execute(&self.writer)
        .await?;
        self.cancel_advice_reminders(expert).await?;
        Ok(())
    }

    /// Whether the expert stopped their reminders.
    pub async fn advice_reminders_stopped(&self, expert: &str) -> DbResult<bool> {
        let row: Option<(Option<i64>,)> =
            sqlx::query_as("SELECT reminders_stopped_at FROM advice_experts WHERE id = $1")
                .bind(expert)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.is_some_and(|(at,)| at.is_some()))
    }

    /// Reminders an expert has been sent or is being sent (kept after a cancel).
    pub async fn advice_reminders_count(&self, expert: &str) -> DbResult<i64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM advice_reminders WHERE expert_id = $1")
            .bind(expert)
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }

    /// Reminders still waiting for an expert: (mail id, when), soonest first.
    pub async fn pending_advice_reminders(&self, expert: &str) -> DbResult<Vec<(String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT r.mail_id, r.send_at FROM advice_reminders r JOIN outbox o ON o.id = r.mail_id \
             WHERE r.expert_id = $1 AND o.sent_at IS NULL ORDER BY r.send_at",
        )
        .bind(expert)
        .fetch_all(&self.pool)
        .await?)
    }
}
