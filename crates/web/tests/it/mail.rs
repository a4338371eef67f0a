//! Mail through the outbox to a real SMTP conversation: delivered once, retried with backoff.

use crate::on_each_backend;
use coachkit_app::{SmtpConfig, mail::backoff_ms};
use coachkit_store::now_ms;
use coachkit_testkit::smtp::SmtpSink;
use coachkit_testkit::{TestApp, TestOptions, backends, spawn_app_with};

async fn app_with_smtp(backend: coachkit_testkit::Backend, port: u16) -> TestApp {
    let mut options = TestOptions::default();
    options.config.smtp =
        Some(SmtpConfig { host: "127.0.0.1".into(), port, username: None, password: None, security: "none".into() });
    spawn_app_with(backend, options).await
}

#[tokio::test]
async fn outbox_mail_is_delivered_by_smtp_exactly_once() {
    for backend in backends() {
        let sink = SmtpSink::start(false).await;
        let app = app_with_smtp(backend, sink.port).await;
        crate::relationships::account(&app, "Nia", "nia@example.org").await;
        app.app.request_password_reset("nia@example.org").await.unwrap();

        let done = app.app.deliver_outbox_once("worker-1").await.unwrap();
        assert_eq!((done.sent, done.failed), (1, 0));
        let got = sink.messages();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].to, vec!["nia@example.org".to_owned()]);
        assert!(got[0].data.contains("Subject: Set a new coachkit password"), "{}", got[0].data);
        assert!(got[0].data.contains(&format!("{}/reset/", app.base_url)));

        let again = app.app.deliver_outbox_once("worker-2").await.unwrap();
        assert_eq!((again.sent, again.failed), (0, 0), "a sent message is never sent again");
        assert_eq!(sink.messages().len(), 1);
        let row = &app.app.store.mail_to("nia@example.org").await.unwrap()[0];
        assert!(row.sent_at.is_some());
        app.stop().await;
    }
}

#[tokio::test]
async fn a_refusing_server_means_a_retry_later_not_a_lost_message() {
    for backend in backends() {
        let sink = SmtpSink::start(true).await;
        let app = app_with_smtp(backend, sink.port).await;
        crate::relationships::account(&app, "Oli", "oli@example.org").await;
        app.app.request_password_reset("oli@example.org").await.unwrap();
        let before = now_ms();
        let done = app.app.deliver_outbox_once("worker-1").await.unwrap();
        assert_eq!((done.sent, done.failed), (0, 1));
        let row = app.app.store.mail_to("oli@example.org").await.unwrap().remove(0);
        assert!(row.sent_at.is_none());
        assert_eq!(row.attempts, 1);
        assert!(row.last_error.as_deref().unwrap_or("").contains("try again later"), "{:?}", row.last_error);
        assert!(row.next_attempt_at >= before + backoff_ms(1), "retried after the backoff, not at once");
        let soon = app.app.deliver_outbox_once("worker-1").await.unwrap();
        assert_eq!((soon.sent, soon.failed), (0, 0), "not due yet");
        app.stop().await;
    }
}

#[tokio::test]
async fn without_smtp_mail_waits_in_the_outbox() {
    on_each_backend(|app| async move {
        crate::relationships::account(&app, "Pat", "pat@example.org").await;
        app.app.request_password_reset("pat@example.org").await.unwrap();
        let done = app.app.deliver_outbox_once("worker-1").await.unwrap();
        assert_eq!((done.sent, done.failed), (0, 0));
        let row = &app.app.store.mail_to("pat@example.org").await.unwrap()[0];
        assert!(row.sent_at.is_none() && row.attempts == 0);
        app.stop().await;
    })
    .await;
}

/// The admin runs the instance and must not read what people wrote to each other: the outbox
/// shows recipient, subject, state and times, never a body or the live link in it (issue 14).
#[tokio::test]
async fn the_admin_outbox_shows_no_body_and_no_link() {
    on_each_backend(|app| async move {
        let leader = crate::relationships::account(&app, "Priya", "priya@example.org").await;
        crate::relationships::account(&app, "Ada", "ada@example.org").await;
        let admin = crate::relationships::account(&app, "Root", "root@example.org").await;
        app.app.store.set_user_admin(&admin.id(), true).await.unwrap();
        let note = "my private worry about the restructure";
        let outcome = app.app.invite(&leader, "mentoring", "ada@example.org", note).await.unwrap();
        let secret = outcome.link.rsplit('/').next().unwrap().to_owned();
        let stored = &app.app.store.mail_to("ada@example.org").await.unwrap()[0];
        assert!(stored.body.contains(note) && stored.body.contains(&secret), "the mail itself holds both");

        let client = app.client();
        assert_eq!(client.sign_in("root@example.org", crate::PW).await.status(), reqwest::StatusCode::SEE_OTHER);
        let page = client.page("/admin", reqwest::StatusCode::OK).await;
        assert!(page.contains("ada@example.org") && page.contains(&stored.subject), "recipient and subject: {page}");
        assert!(page.contains("waiting"), "its state");
        assert!(!page.contains("restructure") && !page.contains(&secret) && !page.contains("/invite/"), "{page}");
        assert!(!page.contains("Open this link"), "no line of the body");

        let csrf = client.api_csrf().await;
        let (status, json) =
            client.json(reqwest::Method::GET, "/api/v1/admin/outbox", None, &[("X-CSRF-Token", &csrf)]).await;
        assert_eq!(status, reqwest::StatusCode::OK);
        let text = json.to_string();
        assert!(text.contains("ada@example.org") && text.contains("created_at"), "{text}");
        assert!(!text.contains("restructure") && !text.contains(&secret) && !text.contains("/invite/"), "{text}");
        assert!(json.as_array().unwrap().iter().all(|m| m.get("body").is_none()));
        app.stop().await;
    })
    .await;
}
