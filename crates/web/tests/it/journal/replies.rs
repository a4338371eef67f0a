//! Replies on a shared reflection over pages and JSON: refused input saves nothing, the thread
//! reaches exactly the chosen part of the reflection's readers, and readers are told by mail
//! without the reply's words in the outbox.

use super::{cast, client_for, reflection, session};
use crate::on_each_backend;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn a_mentor_replies_to_the_leader_only_and_bad_replies_save_nothing() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let s = session(&app, &c.leader, &c.with_mentor, "reply agenda").await;
        let r = reflection(&app, &c.leader, Some(&s), "what the silence told me", "all_my_coaches", "Letting go").await;
        let page = format!("/journal/reflections/{r}");
        let action = format!("{page}/replies");
        let mentor = client_for(&app, "mentor@example.org").await;

        // The mentor reads it in context: the author, the session, the relationship, the
        // leader's theme linked to the leader's theme page for this mentor.
        let html = mentor.page(&page, StatusCode::OK).await;
        assert!(html.contains("By <strong>Lena Leader</strong>"), "{html}");
        assert!(html.contains(&format!("/journal/sessions/{s}")));
        assert!(html.contains(&format!("/relationships/{}", c.with_mentor)));
        let theme = format!("/coaching/{}/themes/letting-go", c.with_mentor);
        assert!(html.contains(&theme), "theme links go to the leader's theme: {html}");
        assert!(mentor.page(&theme, StatusCode::OK).await.contains("what the silence told me"));
        assert!(html.contains(r#"aria-current="page">Coaching"#), "the nav marks Coaching, not the mentor's journal");

        // Refused: empty, too long, an audience that is not offered. Nothing is saved.
        let long = "x".repeat(4_001);
        let other_rel = format!("relationship:{}", c.with_other);
        for (body, audience) in [("   ", "item_readers"), (long.as_str(), "item_readers"), ("fine", other_rel.as_str())]
        {
            let resp = mentor.submit(&page, &action, &[("body", body), ("audience", audience)]).await;
            assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
            assert!(resp.text().await.unwrap().contains("Nothing was sent"));
        }
        assert!(app.app.reflection_replies(&c.leader, &r).await.unwrap().is_empty(), "nothing saved");
        // A stranger cannot even find it.
        let stranger = client_for(&app, "stranger@example.org").await;
        let resp = stranger.post_form_raw(&action, &[("body", "hi")]).await;
        assert!(resp.status().is_client_error(), "{}", resp.status());

        let only_leader = format!("relationship:{}", c.with_mentor);
        let resp =
            mentor.submit(&page, &action, &[("body", "the pause was the answer"), ("audience", &only_leader)]).await;
        assert_eq!(resp.status(), StatusCode::SEE_OTHER);
        let leader = client_for(&app, "leader@example.org").await;
        let seen = leader.page(&page, StatusCode::OK).await;
        assert!(seen.contains("the pause was the answer") && seen.contains("Mo Mentor"));
        let other = client_for(&app, "other@example.org").await;
        assert!(!other.page(&page, StatusCode::OK).await.contains("the pause was the answer"));

        // One notice, to the leader only, naming who replied; the words stay behind sign-in. It is
        // a nudge: sent at once, unless it is night in the leader's zone, when it waits for the
        // morning (the afternoon run below).
        let now = coachkit_store::now_ms();
        let afternoon = now.div_euclid(86_400_000) * 86_400_000 + 86_400_000 + 14 * 3_600_000;
        app.app.run_nudges_at(afternoon).await.unwrap();
        let to_leader = app.app.store.mail_to("leader@example.org").await.unwrap();
        let notices: Vec<_> = to_leader.iter().filter(|m| m.body.contains("Mo Mentor replied")).collect();
        assert_eq!(notices.len(), 1, "one notice to the leader: {to_leader:?}");
        let notice = notices[0];
        assert!(!notice.body.contains("the pause was the answer"));
        assert!(!notice.html_body.as_deref().unwrap_or("").contains("the pause was the answer"));
        assert!(notice.body.contains(&format!("/journal/reflections/{r}")));
        assert!(notice.unsubscribe_url.is_some(), "a reply notice carries the one-click unsubscribe");
        let to_other = app.app.store.mail_to("other@example.org").await.unwrap();
        assert!(to_other.iter().all(|m| !m.body.contains("replied")));

        // The reply is the mentor's: in the mentor's export, saying what it answered and for whom;
        // not in the leader's, whose reflection it answers.
        let mine = app.app.export_json(&c.mentor).await.unwrap();
        let reply = mine.replies.iter().find(|x| x.body == "the pause was the answer").expect("in the mentor's export");
        assert!(reply.answering.starts_with("Lena Leader's reflection"), "{}", reply.answering);
        assert_eq!(reply.audience, format!("partner:{}", c.with_mentor));
        assert_eq!(reply.reflection, None, "the leader's reflection is not in the mentor's file");
        let zip = app.app.export_markdown(&c.mentor).await.unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        let mut md = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("replies.md").unwrap(), &mut md).unwrap();
        assert!(
            md.contains("## On Lena Leader's reflection")
                && md.contains("for Lena Leader")
                && md.contains("the pause was the answer"),
            "{md}"
        );
        let theirs = serde_json::to_string(&app.app.export_json(&c.leader).await.unwrap()).unwrap();
        assert!(!theirs.contains("the pause was the answer"), "a reply stays out of the other party's export");
        // Importing the mentor's file elsewhere says the replies stay behind, and creates none.
        let there = coachkit_testkit::spawn_app(app.backend).await;
        let me = crate::relationships::account(&there, "Mo Mentor", "mo@elsewhere.example.org").await;
        let report = there.app.import_json(&me, &coachkit_app::journal::export::to_json(&mine).unwrap()).await.unwrap();
        assert!(
            report.notes.iter().any(|n| n.contains("1 reply you wrote in reflection threads was not imported")),
            "{:?}",
            report.notes
        );
        there.stop().await;
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn replies_over_json_follow_the_same_rules() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let r = reflection(&app, &c.leader, None, "written alone", "all_my_coaches", "").await;
        let token = |a: &coachkit_app::Actor| {
            let app = &app;
            let id = a.id();
            async move { format!("Bearer {}", app.app.create_token(&id, "api").await.unwrap().1.expose()) }
        };
        let (mentor, other, leader) = (token(&c.mentor).await, token(&c.other_mentor).await, token(&c.leader).await);
        let http = app.client();
        let path = format!("/api/v1/journal/reflections/{r}/replies");
        let (status, body) =
            http.json(Method::POST, &path, Some(json!({"body": ""})), &[("authorization", &mentor)]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["fields"][0]["field"], "body");
        let (status, created) = http
            .json(
                Method::POST,
                &path,
                Some(json!({"body": "to all of us", "audience": "item_readers"})),
                &[("authorization", &mentor)],
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        for (who, sees) in [(&leader, true), (&other, true), (&mentor, true)] {
            let (status, thread) = http.json(Method::GET, &path, None, &[("authorization", who)]).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(thread["replies"].as_array().unwrap().len(), usize::from(sees));
        }
        // The default audience is the narrowest: only the leader.
        let (status, _) =
            http.json(Method::POST, &path, Some(json!({"body": "just for you"})), &[("authorization", &mentor)]).await;
        assert_eq!(status, StatusCode::CREATED);
        let (_, thread) = http.json(Method::GET, &path, None, &[("authorization", &other)]).await;
        assert_eq!(thread["replies"].as_array().unwrap().len(), 1, "the other mentor sees only the reply to everyone");
        let (_, thread) = http.json(Method::GET, &path, None, &[("authorization", &leader)]).await;
        assert_eq!(thread["replies"].as_array().unwrap().len(), 2);
        app.stop().await;
    })
    .await;
}
