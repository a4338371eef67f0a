//! Practice 4 through the JSON API alone: a facilitator starts an engagement with two new
//! organisations, invites four people, each joins by link and writes a card; the facilitator
//! opens the cards, reads the suggestion, confirms a team across the two organisations (a team
//! from one is refused and saves nothing), ends session one; a member writes in the team's space
//! and records value. Someone else's engagement is 404. The stateless suggestion teams cards from
//! many organisations.

use crate::{PW, on_each_backend};
use coachkit_testkit::{Client, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

struct Person {
    client: Client,
    csrf: String,
}

impl Person {
    async fn sign_up(app: &TestApp, name: &str, email: &str) -> Self {
        let client = app.client();
        let body = json!({"email": email, "display_name": name, "password": PW});
        let (status, me) = client.json(Method::POST, "/api/v1/signup", Some(body), &[]).await;
        assert_eq!(status, StatusCode::CREATED, "{me}");
        let csrf = client.api_csrf().await;
        Self { client, csrf }
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.client.json(method, &format!("/api/v1{path}"), body, &[("x-csrf-token", &self.csrf)]).await
    }
}

fn local(ms: i64) -> String {
    coachkit_app::journal::time::to_datetime_local(ms)
}

#[tokio::test]
async fn an_engagement_through_the_api() {
    on_each_backend(|app| async move {
        let fay = Person::sign_up(&app, "Fay Facilitator", "fay@example.org").await;
        let one = coachkit_store::now_ms() + 10 * 86_400_000;
        let body = json!({
            "org_a_new": "Harbour Homes", "org_b_new": "Fleet Freight",
            "common_area": "Keeping new people", "brief": "Both **lose** people early.",
            "ground_rules": "Open minds.",
            "sessions": {"session_one_at": local(one), "session_two_at": local(one + 35 * 86_400_000)}
        });
        let (status, created) = fay.call(Method::POST, "/co-coaching", Some(body.clone())).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let id = created["id"].as_str().unwrap().to_owned();

        // Session two seven weeks later: 422 on the field, nothing created.
        let mut late = body.clone();
        late["sessions"]["session_two_at"] = json!(local(one + 49 * 86_400_000));
        let (status, err) = fay.call(Method::POST, "/co-coaching", Some(late)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
        assert_eq!(err["fields"][0]["field"], "session_two_at");
        let (_, list) = fay.call(Method::GET, "/co-coaching", None).await;
        assert_eq!(list.as_array().unwrap().len(), 1);

        let people = [
            ("a", "Aya", "aya@h.example", "New housing officers leave in their first months"),
            ("b", "Bea", "bea@f.example", "New delivery drivers leave in their first months"),
            ("a", "Abe", "abe@h.example", "The yearly budget takes six weeks of spreadsheets"),
            ("b", "Ben", "ben@f.example", "Our annual budget forecast is always late"),
        ];
        let mut clients = vec![];
        for (side, name, email, what) in people {
            let (status, invited) = fay.call(Method::POST, &format!("/co-coaching/{id}/participants"), Some(json!({"side": side, "name": name, "email": email}))).await;
            assert_eq!(status, StatusCode::CREATED, "{invited}");
            let secret = invited["link"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
            let p = Person::sign_up(&app, name, email).await;
            let page = format!("/co-coaching/join/{secret}");
            let r = p.client.submit(&page, &page, &[("agree", "1")]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
            let card = json!({"position": 1, "what": what, "why": "It costs us weeks of training.", "success": "Most stay past a year.", "submit": true});
            let (status, v) = p.call(Method::PUT, &format!("/co-coaching/{id}/cards"), Some(card)).await;
            assert_eq!(status, StatusCode::NO_CONTENT, "{v}");
            clients.push(p);
        }
        // A card over the limit: 422, nothing saved.
        let long = json!({"position": 2, "what": "x".repeat(301), "why": "a", "success": "b", "submit": true});
        let (status, _) = clients[0].call(Method::PUT, &format!("/co-coaching/{id}/cards"), Some(long)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (_, seen) = clients[0].call(Method::GET, &format!("/co-coaching/{id}"), None).await;
        assert_eq!(seen["my_cards"].as_array().unwrap().len(), 1);
        assert!(seen["cards"].as_array().unwrap().is_empty(), "nothing of others before opening");

        let (status, _) = fay.call(Method::POST, &format!("/co-coaching/{id}/open"), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, teaming) = fay.call(Method::GET, &format!("/co-coaching/{id}/teaming"), None).await;
        assert_eq!(status, StatusCode::OK, "{teaming}");
        assert_eq!(teaming["suggested"].as_array().unwrap().len(), 2, "{teaming}");
        let cards: Vec<(String, String)> = teaming["free"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["card"]["author"].as_str().unwrap().to_owned(), c["card"]["id"].as_str().unwrap().to_owned()))
            .collect();
        let of = |name: &str| cards.iter().find(|(a, _)| a == name).unwrap().1.clone();
        let (status, err) = fay.call(Method::POST, &format!("/co-coaching/{id}/teams"), Some(json!({"cards": [of("Aya"), of("Abe")]}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(err["message"].as_str().unwrap().contains("both organisations") || err["fields"][0]["message"].as_str().unwrap().contains("both organisations"), "{err}");
        let (status, team) = fay.call(Method::POST, &format!("/co-coaching/{id}/teams"), Some(json!({"cards": [of("Aya"), of("Bea")]}))).await;
        assert_eq!(status, StatusCode::CREATED, "{team}");
        let team = team["id"].as_str().unwrap().to_owned();
        let (status, ended) = fay.call(Method::POST, &format!("/co-coaching/{id}/close-session-one"), None).await;
        assert_eq!((status, ended["stage"].as_str()), (StatusCode::OK, Some("teamed")));

        let (status, _) = clients[0].call(Method::POST, &format!("/co-coaching/{id}/teams/{team}/items"), Some(json!({"kind": "checkin", "text": "We compared exit questions"}))).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        // Someone on the other team cannot write in this one.
        let (status, _) = clients[2].call(Method::POST, &format!("/co-coaching/{id}/teams/{team}/items"), Some(json!({"kind": "note", "text": "x"}))).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let value = json!({"outcome": "Fewer leavers", "measure": "money", "amount": "30000", "confidence": "medium"});
        let (status, _) = clients[0].call(Method::POST, &format!("/co-coaching/{id}/value"), Some(value)).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (_, theirs) = clients[1].call(Method::GET, &format!("/co-coaching/{id}/value"), None).await;
        assert!(theirs["records"].as_array().unwrap().is_empty(), "the other organisation sees nothing unshared");
        let (_, ours) = clients[2].call(Method::GET, &format!("/co-coaching/{id}/value"), None).await;
        assert_eq!(ours["records"].as_array().unwrap().len(), 1);

        // A stranger: 404 for the engagement, as for one that does not exist.
        let stranger = Person::sign_up(&app, "Sam", "sam@example.org").await;
        for path in [format!("/co-coaching/{id}"), format!("/co-coaching/{id}/teaming"), format!("/co-coaching/{id}/value"), "/co-coaching/not-an-id".into()] {
            let (status, _) = stranger.call(Method::GET, &path, None).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        }
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_stateless_suggestion_teams_cards_across_organisations() {
    on_each_backend(|app| async move {
        let p = Person::sign_up(&app, "Fay", "fay@example.org").await;
        let cards = json!({"cards": [
            {"id": "1", "org": "A", "person": "a1", "what": "New drivers leave in their first months"},
            {"id": "2", "org": "B", "person": "b1", "what": "New officers leave in their first months"},
            {"id": "3", "org": "C", "person": "c1", "what": "Our yearly budget takes weeks of spreadsheets"},
            {"id": "4", "org": "D", "person": "d1", "what": "The annual budget forecast is always late"},
            {"id": "5", "org": "A", "person": "a2", "what": "Choosing a new phone system"}
        ]});
        let (status, s) = p.call(Method::POST, "/co-coaching/suggest", Some(cards)).await;
        assert_eq!(status, StatusCode::OK, "{s}");
        for t in s["teams"].as_array().unwrap() {
            assert!(!t["reason"].as_str().unwrap().is_empty());
        }
        let (status, _) = p
            .call(
                Method::POST,
                "/co-coaching/suggest",
                Some(json!({"cards": [{"id": "1", "org": "", "person": "x", "what": "y"}]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, _) =
            app.client().json(Method::POST, "/api/v1/co-coaching/suggest", Some(json!({"cards": []})), &[]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        app.stop().await;
    })
    .await;
}
