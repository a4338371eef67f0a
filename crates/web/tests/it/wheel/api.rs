//! The wheel's JSON API: refusals name the place of each bad input and save nothing.

use super::{cast, client_for};
use crate::on_each_backend;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn fields(body: &Value) -> Vec<String> {
    body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn the_api_refuses_bad_wheels_by_field_and_saves_good_ones() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let leader = client_for(&app, "leader@example.org").await;
        let csrf = leader.api_csrf().await;
        let h = [("x-csrf-token", csrf.as_str())];
        let post = |body: Value| leader.json(Method::POST, "/api/v1/wheel/assessments", Some(body), &h);

        let (status, body) =
            post(json!({"entries": [{"rating": 10, "spent": -1, "wished": 200}, {"rating": 7.5}]})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["code"], "invalid");
        assert_eq!(fields(&body), ["entries[0].rating", "entries[0].spent", "entries[0].wished", "entries[1].rating"]);
        let (status, body) = post(json!({"unit": "share_of_time", "entries": [{"spent": 70}, {"spent": 40}]})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(fields(&body), ["spent"]);
        assert!(body["message"].as_str().unwrap().contains("110%"), "{body}");
        let (status, body) = post(json!({"entries": [{"spent": 100}, {"spent": 100}]})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "hours over a week: {body}");
        let (status, body) = post(json!({"entries": [{"rating": 5}], "finish": true})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            fields(&body).contains(&"entries[0].spent".to_owned())
                && fields(&body).contains(&"entries[3].rating".to_owned())
        );
        let (status, _) = post(json!({"unit": "fortnights"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, body) = post(json!({"audience": "public"})).await;
        assert_eq!(
            (status, fields(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, vec!["audience".to_owned()]),
            "never public"
        );
        assert!(app.app.wheel_assessments(&c.leader).await.unwrap().is_empty(), "nothing saved");

        let story = [[3, 4, 14], [8, 24, 12], [7, 10, 8], [4, 2, 6]];
        let entries: Vec<Value> = story.iter().map(|[r, s, w]| json!({"rating": r, "spent": s, "wished": w})).collect();
        let (status, body) = post(json!({"entries": entries, "finish": true, "taken_on": "2026-09-01"})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(body["summary"]["status"], "complete");
        assert_eq!(body["place_to_look"], json!(["Vision", "Community"]));
        assert_eq!(body["by_gap"][0]["name"], "Vision");
        let id = body["summary"]["id"].as_str().unwrap().to_owned();
        let (status, list) = leader.json(Method::GET, "/api/v1/wheel/assessments", None, &[]).await;
        assert_eq!((status, list.as_array().unwrap().len()), (StatusCode::OK, 1));

        // A save on an old revision is refused; on the current one it goes through.
        let path = format!("/api/v1/wheel/assessments/{id}");
        let (status, _) = leader.json(Method::PUT, &path, Some(json!({"revision": 5, "entries": []})), &h).await;
        assert_eq!(status, StatusCode::CONFLICT, "finished wheels are closed until reopened");
        let (status, shown) = leader.json(Method::GET, &path, None, &[]).await;
        assert_eq!((status, shown["can_fill"].as_bool()), (StatusCode::OK, Some(false)));
        let stranger = client_for(&app, "stranger@example.org").await;
        assert_eq!(stranger.json(Method::GET, &path, None, &[]).await.0, StatusCode::NOT_FOUND);
        assert_eq!(app.client().json(Method::GET, &path, None, &[]).await.0, StatusCode::UNAUTHORIZED);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn templates_over_the_api() {
    on_each_backend(|app| async move {
        cast(&app).await;
        let coach = client_for(&app, "coach@example.org").await;
        let csrf = coach.api_csrf().await;
        let h = [("x-csrf-token", csrf.as_str())];
        let thirteen: Vec<Value> = (1..=13).map(|i| json!({"name": format!("Area {i}")})).collect();
        let (status, body) = coach
            .json(Method::POST, "/api/v1/wheel/templates", Some(json!({"name": "Too many", "areas": thirteen})), &h)
            .await;
        assert_eq!((status, fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["areas".to_owned()]));
        let areas = json!([{"name": "Self"}, {"name": "SELF"}]);
        let (status, body) =
            coach.json(Method::POST, "/api/v1/wheel/templates", Some(json!({"name": "Dup", "areas": areas})), &h).await;
        assert_eq!((status, fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["areas[1].name".to_owned()]));
        let twelve: Vec<Value> =
            (1..=12).map(|i| json!({"name": format!("Area {i}"), "meaning": "one line"})).collect();
        let (status, body) = coach
            .json(Method::POST, "/api/v1/wheel/templates", Some(json!({"name": "Twelve", "areas": twelve})), &h)
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(body["areas"].as_array().unwrap().len(), 12);
        let (_, list) = coach.json(Method::GET, "/api/v1/wheel/templates", None, &[]).await;
        let names: Vec<&str> = list.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Four areas of leading", "Twelve"]);
        app.stop().await;
    })
    .await;
}
