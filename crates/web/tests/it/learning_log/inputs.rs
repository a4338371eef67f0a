//! Refused inputs of practice 3 through the API: each answers a clear 4xx naming what to change,
//! and reading back shows nothing was saved.

use super::{Person, cast, day, fields, held_session, join, log_of, programme};
use crate::on_each_backend;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn a_programme_out_of_range_or_unnamed_is_refused_and_not_created() {
    on_each_backend(|app| async move {
        cast(&app).await;
        let fay = Person::sign_in(&app, "fay@example.org").await;
        let (status, body) = fay
            .call(
                Method::POST,
                "/learning-log/programmes",
                Some(json!({"name": "Spring", "weeks": 27, "session_cap": 11})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["code"], "invalid");
        let f = fields(&body);
        assert!(f.contains(&"weeks".to_owned()) && f.contains(&"session_cap".to_owned()), "{body}");
        let (status, body) =
            fay.call(Method::POST, "/learning-log/programmes", Some(json!({"name": "  ", "weeks": "6"}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), ["name"], "{body}");
        let (status, body) = fay
            .call(
                Method::POST,
                "/learning-log/programmes",
                Some(json!({"name": "Spring", "weeks": "six", "toolkit": ["nope"]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(fields(&body).contains(&"toolkit".to_owned()), "{body}");
        // A body of the wrong shape names what it expected.
        let (status, body) = fay
            .call(Method::POST, "/learning-log/programmes", Some(json!({"name": "Spring", "questions": "all"})))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body["message"].as_str().unwrap().contains("questions"), "{body}");
        assert!(fay.get("/learning-log").await["facilitating"].as_array().unwrap().is_empty(), "nothing was created");

        // Changing a programme to 27 weeks is refused the same way, and it keeps its six.
        let p = programme(&fay, "Spring cohort", json!({})).await;
        let (status, body) = fay
            .call(
                Method::PUT,
                &format!("/learning-log/programmes/{p}"),
                Some(json!({"name": "Spring cohort", "weeks": 27})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), ["weeks"], "{body}");
        let cohort = fay.get(&format!("/learning-log/programmes/{p}")).await;
        assert_eq!(cohort["programme"]["weeks"], 6);
        assert_eq!(cohort["programme"]["session_cap"], 5);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn over_the_cap_outside_the_window_and_one_session_as_both_cases_are_refused() {
    on_each_backend(|app| async move {
        cast(&app).await;
        let fay = Person::sign_in(&app, "fay@example.org").await;
        let pia = Person::sign_in(&app, "pia@example.org").await;
        let p = programme(&fay, "Two sessions", json!({"session_cap": 2, "weeks": 2})).await;
        join(&fay, &p, &[&pia]).await;
        let sessions = format!("/learning-log/programmes/{p}/sessions");

        // Before the window opened, and after it closed: refused, nothing planned.
        for days in [-8, 8] {
            let (status, body) = pia
                .call(
                    Method::POST,
                    &sessions,
                    Some(json!({"held_on": day(days), "topic": "Too early or late", "coachee_name": "Sam"})),
                )
                .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert_eq!(fields(&body), ["held_on"], "{body}");
            assert!(body["message"].as_str().unwrap().contains("outside the programme's window"), "{body}");
        }
        assert!(log_of(&pia, &p).await["sessions"].as_array().unwrap().is_empty(), "nothing was planned");

        let a = held_session(&pia, &p, -2, json!({"coachee_name": "Sam"}), "Delegating the rota", "Sam owns it").await;
        let b = held_session(&pia, &p, -1, json!({"coachee_name": "Ravi"}), "Late deliveries", "Ravi tries").await;
        let (status, body) = pia
            .call(Method::POST, &sessions, Some(json!({"held_on": day(0), "topic": "A third", "coachee_name": "Mo"})))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "over the cap: {body}");
        assert!(body["message"].as_str().unwrap().contains("at most 2"), "{body}");
        let log = log_of(&pia, &p).await;
        assert_eq!(log["sessions"].as_array().unwrap().len(), 2, "the third was not saved");
        assert_eq!(log["can_plan"], false);

        // Moving a session out of the window is refused, and it keeps its day.
        let before = log["sessions"][0]["held_on"].clone();
        let (status, body) = pia
            .call(
                Method::PUT,
                &format!("{sessions}/{a}"),
                Some(json!({"held_on": day(30), "topic": "Delegating the rota"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), ["held_on", "held_on"], "a held session cannot move ahead either: {body}");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains("outside the programme's window") && message.contains("still to come"), "{body}");
        let (status, body) = pia
            .call(Method::PUT, &format!("{sessions}/{a}"), Some(json!({"held_on": day(-9), "topic": "Delegating"})))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), ["held_on"], "{body}");
        let log = log_of(&pia, &p).await;
        assert_eq!(log["sessions"][0]["held_on"], before);
        assert_eq!(log["sessions"][0]["topic"], "Delegating the rota");

        // One session as the Best and the Most Challenging: refused, neither chosen.
        let cases = format!("/learning-log/programmes/{p}/cases");
        let (status, body) = pia.call(Method::PUT, &cases, Some(json!({"best": a, "hardest": a}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), ["hardest"], "{body}");
        assert!(body["message"].as_str().unwrap().contains("different session"), "{body}");
        let log = log_of(&pia, &p).await;
        assert!(log["best_session_id"].is_null() && log["hardest_session_id"].is_null(), "{log}");

        // Answers before a case is chosen are refused too.
        let answers = format!("/learning-log/programmes/{p}/answers");
        let (status, body) = pia
            .call(Method::PUT, &answers, Some(json!({"answers": [{"case": "best", "position": 0, "answer": "Early"}]})))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), ["case"], "{body}");

        // An answer over 4,000 characters: the whole batch is refused, the good one with it.
        pia.no_content(Method::PUT, &cases, Some(json!({"best": a, "hardest": b}))).await;
        let long = "x".repeat(4_001);
        let (status, body) = pia
            .call(
                Method::PUT,
                &answers,
                Some(json!({"answers": [
                    {"case": "best", "position": 0, "answer": "I asked before I told"},
                    {"case": "hardest", "position": 1, "answer": long},
                ]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), ["answer"], "{body}");
        assert!(body["message"].as_str().unwrap().contains("to question 2"), "{body}");
        let log = log_of(&pia, &p).await;
        assert_eq!(log["answered"], 0, "nothing was saved: {}", log["answers"][0]);
        // Exactly 4,000 is fine.
        pia.no_content(
            Method::PUT,
            &answers,
            Some(json!({"answers": [{"case": "hardest", "position": 1, "answer": "y".repeat(4_000)}]})),
        )
        .await;
        assert_eq!(log_of(&pia, &p).await["answers"][1]["hardest"]["text"].as_str().unwrap().len(), 4_000);
        // A question the programme does not have, and a skill we do not tag.
        let (status, body) = pia
            .call(
                Method::PUT,
                &answers,
                Some(json!({"answers": [{"case": "best", "position": 16, "answer": "No such question"},
                                        {"case": "best", "position": 0, "answer": "Tagged", "skill": "juggling"}]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), ["position", "skill"], "{body}");
        assert_eq!(log_of(&pia, &p).await["answered"], 1);

        // A case with answers cannot move to another session (they describe the one chosen);
        // nothing changes, and it moves once its answers are emptied.
        let (status, body) = pia.call(Method::PUT, &cases, Some(json!({"best": b, "hardest": a}))).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body["message"].as_str().unwrap().contains("most challenging"), "{body}");
        let log = log_of(&pia, &p).await;
        assert_eq!(
            (log["best_session_id"].as_str(), log["hardest_session_id"].as_str()),
            (Some(a.as_str()), Some(b.as_str()))
        );
        pia.no_content(
            Method::PUT,
            &answers,
            Some(json!({"answers": [{"case": "hardest", "position": 1, "answer": ""}]})),
        )
        .await;
        pia.no_content(Method::PUT, &cases, Some(json!({"best": b, "hardest": a}))).await;
        pia.no_content(Method::PUT, &cases, Some(json!({"best": a, "hardest": b}))).await;

        // A case cannot be deleted from under its answers.
        let (status, body) = pia.call(Method::DELETE, &format!("{sessions}/{a}"), None).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(log_of(&pia, &p).await["sessions"].as_array().unwrap().len(), 2);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn another_programmes_sessions_and_participants_are_not_found_here() {
    on_each_backend(|app| async move {
        cast(&app).await;
        let fay = Person::sign_in(&app, "fay@example.org").await;
        let fred = Person::sign_in(&app, "fred@example.org").await;
        let pia = Person::sign_in(&app, "pia@example.org").await;
        let otto = Person::sign_in(&app, "otto@example.org").await;
        let p = programme(&fay, "Spring cohort", json!({})).await;
        let q = programme(&fred, "Autumn cohort", json!({})).await;
        join(&fay, &p, &[&pia]).await;
        join(&fred, &q, &[&pia, &otto]).await;
        let in_q = held_session(&pia, &q, -2, json!({"coachee_name": "Sam"}), "Autumn topic", "Autumn notes").await;
        let in_p = held_session(&pia, &p, -2, json!({"coachee_name": "Ravi"}), "Spring topic", "Spring notes").await;

        // A session of programme Q through programme P's paths: not found, and left as it was.
        let wrong = format!("/learning-log/programmes/{p}/sessions/{in_q}");
        let (status, body) =
            pia.call(Method::PUT, &wrong, Some(json!({"held_on": day(-1), "topic": "Moved into spring"}))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (status, _) =
            pia.call(Method::POST, &format!("{wrong}/record"), Some(json!({"goal": "Spring notes"}))).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = pia.call(Method::DELETE, &wrong, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, body) = pia
            .call(
                Method::PUT,
                &format!("/learning-log/programmes/{p}/cases"),
                Some(json!({"best": in_q, "hardest": in_p})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), ["best"], "{body}");
        let q_log = log_of(&pia, &q).await;
        assert_eq!(q_log["sessions"][0]["topic"], "Autumn topic");
        assert_eq!(q_log["sessions"][0]["notes"]["goal"], "Autumn notes");
        let p_log = log_of(&pia, &p).await;
        assert_eq!(p_log["sessions"].as_array().unwrap().len(), 1);
        assert!(p_log["best_session_id"].is_null() && p_log["hardest_session_id"].is_null());

        // Otto takes part in Q only: through P he is not found, whatever Fay tries.
        let him = format!("/learning-log/programmes/{p}/participants/{}", otto.id);
        let (status, _) = fay
            .call(Method::PUT, &format!("{him}/coach-session"), Some(json!({"when": format!("{}T09:00", day(10))})))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = fay.call(Method::PUT, &format!("{him}/note"), Some(json!({"note": "About Otto"}))).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = fay.call(Method::GET, &format!("{him}/pack"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let cohort = fred.get(&format!("/learning-log/programmes/{q}")).await;
        let line =
            cohort["participants"].as_array().unwrap().iter().find(|l| l["user_id"] == otto.id.as_str()).unwrap();
        assert!(line["coach_session_at"].is_null(), "nothing was booked for Otto: {line}");
        // Nor may the facilitator of P book Pia's session in Q, nor Fred anything in P.
        let (status, _) = fay
            .call(
                Method::PUT,
                &format!("/learning-log/programmes/{q}/participants/{}/coach-session", pia.id),
                Some(json!({"when": format!("{}T09:00", day(10))})),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) =
            fred.call(Method::PUT, &format!("/learning-log/programmes/{p}"), Some(json!({"name": "Taken over"}))).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(fay.get(&format!("/learning-log/programmes/{p}")).await["programme"]["name"], "Spring cohort");
        // A participant may not run the programme they take part in.
        let (status, body) = pia.call(Method::POST, &format!("/learning-log/programmes/{p}/link"), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        // Malformed ids are simply not found.
        let (status, _) = pia.call(Method::GET, "/learning-log/programmes/not-an-id/log", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn sessions_planned_at_the_same_moment_do_not_slip_over_the_cap() {
    on_each_backend(|app| async move {
        cast(&app).await;
        let fay = Person::sign_in(&app, "fay@example.org").await;
        let pia = Person::sign_in(&app, "pia@example.org").await;
        let p = programme(&fay, "Two sessions", json!({"session_cap": 2})).await;
        join(&fay, &p, &[&pia]).await;
        let path = format!("/learning-log/programmes/{p}/sessions");
        let plan = |n: i64| {
            pia.call(
                Method::POST,
                &path,
                Some(json!({"held_on": day(-n), "topic": format!("Session {n}"), "coachee_name": "Sam"})),
            )
        };
        let (a, b, c, d) = tokio::join!(plan(1), plan(2), plan(3), plan(4));
        let statuses = [a.0, b.0, c.0, d.0];
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CREATED).count(), 2, "{statuses:?}");
        assert!(
            statuses
                .iter()
                .all(|s| [StatusCode::CREATED, StatusCode::CONFLICT, StatusCode::UNPROCESSABLE_ENTITY].contains(s)),
            "a refusal is a clear 4xx: {statuses:?}"
        );
        let log = log_of(&pia, &p).await;
        assert_eq!(log["sessions"].as_array().unwrap().len(), 2, "{log}");
        assert_eq!(fay.get(&format!("/learning-log/programmes/{p}")).await["participants"][0]["planned"], 2);
        app.stop().await;
    })
    .await;
}
