//! The privacy matrix for practice 3, over HTTP on both backends: every record kind (the log's
//! sessions and answers, the facilitator's private note, a case study as a draft, shown to its
//! coachee and published, the cohort's progress) against every role, while the log is private,
//! once the participant shares the pack, and after they take it back. Every API response and page
//! a role can reach, and every mail in the outbox, is searched for each record's marker. The expected
//! tables are written out by hand.

use super::{Cast, Person, cast, held_session, join, programme};
use crate::on_each_backend;
use coachkit_testkit::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::json;

/// Roles, in the column order of the tables: the participant who wrote the log; the facilitator
/// of their programme; the facilitator of another programme; Cleo, whom the participant coaches;
/// another participant of the same programme; the admin of the programme's organisation; the
/// instance admin; nobody.
const ROLES: [&str; 8] = [
    "author",
    "facilitator",
    "other_facilitator",
    "coachee",
    "other_participant",
    "org_admin",
    "instance_admin",
    "anonymous",
];

const EMAILS: [&str; 7] = ["pia", "fay", "fred", "cleo", "otto", "olga", "ada"];

/// The log's sessions (topic and notes), its answers, the facilitator's note, the three case
/// studies, and the cohort's progress (its lines are the only place `held_in_window` appears).
const PRIVATE: [(&str, &str); 7] = [
    //                     A F X C P O I N
    ("zqsession", "Y......."),
    ("zqanswer", "Y......."),
    ("zqfacnote", "........"),
    ("zqdraft", "Y......."),
    ("zqshown", "Y..Y...."),
    ("zqpublished", "YYYYYYYY"),
    ("\"held_in_window\"", ".Y......"),
];

/// The participant shared the pack with the programme's facilitators; the facilitator wrote a note.
const SHARED: [(&str, &str); 7] = [
    //                     A F X C P O I N
    ("zqsession", "YY......"),
    ("zqanswer", "YY......"),
    ("zqfacnote", ".Y......"),
    ("zqdraft", "Y......."),
    ("zqshown", "Y..Y...."),
    ("zqpublished", "YYYYYYYY"),
    ("\"held_in_window\"", ".Y......"),
];

/// The participant took the pack back: the facilitator's note stays, but beside nothing they may read.
const UNSHARED: [(&str, &str); 7] = [
    //                     A F X C P O I N
    ("zqsession", "Y......."),
    ("zqanswer", "Y......."),
    ("zqfacnote", "........"),
    ("zqdraft", "Y......."),
    ("zqshown", "Y..Y...."),
    ("zqpublished", "YYYYYYYY"),
    ("\"held_in_window\"", ".Y......"),
];

struct World {
    programme: String,
    pia: String,
    case_studies: [String; 3],
}

