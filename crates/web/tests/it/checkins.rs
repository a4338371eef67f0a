//! "Did you meet?": the one-click check-in on a relationship's page, through a mailed link (a GET
//! that only asks, a POST that records) and over the API; who may answer; and "last here".

use crate::relationships::account;
use crate::{PW, on_each_backend};
use coachkit_app::Actor;
use coachkit_domain::RelationshipId;
use coachkit_domain::relationship::Transition;
use coachkit_testkit::TestApp;
use reqwest::StatusCode;

/// Lena leads, Omar coaches; the relationship is active.
async fn pair(app: &TestApp) -> (Actor, Actor, RelationshipId) {
    let lena = account(app, "Lena Leader", "lena@example.org").await;
    let omar = account(app, "Omar Coach", "omar@example.org").await;
    let invited = app.app.invite(&lena, "coaching", "omar@example.org", "").await.unwrap();
    app.app.change_relationship(&omar, &invited.relationship.id, Transition::Accept).await.unwrap();
    (lena, omar, invited.relationship.id)
}

fn path_of(link: &str) -> String {
    format!("/checkin/{}", link.rsplit('/').next().unwrap())
}

#[tokio::test]
async fn a_mailed_link_asks_first_and_records_once() {
    on_each_backend(|app| async move {
        let (lena, omar, rel) = pair(&app).await;
        let link = app.app.checkin_link(&rel, &lena.id()).await.unwrap();
        assert!(link.starts_with(&format!("{}/checkin/", app.base_url)), "{link}");
        let path = path_of(&link);
        // A link preview (or anyone opening it) only sees the question.
        let guest = app.client();
        for p in [path.clone(), format!("{path}?answer=met")] {
            let html = guest.page(&p, StatusCode::OK).await;
            assert!(html.contains("Did you meet Omar Coach?") && html.contains("We have stopped"), "{html}");
        }
        assert!(app.app.checkins(&lena, &rel).await.unwrap().is_empty(), "opening the link recorded nothing");

        // A made-up answer is refused and records nothing; the link still works.
        let r = guest.submit(&path, &path, &[("answer", "maybe")]).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert!(app.app.checkins(&omar, &rel).await.unwrap().is_empty());

        let r = guest.submit(&path, &path, &[("answer", "met")]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains("recorded your meeting with Omar Coach as a held session"), "{html}");
        let answers = app.app.checkins(&omar, &rel).await.unwrap();
        assert_eq!(answers.len(), 1, "both parties read the answer");
        assert_eq!((answers[0].answer.as_str(), answers[0].by_name.as_str()), ("met", "Lena Leader"));
        let sessions = app.app.sessions(&omar, &rel).await.unwrap();
        assert_eq!(sessions.len(), 1);
        assert_eq!(sessions[0].status.as_str(), "held");
        assert_eq!(answers[0].session_id.as_deref(), Some(sessions[0].id.as_str()));

        // Used once: the same link now says it no longer works, and records nothing more.
        let r = guest.get(&path).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert!(r.text().await.unwrap().contains("no longer works"));
        assert_eq!(app.app.checkins(&lena, &rel).await.unwrap().len(), 1);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn only_the_two_parties_answer_and_a_link_opens_only_its_target() {
    on_each_backend(|app| async move {
        let (lena, _omar, rel) = pair(&app).await;
        let outsider = account(&app, "Nosy Neighbour", "nosy@example.org").await;
        assert!(app.app.checkin_link(&rel, &outsider.id()).await.is_err(), "no link speaks for an outsider");
        // An invitation link is not a check-in link.
        let link_only = coachkit_app::InviteInput {
            kind: "mentoring".into(),
            name: "Someone Lena names".into(),
            ..Default::default()
        };
        let other = app.app.invite_for(&lena, &link_only).await.unwrap();
        let r = app.client().get(&path_of(&other.link)).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        // An outsider signed in cannot answer on the page or the API, nor read the answers.
        let web = app.client();
        web.sign_in("nosy@example.org", PW).await;
        let r = web.submit("/dashboard", &format!("/relationships/{rel}/checkin"), &[("answer", "met")]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let csrf = web.api_csrf().await;
        let api = format!("/api/v1/relationships/{rel}/checkins");
        let (status, _) = web
            .json(reqwest::Method::POST, &api, Some(serde_json::json!({"answer": "met"})), &[("X-CSRF-Token", &csrf)])
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = web.json(reqwest::Method::GET, &api, None, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(app.app.checkins(&lena, &rel).await.unwrap().is_empty());
        // A garbled secret is simply not found.
        assert_eq!(app.client().get("/checkin/not-a-secret").await.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn on_the_page_and_the_api_each_answer_does_what_it_says() {
    on_each_backend(|app| async move {
        let (_lena, omar, rel) = pair(&app).await;
        let web = app.client();
        web.sign_in("omar@example.org", PW).await;
        let page = format!("/relationships/{rel}");
        let html = web.page(&page, StatusCode::OK).await;
        assert!(html.contains("Did you meet?"), "{html}");
        assert!(!html.contains("Lena Leader <span class=\"muted\">· last here"), "Lena never signed in: {html}");

        let r = web.submit(&page, &format!("/relationships/{rel}/checkin"), &[("answer", "not_yet")]).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains("Plan the next session"));
        assert!(app.app.sessions(&omar, &rel).await.unwrap().is_empty(), "not yet records no session");

        let r = web.submit(&page, &format!("/relationships/{rel}/checkin"), &[("answer", "stopped")]).await;
        let html = r.text().await.unwrap();
        assert!(html.contains("End the relationship"), "{html}");
        let still = app.app.relationship(&omar, &rel).await.unwrap();
        assert_eq!(still.status.as_str(), "active", "ending stays a deliberate second step");

        let csrf = web.api_csrf().await;
        let api = format!("/api/v1/relationships/{rel}/checkins");
        let (status, body) = web
            .json(
                reqwest::Method::POST,
                &api,
                Some(serde_json::json!({"answer": "sometime"})),
                &[("X-CSRF-Token", &csrf)],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, body) = web
            .json(reqwest::Method::POST, &api, Some(serde_json::json!({"answer": "met"})), &[("X-CSRF-Token", &csrf)])
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert!(body["session_id"].is_string(), "{body}");
        let (status, list) = web.json(reqwest::Method::GET, &api, None, &[]).await;
        assert_eq!(status, StatusCode::OK);
        let answers: Vec<&str> = list.as_array().unwrap().iter().map(|k| k["answer"].as_str().unwrap()).collect();
        assert_eq!(answers, ["met", "stopped", "not_yet"], "newest first");
        let html = web.page(&page, StatusCode::OK).await;
        assert!(html.contains("Omar Coach: “we have stopped”"), "{html}");

        // Once ended, there is nothing to check in on.
        app.app.change_relationship(&omar, &rel, Transition::End).await.unwrap();
        let (status, body) = web
            .json(reqwest::Method::POST, &api, Some(serde_json::json!({"answer": "met"})), &[("X-CSRF-Token", &csrf)])
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(app.app.checkins(&omar, &rel).await.unwrap().len(), 3);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn each_party_sees_when_the_other_was_last_here() {
    on_each_backend(|app| async move {
        let (_lena, _omar, rel) = pair(&app).await;
        let omar = app.client();
        omar.sign_in("omar@example.org", PW).await;
        let page = format!("/relationships/{rel}");
        let html = omar.page(&page, StatusCode::OK).await;
        assert!(!html.contains("Lena Leader <span class=\"muted\">· last here"), "Lena has not been here: {html}");
        assert!(html.contains("Omar Coach <span class=\"muted\">· last here today"), "{html}");
        let lena = app.client();
        lena.sign_in("lena@example.org", PW).await;
        let html = omar.page(&page, StatusCode::OK).await;
        assert!(html.contains("Lena Leader <span class=\"muted\">· last here today"), "{html}");
        let (_, list) = omar.json(reqwest::Method::GET, "/api/v1/relationships", None, &[]).await;
        assert!(list[0]["leader_last_active_at"].is_i64() && list[0]["coach_last_active_at"].is_i64(), "{list}");
        app.stop().await;
    })
    .await;
}
