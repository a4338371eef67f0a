//! The privacy matrix for practice 2, over HTTP on both backends: every role against every kind of
//! wheel record, each carrying a unique marker text (in an area's note, a reframing task or a
//! template's name). A role "sees" a record when its marker appears on any page or API answer it
//! could reach. The expected table is written out by hand.

use super::{Cast, STORY, cast, client_for, entries, finished};
use crate::on_each_backend;
use coachkit_app::wheel::StartInput;
use coachkit_testkit::{Client, TestApp};
use reqwest::Method;

/// Roles, in the column order of `EXPECTED`.
const ROLES: [&str; 7] = ["leader", "coach", "other_coach", "stranger", "facilitator", "admin", "anonymous"];

/// (record, expected visibility per role: 'Y' seen, '.' not).
const EXPECTED: [(&str, &str); 8] = [
    //                                          L C O S F A N
    ("wheel, private", "Y......"),
    ("wheel, this coach", "YY....."),
    ("wheel, all my coaches", "YYY...."),
    ("live wheel the coach started", "YY....."),
    ("live draft, then made private", "Y......"),
    ("reframing task, private wheel", "Y......"),
    ("reframing task, wheel shared with this coach", "YY....."),
    ("the coach's template", ".Y....."),
];

/// Record `i` of `EXPECTED` carries `wmark-w{i+1}` and its id, for opening by link.
async fn arrange(app: &TestApp, c: &Cast) -> Vec<String> {
    // The marker goes into the first area's note.
    let rows = |i: usize| -> Vec<(&'static str, &'static str, &'static str, String)> {
        STORY
            .iter()
            .enumerate()
            .map(|(k, (r, s, w, _))| (*r, *s, *w, if k == 0 { format!("wmark-w{i}") } else { String::new() }))
            .collect()
    };
    let mut ids = vec![];
    for (i, audience) in
        [(1, "private".to_owned()), (2, format!("relationship:{}", c.with_coach)), (3, "all_my_coaches".to_owned())]
    {
        let rows = rows(i);
        let refs: Vec<(&str, &str, &str, &str)> = rows.iter().map(|(r, s, w, n)| (*r, *s, *w, n.as_str())).collect();
        ids.push(finished(app, &c.leader, &refs, &audience, "2026-09-01").await);
    }
    // Started by the coach, live: the client's wheel, shared with that coach.
    for (i, then_private) in [(4, false), (5, true)] {
        let rows = rows(i);
        let refs: Vec<(&str, &str, &str, &str)> = rows.iter().map(|(r, s, w, n)| (*r, *s, *w, n.as_str())).collect();
        let input = StartInput { relationship_id: c.with_coach.clone(), entries: entries(&refs), ..Default::default() };
        let id = app.app.start_wheel_assessment(&c.coach, &input).await.map_err(|e| format!("{e:?}")).unwrap();
        if then_private {
            app.app.set_wheel_audience(&c.leader, &id, "private").await.unwrap();
        }
        ids.push(id);
    }
    app.app.add_reframing_item(&c.leader, &ids[0], 0, "task wmark-w6").await.unwrap();
    app.app.add_reframing_item(&c.leader, &ids[1], 3, "task wmark-w7").await.unwrap();
    let rows =
        [coachkit_domain::wheel::RawArea::new("Inside", ""), coachkit_domain::wheel::RawArea::new("Outside", "")];
    app.app.create_wheel_template(&c.coach, "template wmark-w8", &rows).await.map_err(|e| format!("{e:?}")).unwrap();
    ids
}

/// Everything a role could look at: the wheel's home, each wheel by its link (page, form,
/// picture), comparisons, trends for the leader, and the JSON API.
async fn everything_visible_to(client: &Client, c: &Cast, ids: &[String]) -> String {
    let leader = &c.leader.user.id;
    let mut paths = vec![
        "/wheel".to_owned(),
        format!("/wheel/trend/default?leader={leader}"),
        "/wheel/trend/default".to_owned(),
        "/dashboard".to_owned(),
        "/admin".to_owned(),
        format!("/relationships/{}", c.with_coach),
    ];
    for id in ids {
        for suffix in ["", "/fill", "/wheel.svg"] {
            paths.push(format!("/wheel/assessments/{id}{suffix}"));
        }
        paths.push(format!("/wheel/compare?a={id}&b={}", ids[0]));
        paths.push(format!("/wheel/compare?a={id}&b={}", ids[1]));
    }
    let mut pages = String::new();
    for path in paths {
        let r = client.get(&path).await;
        assert!(!r.status().is_server_error(), "{path}: {}", r.status());
        pages.push_str(&r.text().await.unwrap_or_default());
    }
    let mut api = vec!["/api/v1/wheel/assessments".to_owned(), "/api/v1/wheel/templates".to_owned()];
    api.extend(ids.iter().map(|id| format!("/api/v1/wheel/assessments/{id}")));
    for path in api {
        let (status, body) = client.json(Method::GET, &path, None, &[]).await;
        assert!(!status.is_server_error(), "{path}: {status}");
        pages.push_str(&body.to_string());
    }
    pages
}

#[tokio::test]
async fn every_role_against_every_wheel_record() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let ids = arrange(&app, &c).await;
        let mut clients = vec![];
        for email in ["leader", "coach", "other", "stranger", "facilitator", "admin"] {
            clients.push(client_for(&app, &format!("{email}@example.org")).await);
        }
        clients.push(app.client());
        let mut failures = vec![];
        for (col, (role, client)) in ROLES.iter().zip(&clients).enumerate() {
            let seen = everything_visible_to(client, &c, &ids).await;
            for (i, (what, expected)) in EXPECTED.iter().enumerate() {
                let should = expected.as_bytes()[col] == b'Y';
                let needle = format!("wmark-w{}", i + 1);
                // Match the whole marker, so w1 does not match w10.
                let found = seen
                    .match_indices(&needle)
                    .any(|(at, _)| !seen[at + needle.len()..].starts_with(|ch: char| ch.is_ascii_digit()));
                if found != should {
                    failures.push(format!(
                        "{what} as {role}: expected {}, got {}",
                        if should { "seen" } else { "hidden" },
                        if found { "seen" } else { "hidden" }
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "wheel privacy matrix mismatches:\n{}", failures.join("\n"));
        app.stop().await;
    })
    .await;
}