/// Pia logs two held sessions (one with Cleo through their relationship, one with a name alone),
/// chooses both cases, answers, and turns her log into three case studies: a draft, one shown to
/// Cleo for consent, and a published one about the session with no account behind it.
async fn arrange(c: &Cast, people: &[Person]) -> World {
    let [pia, fay, fred, _, otto, ..] = people else { unreachable!() };
    let p = programme(fay, "Spring cohort", json!({"org_id": c.org_id})).await;
    programme(fred, "Autumn cohort", json!({})).await;
    join(fay, &p, &[pia, otto]).await;
    let base = format!("/learning-log/programmes/{p}");
    let with_cleo =
        held_session(pia, &p, -5, json!({"relationship_id": c.with_cleo}), "zqsession delegation", "zqsession goal")
            .await;
    let named =
        held_session(pia, &p, -3, json!({"coachee_name": "Sam Someone"}), "zqsession a hard talk", "zqsession").await;
    pia.no_content(Method::PUT, &format!("{base}/cases"), Some(json!({"best": with_cleo, "hardest": named}))).await;
    pia.no_content(
        Method::PUT,
        &format!("{base}/answers"),
        Some(json!({"answers": [
            {"case": "best", "position": 0, "answer": "I asked zqanswer open questions", "skill": "open_questions"},
            {"case": "hardest", "position": 0, "answer": "I listened zqanswer", "skill": "listening"},
        ]})),
    )
    .await;
    let mut ids = vec![];
    for (case, marker) in [("best", "zqdraft"), ("best", "zqshown"), ("hardest", "zqpublished")] {
        let id =
            pia.create(&format!("{base}/case-studies"), json!({"case": case, "coachee_alias": "a colleague"})).await;
        pia.no_content(
            Method::PUT,
            &format!("/learning-log/case-studies/{id}"),
            Some(json!({"title": format!("A case {marker}"), "body": format!("What happened, {marker}.")})),
        )
        .await;
        ids.push(id);
    }
    pia.no_content(Method::POST, &format!("/learning-log/case-studies/{}/consent", ids[1]), None).await;
    pia.no_content(Method::POST, &format!("/learning-log/case-studies/{}/consent", ids[2]), None).await;
    pia.no_content(
        Method::PUT,
        &format!("/learning-log/case-studies/{}/published", ids[2]),
        Some(json!({"published": true})),
    )
    .await;
    // The coach-the-coach session, so its calendar files are there to be asked for.
    fay.no_content(
        Method::PUT,
        &format!("{base}/participants/{}/coach-session", pia.id),
        Some(json!({"when": format!("{}T10:00", super::day(20)), "place": "Room 4"})),
    )
    .await;
    // A note before the pack is shared is refused: there is nothing it may sit beside.
    let (status, body) = fay
        .call(Method::PUT, &format!("{base}/participants/{}/note", pia.id), Some(json!({"note": "zqfacnote early"})))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    World { programme: p, pia: pia.id.clone(), case_studies: [ids[0].clone(), ids[1].clone(), ids[2].clone()] }
}

/// Everything a person (or nobody) could reach about the practice, through the API and the pages.
async fn sees(person: &Person, w: &World) -> String {
    let p = &w.programme;
    let mut paths = vec![
        "/learning-log".to_owned(),
        format!("/learning-log/programmes/{p}"),
        format!("/learning-log/programmes/{p}/log"),
        format!("/learning-log/programmes/{p}/participants/{}/pack", w.pia),
        format!("/learning-log/programmes/{p}/coach-session.ics"),
        format!("/learning-log/programmes/{p}/participants/{}/coach-session.ics", w.pia),
        "/journal/search?q=delegation".to_owned(),
        "/journal/search?q=listened".to_owned(),
        "/journal/actions".to_owned(),
        "/admin/outbox".to_owned(),
    ];
    for cs in &w.case_studies {
        paths.push(format!("/learning-log/case-studies/{cs}"));
        paths.push(format!("/learning-log/case-studies/{cs}/public"));
    }
    let mut out = String::new();
    // The pages too: what the API hides, a page must not show.
    let mut pages = vec![
        "/learning-log".to_owned(),
        "/dashboard".to_owned(),
        format!("/learning-log/{p}"),
        format!("/learning-log/{p}/log"),
        format!("/learning-log/{p}/pack"),
        format!("/learning-log/{p}/participants/{}", w.pia),
        format!("/learning-log/{p}/coach-session.ics"),
        format!("/learning-log/{p}/participants/{}/coach-session.ics", w.pia),
        // Searched for words beside the markers (a search page repeats its query).
        "/journal/search?q=delegation".to_owned(),
        "/journal/search?q=listened".to_owned(),
        "/journal/export.json".to_owned(),
        "/admin".to_owned(),
    ];
    pages.extend(w.case_studies.iter().map(|cs| format!("/case-studies/{cs}")));
    for path in pages {
        let r = person.client.get(&path).await;
        assert!(!r.status().is_server_error(), "{path}: {}", r.status());
        out.push_str(&r.text().await.unwrap_or_default());
    }
    for path in paths {
        let (status, body) = person.call(Method::GET, &path, None).await;
        assert!(!status.is_server_error(), "{path}: {status} {body}");
        out.push_str(&body.to_string());
    }
    out
}

