//! Leases on timed jobs. Every instance runs the same scheduler loop; before running a job it
//! claims the job's row with a conditional UPDATE, so of several instances exactly one runs each
//! due job. A lease that expires (its instance died mid-run) lets another instance take over.

use crate::Store;
use crate::error::DbResult;

impl Store {
    /// Claims `job` for `worker` until `now + lease_ms` if it is due at `now` and nobody holds a
    /// live lease on it; creates the row on first sight (due at once). True if this worker won.
    pub async fn claim_job(&self, job: &str, worker: &str, now: i64, lease_ms: i64) -> DbResult<bool> {
        sqlx::query("INSERT INTO scheduler_jobs (name, next_run_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(job)
            .bind(now)
            .execute(&self.writer)
            .await?;
        let won = sqlx::query(
            "UPDATE scheduler_jobs SET leased_by = $1, leased_until = $2 \
             WHERE name = $3 AND next_run_at <= $4 AND (leased_until IS NULL OR leased_until < $4)",
        )
        .bind(worker)
        .bind(now + lease_ms)
        .bind(job)
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(won.rows_affected() == 1)
    }

    /// Releases a job this worker ran and sets when it is next due.
    pub async fn finish_job(&self, job: &str, worker: &str, now: i64, next_run_at: i64) -> DbResult<()> {
        sqlx::query(
            "UPDATE scheduler_jobs SET leased_by = NULL, leased_until = NULL, last_run_at = $1, next_run_at = $2 \
             WHERE name = $3 AND leased_by = $4",
        )
        .bind(now)
        .bind(next_run_at)
        .bind(job)
        .bind(worker)
        .execute(&self.writer)
        .await?;
        Ok(())
    }
}
