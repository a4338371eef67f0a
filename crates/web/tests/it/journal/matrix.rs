//! The privacy matrix for practice 1, over HTTP on both backends: every role against every kind of
//! journal record, with a unique marker text in each record. A role "sees" a record when its
//! marker appears on the page that would show it (or in its search results). The expected table
//! is written out by hand.

use super::{Cast, cast, client_for, reflection, session};
use crate::on_each_backend;
use coachkit_app::journal::{ActionInput, ReplyInput};
use coachkit_testkit::{Client, TestApp};

/// Roles, in the column order of `EXPECTED`.
const ROLES: [&str; 7] = ["leader", "mentor", "other_mentor", "stranger", "facilitator", "admin", "anonymous"];

/// (record, where it is looked for, expected visibility per role: 'Y' seen, '.' not).
const EXPECTED: [(&str, &str); 17] = [
    //                                    L M O S F A N
    ("session agenda", "YY....."),
    ("leader's private detail", "Y......"),
    ("mentor's coach note, private", ".Y....."),
    ("mentor's coach note, shared", "YY....."),
    ("reflection, private", "Y......"),
    ("reflection, this mentor", "YY....."),
    ("reflection, all my mentors", "YYY...."),
    ("reflection, public", "YYYYYYY"),
    ("killer question", "YY....."),
    ("action shared with this mentor", "YY....."),
    ("action, private", "Y......"),
    ("open question, all my mentors", "YYY...."),
    ("position, published", "YYYYYYY"),
    // Replies on the reflection shared with all my mentors, and on the public one.
    ("mentor's reply, only the leader", "YY....."),
    ("mentor's reply, everyone it is shared with", "YYY...."),
    ("leader's reply, only the other mentor", "Y.Y...."),
    ("mentor's reply on a public reflection, everyone", "YYY...."),
];