async fn everyone(people: &[Person], w: &World) -> Vec<String> {
    let mut seen = vec![];
    for p in people {
        seen.push(sees(p, w).await);
    }
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

/// No mail carries a word anyone wrote in a log, a note or a case study.
async fn mail_carries_nothing(app: &TestApp, phase: &str, failures: &mut Vec<String>) {
    let mails = app.app.store.recent_mail(10_000).await.unwrap();
    assert!(!mails.is_empty(), "the booking mailed Pia");
    for m in mails {
        for (marker, _) in PRIVATE.iter().take(6) {
            if m.body.contains(marker) || m.subject.contains(marker) {
                failures.push(format!("{phase}: the mail to {} carries {marker}", m.to_addr));
            }
        }
    }
}

#[tokio::test]
async fn a_log_its_note_its_case_studies_and_the_cohort_are_shown_as_the_policy_says() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let mut people = vec![];
        for name in EMAILS {
            people.push(Person::sign_in(&app, &format!("{name}@example.org")).await);
        }
        people.push(Person::anonymous(&app));
        let w = arrange(&c, &people).await;
        let (pia, fay) = (&people[0], &people[1]);
        let base = format!("/learning-log/programmes/{}", w.programme);
        let mut failures = vec![];

        // Who is refused how: someone else's programme is not confirmed to exist.
        for (who, expected) in [
            (2, StatusCode::NOT_FOUND),
            (3, StatusCode::NOT_FOUND),
            (4, StatusCode::FORBIDDEN),
            (5, StatusCode::NOT_FOUND),
            (6, StatusCode::NOT_FOUND),
            (7, StatusCode::UNAUTHORIZED),
        ] {
            let (status, body) = people[who].call(Method::GET, &base, None).await;
            assert_eq!(status, expected, "the cohort as {}: {body}", ROLES[who]);
        }

        let seen = everyone(&people, &w).await;
        compare("private", &PRIVATE, &seen, &mut failures);
        mail_carries_nothing(&app, "private", &mut failures).await;
        let (status, _) = fay.call(Method::GET, &format!("{base}/participants/{}/pack", w.pia), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "an unshared pack is not there for the facilitator");

        pia.no_content(Method::PUT, &format!("{base}/share"), Some(json!({"shared": true}))).await;
        fay.no_content(
            Method::PUT,
            &format!("{base}/participants/{}/note", w.pia),
            Some(json!({"note": "Ask about zqfacnote the hard talk"})),
        )
        .await;
        let seen = everyone(&people, &w).await;
        compare("shared", &SHARED, &seen, &mut failures);
        // The pages alone show what the tables say, not only the API.
        let own = pia.client.page(&format!("/learning-log/{}/log", w.programme), StatusCode::OK).await;
        assert!(own.contains("zqanswer"), "{own}");
        let shared_pack =
            fay.client.page(&format!("/learning-log/{}/participants/{}", w.programme, w.pia), StatusCode::OK).await;
        assert!(shared_pack.contains("zqsession") && shared_pack.contains("zqfacnote"), "{shared_pack}");
        mail_carries_nothing(&app, "shared", &mut failures).await;

        pia.no_content(Method::PUT, &format!("{base}/share"), Some(json!({"shared": false}))).await;
        let seen = everyone(&people, &w).await;
        compare("unshared", &UNSHARED, &seen, &mut failures);
        mail_carries_nothing(&app, "unshared", &mut failures).await;
        // The note is still the facilitator's: sharing again shows it to them, and only them.
        pia.no_content(Method::PUT, &format!("{base}/share"), Some(json!({"shared": true}))).await;
        let pack = fay.get(&format!("{base}/participants/{}/pack", w.pia)).await;
        assert_eq!(pack["my_note"], "Ask about zqfacnote the hard talk");
        assert!(!log_has_note(&super::log_of(pia, &w.programme).await));

        assert!(failures.is_empty(), "learning-log privacy matrix mismatches:\n{}", failures.join("\n"));
        app.stop().await;
    })
    .await;
}

fn log_has_note(log: &serde_json::Value) -> bool {
    log.to_string().contains("zqfacnote")
}
