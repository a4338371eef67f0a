//! The mail outbox. Every message is written here first (in the same request that caused it), then
//! a sender claims due rows with a lease, delivers them, and marks them sent. A lease that expires
//! (the instance died mid-send) lets another instance retry; a claimed row is never sent by two.

use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::MailId;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MailRow {
    pub id: String,
    pub to_addr: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
    /// The HTML alternative of `body`, for mail written from the nudge templates.
    pub html_body: Option<String>,
    /// The one-click unsubscribe address (List-Unsubscribe) of a nudge mail.
    pub unsubscribe_url: Option<String>,
}

pub struct NewMail<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

const COLUMNS: &str = "id, to_addr, subject, body, created_at, attempts, next_attempt_at, sent_at, last_error, html_body, unsubscribe_url";

impl Store {
    pub async fn enqueue_mail(&self, mail: NewMail<'_>) -> DbResult<MailId> {
        self.enqueue_mail_at(mail, now_ms()).await
    }

    /// Queues a message that the sender will not pick up before `send_at`.
    pub async fn enqueue_mail_at(&self, mail: NewMail<'_>, send_at: i64) -> DbResult<MailId> {
        let id = MailId::new();
        sqlx::query(
            "INSERT INTO outbox (id, to_addr, subject, body, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id.as_str())
        .bind(mail.to)
        .bind(mail.subject)
        .bind(mail.body)
        .bind(now_ms())
        .bind(send_at)
        .execute(&self.writer)
        .await?;
        Ok(id)
    }

    /// Claims up to `limit` due messages for `worker` until `lease_ms` from now. Each row is claimed
    /// by a conditional UPDATE, so of two instances racing for one row exactly one gets it.
    pub async fn claim_due_mail(&self, worker: &str, limit: i64, lease_ms: i64) -> DbResult<Vec<MailRow>> {
        let now = now_ms();
        let candidates: Vec<(String,)> = sqlx::query_as(
            "SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 \
             AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY next_attempt_at LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut claimed = Vec::new();
        for (id,) in candidates {
            let row: Option<MailRow> = sqlx::query_as(&format!(
                "UPDATE outbox SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1 \
                 WHERE id = $3 AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < $4) \
                 RETURNING {COLUMNS}"
            ))
            .bind(worker)
            .bind(now + lease_ms)
            .bind(&id)
            .bind(now)
            .fetch_optional(&self.writer)
            .await?;
            claimed.extend(row);
        }
        Ok(claimed)
    }

    pub async fn mark_mail_sent(&self, id: &str, worker: &str) -> DbResult<()> {
        sqlx::query(
            "UPDATE outbox SET sent_at = $1, claimed_until = NULL, last_error = NULL WHERE id = $2 AND claimed_by = $3",
        )
        .bind(now_ms())
        .bind(id)
        .bind(worker)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Records a failed delivery and when to try again.
    pub async fn mark_mail_failed(&self, id: &str, worker: &str, error: &str, retry_at: i64) -> DbResult<()> {
        sqlx::query(
            "UPDATE outbox SET last_error = $1, next_attempt_at = $2, claimed_until = NULL \
             WHERE id = $3 AND claimed_by = $4",
        )
        .bind(error)
        .bind(retry_at)
        .bind(id)
        .bind(worker)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The newest messages, for the admin page and `coachkit mail list`.
    pub async fn recent_mail(&self, limit: i64) -> DbResult<Vec<MailRow>> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1"))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Messages to one address, newest first (tests read their mail this way).
    pub async fn mail_to(&self, to: &str) -> DbResult<Vec<MailRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM outbox WHERE to_addr = $1 ORDER BY created_at DESC, id DESC"
        ))
        .bind(to)
        .fetch_all(&self.pool)
        .await?)
    }
}
