//! Practice 3, the Leadership Learning Log, over HTTP on both backends: the privacy matrix for
//! every record kind against every role (before and after the pack is shared, and after it is
//! taken back), refused inputs that save nothing, and the programme's flows (the coach-the-coach
//! booking and its calendar file, a copy for one's own team, questions frozen once answered, a
//! case study's consents and its public page).

mod flows;
mod following;
mod inputs;
mod matrix;

use crate::PW;
use crate::relationships::account;
use coachkit_domain::relationship::Transition;
use coachkit_testkit::{Client, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// Someone calling the JSON API with their session cookie and its CSRF token (or nobody, with
/// neither).
pub struct Person {
    pub client: Client,
    pub csrf: String,
    pub id: String,
}

impl Person {
    /// Signs in through the API.
    pub async fn sign_in(app: &TestApp, email: &str) -> Self {
        let client = app.client();
        let (status, me) =
            client.json(Method::POST, "/api/v1/signin", Some(json!({"email": email, "password": PW})), &[]).await;
        assert_eq!(status, StatusCode::OK, "sign-in of {email}: {me}");
        let csrf = me["csrf_token"].as_str().expect("csrf_token").to_owned();
        let id = me["id"].as_str().expect("id").to_owned();
        Self { client, csrf, id }
    }

    pub fn anonymous(app: &TestApp) -> Self {
        Self { client: app.client(), csrf: String::new(), id: String::new() }
    }

    /// A call under `/api/v1`.
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let headers: Vec<(&str, &str)> =
            if self.csrf.is_empty() { vec![] } else { vec![("x-csrf-token", self.csrf.as_str())] };
        self.client.json(method, &format!("/api/v1{path}"), body, &headers).await
    }

    /// A call that must answer `expected`; its body.
    pub async fn expect(&self, expected: StatusCode, method: Method, path: &str, body: Option<Value>) -> Value {
        let (status, value) = self.call(method.clone(), path, body).await;
        assert_eq!(status, expected, "{method} {path}: {value}");
        value
    }

    pub async fn get(&self, path: &str) -> Value {
        self.expect(StatusCode::OK, Method::GET, path, None).await
    }

    /// Creates something (201) and returns its id.
    pub async fn create(&self, path: &str, body: Value) -> String {
        let v = self.expect(StatusCode::CREATED, Method::POST, path, Some(body)).await;
        v["id"].as_str().unwrap_or_else(|| panic!("no id from {path}: {v}")).to_owned()
    }

    pub async fn no_content(&self, method: Method, path: &str, body: Option<Value>) {
        self.expect(StatusCode::NO_CONTENT, method, path, body).await;
    }
}

/// A day `days` from today, "2026-12-20".
pub fn day(days: i64) -> String {
    (time::OffsetDateTime::now_utc().date() + time::Duration::days(days)).to_string()
}

/// The fields a 422 names.
pub fn fields(body: &Value) -> Vec<String> {
    body["fields"]
        .as_array()
        .map(|a| a.iter().map(|f| f["field"].as_str().unwrap_or_default().to_owned()).collect())
        .unwrap_or_default()
}

/// The secret at the end of a join link.
pub fn secret_of(url: &str) -> String {
    url.rsplit('/').next().unwrap().trim().to_owned()
}

/// The people of every test: a participant (the author) who coaches Cleo on coachkit; the
/// facilitator of the participant's programme, in an organisation run by Olga; the facilitator
/// of another programme; another participant; an instance admin.
pub struct Cast {
    pub org_id: String,
    /// The relationship in which Pia coaches Cleo.
    pub with_cleo: String,
}

pub async fn cast(app: &TestApp) -> Cast {
    let pia = account(app, "Pia Participant", "pia@example.org").await;
    account(app, "Fay Facilitator", "fay@example.org").await;
    account(app, "Fred Otherfac", "fred@example.org").await;
    let cleo = account(app, "Cleo Coachee", "cleo@example.org").await;
    account(app, "Otto Otherpart", "otto@example.org").await;
    let olga = account(app, "Olga Orgadmin", "olga@example.org").await;
    let ada = account(app, "Ada Admin", "ada@example.org").await;
    app.app.store.set_user_admin(&ada.id(), true).await.unwrap();
    let org = app.app.create_org(&olga, "Northwind Sales").await.unwrap();
    let org_id = coachkit_domain::OrgId::from_trusted(org.id.clone());
    app.app.set_member(&olga, &org_id, "fay@example.org", "facilitator").await.unwrap();
    // Cleo asks Pia to coach her: in that relationship Pia is the coach.
    let invite = app.app.invite(&cleo, "coaching", "pia@example.org", "").await.unwrap();
    app.app.change_relationship(&pia, &invite.relationship.id, Transition::Accept).await.unwrap();
    Cast { org_id: org.id, with_cleo: invite.relationship.id.to_string() }
}

/// A programme set up by `facilitator` through the API, opened a week ago.
pub async fn programme(facilitator: &Person, name: &str, extra: Value) -> String {
    let mut body = json!({"name": name, "training": "Coaching master class", "starts_on": day(-7)});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    facilitator.create("/learning-log/programmes", body).await
}

/// `people` join `programme` through a link its facilitator hands out.
pub async fn join(facilitator: &Person, programme: &str, people: &[&Person]) {
    let link = facilitator
        .expect(StatusCode::CREATED, Method::POST, &format!("/learning-log/programmes/{programme}/link"), None)
        .await;
    let secret = secret_of(link["url"].as_str().unwrap());
    for p in people {
        let v = p.expect(StatusCode::OK, Method::POST, &format!("/learning-log/join/{secret}"), None).await;
        assert_eq!(v["id"], programme);
    }
}

/// Plans a session `days` from today and records it as held; returns its id.
pub async fn held_session(p: &Person, programme: &str, days: i64, with: Value, topic: &str, notes: &str) -> String {
    let mut body = json!({"held_on": day(days), "topic": topic, "goal": "Agree the next step"});
    if let (Some(b), Some(e)) = (body.as_object_mut(), with.as_object()) {
        b.extend(e.clone());
    }
    let id = p.create(&format!("/learning-log/programmes/{programme}/sessions"), body).await;
    p.no_content(
        Method::POST,
        &format!("/learning-log/programmes/{programme}/sessions/{id}/record"),
        Some(json!({"goal": notes, "way_forward": "Try it on Monday"})),
    )
    .await;
    id
}

/// The participant's log, read back.
pub async fn log_of(p: &Person, programme: &str) -> Value {
    p.get(&format!("/learning-log/programmes/{programme}/log")).await
}
