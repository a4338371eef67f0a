//! The roster over time: the invitation (alone: reminders are the nudges job's, tested in
//! `expert_reminders`), more time, a decline and its replacement, going on without someone, the
//! seal opening, and the goal, plan and thanks after it.

use super::{advice, cast, client_for, expert, secret_for, sent_request, three};
use crate::on_each_backend;
use coachkit_app::AppError;
use coachkit_app::mentoring::StepInput;
use coachkit_domain::mentoring::{ExpertStatus, RequestStatus};
use reqwest::StatusCode;

#[tokio::test]
async fn the_invitation_goes_alone_and_more_time_shows_to_the_leader() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let id = sent_request(&app, &c.leader, "Deciding less myself", three()).await;
        let mail = app.app.store.mail_to("ines@example.org").await.unwrap();
        assert_eq!(mail.len(), 1, "only the invitation: reminders are the nudges job's, never queued ahead");
        let invitation = &mail[0];
        assert!(invitation.subject.contains("would value three pieces of your advice"));
        assert!(invitation.body.contains("Deciding less myself") && invitation.body.contains("/expert/"));

        let secret = secret_for(&app, "ines@example.org").await;
        app.app.save_expert_advice(&secret, &advice("zq", false), true).await.unwrap();
        let dash = client_for(&app, "leader@example.org").await.page("/dashboard", StatusCode::OK).await;
        assert!(dash.contains("Deciding less myself: sealed: 1 of 3 experts have answered"), "{dash}");
        assert!(!dash.contains("zq"), "no advice on the dashboard");

        // More time: the leader sees the new date and the note.
        let otto = secret_for(&app, "otto@elsewhere.example").await;
        let until = time::OffsetDateTime::now_utc().date() + time::Duration::days(30);
        app.app.expert_more_time(&otto, &until.to_string(), "Back from leave on the 20th").await.unwrap();
        let e = app.app.expert_more_time(&otto, "2020-01-01", "").await.unwrap_err();
        assert!(matches!(e, AppError::Invalid(_)));
        let page = client_for(&app, "leader@example.org").await.page(&format!("/advice/{id}"), StatusCode::OK).await;
        assert!(page.contains("asked for more time") && page.contains("Back from leave on the 20th"), "{page}");
        let otto_row = &app.app.store.advice_experts(&id).await.unwrap()[1];
        assert!(otto_row.answer_by > coachkit_store::now_ms() + 29 * coachkit_domain::time::Millis::DAY);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_decline_holds_the_seal_until_the_leader_replaces_the_expert_or_goes_on() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let id = sent_request(&app, &c.leader, "Deciding less myself", three()).await;
        let s: Vec<String> = {
            let mut v = vec![];
            for e in ["ines@example.org", "otto@elsewhere.example", "una@faraway.example"] {
                v.push(secret_for(&app, e).await);
            }
            v
        };
        app.app.save_expert_advice(&s[0], &advice("zqa", false), true).await.unwrap();
        app.app.save_expert_advice(&s[1], &advice("zqb", false), true).await.unwrap();
        app.app.expert_decline(&s[2], "Snowed under this month").await.unwrap();
        let page = app.app.advice_request_page(&c.leader, &id).await.unwrap();
        assert!(page.sealed && page.advice.is_empty(), "a decline does not open the seal");
        assert_eq!(page.experts[2].status, ExpertStatus::Declined);
        assert!(page.can_go_on);

        // Replaced: the newcomer is mailed, the old link is dead, the seal waits for the newcomer.
        let una = page.experts[2].id.clone();
        app.app
            .replace_advice_expert(&c.leader, &id, &una, &expert("Vic Vance", "vic@third.example", "outside"), "")
            .await
            .unwrap();
        assert_eq!(
            client_for(&app, "leader@example.org").await.get(&format!("/expert/{}", s[2])).await.status(),
            StatusCode::NOT_FOUND
        );
        assert!(app.app.expert_page(&s[2]).await.is_err(), "the replaced expert's link no longer works");
        assert!(app.app.advice_request_page(&c.leader, &id).await.unwrap().sealed);
        let vic = secret_for(&app, "vic@third.example").await;
        app.app.save_expert_advice(&vic, &advice("zqc", false), true).await.unwrap();
        let page = app.app.advice_request_page(&c.leader, &id).await.unwrap();
        assert_eq!(page.status, RequestStatus::Open);
        assert_eq!(page.advice.len(), 3);
        assert_eq!(page.advice.iter().map(|a| a.items.len()).sum::<usize>(), 9);
        let opened = app.app.store.mail_to("leader@example.org").await.unwrap();
        assert!(opened.iter().any(|m| m.subject == "All your experts have answered"));

        // Another request: going on without the one who went quiet.
        let id2 = sent_request(&app, &c.leader, "Another thing", three()).await;
        let quiet = app.app.store.advice_experts(&id2).await.unwrap();
        let e = app.app.withdraw_advice_expert(&c.leader, &id2, &quiet[0].id).await;
        assert!(e.is_ok(), "others are still awaited, so leaving one out is fine");
        app.app
            .save_expert_advice(&secret_for(&app, "otto@elsewhere.example").await, &advice("zqd", false), true)
            .await
            .unwrap();
        let e = app.app.withdraw_advice_expert(&c.leader, &id2, &quiet[2].id).await.unwrap_err();
        assert!(matches!(&e, AppError::Conflict(m) if m.contains("At least two experts must have answered")), "{e:?}");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn after_the_seal_the_goal_the_plan_done_and_thanks_reach_the_experts() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let id = sent_request(&app, &c.leader, "Handing over work I am attached to", three()).await;
        let mut secrets = vec![];
        for e in ["ines@example.org", "otto@elsewhere.example", "una@faraway.example"] {
            let s = secret_for(&app, e).await;
            app.app.save_expert_advice(&s, &advice("zq", true), true).await.unwrap();
            secrets.push(s);
        }
        let vague = app.app.save_advice_goal(&c.leader, &id, "Get better at delegating").await.unwrap();
        assert!(!vague.accepted);
        let good = "By 31 March, hand over two pieces of work I am attached to each month and let the owner present the outcome without me.";
        let report = app.app.save_advice_goal(&c.leader, &id, good).await.unwrap();
        assert!(report.accepted, "{report:?}");
        // Shared with the coach: the steps added from now on are shared with the coach too.
        app.app.set_advice_request_audience(&c.leader, &id, &format!("relationship:{}", c.with_coach)).await.unwrap();
        let action = app
            .app
            .add_advice_step(&c.leader, &id, &StepInput { text: "Write the brief for the March pitch".into(), due: "2027-02-01".into() })
            .await
            .unwrap();
        let open = app.app.open_actions(&c.leader).await.unwrap();
        assert!(open.iter().any(|a| a.id == action), "the step is a journal action");
        let dash = client_for(&app, "leader@example.org").await.page("/dashboard", StatusCode::OK).await;
        assert!(dash.contains("Write the brief for the March pitch"), "progress shows on the dashboard");
        let coach_sees = client_for(&app, "coach@example.org").await.page(&format!("/advice/{id}"), StatusCode::OK).await;
        assert!(coach_sees.contains("Write the brief for the March pitch"), "the coach follows the plan");
        assert!(coach_sees.contains("hand over two pieces of work"), "and the goal");
        app.app.finish_advice_request(&c.leader, &id).await.unwrap();
        let sent = app.app.thank_advice_experts(&c.leader, &id, "Thank you: I handed over the March pitch and we won it.").await.unwrap();
        assert_eq!(sent, 3);
        let mail = app.app.store.mail_to("otto@elsewhere.example").await.unwrap();
        assert!(mail.iter().any(|m| m.body.contains("we won it")));
        // The first link still works and shows the thanks beside the expert's own advice.
        let p = app.app.expert_page(&secrets[1]).await.unwrap();
        assert_eq!(p.thanks.as_deref(), Some("Thank you: I handed over the March pitch and we won it."));
        assert!(p.items.iter().all(|i| i.text.ends_with("zq")));
        let page = app.app.advice_request_page(&c.leader, &id).await.unwrap();
        assert_eq!(page.status, RequestStatus::Done);
        assert_eq!(page.steps.len(), 1);
        app.stop().await;
    })
    .await;
}
