//! The privacy matrix over HTTP: every role against every kind of record the foundation has
//! (relationships and their check-ins, organisations, the admin's account list, account deletion
//! and outbox), through both the pages and the API. The expected statuses are written out; they
//! are the specification.

use crate::relationships::account;
use crate::{PW, on_each_backend};
use coachkit_domain::relationship::Transition;
use coachkit_testkit::{Client, TestApp};
use reqwest::Method;

/// Column order of every row.
const ROLES: [&str; 9] = [
    "leader",
    "coach",
    "other_coach",
    "stranger",
    "org_member",
    "facilitator",
    "org_admin",
    "instance_admin",
    "anonymous",
];

struct World {
    relationship: String,
    org: String,
    stranger: String,
    clients: Vec<Client>,
    tokens: Vec<Option<String>>,
}

async fn world(app: &TestApp) -> World {
    let emails = ROLES.iter().take(8).map(|r| format!("{r}@example.org")).collect::<Vec<_>>();
    let mut actors = Vec::new();
    for (role, email) in ROLES.iter().zip(&emails) {
        actors.push(account(app, role, email).await);
    }
    app.app.store.set_user_admin(&actors[7].id(), true).await.unwrap();
    actors[7].user.is_admin = 1;
    // leader <- coach, and leader <- other_coach: two mentors of the same leader.
    for coach in [1usize, 2] {
        let invite = app.app.invite(&actors[0], "mentoring", &emails[coach], "").await.unwrap();
        app.app.change_relationship(&actors[coach], &invite.relationship.id, Transition::Accept).await.unwrap();
    }
    let relationship = app.app.relationships(&actors[1]).await.unwrap()[0].id.to_string();
    // An organisation with a member, a facilitator and an admin (leader and coaches are not in it).
    let org = app.app.create_org(&actors[6], "Harbourside").await.unwrap();
    let org_id = coachkit_domain::OrgId::from_trusted(org.id.clone());
    app.app.set_member(&actors[6], &org_id, &emails[4], "member").await.unwrap();
    app.app.set_member(&actors[6], &org_id, &emails[5], "facilitator").await.unwrap();
    // The facilitator runs a learning-log programme of that organisation, the org member takes
    // part and writes a session the health view must never show; the stranger admins another
    // organisation, which gives them nothing on this one's programmes.
    app.app.create_org(&actors[3], "Elsewhere").await.unwrap();
    let input = coachkit_app::learning_log::ProgrammeInput {
        name: "Matrix cohort".into(),
        org_id: org.id.clone(),
        ..Default::default()
    };
    let programme = app.app.create_ll_programme(&actors[5], &input).await.unwrap();
    let link = app.app.ll_invitation_link(&actors[5], &programme).await.unwrap();
    app.app.join_ll_programme(&actors[4], link.rsplit('/').next().unwrap()).await.unwrap();
    let session = coachkit_app::learning_log::SessionInput {
        held_on: coachkit_app::journal::time::to_date(coachkit_store::now_ms()),
        coachee_name: "Lee".into(),
        topic: PLANTED.into(),
        goal: PLANTED.into(),
        ..Default::default()
    };
    app.app.plan_ll_session(&actors[4], &programme, &session).await.unwrap();

    let mut clients = Vec::new();
    let mut tokens = Vec::new();
    for (i, email) in emails.iter().enumerate() {
        let c = app.client();
        c.sign_in(email, PW).await;
        clients.push(c);
        let (_, secret) = app.app.create_token(&actors[i].id(), "matrix").await.unwrap();
        tokens.push(Some(secret.expose().to_owned()));
    }
    clients.push(app.client());
    tokens.push(None);
    World { relationship, org: org.id, stranger: actors[3].user.id.clone(), clients, tokens }
}

/// A participant's words, planted in the programme: no response of the health view contains them.
const PLANTED: &str = "zqmatrixprivatetopic";

