//! The journal over JSON: the same use cases as the pages, so the same privacy answers.

use super::{cast, session};
use crate::on_each_backend;
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn token(app: &coachkit_testkit::TestApp, actor: &coachkit_app::Actor) -> String {
    format!("Bearer {}", app.app.create_token(&actor.id(), "api").await.unwrap().1.expose())
}

#[tokio::test]
async fn reflections_actions_and_search_through_the_api() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let (leader, mentor, other) =
            (token(&app, &c.leader).await, token(&app, &c.mentor).await, token(&app, &c.other_mentor).await);
        let http = app.client();
        let s = session(&app, &c.leader, &c.with_mentor, "api agenda").await;
        let (status, created) = http
            .json(
                Method::POST,
                "/api/v1/journal/reflections",
                Some(json!({
                "body": "a quiet breakthrough", "audience": format!("relationship:{}", c.with_mentor),
                "themes": "Breakthroughs", "session_id": s })),
                &[("authorization", &leader)],
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let id = created["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/journal/reflections/{id}");
        let (status, r) = http.json(Method::GET, &path, None, &[("authorization", &mentor)]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(r["themes"], json!(["Breakthroughs"]));
        let (status, _) = http.json(Method::GET, &path, None, &[("authorization", &other)]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another mentor gets nothing");
        let (status, _) = http
            .json(
                Method::PUT,
                &path,
                Some(json!({"body": "hijacked", "audience": "public"})),
                &[("authorization", &mentor)],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a reader is not an editor");

        let (status, bad) = http
            .json(
                Method::POST,
                "/api/v1/journal/reflections",
                Some(json!({"body": "", "audience": "everyone"})),
                &[("authorization", &leader)],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<&str> =
            bad["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
        assert!(fields.contains(&"body") && fields.contains(&"audience"), "{bad}");

        let (status, _) = http
            .json(
                Method::POST,
                "/api/v1/journal/actions",
                Some(json!({"text": "Call the board chair", "due": "2026-12-24",
                "relationship_id": c.with_mentor, "audience": format!("relationship:{}", c.with_mentor)})),
                &[("authorization", &leader)],
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, list) = http
            .json(
                Method::GET,
                &format!("/api/v1/relationships/{}/actions", c.with_mentor),
                None,
                &[("authorization", &mentor)],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(list[0]["text"], "Call the board chair");
        let (status, _) = http
            .json(
                Method::GET,
                &format!("/api/v1/relationships/{}/actions", c.with_mentor),
                None,
                &[("authorization", &other)],
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        let (status, hits) =
            http.json(Method::GET, "/api/v1/journal/search?q=breakthrough", None, &[("authorization", &mentor)]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(hits.as_array().unwrap().len(), 1, "{hits}");
        let (_, hits) =
            http.json(Method::GET, "/api/v1/journal/search?q=breakthrough", None, &[("authorization", &other)]).await;
        assert!(hits.as_array().unwrap().is_empty());
        let (status, _) = http.json(Method::GET, "/api/v1/public/lena-leader", None, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "nothing published yet");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn positions_the_public_page_questions_and_prep_through_the_api() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let (leader, mentor, other) =
            (token(&app, &c.leader).await, token(&app, &c.mentor).await, token(&app, &c.other_mentor).await);
        let http = app.client();
        let h = |t: &str| vec![("authorization", t.to_owned())];
        let call = |method: Method, path: String, body: Option<serde_json::Value>, auth: &str| {
            let headers = h(auth);
            let http = &http;
            async move {
                let hs: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
                http.json(method, &path, body, &hs).await
            }
        };
        let (_, r) = call(
            Method::POST,
            "/api/v1/journal/reflections".into(),
            Some(json!({"body": "evidence in public", "audience": "public"})),
            &leader,
        )
        .await;
        let evidence = r["id"].as_str().unwrap().to_owned();
        let (status, p) = call(
            Method::POST,
            "/api/v1/journal/positions".into(),
            Some(json!({"statement": "Small and finished beats big and begun.", "evidence": [evidence]})),
            &leader,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{p}");
        let (status, _) =
            call(Method::POST, "/api/v1/journal/positions".into(), Some(json!({"statement": ""})), &leader).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, v) =
            call(Method::POST, "/api/v1/journal/page/publish".into(), Some(json!({"note": "first"})), &leader).await;
        assert_eq!((status, v["version"].as_i64()), (StatusCode::CREATED, Some(1)));
        let (status, page) = http.json(Method::GET, "/api/v1/public/lena-leader", None, &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["positions"][0]["statement"], "Small and finished beats big and begun.");
        assert_eq!(page["positions"][0]["evidence"][0]["body"], "evidence in public");
        let (status, _) = call(
            Method::PUT,
            "/api/v1/journal/page".into(),
            Some(json!({"published": false, "indexable": false})),
            &leader,
        )
        .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(http.json(Method::GET, "/api/v1/public/lena-leader", None, &[]).await.0, StatusCode::NOT_FOUND);

        let (status, q) = call(
            Method::POST,
            "/api/v1/journal/questions".into(),
            Some(json!({"text": "What will I stop?", "audience": "all_my_coaches"})),
            &leader,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        let qid = q["id"].as_str().unwrap().to_owned();
        let (status, prep) =
            call(Method::GET, format!("/api/v1/relationships/{}/prep", c.with_mentor), None, &mentor).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(prep["open_questions"], json!(["What will I stop?"]));
        let (status, _) =
            call(Method::GET, format!("/api/v1/relationships/{}/prep", c.with_mentor), None, &other).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another mentor cannot read this relationship's preparation");
        let (status, _) = call(
            Method::PUT,
            format!("/api/v1/journal/questions/{qid}/status"),
            Some(json!({"status": "answered"})),
            &mentor,
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a mentor reads the question, changes nothing");
        let (status, _) = call(
            Method::PUT,
            format!("/api/v1/journal/questions/{qid}/status"),
            Some(json!({"status": "answered"})),
            &leader,
        )
        .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) =
            call(Method::POST, format!("/api/v1/relationships/{}/prep/send", c.with_mentor), None, &leader).await;
        assert_eq!(status, StatusCode::ACCEPTED);
        let (status, _) = call(
            Method::POST,
            "/api/v1/journal/toolkit".into(),
            Some(json!({"text": "What would you stop?"})),
            &mentor,
        )
        .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (_, kit) = call(Method::GET, "/api/v1/journal/toolkit".into(), None, &mentor).await;
        assert_eq!(kit[0]["text"], "What would you stop?");
        app.stop().await;
    })
    .await;
}
