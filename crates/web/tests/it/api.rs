//! The JSON API's contract: authentication, errors as `{code, message}`, no 5xx on bad input,
//! and the committed OpenAPI document.

use crate::relationships::account;
use crate::{PW, on_each_backend};
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn token_for(app: &coachkit_testkit::TestApp, email: &str) -> String {
    let a = account(app, "Api User", email).await;
    let (_, secret) = app.app.create_token(&a.id(), "test").await.unwrap();
    format!("Bearer {}", secret.expose())
}

#[tokio::test]
async fn tokens_authenticate_and_revoked_tokens_do_not() {
    on_each_backend(|app| async move {
        let auth = token_for(&app, "api@example.org").await;
        let c = app.client();
        let (status, me) = c.json(Method::GET, "/api/v1/me", None, &[("authorization", &auth)]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(me["email"], "api@example.org");
        assert!(me["csrf_token"].is_null(), "token callers need no CSRF token");

        let (status, created) =
            c.json(Method::POST, "/api/v1/tokens", Some(json!({"name": "second"})), &[("authorization", &auth)]).await;
        assert_eq!(status, StatusCode::CREATED);
        let second = format!("Bearer {}", created["token"].as_str().unwrap());
        let id = created["id"].as_str().unwrap().to_owned();
        let (status, _) =
            c.json(Method::DELETE, &format!("/api/v1/tokens/{id}"), None, &[("authorization", &auth)]).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, body) = c.json(Method::GET, "/api/v1/me", None, &[("authorization", &second)]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["code"], "unauthorized");
        let (status, _) = c.json(Method::GET, "/api/v1/me", None, &[("authorization", "Bearer nonsense")]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let tokens = app.app.store.user_by_email("api@example.org").await.unwrap().unwrap();
        assert_eq!(
            app.app.store.list_tokens(&tokens.user_id()).await.unwrap().len(),
            2,
            "revoked tokens are kept, marked"
        );
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn cookie_sessions_need_the_csrf_header_for_changes() {
    on_each_backend(|app| async move {
        let c = app.client();
        let (status, _) = c
            .json(
                Method::POST,
                "/api/v1/signup",
                Some(json!({"email": "kim@example.org", "display_name": "Kim", "password": PW})),
                &[],
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, body) = c.json(Method::PATCH, "/api/v1/me", Some(json!({"display_name": "Changed"})), &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body["code"], "bad_request");
        let csrf = c.api_csrf().await;
        let (status, me) = c
            .json(
                Method::PATCH,
                "/api/v1/me",
                Some(json!({"display_name": "Changed", "headline": "Learning to ask"})),
                &[("x-csrf-token", &csrf)],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(me["display_name"], "Changed");
        assert_eq!(me["headline"], "Learning to ask");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn bad_input_gets_a_clear_4xx_and_writes_nothing() {
    on_each_backend(|app| async move {
        let auth = token_for(&app, "bad@example.org").await;
        let c = app.client();
        let h = [("authorization", auth.as_str())];
        let cases: Vec<(Method, &str, Option<serde_json::Value>, u16)> = vec![
            (Method::PATCH, "/api/v1/me", Some(json!({"display_name": ""})), 422),
            (Method::PATCH, "/api/v1/me", Some(json!({"display_name": "x".repeat(81)})), 422),
            (Method::PATCH, "/api/v1/me", Some(json!({"display_name": "ok", "headline": "a\u{0}b"})), 422),
            (Method::PATCH, "/api/v1/me", Some(json!({"display_name": 5})), 422),
            (Method::PATCH, "/api/v1/me", Some(json!({})), 422),
            (Method::POST, "/api/v1/relationships", Some(json!({"kind": "coaching", "email": "not an email"})), 422),
            (Method::POST, "/api/v1/relationships", Some(json!({"kind": "friendship"})), 422),
            (Method::GET, "/api/v1/relationships/not-a-uuid", None, 404),
            (Method::GET, "/api/v1/relationships/01900000-0000-7000-8000-000000000000", None, 404),
            (Method::POST, "/api/v1/relationships/01900000-0000-7000-8000-000000000000/accept", None, 404),
            (Method::POST, "/api/v1/relationships/01900000-0000-7000-8000-000000000000/explode", None, 404),
            (Method::GET, "/api/v1/orgs/' OR 1=1 --", None, 404),
            (Method::POST, "/api/v1/orgs", Some(json!({"name": "   "})), 422),
            (Method::GET, "/api/v1/invitations/abc", None, 404),
            (Method::GET, "/api/v1/nothing-here", None, 404),
            (Method::DELETE, "/api/v1/tokens/zzz", None, 404),
        ];
        for (method, path, body, expected) in cases {
            let (status, json) = c.json(method.clone(), path, body.clone(), &h).await;
            assert_eq!(status.as_u16(), expected, "{method} {path} {body:?}: {json}");
            assert!(json["code"].is_string() && json["message"].is_string(), "{method} {path}: {json}");
            assert!(!json.to_string().to_lowercase().contains("sql"), "no internals: {json}");
        }
        // Malformed JSON and a wrong content type.
        let r = c
            .http
            .patch(c.url("/api/v1/me"))
            .header("authorization", &auth)
            .header("content-type", "application/json")
            .body("{nope")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let r = c
            .http
            .patch(c.url("/api/v1/me"))
            .header("authorization", &auth)
            .body("display_name=x")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        // An oversized body is refused before it is read in full.
        let big = json!({"display_name": "x".repeat(300 * 1024)});
        let (status, _) = c.json(Method::PATCH, "/api/v1/me", Some(big), &h).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);

        let me = app.app.store.user_by_email("bad@example.org").await.unwrap().unwrap();
        assert_eq!(me.display_name, "Api User", "nothing was written by any bad request");
        assert_eq!(app.app.store.list_orgs().await.unwrap().len(), 0);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_api_does_what_the_pages_do() {
    on_each_backend(|app| async move {
        let leader = token_for(&app, "lead@example.org").await;
        let coach = token_for(&app, "coach@example.org").await;
        let c = app.client();
        let (status, invite) = c
            .json(
                Method::POST,
                "/api/v1/relationships",
                Some(json!({"kind": "coaching", "email": "coach@example.org"})),
                &[("authorization", &leader)],
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{invite}");
        let id = invite["relationship"]["id"].as_str().unwrap().to_owned();
        let (status, rel) = c
            .json(Method::POST, &format!("/api/v1/relationships/{id}/accept"), None, &[("authorization", &coach)])
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(rel["status"], "active");
        assert_eq!(rel["my_side"], "coach");
        let (status, list) = c.json(Method::GET, "/api/v1/relationships", None, &[("authorization", &leader)]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert_eq!(list[0]["leader_name"], "Api User");
        assert_eq!(list[0]["coach_name"], "Api User");
        let (status, body) = c
            .json(Method::POST, &format!("/api/v1/relationships/{id}/accept"), None, &[("authorization", &coach)])
            .await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(body["code"], "conflict");

        let (status, org) = c
            .json(Method::POST, "/api/v1/orgs", Some(json!({"name": "Northgate"})), &[("authorization", &leader)])
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let org_id = org["id"].as_str().unwrap();
        let (status, _) = c
            .json(
                Method::PUT,
                &format!("/api/v1/orgs/{org_id}/members"),
                Some(json!({"email": "coach@example.org", "role": "facilitator"})),
                &[("authorization", &leader)],
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, detail) =
            c.json(Method::GET, &format!("/api/v1/orgs/{org_id}"), None, &[("authorization", &coach)]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(detail["members"].as_array().unwrap().len(), 2);
        assert_eq!(detail["role"], "facilitator");
        app.stop().await;
    })
    .await;
}

/// The committed `openapi.json` must match what the code generates. Regenerate with
/// `cargo run -q -- openapi > openapi.json`.
#[test]
fn committed_openapi_document_is_current() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi.json")).unwrap_or_default();
    let generated = coachkit_web::openapi_json();
    assert!(
        committed == generated,
        "openapi.json is stale: run `cargo run -q -- openapi > openapi.json` and commit it"
    );
    let doc: serde_json::Value = serde_json::from_str(&generated).unwrap();
    assert!(doc["paths"]["/api/v1/me"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/relationships"]["post"].is_object());
}

/// The rules the OpenAPI document states for every body hold on the server, and a refusal saves
/// nothing: no control characters (also where trimming would drop them), no empty or over-long
/// text, the body is an object, an integral float reads as an integer and a fraction does not,
/// a value outside an enum or an impossible date is refused, and a bad query string answers
/// the JSON error body.
#[tokio::test]
async fn bodies_follow_the_rules_the_document_states() {
    on_each_backend(|app| async move {
        let auth = token_for(&app, "rules@example.org").await;
        let h = [("authorization", auth.as_str())];
        let c = app.client();
        let too_long = "x".repeat(coachkit_domain::org::OrgName::MAX + 1);
        for (body, why) in [
            (json!({"name": "a\u{0}b"}), "a NUL"),
            (json!({"name": "\u{85}Ada"}), "a control character at the edge"),
            (json!({"name": ""}), "an empty name"),
            (json!({"name": "   "}), "only spaces"),
            (json!({"name": too_long}), "a name too long"),
            (json!(["Ada"]), "an array instead of an object"),
            (json!({"name": 3}), "a number for text"),
        ] {
            let (status, answer) = c.json(Method::POST, "/api/v1/orgs", Some(body), &h).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{why}: {answer}");
            assert!(answer["message"].as_str().is_some_and(|m| !m.is_empty()), "{why}: {answer}");
        }
        let (_, orgs) = c.json(Method::GET, "/api/v1/orgs", None, &h).await;
        assert_eq!(orgs, json!([]), "nothing refused was saved");

        let (status, started) = c.json(Method::POST, "/api/v1/wheel/assessments", Some(json!({})), &h).await;
        assert_eq!(status, StatusCode::CREATED, "{started}");
        let id = started["summary"]["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/wheel/assessments/{id}");
        let (_, read) = c.json(Method::GET, &path, None, &h).await;
        let revision = read["revision"].as_i64().expect("a revision");
        let (status, _) = c.json(Method::PUT, &path, Some(json!({"revision": revision as f64 + 0.5})), &h).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a fraction is not an integer");
        let (status, saved) = c.json(Method::PUT, &path, Some(json!({"revision": revision as f64})), &h).await;
        assert_eq!(status, StatusCode::OK, "an integral float is an integer: {saved}");
        let (status, answer) =
            c.json(Method::POST, "/api/v1/wheel/assessments", Some(json!({"unit": "minutes"})), &h).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a unit outside the enum: {answer}");
        let (status, answer) =
            c.json(Method::POST, "/api/v1/wheel/assessments", Some(json!({"taken_on": "2026-02-31"})), &h).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "an impossible date: {answer}");

        let (status, answer) = c.json(Method::GET, "/api/v1/journal/reflections?limit=many", None, &h).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(answer["message"].as_str().is_some_and(|m| !m.is_empty()), "a JSON error body: {answer}");
        app.stop().await;
    })
    .await;
}

/// A well-formed field that names something not there for the caller answers 404, and one that
/// clashes with what is stored answers 409, as a path would; a malformed value stays a 422. None
/// of them saves anything. (The pages show every kind next to its field, with the form's 422.)
#[tokio::test]
async fn fields_naming_what_is_not_there_answer_404_and_clashes_409() {
    on_each_backend(|app| async move {
        let auth = token_for(&app, "names@example.org").await;
        let h = [("authorization", auth.as_str())];
        let c = app.client();
        let nobody = "00000000-0000-7000-8000-000000000000";

        let signup = json!({"email": "NAMES@example.org", "display_name": "Again", "password": PW});
        let (status, body) = c.json(Method::POST, "/api/v1/signup", Some(signup), &[]).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("conflict")), "{body}");
        let invite = json!({"kind": "coaching", "email": "names@example.org"});
        let (status, body) = c.json(Method::POST, "/api/v1/relationships", Some(invite), &h).await;
        assert_eq!(status, StatusCode::CONFLICT, "inviting oneself: {body}");

        for (path, body, expected, why) in [
            (
                "/api/v1/journal/reflections",
                json!({"body": "b", "audience": format!("relationship:{nobody}")}),
                404,
                "someone else's relationship",
            ),
            (
                "/api/v1/journal/reflections",
                json!({"body": "b", "audience": "relationship:nope"}),
                422,
                "a malformed audience",
            ),
            (
                "/api/v1/wheel/assessments",
                json!({"audience": format!("relationship:{nobody}")}),
                404,
                "a wheel shared with a stranger",
            ),
            (
                "/api/v1/journal/positions",
                json!({"statement": "s", "evidence": [nobody]}),
                404,
                "evidence that is not there",
            ),
            (
                "/api/v1/learning-log/programmes",
                json!({"name": "Spring", "org_id": nobody}),
                404,
                "an organisation not yours",
            ),
            (
                "/api/v1/learning-log/programmes",
                json!({"name": "Spring", "org_id": "nope"}),
                422,
                "a malformed organisation",
            ),
            (
                "/api/v1/learning-log/programmes",
                json!({"name": "Spring", "questions": [{"key": "", "prompt": " "}]}),
                422,
                "a question without its prompt",
            ),
            (
                "/api/v1/advice",
                json!({"capability": "Listen first", "context": "A new team", "experts": [{}, {}, {}]}),
                422,
                "blank experts",
            ),
        ] {
            let (status, answer) = c.json(Method::POST, path, Some(body), &h).await;
            assert_eq!(status.as_u16(), expected, "{why}: {answer}");
            assert!(answer["fields"][0]["field"].is_string(), "{why}: the field is named: {answer}");
        }
        let (_, reflections) = c.json(Method::GET, "/api/v1/journal/reflections", None, &h).await;
        assert_eq!(reflections.as_array().map(Vec::len), Some(0), "{reflections}");
        let (_, wheels) = c.json(Method::GET, "/api/v1/wheel/assessments", None, &h).await;
        assert_eq!(wheels.as_array().map(Vec::len), Some(0), "{wheels}");
        let (_, home) = c.json(Method::GET, "/api/v1/learning-log", None, &h).await;
        assert_eq!(home["facilitating"].as_array().map(Vec::len), Some(0), "{home}");
        let (_, advice) = c.json(Method::GET, "/api/v1/advice", None, &h).await;
        assert!(!advice.to_string().contains("Listen first"), "no request was saved: {advice}");
        assert_eq!(app.app.store.count_users().await.unwrap(), 1);
        app.stop().await;
    })
    .await;
}
