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

/// An engagement with four joined people (Aya and Abe for Harbour Homes, Bea and Ben for Fleet
/// Freight), each with one submitted card, and one more invitation not taken up (Ivy's).
struct Arranged {
    fay: Person,
    id: String,
    people: Vec<Person>,
    ivy_link: String,
}

async fn arrange(app: &TestApp) -> Arranged {
    let fay = Person::sign_up(app, "Fay Facilitator", "fay@example.org").await;
    let one = coachkit_store::now_ms() + 10 * 86_400_000;
    let body = json!({
        "org_a_new": "Harbour Homes", "org_b_new": "Fleet Freight",
        "common_area": "Keeping new people", "ground_rules": "Open minds.",
        "sessions": {"session_one_at": local(one), "session_two_at": local(one + 35 * 86_400_000)}
    });
    let (_, created) = fay.call(Method::POST, "/co-coaching", Some(body)).await;
    let id = created["id"].as_str().unwrap().to_owned();
    let people = [
        ("a", "Aya", "aya@h.example", "New housing officers leave in their first months"),
        ("a", "Abe", "abe@h.example", "The yearly budget takes six weeks of spreadsheets"),
        ("b", "Bea", "bea@f.example", "New delivery drivers leave in their first months"),
        ("b", "Ben", "ben@f.example", "New warehouse staff leave before their first review"),
    ];
    let mut joined = vec![];
    for (side, name, email, what) in people {
        let (_, invited) = fay
            .call(
                Method::POST,
                &format!("/co-coaching/{id}/participants"),
                Some(json!({"side": side, "name": name, "email": email})),
            )
            .await;
        let secret = invited["link"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
        let p = Person::sign_up(app, name, email).await;
        let page = format!("/co-coaching/join/{secret}");
        assert_eq!(p.client.submit(&page, &page, &[("agree", "1")]).await.status(), StatusCode::SEE_OTHER);
        let card = json!({"position": 1, "what": what, "why": "It costs us weeks of training.", "success": "Most stay past a year.", "submit": true});
        let (status, v) = p.call(Method::PUT, &format!("/co-coaching/{id}/cards"), Some(card)).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{v}");
        joined.push(p);
    }
    let (_, invited) = fay
        .call(
            Method::POST,
            &format!("/co-coaching/{id}/participants"),
            Some(json!({"side": "a", "name": "Ivy", "email": "ivy@h.example"})),
        )
        .await;
    let ivy_link = invited["link"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
    Arranged { fay, id, people: joined, ivy_link }
}

#[tokio::test]
async fn sessions_invitations_and_draft_cards_through_the_api() {
    on_each_backend(|app| async move {
        let Arranged { fay, id, people, ivy_link } = arrange(&app).await;
        // Moving the sessions: session two seven weeks after session one is refused, nothing moves.
        let one = coachkit_store::now_ms() + 12 * 86_400_000;
        let (_, before) = fay.call(Method::GET, &format!("/co-coaching/{id}"), None).await;
        let late = json!({"session_one_at": local(one), "session_two_at": local(one + 49 * 86_400_000)});
        let (status, err) = fay.call(Method::PUT, &format!("/co-coaching/{id}/sessions"), Some(late)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
        assert_eq!(err["fields"][0]["field"], "session_two_at");
        let (_, after) = fay.call(Method::GET, &format!("/co-coaching/{id}"), None).await;
        assert_eq!(after["session_one_at"], before["session_one_at"]);
        let moved = json!({"session_one_at": local(one), "session_two_at": local(one + 30 * 86_400_000), "session_one_place": "Room 4"});
        let (status, v) = people[0].call(Method::PUT, &format!("/co-coaching/{id}/sessions"), Some(moved.clone())).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "only the facilitator: {v}");
        let (status, v) = fay.call(Method::PUT, &format!("/co-coaching/{id}/sessions"), Some(moved)).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        let (_, after) = fay.call(Method::GET, &format!("/co-coaching/{id}"), None).await;
        assert_eq!(after["session_one_at"].as_i64().unwrap() / 60_000, one / 60_000);

        // Withdrawing Ivy's invitation: the link then says so and cannot be used to join.
        let ivy = after["participants"].as_array().unwrap().iter().find(|p| p["name"] == "Ivy").unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let aya = after["participants"].as_array().unwrap().iter().find(|p| p["name"] == "Aya").unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (status, _) = people[1].call(Method::DELETE, &format!("/co-coaching/{id}/participants/{ivy}"), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, err) = fay.call(Method::DELETE, &format!("/co-coaching/{id}/participants/{aya}"), None).await;
        assert_eq!(status, StatusCode::CONFLICT, "Aya has joined: {err}");
        let (status, _) = fay.call(Method::DELETE, &format!("/co-coaching/{id}/participants/{ivy}"), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = fay.call(Method::DELETE, &format!("/co-coaching/{id}/participants/{ivy}"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "withdrawn once");
        let (_, after) = fay.call(Method::GET, &format!("/co-coaching/{id}"), None).await;
        assert!(after["participants"].as_array().unwrap().iter().all(|p| p["name"] != "Ivy"));
        let link = format!("/co-coaching/join/{ivy_link}");
        let r = app.client().get(&link).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(r.text().await.unwrap().contains("withdrew this invitation"));
        let ivy_person = Person::sign_up(&app, "Ivy", "ivy@h.example").await;
        let csrf = ivy_person.client.csrf_from("/co-coaching").await;
        let r = ivy_person.client.post_form_raw(&link, &[("csrf", csrf.as_str()), ("agree", "1")]).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let (status, _) = ivy_person.call(Method::GET, &format!("/co-coaching/{id}"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "Ivy did not join");

        // Deleting a draft card: a draft goes; a submitted card stays (409).
        let draft = json!({"position": 2, "what": "A second thought", "why": "", "success": "", "submit": false});
        people[0].call(Method::PUT, &format!("/co-coaching/{id}/cards"), Some(draft)).await;
        let (_, mine) = people[0].call(Method::GET, &format!("/co-coaching/{id}"), None).await;
        let cards = mine["my_cards"].as_array().unwrap();
        let id_at = |pos: i64| cards.iter().find(|c| c["position"] == pos).unwrap()["id"].as_str().unwrap().to_owned();
        let (submitted, drafted) = (id_at(1), id_at(2));
        let (status, _) = people[1].call(Method::DELETE, &format!("/co-coaching/{id}/cards/{drafted}"), None).await;
        assert_eq!(status, StatusCode::CONFLICT, "not Abe's card");
        let (status, _) = people[0].call(Method::DELETE, &format!("/co-coaching/{id}/cards/{submitted}"), None).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, _) = people[0].call(Method::DELETE, &format!("/co-coaching/{id}/cards/{drafted}"), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (_, mine) = people[0].call(Method::GET, &format!("/co-coaching/{id}"), None).await;
        assert_eq!(mine["my_cards"].as_array().unwrap().len(), 1);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn splitting_merging_and_taking_teams_apart_through_the_api() {
    on_each_backend(|app| async move {
        let Arranged { fay, id, people, .. } = arrange(&app).await;
        fay.call(Method::POST, &format!("/co-coaching/{id}/open"), None).await;
        let (_, teaming) = fay.call(Method::GET, &format!("/co-coaching/{id}/teaming"), None).await;
        let cards: Vec<(String, String)> = teaming["free"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["card"]["author"].as_str().unwrap().to_owned(), c["card"]["id"].as_str().unwrap().to_owned()))
            .collect();
        let of = |name: &str| cards.iter().find(|(a, _)| a == name).unwrap().1.clone();
        let (_, t) = fay
            .call(
                Method::POST,
                &format!("/co-coaching/{id}/teams"),
                Some(json!({"cards": [of("Aya"), of("Bea"), of("Ben")]})),
            )
            .await;
        let team = t["id"].as_str().unwrap().to_owned();
        let split = |card: String| Some(json!({"card": card}));
        let path = format!("/co-coaching/{id}/teams/{team}/split");
        // Not the facilitator; a card of no team; then Ben split out.
        let (status, _) = people[0].call(Method::POST, &path, split(of("Ben"))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = fay.call(Method::POST, &path, split(of("Abe"))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, v) = fay.call(Method::POST, &path, split(of("Ben"))).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{v}");
        // Splitting Bea out too would leave Aya alone: refused, the team unchanged.
        let (status, err) = fay.call(Method::POST, &path, split(of("Bea"))).await;
        assert_eq!(status, StatusCode::CONFLICT, "{err}");
        assert!(err["message"].as_str().unwrap().contains("Take the team apart instead"), "{err}");
        let (_, teaming) = fay.call(Method::GET, &format!("/co-coaching/{id}/teaming"), None).await;
        let confirmed = teaming["confirmed"].as_array().unwrap();
        assert_eq!(confirmed.len(), 1);
        assert_eq!(confirmed[0]["cards"].as_array().unwrap().len(), 2);
        // Honoured when the suggestion runs again: Ben is never suggested with Aya or Bea.
        for s in teaming["suggested"].as_array().unwrap() {
            let key = s["key"].as_str().unwrap();
            assert!(!(key.contains(&of("Ben")) && (key.contains(&of("Aya")) || key.contains(&of("Bea")))), "{key}");
        }
        assert!(teaming["free"].as_array().unwrap().iter().any(|c| c["card"]["id"] == of("Ben").as_str()));

        // Merging: into itself is refused; Abe and Ben's team merges into the first.
        let (_, t2) = fay
            .call(Method::POST, &format!("/co-coaching/{id}/teams"), Some(json!({"cards": [of("Abe"), of("Ben")]})))
            .await;
        let team2 = t2["id"].as_str().unwrap().to_owned();
        let merge = format!("/co-coaching/{id}/teams/{team2}/merge");
        let (status, _) = fay.call(Method::POST, &merge, Some(json!({"into": team2}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, v) = fay.call(Method::POST, &merge, Some(json!({"into": team}))).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{v}");
        let (_, teaming) = fay.call(Method::GET, &format!("/co-coaching/{id}/teaming"), None).await;
        assert_eq!(teaming["confirmed"][0]["cards"].as_array().unwrap().len(), 4);

        // Taking it apart: every card is free again; a second time the team is gone.
        let (status, _) = people[0].call(Method::DELETE, &format!("/co-coaching/{id}/teams/{team}"), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = fay.call(Method::DELETE, &format!("/co-coaching/{id}/teams/{team}"), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = fay.call(Method::DELETE, &format!("/co-coaching/{id}/teams/{team}"), None).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (_, teaming) = fay.call(Method::GET, &format!("/co-coaching/{id}/teaming"), None).await;
        assert!(teaming["confirmed"].as_array().unwrap().is_empty());
        assert_eq!(teaming["free"].as_array().unwrap().len(), 4);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_team_space_outcome_value_and_fee_through_the_api() {
    on_each_backend(|app| async move {
        let Arranged { fay, id, people, .. } = arrange(&app).await;
        let (aya, abe, bea, ben) = (&people[0], &people[1], &people[2], &people[3]);
        fay.call(Method::POST, &format!("/co-coaching/{id}/open"), None).await;
        let (_, teaming) = fay.call(Method::GET, &format!("/co-coaching/{id}/teaming"), None).await;
        let card_of = |name: &str| {
            teaming["free"].as_array().unwrap().iter().find(|c| c["card"]["author"] == name).unwrap()["card"]["id"].clone()
        };
        let (_, t) = fay.call(Method::POST, &format!("/co-coaching/{id}/teams"), Some(json!({"cards": [card_of("Aya"), card_of("Bea")]}))).await;
        let team = t["id"].as_str().unwrap().to_owned();
        fay.call(Method::POST, &format!("/co-coaching/{id}/teams"), Some(json!({"cards": [card_of("Abe"), card_of("Ben")]}))).await;
        fay.call(Method::POST, &format!("/co-coaching/{id}/close-session-one"), None).await;
        let base = format!("/co-coaching/{id}/teams/{team}");

        // The team as its members see it; someone on the other team: 404.
        let (status, space) = aya.call(Method::GET, &base, None).await;
        assert_eq!(status, StatusCode::OK, "{space}");
        let member = |name: &str| {
            space["members"].as_array().unwrap().iter().find(|m| m["name"] == name).unwrap()["user_id"].as_str().unwrap().to_owned()
        };
        let (aya_id, bea_id) = (member("Aya"), member("Bea"));
        assert_eq!(abe.call(Method::GET, &base, None).await.0, StatusCode::NOT_FOUND);

        aya.call(Method::POST, &format!("{base}/items"), Some(json!({"kind": "note", "text": "We compared exit questions"}))).await;
        fay.call(Method::POST, &format!("{base}/items"), Some(json!({"kind": "comment", "text": "Bring one number next week"}))).await;
        let item_of = |space: &Value, text: &str| {
            space["items"].as_array().unwrap().iter().find(|i| i["text"] == text).map(|i| i["id"].as_str().unwrap().to_owned())
        };
        let (_, space) = aya.call(Method::GET, &base, None).await;
        let note = item_of(&space, "We compared exit questions").unwrap();
        let (_, fay_space) = fay.call(Method::GET, &base, None).await;
        let comment = item_of(&fay_space, "Bring one number next week").unwrap();
        assert!(item_of(&fay_space, "We compared exit questions").is_none(), "the team's notes are the team's");

        // Editing: the author only; empty text refused and nothing changes.
        let edit = |text: &str| Some(json!({"text": text}));
        assert_eq!(bea.call(Method::PUT, &format!("{base}/items/{note}"), edit("Bea's words")).await.0, StatusCode::FORBIDDEN);
        assert_eq!(fay.call(Method::PUT, &format!("{base}/items/{note}"), edit("Fay's words")).await.0, StatusCode::NOT_FOUND);
        assert_eq!(aya.call(Method::PUT, &format!("{base}/items/{comment}"), edit("x")).await.0, StatusCode::FORBIDDEN, "the team reads the comment but it is the facilitator's");
        let (status, err) = aya.call(Method::PUT, &format!("{base}/items/{note}"), edit("  ")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
        let (_, space) = aya.call(Method::GET, &base, None).await;
        assert!(item_of(&space, "We compared exit questions").is_some());
        assert_eq!(aya.call(Method::PUT, &format!("{base}/items/{note}"), edit("We compared exit interviews")).await.0, StatusCode::NO_CONTENT);
        assert_eq!(fay.call(Method::PUT, &format!("{base}/items/{comment}"), edit("Bring two numbers")).await.0, StatusCode::NO_CONTENT);
        let (_, space) = bea.call(Method::GET, &base, None).await;
        assert!(item_of(&space, "We compared exit interviews").is_some() && item_of(&space, "Bring two numbers").is_some(), "{space}");
        // Deleting: the author only.
        assert_eq!(bea.call(Method::DELETE, &format!("{base}/items/{note}"), None).await.0, StatusCode::FORBIDDEN);
        assert_eq!(aya.call(Method::DELETE, &format!("{base}/items/{note}"), None).await.0, StatusCode::NO_CONTENT);
        assert_eq!(aya.call(Method::DELETE, &format!("{base}/items/{note}"), None).await.0, StatusCode::NOT_FOUND);

        // An action marked done once.
        let due = coachkit_app::journal::time::to_date(coachkit_store::now_ms() + 7 * 86_400_000);
        let action = json!({"kind": "action", "text": "Share the exit survey", "owner": bea_id, "due": due});
        assert_eq!(aya.call(Method::POST, &format!("{base}/items"), Some(action)).await.0, StatusCode::NO_CONTENT);
        let (_, space) = aya.call(Method::GET, &base, None).await;
        let act = item_of(&space, "Share the exit survey").unwrap();
        let bad_owner = json!({"text": "Share the exit survey", "owner": "nobody", "due": due});
        assert_eq!(aya.call(Method::PUT, &format!("{base}/items/{act}"), Some(bad_owner)).await.0, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(fay.call(Method::POST, &format!("{base}/items/{act}/done"), None).await.0, StatusCode::CONFLICT);
        assert_eq!(bea.call(Method::POST, &format!("{base}/items/{act}/done"), None).await.0, StatusCode::NO_CONTENT);
        assert_eq!(bea.call(Method::POST, &format!("{base}/items/{act}/done"), None).await.0, StatusCode::CONFLICT);
        let (_, space) = aya.call(Method::GET, &base, None).await;
        assert_eq!(space["items"].as_array().unwrap().iter().find(|i| i["id"] == act.as_str()).unwrap()["done"], true);

        // The outcome: a co-venture needs an owner in each organisation.
        let venture = json!({"outcome": "co_venture", "project_name": "Stay Well", "project_aim": "Keep new starters", "first_steps": "A shared survey", "owner_a": aya_id, "owner_b": aya_id});
        let (status, err) = aya.call(Method::PUT, &format!("{base}/outcome"), Some(venture)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
        let (_, space) = aya.call(Method::GET, &base, None).await;
        assert!(space["outcome"].is_null());
        let venture = json!({"outcome": "co_venture", "project_name": "Stay Well", "project_aim": "Keep new starters", "first_steps": "A shared survey", "owner_a": aya_id, "owner_b": bea_id});
        assert_eq!(aya.call(Method::PUT, &format!("{base}/outcome"), Some(venture)).await.0, StatusCode::NO_CONTENT);
        let (_, space) = fay.call(Method::GET, &base, None).await;
        assert_eq!(space["outcome"]["project_name"], "Stay Well");

        // Value: edited and deleted by its author only; the other organisation cannot even see it.
        let value = json!({"outcome": "Fewer leavers", "measure": "money", "amount": "30000", "confidence": "medium"});
        aya.call(Method::POST, &format!("/co-coaching/{id}/value"), Some(value)).await;
        let (_, v) = aya.call(Method::GET, &format!("/co-coaching/{id}/value"), None).await;
        let rec = v["records"][0]["id"].as_str().unwrap().to_owned();
        assert_eq!(v["records"][0]["mine"], true);
        let vpath = format!("/co-coaching/{id}/value/{rec}");
        let changed = json!({"outcome": "Fewer leavers in year one", "measure": "money", "amount": "35000", "confidence": "high"});
        assert_eq!(abe.call(Method::PUT, &vpath, Some(changed.clone())).await.0, StatusCode::FORBIDDEN);
        assert_eq!(ben.call(Method::PUT, &vpath, Some(changed.clone())).await.0, StatusCode::NOT_FOUND);
        let bad = json!({"outcome": "Fewer leavers", "measure": "money", "amount": "lots", "confidence": "high"});
        assert_eq!(aya.call(Method::PUT, &vpath, Some(bad)).await.0, StatusCode::UNPROCESSABLE_ENTITY);
        let (_, v) = abe.call(Method::GET, &format!("/co-coaching/{id}/value"), None).await;
        assert_eq!(v["records"][0]["amount"], 30000, "the refused edit saved nothing");
        assert_eq!(aya.call(Method::PUT, &vpath, Some(changed)).await.0, StatusCode::NO_CONTENT);
        let (_, v) = fay.call(Method::GET, &format!("/co-coaching/{id}/value"), None).await;
        assert_eq!((v["records"][0]["amount"].as_i64(), v["records"][0]["mine"].as_bool()), (Some(35000), Some(false)));

        // The fee on value: the facilitator's; a rate is not a model.
        let (status, _) = aya.call(Method::PUT, &format!("/co-coaching/{id}/fee"), Some(json!({"model": "share", "number": 10}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = fay.call(Method::PUT, &format!("/co-coaching/{id}/fee"), Some(json!({"model": "hourly", "number": 90}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, v) = fay.call(Method::PUT, &format!("/co-coaching/{id}/fee"), Some(json!({"model": "share", "number": 10, "note": "Ten percent"}))).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{v}");
        let (_, v) = aya.call(Method::GET, &format!("/co-coaching/{id}/value"), None).await;
        assert_eq!(v["fee_model"], "share");
        assert_eq!(v["fee_lines"].as_array().unwrap().len(), 1, "each organisation sees its own line: {v}");
        assert_eq!(v["fee_lines"][0]["fee"], 3500);

        assert_eq!(abe.call(Method::DELETE, &vpath, None).await.0, StatusCode::FORBIDDEN);
        assert_eq!(aya.call(Method::DELETE, &vpath, None).await.0, StatusCode::NO_CONTENT);
        let (_, v) = fay.call(Method::GET, &format!("/co-coaching/{id}/value"), None).await;
        assert!(v["records"].as_array().unwrap().is_empty());
        app.stop().await;
    })
    .await;
}
