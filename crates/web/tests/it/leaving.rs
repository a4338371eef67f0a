//! Leaving: deleting an account from Settings, by the admin and over the API. After a deletion
//! no text column of any table (listed from the database's own catalogue) still holds the
//! person's e-mail, name or a phrase they wrote, while what others wrote stays readable to them.

use crate::{PW, on_each_backend};
use coachkit_app::{Actor, Leaver};
use coachkit_testkit::TestApp;
use reqwest::StatusCode;

async fn demo_actor(app: &TestApp, email: &str) -> Actor {
    let user = app.app.store.user_by_email(email).await.unwrap().expect("a demo account");
    Actor { user, csrf_token: None, session_hash: None }
}

/// Every (table.column) holding `needle`, for the assertion messages.
async fn places(app: &TestApp, needle: &str) -> Vec<String> {
    app.app
        .store
        .where_text_lives(needle)
        .await
        .unwrap()
        .into_iter()
        .map(|h| format!("{}.{} ({} rows)", h.table, h.column, h.rows))
        .collect()
}

/// People of the demo who leave, with a phrase each wrote there (checked to be stored before).
const LEAVERS: &[(&str, &str, &str)] = &[
    ("marcus@demo.example.org", "Marcus Oyelaran", "I still look over every weekly rota myself"),
    ("aisha@demo.example.org", "Aisha Karim", "Handing over work I am attached to"),
    ("tom.ashby@harbourside.example", "Tom Ashby", "Repair operatives leave for contractors"),
    ("daniel@demo.example.org", "Daniel Zhou", "Winning the port authority tender"),
];

