//! Practice 3 through the JSON API alone, end to end: a facilitator sets up a programme with
//! edited questions and invites by e-mail; the participant follows the mailed link, joins, plans
//! and records sessions, chooses the two cases, answers, turns "stop, start, continue" into three
//! journal actions and shares the pack. The facilitator sees the progress counts all along, and
//! the pack only once it is shared.

use crate::learning_log::{Person, cast, day, log_of};
use crate::on_each_backend;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn a_programme_runs_from_invitation_to_a_shared_pack_through_the_api() {
    on_each_backend(|app| async move {
        cast(&app).await;
        let fay = Person::sign_in(&app, "fay@example.org").await;
        let questions = json!([
            {"key": "did", "prompt": "What did I actually do, in order?"},
            {"key": "stop_start_continue", "prompt": "What will I stop, start and continue?"},
            {"key": "bring_to_coach", "prompt": "What do I bring to my coach?"},
        ]);
        let p = fay
            .create(
                "/learning-log/programmes",
                json!({"name": "Spring cohort", "training": "Coaching master class", "starts_on": day(-7),
                       "weeks": "6", "session_cap": 5, "questions": questions, "toolkit": ["grow", "listening"]}),
            )
            .await;
        let base = format!("/learning-log/programmes/{p}");
        let invited = fay
            .expect(
                StatusCode::OK,
                Method::POST,
                &format!("{base}/invitations"),
                Some(json!({"emails": "nina@example.org", "note": "See you in the log!"})),
            )
            .await;
        assert_eq!(invited["invited"], 1);
        let (status, body) = fay
            .call(Method::POST, &format!("{base}/invitations"), Some(json!({"emails": "nina@example.org, not an address"})))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(app.app.store.mail_to("nina@example.org").await.unwrap().len(), 1, "one bad address invites nobody");

        // The mail carries the join link.
        let mail = app.app.store.mail_to("nina@example.org").await.unwrap();
        assert_eq!(mail[0].subject, "An invitation to Spring cohort");
        assert!(mail[0].body.contains("See you in the log!") && mail[0].body.contains("up to 5 coaching sessions"));
        let prefix = format!("{}/learning-log/join/", app.base_url);
        let at = mail[0].body.find(&prefix).unwrap_or_else(|| panic!("no join link: {}", mail[0].body)) + prefix.len();
        let secret: String = mail[0].body[at..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let cohort = fay.get(&base).await;
        assert_eq!(cohort["invitations"][0]["email"], "nina@example.org");
        assert!(cohort["invitations"][0]["accepted_by"].is_null());

        // Nina reads where the link leads without an account, then signs up and joins.
        let nobody = Person::anonymous(&app);
        let preview = nobody.get(&format!("/learning-log/join/{secret}")).await;
        assert_eq!(preview["programme"]["name"], "Spring cohort");
        assert_eq!(preview["facilitators"], json!(["Fay Facilitator"]));
        assert_eq!(preview["already_in"], false);
        let (status, _) = nobody.call(Method::POST, &format!("/learning-log/join/{secret}"), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "joining needs an account");
        let (status, _) = nobody.call(Method::GET, &format!("/learning-log/join/{}", "0".repeat(64)), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = nobody
            .call(
                Method::POST,
                "/signup",
                Some(json!({"email": "nina@example.org", "display_name": "Nina Newleader", "password": crate::PW})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let nina = Person::sign_in(&app, "nina@example.org").await;
        let joined = nina.expect(StatusCode::OK, Method::POST, &format!("/learning-log/join/{secret}"), None).await;
        assert_eq!(joined["id"], p.as_str());
        assert_eq!(nina.get(&format!("/learning-log/join/{secret}")).await["already_in"], true);
        assert_eq!(fay.get(&base).await["invitations"][0]["accepted_by"], "Nina Newleader");

        // The facilitator renames it and gives it eight weeks; the first day stays.
        let before = fay.get(&base).await["programme"].clone();
        fay.no_content(
            Method::PUT,
            &base,
            Some(json!({"name": "Spring cohort 2026", "training": "Coaching master class", "weeks": 8, "session_cap": "5"})),
        )
        .await;
        let after = nina.get("/learning-log").await["taking_part"][0].clone();
        assert_eq!(after["name"], "Spring cohort 2026");
        assert_eq!(after["weeks"], 8);
        assert_eq!(after["starts_at"], before["starts_at"]);
        assert_eq!(after["days_left"].as_i64().unwrap(), before["days_left"].as_i64().unwrap() + 14, "{after}");

        // Her log: the programme's own questions and resources.
        let log = log_of(&nina, &p).await;
        assert_eq!(log["questions"].as_array().unwrap().len(), 3);
        assert_eq!(log["questions"][1]["prompt"], "What will I stop, start and continue?");
        assert_eq!(log["answers_expected"], 6);
        assert_eq!(log["resources"].as_array().unwrap().len(), 2);
        assert_eq!(log["shared"], false);

        // Plans three sessions, records two, deletes one she will not hold.
        let sessions = format!("{base}/sessions");
        let mut ids = vec![];
        for (days, who, topic) in [(-5, "Sam", "Taking over the rota"), (-2, "Ravi", "Missed deadlines"), (3, "Mo", "Career")] {
            ids.push(
                nina.create(&sessions, json!({"held_on": day(days), "coachee_name": who, "topic": topic,
                    "goal": format!("{who} leaves with a plan")}))
                .await,
            );
        }
        let (status, body) =
            nina.call(Method::POST, &format!("{sessions}/{}/record", ids[2]), Some(json!({"goal": "Too soon"}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a session still to come is not held yet: {body}");
        for id in &ids[..2] {
            nina.no_content(
                Method::POST,
                &format!("{sessions}/{id}/record"),
                Some(json!({"goal": "Agreed the goal", "reality": "Where things stand", "options": "Three ways",
                            "way_forward": "First step on Monday"})),
            )
            .await;
        }
        nina.no_content(
            Method::PUT,
            &format!("{sessions}/{}", ids[2]),
            Some(json!({"held_on": day(4), "topic": "Career, next steps"})),
        )
        .await;
        let cohort = fay.get(&base).await;
        let line = &cohort["participants"][0];
        assert_eq!((line["planned"].as_i64(), line["held"].as_i64()), (Some(3), Some(2)), "{line}");
        assert_eq!(line["shared"], false);
        nina.no_content(Method::DELETE, &format!("{sessions}/{}", ids[2]), None).await;
        let log = log_of(&nina, &p).await;
        assert_eq!(log["sessions"].as_array().unwrap().len(), 2);
        assert!(log["sessions"].as_array().unwrap().iter().all(|s| s["held"] == true));
        assert_eq!(log["sessions"][0]["notes"]["way_forward"], "First step on Monday");

        // The two cases, and answers saved as she goes.
        nina.no_content(Method::PUT, &format!("{base}/cases"), Some(json!({"best": ids[0], "hardest": ids[1]}))).await;
        let answers = format!("{base}/answers");
        nina.no_content(
            Method::PUT,
            &answers,
            Some(json!({"answers": [
                {"case": "best", "position": 0, "answer": "I asked Sam what he would do first", "skill": "open_questions"},
                {"case": "hardest", "position": 0, "answer": "I listened to Ravi before deciding", "skill": "listening"},
            ]})),
        )
        .await;
        nina.no_content(
            Method::PUT,
            &answers,
            Some(json!({"answers": [
                {"case": "best", "position": 1,
                 "answer": "Stop answering my own questions, start waiting for the answer, and continue booking the time"},
                {"case": "best", "position": 2, "answer": "How to stay quiet for longer"},
            ]})),
        )
        .await;
        let log = log_of(&nina, &p).await;
        assert_eq!(log["answered"], 4);
        assert_eq!(log["best_session_id"], ids[0].as_str());
        assert_eq!(log["sessions"][0]["case"], "best");
        assert_eq!(log["answers"][0]["hardest"]["text"], "I listened to Ravi before deciding");
        assert_eq!(log["answers"][0]["best"]["skill_label"], "Open questions");
        assert_eq!(log["skills"].as_array().unwrap().len(), 2);

        // Stop, start, continue: three private journal actions.
        let made = nina
            .expect(StatusCode::CREATED, Method::POST, &format!("{base}/answers/best/1/actions"), None)
            .await;
        assert_eq!(made["ids"].as_array().unwrap().len(), 3, "{made}");
        let actions = nina.get("/journal/actions").await.to_string();
        for text in ["Stop answering my own questions", "Start waiting for the answer", "Continue booking the time"] {
            assert!(actions.contains(text), "{text} in {actions}");
        }
        let (status, _) = nina.call(Method::POST, &format!("{base}/answers/hardest/1/actions"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "no answer there");

        // The facilitator sees the counts, never the pack, until she shares it.
        let cohort = fay.get(&base).await;
        let line = &cohort["participants"][0];
        assert_eq!(line["held"], 2);
        assert_eq!(line["held_in_window"], 2);
        assert_eq!(line["cases_chosen"], 2);
        assert_eq!(line["answered"], 4);
        assert_eq!(line["answers_expected"], 6);
        assert_eq!(line["shared"], false);
        assert!(cohort["skills"].as_array().unwrap().is_empty(), "skills count shared logs only");
        let text = cohort.to_string();
        assert!(!text.contains("Sam") && !text.contains("stay quiet"), "no text of the log: {text}");
        let pack = format!("{base}/participants/{}/pack", nina.id);
        let (status, _) = fay.call(Method::GET, &pack, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        nina.no_content(Method::PUT, &format!("{base}/share"), Some(json!({"shared": true}))).await;
        assert_eq!(log_of(&nina, &p).await["shared"], true);
        let seen = fay.get(&pack).await;
        assert_eq!(seen["role"], "facilitator");
        assert_eq!(seen["participant_name"], "Nina Newleader");
        assert_eq!(seen["answers"][1]["best"]["text"], log_of(&nina, &p).await["answers"][1]["best"]["text"]);
        assert!(seen["coachees"].as_array().unwrap().is_empty() && seen["skills"].as_array().unwrap().is_empty());
        let cohort = fay.get(&base).await;
        assert_eq!(cohort["participants"][0]["shared"], true);
        assert_eq!(cohort["shared_logs"], 1);
        assert_eq!(cohort["skills"].as_array().unwrap().len(), 2);

        // The agenda of the coach-the-coach session is her answer about what to bring.
        fay.no_content(
            Method::PUT,
            &format!("{base}/participants/{}/coach-session", nina.id),
            Some(json!({"when": format!("{}T10:00", day(14))})),
        )
        .await;
        assert_eq!(log_of(&nina, &p).await["coach_session"]["agenda"], json!(["How to stay quiet for longer"]));
        assert_eq!(fay.get(&base).await["participants"][0]["answered"], 4, "counts stay whatever is shared");

        nina.no_content(Method::PUT, &format!("{base}/share"), Some(json!({"shared": false}))).await;
        let (status, _) = fay.call(Method::GET, &pack, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "taken back");
        let cohort = fay.get(&base).await;
        assert_eq!(cohort["participants"][0]["answered"], 4);
        assert_eq!(cohort["participants"][0]["shared"], false);
        app.stop().await;
    })
    .await;
}
