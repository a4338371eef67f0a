//! Delivering the outbox. Messages are written to the outbox by the use cases; this sender claims
//! due ones with a lease (so two instances never send the same message), delivers them by SMTP,
//! and retries failures with exponential backoff. Without SMTP configured the messages stay in the
//! outbox, where the admin page and `coachkit mail list` show them.

use crate::{App, SmtpConfig};
use coachkit_domain::time::Millis;
use coachkit_store::{MailRow, now_ms};
use lettre::message::MultiPart;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

const LEASE_MS: i64 = 2 * Millis::MINUTE;
const BATCH: i64 = 20;

/// What one pass over the outbox did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub failed: usize,
}

/// When to try again after `attempts` failures: 1, 2, 4... minutes, at most six hours.
pub fn backoff_ms(attempts: i64) -> i64 {
    let exp = attempts.clamp(1, 16) - 1;
    (Millis::MINUTE << exp).min(6 * Millis::HOUR)
}

fn transport(smtp: &SmtpConfig) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let builder = match smtp.security.as_str() {
        "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
        "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host).map_err(|e| e.to_string())?,
        _ => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host).map_err(|e| e.to_string())?,
    };
    let builder = builder.port(smtp.port).timeout(Some(Duration::from_secs(20)));
    let builder = match (&smtp.username, &smtp.password) {
        (Some(u), Some(p)) => builder.credentials(Credentials::new(u.clone(), p.clone())),
        _ => builder,
    };
    Ok(builder.build())
}

/// The message as sent: plain text, or plain text and HTML as alternatives when the mail has
/// both; with List-Unsubscribe and List-Unsubscribe-Post (RFC 8058 one-click) when it has an
/// unsubscribe address.
pub(crate) fn message(from: &str, mail: &MailRow) -> Result<Message, String> {
    let mut builder = Message::builder()
        .from(from.parse().map_err(|e| format!("sender address: {e}"))?)
        .to(mail.to_addr.parse().map_err(|e| format!("recipient address: {e}"))?)
        .subject(mail.subject.clone());
    if let Some(url) = &mail.unsubscribe_url {
        builder = builder
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{url}>")))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    let built = match &mail.html_body {
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(mail.body.clone(), html.clone())),
        None => builder.header(ContentType::TEXT_PLAIN).body(mail.body.clone()),
    };
    built.map_err(|e| e.to_string())
}

impl App {
    /// One pass: claims due messages and delivers them. Does nothing without SMTP.
    pub async fn deliver_outbox_once(&self, worker: &str) -> Result<Delivery, crate::AppError> {
        let Some(smtp) = &self.config.smtp else { return Ok(Delivery::default()) };
        let transport = transport(smtp).map_err(|e| crate::AppError::Internal(e.into()))?;
        let mut done = Delivery::default();
        for mail in self.store.claim_due_mail(worker, BATCH, LEASE_MS).await? {
            let result = match message(&self.config.mail_from, &mail) {
                Ok(m) => transport.send(m).await.map(|_| ()).map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    self.store.mark_mail_sent(&mail.id, worker).await?;
                    done.sent += 1;
                }
                Err(e) => {
                    tracing::warn!(mail = %mail.id, attempts = mail.attempts, error = %e, "mail delivery failed");
                    let retry = now_ms() + backoff_ms(mail.attempts);
                    self.store.mark_mail_failed(&mail.id, worker, &e, retry).await?;
                    done.failed += 1;
                }
            }
        }
        Ok(done)
    }

    /// Runs the sender until `shutdown` resolves, every `every` seconds.
    pub async fn run_outbox(self, every: Duration, shutdown: tokio::sync::watch::Receiver<bool>) {
        if self.config.smtp.is_none() {
            tracing::info!("no SMTP configured: mail stays in the outbox (admin page, `coachkit mail list`)");
            return;
        }
        let worker = coachkit_domain::RecordId::new().to_string();
        let mut shutdown = shutdown;
        loop {
            if let Err(e) = self.deliver_outbox_once(&worker).await {
                tracing::error!(error = ?e, "outbox pass failed");
            }
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = shutdown.changed() => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_then_caps() {
        assert_eq!(backoff_ms(1), Millis::MINUTE);
        assert_eq!(backoff_ms(2), 2 * Millis::MINUTE);
        assert_eq!(backoff_ms(4), 8 * Millis::MINUTE);
        assert_eq!(backoff_ms(40), 6 * Millis::HOUR);
        assert_eq!(backoff_ms(0), Millis::MINUTE);
    }
}
