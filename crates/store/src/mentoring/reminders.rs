//! The experts' reminders as rows (`expert_reminders`), kept as the `nudges` table keeps a
//! person's: found by the nudges job from the facts ([`Store::experts_to_remind`]), each recorded
//! once by its key (expert, occasion = the answer-by date, step), then mailed by a guarded UPDATE
//! in the same transaction as its outbox row ([`Store::mail_expert_reminder`]), so two runs at
//! once mail it once. An expert has no account, hence a table of their own beside the roster.

use super::experts::AWAITED;
use crate::error::DbResult;
use crate::nudges::RichMail;
use crate::{Store, now_ms};
use coachkit_domain::MailId;

/// An expert still awaited on a request still collecting, who has not stopped their reminders
/// and whose date is still to come: what the timetable is computed from.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AwaitedExpert {
    pub expert_id: String,
    pub answer_by: i64,
    /// When the current date was given.
    pub given_at: i64,
    /// Reminders this roster row was sent under earlier dates (they count toward the three).
    pub sent_before: i64,
}

/// A reminder due, with what its mail says and the leader whose zone keeps quiet hours.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DueExpertReminder {
    pub id: String,
    pub step: i64,
    pub expert_id: String,
    pub expert_name: String,
    pub email: String,
    pub answer_by: i64,
    pub capability: String,
    pub leader_id: String,
    pub leader_name: String,
    pub leader_zone: String,
}

/// A reminder as stored (tests read these).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ExpertReminderRow {
    pub id: String,
    pub occasion: i64,
    pub step: i64,
    pub due_at: i64,
    pub state: String,
    pub mail_id: Option<String>,
}

/// A reminder `r` is still worth sending: its request still collecting, its expert still awaited
/// with the same date (a new date voids the old timetable), not stopped, and the date to come.
/// `now` names the parameter that holds the time.
fn still_true(r: &str, now: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM advice_experts x JOIN advice_requests q ON q.id = x.request_id \
         WHERE x.id = {r}.expert_id AND x.answer_by = {r}.occasion AND x.status IN {AWAITED} \
         AND x.reminders_stopped_at IS NULL AND q.status = 'collecting') AND {r}.occasion > {now}"
    )
}

impl Store {
    /// Every expert the reminders' timetable applies to at `now`.
    pub async fn experts_to_remind(&self, now: i64) -> DbResult<Vec<AwaitedExpert>> {
        Ok(sqlx::query_as(&format!(
            "SELECT x.id AS expert_id, x.answer_by, x.answer_by_given_at AS given_at, \
                    (SELECT COUNT(*) FROM expert_reminders m WHERE m.expert_id = x.id AND m.state = 'sent' \
                     AND m.occasion <> x.answer_by) AS sent_before \
             FROM advice_experts x JOIN advice_requests q ON q.id = x.request_id \
             WHERE q.status = 'collecting' AND x.status IN {AWAITED} AND x.reminders_stopped_at IS NULL \
             AND x.answer_by_given_at IS NOT NULL AND x.answer_by > $1"
        ))
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Records a reminder due at `now`; false if it was recorded before (by this or another
    /// instance). A later step voids an earlier one of the same date still waiting (held by
    /// quiet hours): the expert reads one reminder, never two at once.
    pub async fn record_expert_reminder(&self, expert: &str, occasion: i64, step: i64, now: i64) -> DbResult<bool> {
        let done = sqlx::query(
            "INSERT INTO expert_reminders (id, expert_id, occasion, step, due_at, state, created_at) \
             VALUES ($1, $2, $3, $4, $5, 'pending', $6) ON CONFLICT (expert_id, occasion, step) DO NOTHING",
        )
        .bind(coachkit_domain::RecordId::new().as_str())
        .bind(expert)
        .bind(occasion)
        .bind(step)
        .bind(now)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        let new = done.rows_affected() == 1;
        if new && step > 1 {
            sqlx::query(
                "UPDATE expert_reminders SET state = 'void', decided_at = $1 WHERE state = 'pending' \
                 AND expert_id = $2 AND occasion = $3 AND step < $4",
            )
            .bind(now)
            .bind(expert)
            .bind(occasion)
            .bind(step)
            .execute(&self.writer)
            .await?;
        }
        Ok(new)
    }

    /// Voids the reminders still waiting that are no longer true (an answer, a decline, a new
    /// date, the expert left out or stopping them, the request no longer collecting, the date past).
    pub async fn void_stale_expert_reminders(&self, now: i64) -> DbResult<u64> {
        let done = sqlx::query(&format!(
            "UPDATE expert_reminders SET state = 'void', decided_at = $1 WHERE state = 'pending' AND NOT {}",
            still_true("expert_reminders", "$1")
        ))
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected())
    }

    /// Pending reminders due by `now`, soonest first.
    pub async fn due_expert_reminders(&self, now: i64) -> DbResult<Vec<DueExpertReminder>> {
        Ok(sqlx::query_as(
            "SELECT m.id, m.step, x.id AS expert_id, x.name AS expert_name, x.email, x.answer_by, q.capability, \
                    u.id AS leader_id, u.display_name AS leader_name, u.time_zone AS leader_zone \
             FROM expert_reminders m JOIN advice_experts x ON x.id = m.expert_id \
             JOIN advice_requests q ON q.id = x.request_id JOIN users u ON u.id = q.owner_id \
             WHERE m.state = 'pending' AND m.due_at <= $1 ORDER BY m.due_at, m.id",
        )
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Mails one reminder: pending to sent, guarded on its still being true at this moment, in
    /// the same transaction as its outbox row. `None` (and nothing written) when another run took
    /// it first or it stopped being true.
    pub async fn mail_expert_reminder<F>(&self, id: &str, now: i64, compose: F) -> DbResult<Option<MailId>>
    where
        F: FnOnce() -> RichMail,
    {
        let guarded = format!(
            "UPDATE expert_reminders SET state = $1, mail_id = $2, decided_at = $3 \
             WHERE id = $4 AND state = 'pending' AND {}",
            still_true("expert_reminders", "$3")
        );
        self.mail_guarded(&guarded, &[id.to_owned()], "sent", now, |_| compose()).await
    }

    /// Stops an expert's reminders for good (their one-click link) and voids those waiting.
    pub async fn stop_advice_reminders(&self, expert: &str) -> DbResult<()> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE advice_experts SET reminders_stopped_at = $1 WHERE id = $2 AND reminders_stopped_at IS NULL",
        )
        .bind(now)
        .bind(expert)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE expert_reminders SET state = 'void', decided_at = $1 WHERE expert_id = $2 AND state = 'pending'",
        )
        .bind(now)
        .bind(expert)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every reminder recorded for an expert, in the order they were found (tests read these).
    pub async fn expert_reminders_of(&self, expert: &str) -> DbResult<Vec<ExpertReminderRow>> {
        Ok(sqlx::query_as(
            "SELECT id, occasion, step, due_at, state, mail_id FROM expert_reminders WHERE expert_id = $1 \
             ORDER BY created_at, id",
        )
        .bind(expert)
        .fetch_all(&self.pool)
        .await?)
    }
}