struct Records {
    session: String,
    marker: Vec<(&'static str, String)>,
}

async fn arrange(app: &TestApp, c: &Cast) -> Records {
    let s = session(app, &c.leader, &c.with_mentor, "agenda-marker-q1").await;
    app.app.write_session_detail(&c.leader, &s, "detail-marker-q2").await.unwrap();
    // Two coach notes need two sessions (one note per author and session).
    let s2 = session(app, &c.leader, &c.with_mentor, "second session").await;
    app.app.write_coach_note(&c.mentor, &s, "coachnote-marker-q3", false).await.unwrap();
    app.app.write_coach_note(&c.mentor, &s2, "coachnote-marker-q4", true).await.unwrap();
    reflection(app, &c.leader, Some(&s), "reflection-marker-q5", "private", "").await;
    reflection(app, &c.leader, Some(&s), "reflection-marker-q6", &format!("relationship:{}", c.with_mentor), "").await;
    let to_all = reflection(app, &c.leader, Some(&s), "reflection-marker-q7", "all_my_coaches", "").await;
    let public = reflection(app, &c.leader, Some(&s), "reflection-marker-q8", "public", "").await;
    app.app.record_killer_question(&c.leader, &s, "killer-marker-q9").await.unwrap();
    for (text, audience) in
        [("action-marker-q10", format!("relationship:{}", c.with_mentor)), ("action-marker-q11", "private".into())]
    {
        app.app
            .create_action(
                &c.leader,
                &ActionInput { text: text.into(), audience, session_id: Some(s.clone()), ..Default::default() },
            )
            .await
            .unwrap();
    }
    app.app.ask_open_question(&c.leader, "question-marker-q12", "all_my_coaches").await.unwrap();
    app.app.create_position(&c.leader, "position-marker-q13", "", "", std::slice::from_ref(&public)).await.unwrap();
    app.app.publish_page(&c.leader, "").await.unwrap();
    let to_mentor = format!("relationship:{}", c.with_mentor);
    let to_other = format!("relationship:{}", c.with_other);
    for (who, on, body, audience) in [
        (&c.mentor, &to_all, "reply-marker-q14", to_mentor.as_str()),
        (&c.mentor, &to_all, "reply-marker-q15", "item_readers"),
        (&c.leader, &to_all, "reply-marker-q16", to_other.as_str()),
        (&c.mentor, &public, "reply-marker-q17", "item_readers"),
    ] {
        let input = ReplyInput { body: body.into(), audience: audience.into() };
        app.app.reply_to_reflection(who, on, &input).await.unwrap();
    }
    let marker = EXPECTED.iter().enumerate().map(|(i, (what, _))| (*what, format!("q{}", i + 1))).collect();
    Records { session: s, marker }
}

/// Everything a role could look at: the session page, the relationship pages, the prep views,
/// the journal pages, search for each marker, and the public page.
async fn everything_visible_to(app: &TestApp, client: &Client, c: &Cast, r: &Records) -> String {
    let mut pages = String::new();
    let mut paths = vec![
        format!("/journal/sessions/{}", r.session),
        format!("/relationships/{}", c.with_mentor),
        format!("/relationships/{}", c.with_other),
        format!("/relationships/{}/prep", c.with_mentor),
        format!("/relationships/{}/prep", c.with_other),
        "/journal".into(),
        "/journal/questions".into(),
        "/journal/actions".into(),
        "/journal/page".into(),
        "/p/lena-leader".into(),
        "/dashboard".into(),
        "/coaching".into(),
        "/admin".into(),
    ];
    // Every session of both relationships (the second session carries the shared coach note).
    for rel in [&c.with_mentor, &c.with_other] {
        let rid = coachkit_domain::RelationshipId::from_trusted(rel.clone());
        if let Ok(sessions) = app.app.sessions(&c.leader, &rid).await {
            paths.extend(sessions.into_iter().map(|s| format!("/journal/sessions/{}", s.id)));
        }
    }
    for (_, marker) in &r.marker {
        paths.push(format!("/journal/search?q=marker+{marker}"));
    }
    for path in paths {
        let resp = client.get(&path).await;
        let status = resp.status();
        assert!(!status.is_server_error(), "{path}: {status}");
        pages.push_str(&resp.text().await.unwrap_or_default());
    }
    // Reflections open by their own link too.
    for id in app.app.journal(&c.leader, None, 100).await.unwrap().into_iter().map(|r| r.id) {
        pages.push_str(&client.get(&format!("/journal/reflections/{id}")).await.text().await.unwrap_or_default());
        // The thread over JSON too (only signed-in callers get past the 401).
        pages.push_str(
            &client.get(&format!("/api/v1/journal/reflections/{id}/replies")).await.text().await.unwrap_or_default(),
        );
    }
    pages
}

#[tokio::test]
async fn every_role_against_every_journal_record() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let records = arrange(&app, &c).await;
        let mut clients = vec![];
        for email in ["leader", "mentor", "other", "stranger", "facilitator", "admin"] {
            clients.push(client_for(&app, &format!("{email}@example.org")).await);
        }
        clients.push(app.client());
        let mut failures = vec![];
        for (role, client) in ROLES.iter().zip(&clients) {
            let seen = everything_visible_to(&app, client, &c, &records).await;
            for ((what, expected), (_, marker)) in EXPECTED.iter().zip(&records.marker) {
                let col = ROLES.iter().position(|r| r == role).unwrap();
                let should = expected.as_bytes()[col] == b'Y';
                // Markers end in a number; match the whole marker so q1 does not match q10.
                let needle = format!("-marker-{marker}");
                let found = seen
                    .match_indices(&needle)
                    .any(|(i, _)| !seen[i + needle.len()..].starts_with(|ch: char| ch.is_ascii_digit()));
                if found != should {
                    failures.push(format!(
                        "{what} as {role}: expected {}, got {}",
                        if should { "seen" } else { "hidden" },
                        if found { "seen" } else { "hidden" }
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "journal privacy matrix mismatches:\n{}", failures.join("\n"));
        app.stop().await;
    })
    .await;
}
