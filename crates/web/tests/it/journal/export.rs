//! Export and import of everything one person wrote: what goes in (only what they wrote), the
//! Markdown zip, the round trip to a fresh instance, idempotence, and refused files.

use super::{Cast, cast, client_for, reflection, session};
use crate::on_each_backend;
use crate::relationships::account;
use coachkit_app::journal::export::{ExportDocument, MAX_IMPORT_BYTES, to_json};
use coachkit_app::journal::{ActionInput, SessionInput};
use coachkit_app::{Actor, AppError};
use coachkit_domain::RelationshipId;
use coachkit_testkit::{TestApp, spawn_app};
use reqwest::StatusCode;
use std::io::Read;

/// Texts the leader wrote, and texts the mentor wrote (some of them shared with the leader).
const LEADER_TEXTS: [&str; 7] = [
    "Agenda: where my time goes",
    "LEADER-DETAIL of the first session",
    "LEADER-REFLECTION on saying no",
    "What would you stop doing tomorrow?",
    "Decline two standing meetings",
    "How do I lead without being in every room?",
    "Local services first",
];
const MENTOR_TEXTS: [&str; 4] = [
    "MENTOR-DETAIL nobody else reads",
    "MENTOR-SHARED-NOTE for the leader",
    "MENTOR-REFLECTION public",
    "MENTOR-TOOLKIT",
];

/// Ids of what the leader wrote, for later checks.
struct Written {
    first: String,
    loose: String,
}

/// The leader's journal across both mentors, and the mentor's own notes beside it.
async fn write_journal(app: &TestApp, c: &Cast) -> Written {
    let a = &app.app;
    let first = session(app, &c.leader, &c.with_mentor, LEADER_TEXTS[0]).await;
    session(app, &c.leader, &c.with_other, "Agenda with Otto").await;
    let by_mentor = SessionInput {
        starts_at: "2026-11-15T10:00".into(),
        status: "planned".into(),
        agenda: "Agenda the mentor set".into(),
        ..Default::default()
    };
    a.plan_session(&c.mentor, &RelationshipId::from_trusted(c.with_mentor.clone()), &by_mentor).await.unwrap();
    a.write_session_detail(&c.leader, &first, LEADER_TEXTS[1]).await.unwrap();
    a.write_session_detail(&c.mentor, &first, MENTOR_TEXTS[0]).await.unwrap();
    a.write_coach_note(&c.mentor, &first, MENTOR_TEXTS[1], true).await.unwrap();
    let to_mentor = format!("relationship:{}", c.with_mentor);
    let on_first = reflection(app, &c.leader, Some(&first), LEADER_TEXTS[2], &to_mentor, "Time, Saying no").await;
    let loose = reflection(app, &c.leader, None, "A public note on localism", "public", "Localism").await;
    reflection(app, &c.mentor, None, MENTOR_TEXTS[2], "public", "").await;
    a.record_killer_question(&c.leader, &first, LEADER_TEXTS[3]).await.unwrap();
    let action = ActionInput {
        text: LEADER_TEXTS[4].into(),
        due: "2026-12-01".into(),
        audience: to_mentor.clone(),
        assignee: "partner".into(),
        session_id: Some(first.clone()),
        ..Default::default()
    };
    a.create_action(&c.leader, &action).await.unwrap();
    let question = a.ask_open_question(&c.leader, LEADER_TEXTS[5], "all_my_coaches").await.unwrap();
    a.link_progress(&c.leader, &question, &on_first).await.unwrap();
    a.create_position(&c.leader, LEADER_TEXTS[6], "Because they are near.", "Localism", std::slice::from_ref(&loose))
        .await
        .unwrap();
    a.publish_page(&c.leader, "first version").await.unwrap();
    a.add_toolkit_question(&c.mentor, MENTOR_TEXTS[3]).await.unwrap();
    Written { first, loose }
}

