//! The privacy matrix for practice 5, over HTTP on both backends, before and after the seal
//! opens. Every role's every reachable response (pages, API, search, export, the admin page) and
//! every mail in the outbox is searched for each record's marker. The expected tables are written
//! out by hand.

use super::{Cast, advice, cast, client_for, expert, secret_for, sent_request, three};
use crate::on_each_backend;
use coachkit_domain::capability::Purpose;
use coachkit_testkit::{Client, TestApp};
use reqwest::Method;

/// Roles, in the column order of the tables: the leader; each expert by their link; the expert
/// of another request by theirs; a revoked and an expired link to expert 1; the leader's coach;
/// a stranger; the admin of the leader's organisation; the instance admin; nobody.
const ROLES: [&str; 12] = [
    "leader",
    "expert1",
    "expert2",
    "expert3",
    "other_request_expert",
    "revoked_link",
    "expired_link",
    "coach",
    "stranger",
    "org_admin",
    "instance_admin",
    "anonymous",
];

/// Records: the request (its capability), each expert's advice, and the other request.
const RECORDS: [&str; 5] = ["zqrequest", "zqone", "zqtwo", "zqthree", "zqother"];

/// Two experts have answered (1 and 2, both agreeing to be shown to coaches), 3 is drafting.
#[rustfmt::skip]
const SEALED: [(&str, &str); 5] = [
    //                L 1 2 3 X R E C S O A N
    ("zqrequest",   "YYYY........"),
    ("zqone",       ".Y.........."),
    ("zqtwo",       "..Y........."),
    ("zqthree",     "...Y........"),
    ("zqother",     "Y...Y......."),
];

/// Expert 3 answered (not agreeing to be shown to coaches): the seal is open. Not shared yet.
#[rustfmt::skip]
const OPEN: [(&str, &str); 5] = [
    //                L 1 2 3 X R E C S O A N
    ("zqrequest",   "YYYY........"),
    ("zqone",       "YY.........."),
    ("zqtwo",       "Y.Y........."),
    ("zqthree",     "Y..Y........"),
    ("zqother",     "Y...Y......."),
];

/// The leader shared the request with the coach: the request, and the advice of experts who agreed.
#[rustfmt::skip]
const SHARED: [(&str, &str); 5] = [
    //                L 1 2 3 X R E C S O A N
    ("zqrequest",   "YYYY...Y...."),
    ("zqone",       "YY.....Y...."),
    ("zqtwo",       "Y.Y....Y...."),
    ("zqthree",     "Y..Y........"),
    ("zqother",     "Y...Y......."),
];

struct World {
    request: String,
    other: String,
    secrets: Vec<String>,
}

async fn arrange(app: &TestApp, c: &Cast) -> World {
    let request = sent_request(app, &c.leader, "Deciding less myself zqrequest", three()).await;
    let other = sent_request(
        app,
        &c.leader,
        "Public speaking zqother",
        vec![expert("Xavier X", "x@other.example", "outside"), expert("Ines Inside", "ines2@example.org", "inside")],
    )
    .await;
    let mut secrets = vec![];
    for email in ["ines@example.org", "otto@elsewhere.example", "una@faraway.example", "x@other.example"] {
        secrets.push(secret_for(app, email).await);
    }
    app.app.save_expert_advice(&secrets[0], &advice("zqone", true), true).await.unwrap();
    app.app.save_expert_advice(&secrets[1], &advice("zqtwo", true), true).await.unwrap();
    app.app.save_expert_advice(&secrets[2], &advice("zqthree", false), false).await.unwrap();
    // A second link to expert 1, revoked, and an expired one: neither opens anything.
    let experts = app.app.store.advice_experts(&request).await.unwrap();
    let revoked = app.app.issue_link(Purpose::ExpertAdvice, &experts[0].id, None, 86_400_000).await.unwrap();
    app.app.store.revoke_capability(&revoked.id).await.unwrap();
    let expired = app.app.issue_link(Purpose::ExpertAdvice, &experts[0].id, None, -1).await.unwrap();
    secrets.push(revoked.secret.expose().to_owned());
    secrets.push(expired.secret.expose().to_owned());
    World { request, other, secrets }
}

