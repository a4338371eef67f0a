//! The programme health view over HTTP on both backends: the counts and who is quiet in a
//! learning-log programme and a co-coaching engagement, who may see it (its facilitators and its
//! organisations' admins, nobody else), and that no word anyone wrote reaches it.

use crate::co_coaching::{self as cc, card};
use crate::learning_log::{self as ll, Person, held_session, join, programme};
use crate::on_each_backend;
use coachkit_domain::time::Millis;
use coachkit_store::now_ms;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// Words written by participants that must never reach the health view.
const PRIVATE: [&str; 3] = ["zqhealthtopic", "zqhealthnotes", "zqhealthcard"];

fn assert_no_private(what: &str, body: &str) {
    for word in PRIVATE {
        assert!(!body.contains(word), "{what} shows private text {word}");
    }
}

#[tokio::test]
async fn a_learning_log_programme_counted_with_its_quiet_participant() {
    on_each_backend(|app| async move {
        let cast = ll::cast(&app).await;
        let (fay, pia, otto) = (
            Person::sign_in(&app, "fay@example.org").await,
            Person::sign_in(&app, "pia@example.org").await,
            Person::sign_in(&app, "otto@example.org").await,
        );
        let p = programme(&fay, "Spring cohort", json!({"org_id": cast.org_id})).await;
        join(&fay, &p, &[&pia, &otto]).await;
        fay.expect(
            StatusCode::OK,
            Method::POST,
            &format!("/learning-log/programmes/{p}/invitations"),
            Some(json!({"emails": "nobody-yet@example.org"})),
        )
        .await;
        held_session(&pia, &p, -2, json!({"coachee_name": "Lee"}), "zqhealthtopic", "zqhealthnotes").await;
        // Otto joined nearly three weeks ago and has not been back.
        app.app.store.demo_date_ll_participant(&p, &otto.id, now_ms() - 19 * Millis::DAY).await.unwrap();

        let health = fay.get("/health").await;
        assert_no_private("the facilitator's API", &health.to_string());
        let logs = health["learning_logs"].as_array().unwrap();
        assert_eq!(logs.len(), 1, "{health}");
        let l = &logs[0];
        assert_eq!((l["joined"].as_i64(), l["invited"].as_i64()), (Some(2), Some(1)), "{l}");
        assert_eq!((l["logs_started"].as_i64(), l["logs_finished"].as_i64()), (Some(1), Some(0)), "{l}");
        assert_eq!(l["sessions_in_window"], 1);
        assert_eq!(l["organisation"], "Northwind Sales");
        assert_eq!(l["act_url"], format!("/learning-log/{p}"));
        let quiet = l["quiet"].as_array().unwrap();
        assert_eq!(quiet.len(), 1, "only Otto is quiet: {l}");
        assert_eq!(quiet[0]["name"], "Otto Otherpart");
        assert_eq!(quiet[0]["outstanding"]["kind"], "no_session_yet");
        assert_eq!(quiet[0]["outstanding_text"], "no session logged yet");
        assert!(quiet[0]["last_here_at"].as_i64().is_some());

        // The organisation's admin sees the same counts, without the place to act.
        let olga = Person::sign_in(&app, "olga@example.org").await;
        let seen = olga.get("/health").await;
        assert_eq!(seen["learning_logs"][0]["id"], p.as_str());
        assert_eq!(seen["learning_logs"][0]["quiet"][0]["name"], "Otto Otherpart");
        assert_eq!(seen["learning_logs"][0]["act_url"], Value::Null);

        // The page says the same in words, and the facilitator's dashboard and nav link to it.
        let page = cc::client_for(&app, "fay@example.org").await;
        let html = page.page("/health", StatusCode::OK).await;
        assert!(html.contains("Otto Otherpart") && html.contains("no session logged yet"), "{html}");
        assert!(html.contains(&format!("href=\"/learning-log/{p}\"")));
        assert_no_private("the health page", &html);
        // The window reads as the cohort page writes it: its first and its last day.
        let day = |field: &str| coachkit_domain::time::day_label(Millis(l[field].as_i64().unwrap()));
        let window = format!("{} to {}", day("starts_at"), day("last_day_at"));
        assert!(html.contains(&window), "{window} in {html}");
        assert!(
            page.page(&format!("/learning-log/{p}"), StatusCode::OK).await.contains(&window),
            "the cohort page agrees"
        );
        let dash = page.page("/dashboard", StatusCode::OK).await;
        assert!(dash.contains("href=\"/health\""), "the dashboard links to the view");

        // Participants, another facilitator, the instance admin: refused, and no link.
        for email in ["pia@example.org", "fred@example.org", "ada@example.org"] {
            let who = Person::sign_in(&app, email).await;
            let body = who.expect(StatusCode::FORBIDDEN, Method::GET, "/health", None).await;
            assert!(body["message"].as_str().unwrap_or_default().contains("facilitators"), "{body}");
            let c = cc::client_for(&app, email).await;
            c.page("/health", StatusCode::FORBIDDEN).await;
            assert!(!c.page("/dashboard", StatusCode::OK).await.contains("href=\"/health\""), "{email}");
        }
        Person::anonymous(&app).expect(StatusCode::UNAUTHORIZED, Method::GET, "/health", None).await;
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_co_coaching_engagement_counted_for_its_facilitator_and_both_organisations_admins() {
    on_each_backend(|app| async move {
        let c = cc::cast(&app).await;
        let sam = cc::participant(&app, &c, "a", "Sam Submitter", "sam@a.example").await;
        cc::participant(&app, &c, "b", "Quinn Quiet", "quinn@b.example").await;
        app.app.save_card(&sam, &c.engagement, &card("zqhealthcard keeping new starters", true)).await.unwrap();

        for email in ["fay@example.org", "ann@a.example", "bob@b.example"] {
            let who = Person::sign_in(&app, email).await;
            let health = who.get("/health").await;
            assert_no_private(email, &health.to_string());
            let engagements = health["engagements"].as_array().unwrap();
            assert_eq!(engagements.len(), 1, "{email} sees exactly Fay's engagement: {health}");
            let e = &engagements[0];
            assert_eq!(e["id"], c.engagement.as_str());
            assert_eq!((e["invited"].as_i64(), e["joined"].as_i64()), (Some(2), Some(2)), "{e}");
            assert_eq!((e["cards_submitted"].as_i64(), e["teams"].as_i64()), (Some(1), Some(0)), "{e}");
            let quiet = e["quiet"].as_array().unwrap();
            assert_eq!(quiet.len(), 1, "{e}");
            assert_eq!(quiet[0]["name"], "Quinn Quiet");
            assert_eq!(quiet[0]["outstanding_text"], "no challenge card submitted yet");
            let facilitates = email == "fay@example.org";
            assert_eq!(e["act_url"].is_string(), facilitates, "{email}: {e}");
        }
        // Gus facilitates his own engagement only; the participants and the instance admin see none.
        let gus = Person::sign_in(&app, "gus@example.org").await.get("/health").await;
        let ids: Vec<&str> = gus["engagements"].as_array().unwrap().iter().filter_map(|e| e["id"].as_str()).collect();
        assert_eq!(ids, [c.other_engagement.as_str()]);
        for email in ["sam@a.example", "quinn@b.example", "ada@example.org"] {
            Person::sign_in(&app, email).await.expect(StatusCode::FORBIDDEN, Method::GET, "/health", None).await;
        }
        let html = cc::client_for(&app, "ann@a.example").await.page("/health", StatusCode::OK).await;
        assert!(html.contains("Quinn Quiet") && html.contains("Keeping new starters"), "{html}");
        assert_no_private("the admin's page", &html);
        app.stop().await;
    })
    .await;
}