#[tokio::test]
async fn an_export_holds_what_its_person_wrote_and_nothing_another_wrote() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let w = write_journal(&app, &c).await;
        let leader = client_for(&app, "leader@example.org").await;
        let r = leader.get("/journal/export.json").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/json");
        let disposition = r.headers()["content-disposition"].to_str().unwrap().to_owned();
        assert!(disposition.starts_with("attachment; filename=\"coachkit-export-"), "{disposition}");
        assert_eq!(r.headers()["cache-control"], "no-store");
        let text = r.text().await.unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["format"], "coachkit-export");
        assert_eq!(doc["version"], 1);
        for t in LEADER_TEXTS {
            assert!(text.contains(t), "the leader's export holds {t:?}");
        }
        for t in MENTOR_TEXTS {
            assert!(!text.contains(t), "the leader's export must not hold the mentor's {t:?}");
        }
        // The session the mentor created is the leader's shared record too; partners by name and address.
        assert!(text.contains("Agenda the mentor set"));
        assert!(text.contains("\"email\": \"mentor@example.org\"") && text.contains("\"name\": \"Mo Mentor\""));
        assert!(text.contains(&format!("\"audience\": \"partner:{}\"", c.with_mentor)));
        assert!(text.contains(&w.loose));

        // The mentor's export: their own notes on the leader's session, not its agenda or the
        // leader's detail, reflection or killer question.
        let mentor = serde_json::to_string(&app.app.export_json(&c.mentor).await.unwrap()).unwrap();
        for t in MENTOR_TEXTS {
            assert!(mentor.contains(t), "the mentor's export holds {t:?}");
        }
        for t in LEADER_TEXTS {
            assert!(!mentor.contains(t), "the mentor's export must not hold the leader's {t:?}");
        }
        let doc = app.app.export_json(&c.mentor).await.unwrap();
        let first = doc.sessions.iter().find(|s| s.id == w.first).unwrap();
        assert!(first.shared_record.is_none() && first.my_coach_note.as_ref().unwrap().shared_with_partner);
        assert!(doc.sessions.iter().any(|s| s.shared_record.as_ref().is_some_and(|r| r.agenda.is_some())));

        // Signed out, there is nothing to download.
        let r = app.client().get("/journal/export.json").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(r.headers()["location"].to_str().unwrap().starts_with("/signin"));
        assert!(leader.page("/settings", StatusCode::OK).await.contains("href=\"/journal/export.zip\""));
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_markdown_zip_has_a_file_per_session_and_the_rest() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        write_journal(&app, &c).await;
        let r = client_for(&app, "leader@example.org").await.get("/journal/export.zip").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/zip");
        let bytes = r.bytes().await.unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "README.md",
                "actions.md",
                "coachkit-export.json",
                "questions.md",
                "reflections-without-session.md",
                "replies.md",
                "sessions/2026-11-01-with-mo-mentor.md",
                "sessions/2026-11-01-with-otto-other.md",
                "sessions/2026-11-15-with-mo-mentor.md",
                "what-i-think.md",
            ]
        );
        let mut read = |name: &str| {
            let mut s = String::new();
            zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
            s
        };
        let first = read("sessions/2026-11-01-with-mo-mentor.md");
        assert!(first.starts_with("# Session with Mo Mentor, 1 Nov 2026"), "{first}");
        for t in &LEADER_TEXTS[..5] {
            assert!(first.contains(t), "{t:?} in {first}");
        }
        assert!(first.contains("## My private detail") && first.contains("shared with Mo Mentor"));
        let all: String = names.iter().map(|n| read(n)).collect();
        for t in MENTOR_TEXTS {
            assert!(!all.contains(t), "no file holds the mentor's {t:?}");
        }
        assert!(read("questions.md").contains(LEADER_TEXTS[5]));
        assert!(read("what-i-think.md").contains(LEADER_TEXTS[6]) && read("what-i-think.md").contains("Version 1"));
        assert!(read("README.md").contains("only what you wrote"));
        app.stop().await;
    })
    .await;
}

/// The export file of the leader, as the download gives it.
async fn leader_file(app: &TestApp, leader: &Actor) -> Vec<u8> {
    to_json(&app.app.export_json(leader).await.unwrap()).unwrap()
}

#[tokio::test]
async fn an_import_recreates_the_journal_elsewhere_and_a_second_adds_nothing() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        write_journal(&app, &c).await;
        let file = leader_file(&app, &c.leader).await;
        // Back into the account it came from: everything is already there.
        let again = app.app.import_json(&c.leader, &file).await.unwrap();
        assert_eq!(again.created("reflections") + again.created("sessions") + again.created("page versions"), 0);
        assert_eq!(again.already_here("reflections"), 2);

        let there = spawn_app(app.backend).await;
        let me = account(&there, "Lena Moved", "lena@elsewhere.example.org").await;
        let report = there.app.import_json(&me, &file).await.unwrap();
        for (kind, n) in [
            ("relationships", 2),
            ("sessions", 3),
            ("reflections", 2),
            ("killer questions", 1),
            ("actions", 1),
            ("open questions", 1),
            ("positions", 1),
            ("page versions", 1),
        ] {
            assert_eq!(report.created(kind), n, "{kind}: {report}");
        }
        let said = report.to_string();
        assert!(
            said.contains("reach nobody") && said.contains("assigned to nobody") && said.contains("not up"),
            "{said}"
        );

        let a = &there.app;
        let journal = a.journal(&me, None, 50).await.unwrap();
        let on_first = journal.iter().find(|r| r.body == LEADER_TEXTS[2]).unwrap();
        assert_eq!(on_first.themes, ["Saying no", "Time"]);
        let labels: Vec<String> = a.theme_overview(&me).await.unwrap().into_iter().map(|t| t.label).collect();
        assert!(["Time", "Saying no", "Localism"].iter().all(|l| labels.iter().any(|x| x == l)), "{labels:?}");
        let actions = a.all_actions(&me).await.unwrap();
        assert_eq!(actions.len(), 1);
        assert_eq!(actions[0].text, LEADER_TEXTS[4]);
        let questions = a.open_questions(&me).await.unwrap();
        assert_eq!(questions[0].progress[0].body, LEADER_TEXTS[2], "progress links follow");
        let positions = a.positions(&me).await.unwrap();
        assert_eq!(positions[0].statement, LEADER_TEXTS[6]);
        assert_eq!(positions[0].evidence[0].body, "A public note on localism");
        let page = a.page_state(&me).await.unwrap();
        assert_eq!((page.current_version, page.published), (1, 0), "versions come back, the page is not up");
        assert_eq!(a.question_bank(&me).await.unwrap()[0].text, LEADER_TEXTS[3]);
        let rels = a.relationships(&me).await.unwrap();
        assert_eq!(rels.len(), 2);
        assert!(rels.iter().all(|r| r.status.as_str() == "ended" && r.coach_id.is_none()));
        assert!(rels.iter().any(|r| r.invitee_email.as_deref() == Some("mentor@example.org")));

        // The mentor's address has an account here too: it still sees nothing of the history.
        let mentor_there = account(&there, "Mo Mentor", "mentor@example.org").await;
        assert!(a.relationships(&mentor_there).await.unwrap().is_empty());
        assert!(matches!(a.reflection(&mentor_there, &on_first.id).await, Err(AppError::NotFound(_))));

        let second = a.import_json(&me, &file).await.unwrap();
        assert!(second.counts.iter().all(|c| c.created == 0), "{second}");
        assert_eq!(second.already_here("reflections"), 2);
        assert_eq!(a.journal(&me, None, 50).await.unwrap().len(), 2);
        assert_eq!(a.relationships(&me).await.unwrap().len(), 2);
        there.stop().await;
        app.stop().await;
    })
    .await;
}