/// Everything a member could reach about advice.
async fn member_sees(client: &Client, w: &World) -> String {
    let mut out = String::new();
    let pages = [
        "/advice".to_owned(),
        format!("/advice/{}", w.request),
        format!("/advice/{}", w.other),
        "/dashboard".to_owned(),
        "/journal".to_owned(),
        "/journal/search?q=outcome".to_owned(),
        "/journal/search?q=method".to_owned(),
        "/journal/export.json".to_owned(),
        "/admin".to_owned(),
    ];
    for path in pages {
        let r = client.get(&path).await;
        assert!(!r.status().is_server_error(), "{path}: {}", r.status());
        out.push_str(&r.text().await.unwrap_or_default());
    }
    let api = [
        "/api/v1/advice".to_owned(),
        format!("/api/v1/advice/{}", w.request),
        format!("/api/v1/advice/{}", w.other),
        "/api/v1/journal/search?q=outcome".to_owned(),
        "/api/v1/admin/outbox".to_owned(),
    ];
    for path in api {
        let (status, body) = client.json(Method::GET, &path, None, &[]).await;
        assert!(!status.is_server_error(), "{path}: {status}");
        out.push_str(&body.to_string());
    }
    out
}

/// Everything a link holder could reach (with no account).
async fn link_sees(client: &Client, secret: &str) -> String {
    let mut out = String::new();
    let r = client.get(&format!("/expert/{secret}")).await;
    assert!(!r.status().is_server_error(), "expert page: {}", r.status());
    out.push_str(&r.text().await.unwrap_or_default());
    let (status, body) = client.json(Method::GET, &format!("/api/v1/expert/{secret}"), None, &[]).await;
    assert!(!status.is_server_error(), "expert API: {status}");
    out.push_str(&body.to_string());
    out
}

async fn everyone(app: &TestApp, w: &World) -> Vec<String> {
    let mut seen = vec![member_sees(&client_for(app, "leader@example.org").await, w).await];
    for s in &w.secrets {
        seen.push(link_sees(&app.client(), s).await);
    }
    for email in ["coach", "stranger", "orgadmin", "admin"] {
        seen.push(member_sees(&client_for(app, &format!("{email}@example.org")).await, w).await);
    }
    let anonymous = app.client();
    let mut nobody = member_sees(&anonymous, w).await;
    nobody.push_str(&link_sees(&anonymous, &"0".repeat(64)).await);
    seen.push(nobody);
    assert_eq!(seen.len(), ROLES.len());
    seen
}

fn compare(phase: &str, table: &[(&str, &str)], seen: &[String], failures: &mut Vec<String>) {
    for (marker, expected) in table {
        for (col, role) in ROLES.iter().enumerate() {
            let should = expected.as_bytes()[col] == b'Y';
            let found = seen[col].contains(marker);
            if found != should {
                failures.push(format!(
                    "{phase}: {marker} as {role}: expected {}, got {}",
                    if should { "seen" } else { "hidden" },
                    if found { "seen" } else { "hidden" }
                ));
            }
        }
    }
}

/// No mail in the outbox carries a word of advice: not to the leader, not to any expert.
async fn mail_carries_no_advice(app: &TestApp, phase: &str, failures: &mut Vec<String>) {
    for m in app.app.store.recent_mail(10_000).await.unwrap() {
        for marker in RECORDS.iter().skip(1).take(3) {
            if m.body.contains(marker) || m.subject.contains(marker) {
                failures.push(format!("{phase}: the mail to {} carries {marker}", m.to_addr));
            }
        }
    }
}

#[tokio::test]
async fn advice_is_sealed_from_everyone_until_all_answer_then_shown_as_the_policy_says() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let w = arrange(&app, &c).await;
        let mut failures = vec![];

        let seen = everyone(&app, &w).await;
        compare("sealed", &SEALED, &seen, &mut failures);
        mail_carries_no_advice(&app, "sealed", &mut failures).await;
        // The leader's own responses, searched for any of the nine items' words at all.
        for word in ["zqone", "zqtwo", "zqthree", "Hand over the outcome"] {
            if seen[0].contains(word) {
                failures.push(format!("sealed: the leader's responses contain {word:?}"));
            }
        }

        app.app.save_expert_advice(&w.secrets[2], &advice("zqthree", false), true).await.unwrap();
        let seen = everyone(&app, &w).await;
        compare("open", &OPEN, &seen, &mut failures);
        mail_carries_no_advice(&app, "open", &mut failures).await;

        app.app
            .set_advice_request_audience(&c.leader, &w.request, &format!("relationship:{}", c.with_coach))
            .await
            .unwrap();
        let seen = everyone(&app, &w).await;
        compare("shared", &SHARED, &seen, &mut failures);

        assert!(failures.is_empty(), "advice privacy matrix mismatches:\n{}", failures.join("\n"));
        app.stop().await;
    })
    .await;
}