#[tokio::test]
async fn after_deletion_no_table_holds_the_person_and_others_keep_their_records() {
    on_each_backend(|app| async move {
        assert!(coachkit_app::demo::load(&app.app).await.unwrap(), "the full demo loads");
        let marcus = demo_actor(&app, "marcus@demo.example.org").await;
        let helen = demo_actor(&app, "helen@demo.example.org").await;
        let rel = app
            .app
            .relationships(&marcus)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.coach_id.as_ref().map(|c| c.as_str()) == Some(helen.user.id.as_str()))
            .expect("Marcus and Helen's coaching");
        // A meeting Marcus records with one click, with his own private detail and Helen's own note.
        let met = app.app.check_in(&marcus, &rel.id, "met").await.unwrap();
        let session = met.session_id.expect("a held session");
        app.app.write_session_detail(&marcus, &session, "Only mine: the lantern budget scares me").await.unwrap();
        app.app.write_coach_note(&helen, &session, "Helen's own note: orchard ladder next time", true).await.unwrap();
        let reflection = coachkit_app::journal::ReflectionInput {
            title: "Zephyr and quince".into(),
            body: "A zephyr-quince thought about the board, shared with Helen".into(),
            audience: format!("relationship:{}", rel.id),
            themes: "delegation".into(),
            session_id: Some(session.clone()),
        };
        app.app.write_reflection(&marcus, &reflection).await.unwrap();
        // Signed in in a browser and holding a token: both end with the account.
        let browser = app.client();
        assert_eq!(
            browser.sign_in("marcus@demo.example.org", coachkit_app::demo::DEMO_PASSWORD).await.status(),
            StatusCode::SEE_OTHER
        );
        let (_, token) = app.app.create_token(&marcus.id(), "script").await.unwrap();

        let mut needles = Vec::new();
        for (email, name, phrase) in LEAVERS {
            needles.extend([email.to_string(), name.to_string(), phrase.to_string()]);
        }
        needles.extend(["lantern budget".to_string(), "zephyr-quince".to_string()]);
        for needle in &needles {
            assert!(!places(&app, needle).await.is_empty(), "the set-up stores {needle:?} somewhere");
        }
        let admin = demo_actor(&app, "admin@demo.example.org").await;
        for (email, _, _) in LEAVERS {
            let who = demo_actor(&app, email).await;
            app.app.delete_account(Leaver::Admin(&admin), &who.id(), email).await.unwrap();
        }
        for needle in &needles {
            let left = places(&app, needle).await;
            assert!(left.is_empty(), "{needle:?} is still stored in {left:?}");
        }

        // What others wrote stays, readable by its author: Helen's note on the shared session,
        // which now names a former member.
        let page = app.app.session_page(&helen, &session).await.unwrap();
        let shown = format!("{page:?}");
        assert!(shown.contains("orchard ladder"), "Helen still reads her own note: {shown}");
        assert!(!places(&app, "orchard ladder").await.is_empty());
        let helens = app.app.relationships(&helen).await.unwrap();
        let with_marcus = helens.iter().find(|r| r.id == rel.id).expect("the relationship stays in Helen's list");
        assert_eq!(with_marcus.leader_name, "a former member");
        assert_eq!(with_marcus.status.as_str(), "ended");
        let helen_web = app.client();
        helen_web.sign_in("helen@demo.example.org", coachkit_app::demo::DEMO_PASSWORD).await;
        let html = helen_web.page(&format!("/journal/sessions/{session}"), StatusCode::OK).await;
        assert!(html.contains("a former member") && html.contains("orchard ladder"), "{html}");
        // Others' practices carry on: Grace's programme, Ruth's engagements, Aisha's coach's list.
        for (email, page) in [
            ("grace@demo.example.org", "/learning-log"),
            ("ruth@demo.example.org", "/co-coaching"),
            ("rui@demo.example.org", "/dashboard"),
        ] {
            let c = app.client();
            c.sign_in(email, coachkit_app::demo::DEMO_PASSWORD).await;
            c.page(page, StatusCode::OK).await;
        }

        // Their sign-ins and tokens ended.
        let r = browser.get("/dashboard").await;
        assert_ne!(r.status(), StatusCode::OK, "the old session no longer signs anyone in");
        let api = reqwest::Client::new()
            .get(format!("{}/api/v1/me", app.base_url))
            .bearer_auth(token.expose())
            .send()
            .await
            .unwrap();
        assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
        let again = app.client();
        let r = again.sign_in("marcus@demo.example.org", coachkit_app::demo::DEMO_PASSWORD).await;
        assert_ne!(r.status(), StatusCode::SEE_OTHER, "the old password signs nobody in");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_wrong_or_missing_confirmation_deletes_nothing() {
    on_each_backend(|app| async move {
        let me = app.client();
        me.sign_up("Petra Leaving", "petra@example.org", PW).await;
        let petra = demo_actor(&app, "petra@example.org").await;
        let kept = coachkit_app::journal::ReflectionInput {
            title: "Kept".into(),
            body: "A marmalade-cartography idea".into(),
            audience: "private".into(),
            themes: String::new(),
            session_id: None,
        };
        app.app.write_reflection(&petra, &kept).await.unwrap();
        for typed in ["", "someone@example.org", "petra@example"] {
            let r = me.submit("/settings", "/settings/delete", &[("confirm_email", typed)]).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "typed {typed:?}");
            let html = r.text().await.unwrap();
            assert!(html.contains("Nothing was deleted.") && html.contains("confirm-error"), "{html}");
        }
        let csrf = me.api_csrf().await;
        let r = me
            .json(
                reqwest::Method::DELETE,
                "/api/v1/me",
                Some(serde_json::json!({"confirm_email": "nope@example.org"})),
                &[("X-CSRF-Token", &csrf)],
            )
            .await
            .0;
        assert_eq!(r, StatusCode::UNPROCESSABLE_ENTITY);
        let r = me
            .json(reqwest::Method::DELETE, "/api/v1/me", Some(serde_json::json!({})), &[("X-CSRF-Token", &csrf)])
            .await
            .0;
        assert_eq!(r, StatusCode::UNPROCESSABLE_ENTITY, "a missing field is refused too");
        assert!(!places(&app, "marmalade-cartography").await.is_empty(), "nothing was deleted");
        me.page("/dashboard", StatusCode::OK).await;

        // The right e-mail (any case, spaces around) deletes, over the API as on the page.
        let r = me
            .json(
                reqwest::Method::DELETE,
                "/api/v1/me",
                Some(serde_json::json!({"confirm_email": " Petra@Example.org "})),
                &[("X-CSRF-Token", &csrf)],
            )
            .await
            .0;
        assert_eq!(r, StatusCode::NO_CONTENT);
        assert!(places(&app, "marmalade-cartography").await.is_empty());
        assert!(places(&app, "petra@example.org").await.is_empty());
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn only_the_admin_deletes_others_and_never_the_last_admin() {
    on_each_backend(|app| async move {
        let admin = crate::relationships::account(&app, "Ada Admin", "ada@example.org").await;
        app.app.store.set_user_admin(&admin.id(), true).await.unwrap();
        let admin = demo_actor(&app, "ada@example.org").await;
        let bob = crate::relationships::account(&app, "Bob Member", "bob@example.org").await;
        let carol = crate::relationships::account(&app, "Carol Member", "carol@example.org").await;
        let refused = app.app.delete_account(Leaver::Admin(&bob), &carol.id(), "carol@example.org").await;
        assert!(matches!(refused, Err(coachkit_app::AppError::Forbidden(_))), "{refused:?}");
        let refused = app.app.delete_account(Leaver::Themselves(&bob), &carol.id(), "carol@example.org").await;
        assert!(matches!(refused, Err(coachkit_app::AppError::NotFound(_))), "{refused:?}");
        let refused = app.app.delete_account(Leaver::Themselves(&admin), &admin.id(), "ada@example.org").await;
        assert!(matches!(refused, Err(coachkit_app::AppError::Conflict(_))), "the only admin stays: {refused:?}");
        assert!(app.app.store.user_by_email("carol@example.org").await.unwrap().is_some());

        // The admin page: a wrong e-mail is a 422 that deletes nothing, the right one deletes.
        let web = app.client();
        web.sign_in("ada@example.org", PW).await;
        let r = web
            .submit("/admin", &format!("/admin/users/{}/delete", bob.id()), &[("confirm_email", "carol@example.org")])
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("Nothing was deleted"));
        assert!(app.app.store.user_by_email("bob@example.org").await.unwrap().is_some());
        let r = web
            .submit("/admin", &format!("/admin/users/{}/delete", bob.id()), &[("confirm_email", "bob@example.org")])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(app.app.store.user_by_email("bob@example.org").await.unwrap().is_none());
        let html = web.page("/admin", StatusCode::OK).await;
        assert!(!html.contains("Bob Member") && html.contains("Carol Member"), "{html}");

        // The API: the same rule.
        let csrf = web.api_csrf().await;
        let path = format!("/api/v1/admin/users/{}", carol.id());
        let r = web
            .json(
                reqwest::Method::DELETE,
                &path,
                Some(serde_json::json!({"confirm_email": "x@example.org"})),
                &[("X-CSRF-Token", &csrf)],
            )
            .await
            .0;
        assert_eq!(r, StatusCode::UNPROCESSABLE_ENTITY);
        let r = web
            .json(
                reqwest::Method::DELETE,
                &path,
                Some(serde_json::json!({"confirm_email": "carol@example.org"})),
                &[("X-CSRF-Token", &csrf)],
            )
            .await
            .0;
        assert_eq!(r, StatusCode::NO_CONTENT);
        let r = web
            .json(
                reqwest::Method::DELETE,
                &path,
                Some(serde_json::json!({"confirm_email": "carol@example.org"})),
                &[("X-CSRF-Token", &csrf)],
            )
            .await
            .0;
        assert_eq!(r, StatusCode::NOT_FOUND, "a deleted account is gone");
        app.stop().await;
    })
    .await;
}
