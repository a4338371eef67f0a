//! Leaving from Settings (a wrong e-mail first, which deletes nothing, then the right one), and
//! answering "did you meet?" through the link a mail carries, signed out.

use crate::{on_each_backend, sign_up};
use coachkit_domain::relationship::Transition;

#[tokio::test]
async fn a_person_deletes_their_account_from_settings() {
    on_each_backend("leaving-settings", |app, me| async move {
        sign_up(&me, "Wren Leaving", "wren@example.org").await;
        me.open("/settings").await;
        let section = me.wait_for("section[aria-labelledby=delete-title]").await;
        assert!(section.contains("Download your data first"), "{section}");
        me.wait_for("section[aria-labelledby=delete-title] a[href='/journal/export.json']").await;

        me.fill("#confirm_email", "wren@example.com").await;
        me.click("form[action='/settings/delete'] button[type=submit]").await;
        let error = me.wait_for("#confirm-error").await;
        assert!(error.contains("does not match"), "{error}");
        assert!(me.wait_for(".alert[role=alert]").await.contains("Nothing was deleted."));
        me.screenshot_desktop_and_phone("delete-refused").await;
        assert!(app.app.store.user_by_email("wren@example.org").await.unwrap().is_some(), "still there");

        me.fill("#confirm_email", "wren@example.org").await;
        me.click("form[action='/settings/delete'] button[type=submit]").await;
        assert_eq!(me.wait_for("#goodbye").await, "Your account was deleted");
        assert_eq!(me.path().await, "/goodbye");
        me.screenshot_desktop_and_phone("deleted").await;
        assert!(app.app.store.user_by_email("wren@example.org").await.unwrap().is_none());
        assert!(app.app.store.where_text_lives("Wren Leaving").await.unwrap().is_empty());
        // The browser is signed out: Settings now asks for a sign-in.
        me.open("/settings").await;
        me.wait_for("form[action='/signin']").await;
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_check_in_link_asks_then_records_a_held_session() {
    on_each_backend("checkin-link", |app, me| async move {
        let lena = crate::account(&app, "Lena Leader", "lena@example.org").await;
        let omar = crate::account(&app, "Omar Coach", "omar@example.org").await;
        let invited = app.app.invite(&lena, "coaching", "omar@example.org", "").await.unwrap();
        let rel = invited.relationship.id;
        app.app.change_relationship(&omar, &rel, Transition::Accept).await.unwrap();
        let link = app.app.checkin_link(&rel, &omar.id()).await.unwrap();
        let path = link.strip_prefix(&app.base_url).expect("the link points at this app").to_owned();

        me.open(&format!("{path}?answer=met")).await;
        assert_eq!(me.wait_for("h1").await, "Did you meet Lena Leader?");
        me.screenshot_desktop_and_phone("checkin-ask").await;
        assert!(app.app.checkins(&omar, &rel).await.unwrap().is_empty(), "opening asked, nothing more");

        me.click("form.checkin button[value=met]").await;
        assert!(me.wait_for("#checkin-done").await.contains("yes, we met"));
        me.screenshot_desktop_and_phone("checkin-done").await;
        let answers = app.app.checkins(&lena, &rel).await.unwrap();
        assert_eq!(answers.len(), 1);
        assert_eq!((answers[0].answer.as_str(), answers[0].by_name.as_str()), ("met", "Omar Coach"));
        let sessions = app.app.sessions(&lena, &rel).await.unwrap();
        assert_eq!(sessions.iter().map(|s| s.status.as_str()).collect::<Vec<_>>(), ["held"]);

        // Opening it again: the link is used up.
        me.open(&path).await;
        assert!(me.wait_for("main").await.contains("no longer works"));
        app.stop().await;
    })
    .await;
}