/// Asserts that an import was refused with a message mentioning `says`, and wrote nothing.
async fn assert_refused(app: &TestApp, me: &Actor, file: &[u8], says: &str) {
    match app.app.import_json(me, file).await {
        Err(AppError::Invalid(problems)) => {
            let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
            assert!(text.iter().any(|t| t.contains(says)), "{says:?} in {text:?}");
        }
        other => panic!("expected a refusal mentioning {says:?}, got {other:?}"),
    }
    let a = &app.app;
    assert!(a.journal(me, None, 10).await.unwrap().is_empty(), "nothing written");
    assert!(a.relationships(me).await.unwrap().is_empty() && a.all_actions(me).await.unwrap().is_empty());
    assert!(a.positions(me).await.unwrap().is_empty() && a.toolkit(me).await.unwrap().is_empty());
}

#[tokio::test]
async fn bad_files_are_refused_with_a_reason_and_write_nothing() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        write_journal(&app, &c).await;
        let good: ExportDocument = serde_json::from_slice(&leader_file(&app, &c.leader).await).unwrap();
        let there = spawn_app(app.backend).await;
        let me = account(&there, "Lena Moved", "lena@elsewhere.example.org").await;

        assert_refused(&there, &me, b"hello", "is not a JSON export file").await;
        assert_refused(&there, &me, br#"{"format":"zip","version":1}"#, "this is not a coachkit export file").await;
        assert_refused(&there, &me, br#"{"format":"coachkit-export","version":2}"#, "reads version 1").await;
        assert_refused(&there, &me, &vec![b' '; MAX_IMPORT_BYTES + 1], "is too large").await;
        let mut shape = serde_json::to_value(&good).unwrap();
        shape["reflections"][0]["body"] = serde_json::json!(42);
        assert_refused(&there, &me, &serde_json::to_vec(&shape).unwrap(), "does not match the export format").await;

        let edited = |change: &dyn Fn(&mut ExportDocument)| {
            let mut doc = good.clone();
            change(&mut doc);
            to_json(&doc).unwrap()
        };
        let long = edited(&|d| d.reflections[0].body = "x".repeat(20_001));
        assert_refused(&there, &me, &long, "body in reflections[0] is too long").await;
        let dangling = edited(&|d| d.reflections[1].session = Some(uuid::Uuid::now_v7().to_string()));
        assert_refused(&there, &me, &dangling, "session in reflections[1] names no entry of sessions").await;
        // Only the last record is wrong: the records before it are not written either.
        let last = edited(&|d| d.toolkit.push(toolkit_question(d, "")));
        assert_refused(&there, &me, &last, "text in toolkit[0] must not be empty").await;
        let public_action = edited(&|d| d.actions[0].audience = "public".into());
        assert_refused(&there, &me, &public_action, "audience in actions[0] is not allowed").await;
        there.stop().await;
        app.stop().await;
    })
    .await;
}

fn toolkit_question(d: &ExportDocument, text: &str) -> coachkit_app::journal::export::ToolkitQuestion {
    coachkit_app::journal::export::ToolkitQuestion {
        id: uuid::Uuid::now_v7().to_string(),
        text: text.into(),
        created_at: d.exported_at,
    }
}
