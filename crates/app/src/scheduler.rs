//! The one scheduler for everything timed: nudges, the co-coaching sweep, expired sessions and
//! the search index's daily merge. Every instance runs the same loop; each job has a row in
//! `scheduler_jobs` and runs only in the instance that wins its lease (a conditional UPDATE), so a
//! job runs once per period however many instances share the database. The clock is a parameter
//! ([`App::run_due_jobs_at`]) so tests can move time.
//!
//! Every timed mail goes through the `nudges` job, mentoring's reminders to experts included
//! (found from the facts at each run, never queued ahead in the outbox).

use crate::App;
use crate::error::AppResult;
use coachkit_domain::time::Millis;
use std::time::Duration;

/// A timed job and how often it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    /// Find silences and deliver due nudges, digests and experts' reminders.
    Nudges,
    /// Co-coaching: end session ones whose day has passed (quiet teams are nudges).
    CoCoaching,
    /// Remove expired sign-in sessions and old sign-in attempts.
    ExpiredSessions,
    /// Merge SQLite's full-text index into one segment (nothing to do on PostgreSQL).
    SearchMerge,
}

impl Job {
    pub const ALL: [Job; 4] = [Job::Nudges, Job::CoCoaching, Job::ExpiredSessions, Job::SearchMerge];

    pub fn name(self) -> &'static str {
        match self {
            Job::Nudges => "nudges",
            Job::CoCoaching => "co_coaching",
            Job::ExpiredSessions => "expired_sessions",
            Job::SearchMerge => "search_merge",
        }
    }

    /// How long after a run the job is next due.
    pub fn every_ms(self) -> i64 {
        match self {
            Job::Nudges => 15 * Millis::MINUTE,
            Job::CoCoaching | Job::ExpiredSessions => Millis::HOUR,
            Job::SearchMerge => Millis::DAY,
        }
    }
}

/// A lease long enough for any one run; if an instance dies mid-run, another takes over after it.
const LEASE_MS: i64 = 10 * Millis::MINUTE;

impl App {
    /// Runs every job due at `now` whose lease `worker` wins; returns the jobs it ran.
    pub async fn run_due_jobs_at(&self, worker: &str, now: i64) -> AppResult<Vec<Job>> {
        let mut ran = Vec::new();
        for job in Job::ALL {
            if !self.store.claim_job(job.name(), worker, now, LEASE_MS).await? {
                continue;
            }
            let result = self.run_job(job, now).await;
            // Released either way: a failing job is retried at its next period, not in a tight loop.
            self.store.finish_job(job.name(), worker, now, now + job.every_ms()).await?;
            result?;
            ran.push(job);
        }
        Ok(ran)
    }

    async fn run_job(&self, job: Job, now: i64) -> AppResult<()> {
        match job {
            Job::Nudges => {
                let run = self.run_nudges_at(now).await?;
                if run != Default::default() {
                    tracing::info!(?run, "nudges");
                }
            }
            Job::CoCoaching => {
                let s = self.sweep_co_coaching_at(now).await?;
                if s != Default::default() {
                    tracing::info!(sessions = s.ended_session_ones, "co-coaching swept");
                }
            }
            Job::ExpiredSessions => {
                self.store.sweep_expired(now - Millis::DAY).await?;
            }
            Job::SearchMerge => {
                let steps = self.merge_search_index().await?;
                if steps > 0 {
                    tracing::info!(steps, "search index merged");
                }
            }
        }
        Ok(())
    }

    /// Runs the scheduler until `shutdown` resolves, looking for due jobs every `tick`.
    pub async fn run_scheduler(self, tick: Duration, shutdown: tokio::sync::watch::Receiver<bool>) {
        let worker = coachkit_domain::RecordId::new().to_string();
        let mut shutdown = shutdown;
        loop {
            if let Err(e) = self.run_due_jobs_at(&worker, coachkit_store::now_ms()).await {
                tracing::warn!(error = ?e, "a scheduled job failed");
            }
            tokio::select! {
                _ = tokio::time::sleep(tick) => {}
                _ = shutdown.changed() => return,
            }
        }
    }
}
