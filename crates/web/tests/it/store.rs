//! Storage behaviour that pages do not show: migrations kept in step, the outbox never sending a
//! message twice, single-use links, backups.

use crate::on_each_backend;
use coachkit_store::{NewMail, Store};

#[test]
fn both_backends_have_the_same_migration_versions() {
    let (sqlite, postgres) = Store::migration_versions();
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres, "every migration needs a twin for the other backend");
}

#[tokio::test]
async fn racing_senders_never_claim_the_same_message() {
    on_each_backend(|app| async move {
        for i in 0..40 {
            let to = format!("p{i}@example.org");
            app.app.store.enqueue_mail(NewMail { to: &to, subject: "s", body: "b" }).await.unwrap();
        }
        let (a, b) = tokio::join!(
            app.app.store.claim_due_mail("worker-a", 40, 60_000),
            app.app.store.claim_due_mail("worker-b", 40, 60_000)
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        let mut ids: Vec<_> = a.iter().chain(&b).map(|m| m.id.clone()).collect();
        let claimed = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), claimed, "a message was claimed twice");
        assert_eq!(claimed, 40, "every due message was claimed by someone");
        // While leased, nothing is claimable; a sent message never comes back.
        assert!(app.app.store.claim_due_mail("worker-c", 40, 60_000).await.unwrap().is_empty());
        for m in &a {
            app.app.store.mark_mail_sent(&m.id, "worker-a").await.unwrap();
        }
        let sent = app.app.store.recent_mail(100).await.unwrap().iter().filter(|m| m.sent_at.is_some()).count();
        assert_eq!(sent, a.len());
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn guest_links_are_single_purpose_expiring_and_revocable() {
    use coachkit_domain::capability::Purpose;
    on_each_backend(|app| async move {
        let target = coachkit_domain::RecordId::new().to_string();
        let link = app.app.issue_link(Purpose::ExpertAdvice, &target, None, 60_000).await.unwrap();
        let secret = link.secret.expose().to_owned();
        assert_eq!(app.app.resolve_link(&secret, Purpose::ExpertAdvice).await.unwrap().target_id, target);
        assert!(app.app.resolve_link(&secret, Purpose::PasswordReset).await.is_err(), "one purpose only");
        assert!(app.app.resolve_link(&"0".repeat(64), Purpose::ExpertAdvice).await.is_err());
        assert!(app.app.resolve_link("../../etc", Purpose::ExpertAdvice).await.is_err());
        let stored = app.app.store.capabilities_for("expert_advice", &target).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert!(app.app.store.revoke_capability(&link.id).await.unwrap());
        assert!(app.app.resolve_link(&secret, Purpose::ExpertAdvice).await.is_err(), "revoked");

        let expired = app.app.issue_link(Purpose::ExpertAdvice, &target, None, -1).await.unwrap();
        assert!(app.app.resolve_link(expired.secret.expose(), Purpose::ExpertAdvice).await.is_err(), "expired");

        let once = app.app.issue_link(Purpose::ExpertAdvice, &target, None, 60_000).await.unwrap();
        assert!(app.app.store.use_capability(&once.id).await.unwrap());
        assert!(!app.app.store.use_capability(&once.id).await.unwrap(), "second use refused");
        assert!(app.app.resolve_link(once.secret.expose(), Purpose::ExpertAdvice).await.is_err());
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn sqlite_backup_is_a_readable_copy() {
    let app = coachkit_testkit::spawn_app(coachkit_testkit::Backend::Sqlite).await;
    crate::relationships::account(&app, "Max", "max@example.org").await;
    let out = std::env::temp_dir().join(format!("coachkit-backup-{}.db", uuid::Uuid::new_v4().simple()));
    app.app.store.backup_sqlite(&out).await.unwrap();
    let copy = Store::connect(&coachkit_store::StoreOptions {
        url: format!("sqlite://{}", out.display()),
        max_connections: 1,
    })
    .await
    .unwrap();
    assert!(copy.user_by_email("max@example.org").await.unwrap().is_some());
    copy.close().await;
    let _ = std::fs::remove_file(&out);
    app.stop().await;
}