/// Statuses per role for one request, in `ROLES` order.
type Row = (&'static str, Method, String, Option<serde_json::Value>, [u16; 9]);

fn rows(w: &World) -> Vec<Row> {
    let r = &w.relationship;
    let o = &w.org;
    vec![
        //                                                           leader coach other stranger member facil orgadm admin anon
        (
            "relationship page",
            Method::GET,
            format!("/relationships/{r}"),
            None,
            [200, 200, 404, 404, 404, 404, 404, 404, 303],
        ),
        (
            "relationship api",
            Method::GET,
            format!("/api/v1/relationships/{r}"),
            None,
            [200, 200, 404, 404, 404, 404, 404, 404, 401],
        ),
        (
            "check-ins api",
            Method::GET,
            format!("/api/v1/relationships/{r}/checkins"),
            None,
            [200, 200, 404, 404, 404, 404, 404, 404, 401],
        ),
        (
            "check-in answer api",
            Method::POST,
            format!("/api/v1/relationships/{r}/checkins"),
            Some(serde_json::json!({"answer": "not_yet"})),
            [201, 201, 404, 404, 404, 404, 404, 404, 401],
        ),
        ("organisation page", Method::GET, format!("/orgs/{o}"), None, [404, 404, 404, 404, 200, 200, 200, 200, 303]),
        (
            "organisation api",
            Method::GET,
            format!("/api/v1/orgs/{o}"),
            None,
            [404, 404, 404, 404, 200, 200, 200, 200, 401],
        ),
        (
            "manage members api",
            Method::PUT,
            format!("/api/v1/orgs/{o}/members"),
            Some(serde_json::json!({"email": "stranger@example.org", "role": "member"})),
            [404, 404, 404, 404, 403, 403, 204, 204, 401],
        ),
        // Its facilitator and its organisation's admin; not its participant (org_member), not
        // another organisation's admin (stranger), not the instance admin.
        ("programme health page", Method::GET, "/health".into(), None, [403, 403, 403, 403, 403, 200, 200, 403, 303]),
        (
            "programme health api",
            Method::GET,
            "/api/v1/health".into(),
            None,
            [403, 403, 403, 403, 403, 200, 200, 403, 401],
        ),
        ("admin page", Method::GET, "/admin".into(), None, [403, 403, 403, 403, 403, 403, 403, 200, 303]),
        (
            "admin accounts api",
            Method::GET,
            "/api/v1/admin/users".into(),
            None,
            [403, 403, 403, 403, 403, 403, 403, 200, 401],
        ),
        (
            // Even the admin must type the account's e-mail: a wrong one deletes nothing (422).
            "admin account deletion api",
            Method::DELETE,
            format!("/api/v1/admin/users/{}", w.stranger),
            Some(serde_json::json!({"confirm_email": "not-the-stranger@example.org"})),
            [403, 403, 403, 403, 403, 403, 403, 422, 401],
        ),
        (
            "admin outbox api",
            Method::GET,
            "/api/v1/admin/outbox".into(),
            None,
            [403, 403, 403, 403, 403, 403, 403, 200, 401],
        ),
    ]
}

#[tokio::test]
async fn every_role_against_every_record_kind() {
    on_each_backend(|app| async move {
        let w = world(&app).await;
        let mut failures = Vec::new();
        for (what, method, path, body, expected) in rows(&w) {
            for (i, role) in ROLES.iter().enumerate() {
                let (status, text) = if path.starts_with("/api/") {
                    let auth = w.tokens[i].as_ref().map(|t| format!("Bearer {t}"));
                    let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("authorization", a.as_str())).collect();
                    let (status, value) = w.clients[8].json(method.clone(), &path, body.clone(), &headers).await;
                    (status.as_u16(), value.to_string())
                } else {
                    let r = w.clients[i].get(&path).await;
                    (r.status().as_u16(), r.text().await.unwrap_or_default())
                };
                if text.contains(PLANTED) {
                    failures.push(format!("{what} as {role}: the response holds a participant's words"));
                }
                if status != expected[i] {
                    failures.push(format!("{what} as {role}: expected {}, got {status}", expected[i]));
                }
            }
        }
        assert!(failures.is_empty(), "privacy matrix mismatches:\n{}", failures.join("\n"));
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn no_one_outside_a_relationship_can_change_it() {
    on_each_backend(|app| async move {
        let w = world(&app).await;
        for (i, role) in ROLES.iter().enumerate().skip(2) {
            let Some(token) = &w.tokens[i] else { continue };
            let auth = format!("Bearer {token}");
            let (status, _) = w.clients[8]
                .json(
                    Method::POST,
                    &format!("/api/v1/relationships/{}/end", w.relationship),
                    None,
                    &[("authorization", auth.as_str())],
                )
                .await;
            assert_eq!(status.as_u16(), 404, "{role} could touch someone else's relationship");
        }
        let id = coachkit_domain::RelationshipId::from_trusted(w.relationship.clone());
        let leader = app.app.store.user_by_email("leader@example.org").await.unwrap().unwrap();
        let leader = coachkit_app::Actor { user: leader, csrf_token: None, session_hash: None };
        assert_eq!(app.app.relationship(&leader, &id).await.unwrap().status.as_str(), "active");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_admin_page_lists_accounts_but_no_one_s_relationships() {
    on_each_backend(|app| async move {
        let w = world(&app).await;
        let admin_page = w.clients[7].page("/admin", reqwest::StatusCode::OK).await;
        assert!(admin_page.contains("leader@example.org"), "accounts are listed");
        assert!(!admin_page.contains(&w.relationship), "relationships are not an admin's business");
        let dash = w.clients[7].page("/dashboard", reqwest::StatusCode::OK).await;
        assert!(!dash.contains("leader"), "the admin's own dashboard shows only their own relationships");
        app.stop().await;
    })
    .await;
}
