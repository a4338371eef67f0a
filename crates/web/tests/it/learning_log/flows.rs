//! The programme over time, through the API: the coach-the-coach booking and its calendar file,
//! a copy for one's own team, questions frozen once answered, and a case study that waits for its
//! coachee's consent before it is published and readable by anyone.

use super::{Person, cast, day, held_session, join, log_of, programme};
use crate::on_each_backend;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn sequence_of(ics: &Value) -> i64 {
    let text = ics.as_str().unwrap_or_else(|| panic!("not a calendar file: {ics}"));
    assert!(text.starts_with("BEGIN:VCALENDAR"), "{text}");
    let line = text.lines().find(|l| l.starts_with("SEQUENCE:")).unwrap_or_else(|| panic!("no SEQUENCE: {text}"));
    line["SEQUENCE:".len()..].trim().parse().unwrap()
}

#[tokio::test]
async fn booking_the_coach_the_coach_session_gives_a_calendar_file_whose_sequence_grows_when_moved() {
    on_each_backend(|app| async move {
        cast(&app).await;
        let fay = Person::sign_in(&app, "fay@example.org").await;
        let pia = Person::sign_in(&app, "pia@example.org").await;
        let p = programme(&fay, "Spring cohort", json!({})).await;
        join(&fay, &p, &[&pia]).await;
        let mine = format!("/learning-log/programmes/{p}/coach-session.ics");
        let hers = format!("/learning-log/programmes/{p}/participants/{}/coach-session.ics", pia.id);
        let (status, _) = pia.call(Method::GET, &mine, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "nothing booked yet");

        let book = format!("/learning-log/programmes/{p}/participants/{}/coach-session", pia.id);
        let (status, body) = fay.call(Method::PUT, &book, Some(json!({"when": "next Tuesday"}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(super::fields(&body), ["when"]);
        fay.no_content(Method::PUT, &book, Some(json!({"when": format!("{}T14:30", day(21)), "place": "Room 4"})))
            .await;
        let r = pia.client.get(&format!("/api/v1{mine}")).await;
        assert_eq!(r.headers()["content-type"], "text/calendar; charset=utf-8");
        let first = pia.get(&mine).await;
        let text = first.as_str().unwrap();
        assert!(text.contains("SUMMARY:Coach-the-coach: Pia Participant (Spring cohort)"), "{text}");
        let start = day(21).replace('-', "");
        assert!(text.contains(&format!("DTSTART:{start}T143000Z")), "{text}");
        assert_eq!(
            fay.get(&hers).await.as_str().unwrap().lines().find(|l| l.starts_with("UID:")),
            text.lines().find(|l| l.starts_with("UID:")),
            "one event, whoever asks"
        );
        let seq = sequence_of(&first);

        fay.no_content(Method::PUT, &book, Some(json!({"when": format!("{}T09:00", day(22))}))).await;
        let moved = pia.get(&mine).await;
        assert_eq!(sequence_of(&moved), seq + 1, "moving it bumps the sequence");
        assert!(moved.as_str().unwrap().contains(&format!("DTSTART:{}T090000Z", day(22).replace('-', ""))));
        let log = log_of(&pia, &p).await;
        assert_eq!(log["coach_session"]["place"], Value::Null, "the move left out the place");
        let mail = app.app.store.mail_to("pia@example.org").await.unwrap();
        let booked: Vec<_> =
            mail.iter().filter(|m| m.subject == "Your coach-the-coach session, Spring cohort").collect();
        assert_eq!(booked.len(), 2, "booked, then moved");
        assert!(booked.iter().any(|m| m.body.contains("has moved your coach-the-coach session")));
        assert!(booked.iter().all(|m| m.body.contains(&format!("/learning-log/{p}/coach-session.ics"))));
        let cohort = fay.get(&format!("/learning-log/programmes/{p}")).await;
        assert_eq!(cohort["participants"][0]["coach_session_at"], log["coach_session"]["at"]);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_programme_copied_for_my_own_team_keeps_its_questions_and_makes_me_its_facilitator() {
    on_each_backend(|app| async move {
        cast(&app).await;
        let fay = Person::sign_in(&app, "fay@example.org").await;
        let pia = Person::sign_in(&app, "pia@example.org").await;
        let questions = json!([
            {"key": "did", "prompt": "What did I do, step by step?"},
            {"key": "stop_start_continue", "prompt": "Stop, start, continue?"},
            {"key": "", "prompt": "Which customer did it touch?"},
        ]);
        let p = programme(
            &fay,
            "Spring cohort",
            json!({"questions": questions, "toolkit": ["grow"], "weeks": 4, "session_cap": 3,
            "resources": [{"title": "Our playbook", "url": "https://example.org/playbook"}]}),
        )
        .await;
        join(&fay, &p, &[&pia]).await;
        let copy = pia
            .create(&format!("/learning-log/programmes/{p}/copy"), json!({"name": "My managers", "starts_on": day(0)}))
            .await;
        let original = fay.get(&format!("/learning-log/programmes/{p}")).await;
        let mine = pia.get(&format!("/learning-log/programmes/{copy}")).await;
        assert_eq!(mine["questions"], original["questions"], "the same questions, in the same order");
        assert_eq!(mine["questions"][2]["key"], "custom");
        assert_eq!(mine["questions"][1]["makes_actions"], true);
        assert_eq!(mine["resources"], original["resources"]);
        assert_eq!(mine["programme"]["weeks"], 4);
        assert_eq!(mine["programme"]["session_cap"], 3);
        assert_eq!(mine["programme"]["copied_from"], p.as_str());
        assert_eq!(mine["facilitators"], json!(["Pia Participant"]));
        assert_eq!(mine["programme"]["starts_at"].as_i64().unwrap() % 86_400_000, 0);
        let home = pia.get("/learning-log").await;
        assert_eq!(home["facilitating"][0]["id"], copy.as_str());
        assert_eq!(home["taking_part"][0]["id"], p.as_str());
        // The original is untouched, and its facilitator does not run the copy.
        assert!(original["participants"].as_array().unwrap().iter().any(|l| l["user_id"] == pia.id.as_str()));
        let (status, _) = fay.call(Method::GET, &format!("/learning-log/programmes/{copy}"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // Someone outside the programme cannot copy it.
        let fred = Person::sign_in(&app, "fred@example.org").await;
        let (status, _) = fred
            .call(Method::POST, &format!("/learning-log/programmes/{p}/copy"), Some(json!({"name": "Mine now"})))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(fred.get("/learning-log").await["facilitating"].as_array().unwrap().is_empty());
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn questions_can_be_edited_until_someone_answers_then_stay_as_asked() {
    on_each_backend(|app| async move {
        cast(&app).await;
        let fay = Person::sign_in(&app, "fay@example.org").await;
        let pia = Person::sign_in(&app, "pia@example.org").await;
        let p = programme(&fay, "Spring cohort", json!({})).await;
        join(&fay, &p, &[&pia]).await;
        let edit = format!("/learning-log/programmes/{p}/questions");
        let set = json!({"questions": [{"key": "did", "prompt": "What did I do?"}, {"key": "learned", "prompt": "What did I learn?"}]});
        fay.no_content(Method::PUT, &edit, Some(set)).await;
        let (status, body) = fay.call(Method::PUT, &edit, Some(json!({"questions": [{"key": "did", "prompt": " "}]}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, _) = pia.call(Method::PUT, &edit, Some(json!({"questions": [{"key": "did", "prompt": "Mine"}]}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a participant does not edit the questions");
        let cohort = fay.get(&format!("/learning-log/programmes/{p}")).await;
        assert_eq!(cohort["questions"].as_array().unwrap().len(), 2);
        assert_eq!(cohort["questions_editable"], true);

        let a = held_session(&pia, &p, -2, json!({"coachee_name": "Sam"}), "Rota", "Sam owns it").await;
        pia.no_content(Method::PUT, &format!("/learning-log/programmes/{p}/cases"), Some(json!({"best": a}))).await;
        pia.no_content(
            Method::PUT,
            &format!("/learning-log/programmes/{p}/answers"),
            Some(json!({"answers": [{"case": "best", "position": 1, "answer": "To wait before I answer"}]})),
        )
        .await;
        let (status, body) = fay
            .call(Method::PUT, &edit, Some(json!({"questions": [{"key": "did", "prompt": "Something else entirely"}]})))
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(body["code"], "conflict");
        let log = log_of(&pia, &p).await;
        assert_eq!(log["answers"][1]["question"]["prompt"], "What did I learn?", "the answer sits beside its question");
        assert_eq!(log["answers"][1]["best"]["text"], "To wait before I answer");
        let cohort = fay.get(&format!("/learning-log/programmes/{p}")).await;
        assert_eq!(cohort["questions_editable"], false);
        assert_eq!(cohort["questions"][0]["prompt"], "What did I do?");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_case_study_about_a_coachee_with_an_account_waits_for_their_consent_then_is_public() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let fay = Person::sign_in(&app, "fay@example.org").await;
        let pia = Person::sign_in(&app, "pia@example.org").await;
        let cleo = Person::sign_in(&app, "cleo@example.org").await;
        let nobody = Person::anonymous(&app);
        let p = programme(&fay, "Spring cohort", json!({})).await;
        join(&fay, &p, &[&pia]).await;
        let log = log_of(&pia, &p).await;
        assert_eq!(log["coachees"], json!([[c.with_cleo, "Cleo Coachee"]]), "Cleo is someone Pia coaches here");
        let s = held_session(
            &pia,
            &p,
            -2,
            json!({"relationship_id": c.with_cleo}),
            "Cleo's first big account",
            "Cleo leads",
        )
        .await;
        assert_eq!(log_of(&pia, &p).await["sessions"][0]["coachee_on_coachkit"], true);
        pia.no_content(Method::PUT, &format!("/learning-log/programmes/{p}/cases"), Some(json!({"best": s}))).await;
        pia.no_content(
            Method::PUT,
            &format!("/learning-log/programmes/{p}/answers"),
            Some(json!({"answers": [{"case": "best", "position": 0, "answer": "I let Cleo choose the first step"}]})),
        )
        .await;
        let (status, body) = pia
            .call(Method::POST, &format!("/learning-log/programmes/{p}/case-studies"), Some(json!({"case": "hardest"})))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "no Most Challenging chosen: {body}");
        let id = pia
            .create(
                &format!("/learning-log/programmes/{p}/case-studies"),
                json!({"case": "best", "coachee_alias": "an account manager"}),
            )
            .await;
        let cs = format!("/learning-log/case-studies/{id}");
        let draft = pia.get(&cs).await;
        assert_eq!(draft["state"], "draft");
        assert_eq!(draft["needs_coachee"], true);
        let body = draft["body"].as_str().unwrap();
        assert!(body.contains("I let an account manager choose the first step") && !body.contains("Cleo"), "{body}");
        let title = draft["title"].as_str().unwrap();
        assert_eq!(title, "Best coaching case: an account manager's first big account", "the title is anonymised too");
        let (status, _) = cleo.call(Method::GET, &cs, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "a draft is its author's alone");

        let publish = format!("{cs}/published");
        let (status, body) = pia.call(Method::PUT, &publish, Some(json!({"published": true}))).await;
        assert_eq!(status, StatusCode::CONFLICT, "no consent at all yet: {body}");
        pia.no_content(Method::POST, &format!("{cs}/consent"), None).await;
        let (status, body) = pia.call(Method::PUT, &publish, Some(json!({"published": true}))).await;
        assert_eq!(status, StatusCode::CONFLICT, "the coachee has not agreed: {body}");
        assert!(body["message"].as_str().unwrap().contains("cannot be published yet"), "{body}");
        let (status, _) = nobody.call(Method::GET, &format!("{cs}/public"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "not public before it is published");

        // Cleo is asked, reads it, agrees to what she read.
        let home = cleo.get("/learning-log").await;
        assert_eq!(home["to_consent"][0]["id"], id.as_str());
        let shown = cleo.get(&cs).await;
        assert_eq!(shown["asks_me"], true);
        let (status, body) =
            pia.call(Method::POST, &format!("{cs}/coachee-consent"), Some(json!({"seen": shown["updated_at"]}))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "the author cannot consent for the coachee: {body}");
        let (status, body) = cleo.call(Method::POST, &format!("{cs}/coachee-consent"), Some(json!({"seen": 1}))).await;
        assert_eq!(status, StatusCode::CONFLICT, "agreeing to an older text: {body}");
        cleo.no_content(Method::POST, &format!("{cs}/coachee-consent"), Some(json!({"seen": shown["updated_at"]})))
            .await;
        assert_eq!(pia.get(&cs).await["state"], "ready to publish");
        pia.no_content(Method::PUT, &publish, Some(json!({"published": true}))).await;

        let public = nobody.get(&format!("{cs}/public")).await;
        assert_eq!(public["published"], true);
        assert_eq!(public["title"], draft["title"]);
        assert_eq!(public["mine"], false);
        assert!(public["blockers"].as_array().unwrap().is_empty());
        let (status, body) = pia.call(Method::PUT, &cs, Some(json!({"title": "Changed", "body": "Changed"}))).await;
        assert_eq!(status, StatusCode::CONFLICT, "a published text is withdrawn before it changes: {body}");
        pia.no_content(Method::PUT, &publish, Some(json!({"published": false}))).await;
        let (status, _) = nobody.call(Method::GET, &format!("{cs}/public"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "withdrawn");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_session_behind_a_case_study_stays_so_its_coachee_must_still_consent() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let fay = Person::sign_in(&app, "fay@example.org").await;
        let pia = Person::sign_in(&app, "pia@example.org").await;
        let nobody = Person::anonymous(&app);
        let p = programme(&fay, "Spring cohort", json!({})).await;
        join(&fay, &p, &[&pia]).await;
        let base = format!("/learning-log/programmes/{p}");
        let with_cleo =
            held_session(&pia, &p, -3, json!({"relationship_id": c.with_cleo}), "Cleo's account", "Cleo leads").await;
        let other = held_session(&pia, &p, -2, json!({"coachee_name": "Sam"}), "Sam's rota", "Sam owns it").await;
        pia.no_content(Method::PUT, &format!("{base}/cases"), Some(json!({"best": with_cleo}))).await;
        let id = pia.create(&format!("{base}/case-studies"), json!({"case": "best"})).await;
        let cs = format!("/learning-log/case-studies/{id}");

        // Another session becomes the Best; the one with Cleo is no longer a case, but a case
        // study was drawn from it, so it cannot be deleted from under the study.
        pia.no_content(Method::PUT, &format!("{base}/cases"), Some(json!({"best": other}))).await;
        let (status, body) = pia.call(Method::DELETE, &format!("{base}/sessions/{with_cleo}"), None).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body["message"].as_str().unwrap().contains("case study"), "{body}");
        assert_eq!(log_of(&pia, &p).await["sessions"].as_array().unwrap().len(), 2, "nothing deleted");

        // So the study still needs Cleo: consenting alone does not publish it.
        assert_eq!(pia.get(&cs).await["needs_coachee"], true);
        pia.no_content(Method::POST, &format!("{cs}/consent"), None).await;
        let (status, body) = pia.call(Method::PUT, &format!("{cs}/published"), Some(json!({"published": true}))).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let (status, _) = nobody.call(Method::GET, &format!("{cs}/public"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // A session no study was drawn from is deleted as before.
        let spare = pia
            .create(&format!("{base}/sessions"), json!({"held_on": day(1), "topic": "Spare", "coachee_name": "Mo"}))
            .await;
        pia.no_content(Method::DELETE, &format!("{base}/sessions/{spare}"), None).await;
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_co_facilitator_added_by_email_follows_the_programme_with_notes_of_their_own() {
    on_each_backend(|app| async move {
        cast(&app).await;
        let fay = Person::sign_in(&app, "fay@example.org").await;
        let fred = Person::sign_in(&app, "fred@example.org").await;
        let pia = Person::sign_in(&app, "pia@example.org").await;
        let p = programme(&fay, "Spring cohort", json!({})).await;
        join(&fay, &p, &[&pia]).await;
        let base = format!("/learning-log/programmes/{p}");
        let add = format!("{base}/facilitators");
        let (status, _) = fred.call(Method::GET, &base, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // An address with no account names nobody here: a 404 that still names the field.
        let (status, body) = fay.call(Method::POST, &add, Some(json!({"email": "nobody@example.org"}))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        assert_eq!(super::fields(&body), ["email"]);
        let (status, _) = pia.call(Method::POST, &add, Some(json!({"email": "fred@example.org"}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a participant does not add facilitators");
        let added = fay.expect(StatusCode::OK, Method::POST, &add, Some(json!({"email": "fred@example.org"}))).await;
        assert_eq!(added["display_name"], "Fred Otherfac");
        let (status, body) = fay.call(Method::POST, &add, Some(json!({"email": "fred@example.org"}))).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let mail = app.app.store.mail_to("fred@example.org").await.unwrap();
        assert!(mail.iter().any(|m| m.subject == "You now facilitate Spring cohort"));

        // Fred sees the cohort now, and the pack once shared, each with a note of his own.
        let cohort = fred.get(&base).await;
        assert_eq!(cohort["participants"][0]["user_id"], pia.id.as_str());
        let pack = format!("{base}/participants/{}/pack", pia.id);
        let (status, _) = fred.call(Method::GET, &pack, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "not shared yet");
        pia.no_content(Method::PUT, &format!("{base}/share"), Some(json!({"shared": true}))).await;
        let note = format!("{base}/participants/{}/note", pia.id);
        fay.no_content(Method::PUT, &note, Some(json!({"note": "Fay's own note"}))).await;
        fred.no_content(Method::PUT, &note, Some(json!({"note": "Fred's own note"}))).await;
        assert_eq!(fred.get(&pack).await["my_note"], "Fred's own note");
        assert_eq!(fay.get(&pack).await["my_note"], "Fay's own note");
        let log = log_of(&pia, &p).await.to_string();
        assert!(!log.contains("own note"), "the notes are the facilitators' alone");
        app.stop().await;
    })
    .await;
}
