//! The public page: works signed out, shows only what is public, keeps versions.

use super::{cast, client_for, reflection, session};
use crate::on_each_backend;
use reqwest::StatusCode;

#[tokio::test]
async fn the_public_page_never_shows_anything_not_public() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let s = session(&app, &c.leader, &c.with_mentor, "SECRET-agenda").await;
        app.app.write_session_detail(&c.leader, &s, "SECRET-detail").await.unwrap();
        let private = reflection(&app, &c.leader, Some(&s), "SECRET-private-reflection", "private", "Letting go").await;
        let mentor_only = reflection(
            &app,
            &c.leader,
            Some(&s),
            "SECRET-mentor-only",
            &format!("relationship:{}", c.with_mentor),
            "Letting go",
        )
        .await;
        let public = reflection(&app, &c.leader, Some(&s), "Shown to everyone", "public", "Letting go").await;
        // Evidence deliberately includes private reflections: the page must still hide them.
        app.app
            .create_position(
                &c.leader,
                "I think letting go comes first.",
                "",
                "Letting go",
                &[private.clone(), mentor_only, public.clone()],
            )
            .await
            .unwrap();
        app.app.publish_page(&c.leader, "first").await.unwrap();

        let anon = app.client();
        let page = anon.page("/p/lena-leader", StatusCode::OK).await;
        assert!(page.contains("I think letting go comes first."));
        assert!(page.contains("Shown to everyone"));
        assert!(!page.contains("SECRET"), "private material leaked onto the public page");
        assert!(page.contains("name=\"robots\" content=\"noindex\""), "not indexed unless the leader chooses");

        // Making the public reflection private later hides it from the current and old versions.
        let leader = client_for(&app, "leader@example.org").await;
        let r = leader
            .submit(
                &format!("/journal/reflections/{public}/edit"),
                &format!("/journal/reflections/{public}/edit"),
                &[("body", "Shown to everyone"), ("audience", "private"), ("themes", "Letting go")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(!anon.page("/p/lena-leader", StatusCode::OK).await.contains("Shown to everyone"));
        assert!(!anon.page("/p/lena-leader/v/1", StatusCode::OK).await.contains("Shown to everyone"));
        let history = leader.page(&format!("/journal/reflections/{public}"), StatusCode::OK).await;
        assert!(history.contains("from everyone (public) to only me"), "the audience change is recorded: {history}");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn versions_changelog_unpublish_and_indexing() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let anon = app.client();
        assert_eq!(anon.get("/p/lena-leader").await.status(), StatusCode::NOT_FOUND, "nothing before publishing");
        let leader = client_for(&app, "leader@example.org").await;
        let r = leader.submit("/journal/page", "/journal/page/publish", &[("note", "too early")]).await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "publishing needs a position");

        let r = leader.submit("/journal/page", "/journal/positions", &[("statement", "First thought.")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        leader.submit("/journal/page", "/journal/page/publish", &[("note", "one")]).await;
        leader.submit("/journal/page", "/journal/positions", &[("statement", "Second thought.")]).await;
        leader.submit("/journal/page", "/journal/page/publish", &[("note", "two")]).await;

        let current = anon.page("/p/lena-leader", StatusCode::OK).await;
        assert!(current.contains("Version 2") && current.contains("Second thought."));
        assert!(current.contains("/p/lena-leader/v/1") && current.contains(": one") && current.contains(": two"));
        let old = anon.page("/p/lena-leader/v/1", StatusCode::OK).await;
        assert!(old.contains("First thought.") && !old.contains("Second thought."));
        assert!(old.contains("see the current version"));
        assert_eq!(anon.get("/p/lena-leader/v/9").await.status(), StatusCode::NOT_FOUND);
        assert_eq!(anon.get("/p/lena-leader/v/x").await.status(), StatusCode::NOT_FOUND);

        // Reorder: the second becomes first.
        let positions = app.app.positions(&c.leader).await.unwrap();
        leader
            .submit("/journal/page", &format!("/journal/positions/{}/move", positions[1].id), &[("direction", "up")])
            .await;
        leader.submit("/journal/page", "/journal/page/publish", &[("note", "reordered")]).await;
        let v3 = anon.page("/p/lena-leader", StatusCode::OK).await;
        assert!(v3.find("Second thought.").unwrap() < v3.find("First thought.").unwrap());

        leader.submit("/journal/page", "/journal/page/flags", &[("published", "yes"), ("indexable", "yes")]).await;
        assert!(!anon.page("/p/lena-leader", StatusCode::OK).await.contains("noindex"));
        leader.submit("/journal/page", "/journal/page/flags", &[]).await;
        assert_eq!(anon.get("/p/lena-leader").await.status(), StatusCode::NOT_FOUND, "unpublished");
        assert_eq!(anon.get("/p/nobody-here").await.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}
