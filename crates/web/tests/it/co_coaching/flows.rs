//! The practice's flows over HTTP on both backends: joining by link without an account,
//! reminders cancelled by submitting, moving a date (a higher calendar sequence and a mail),
//! teaming with rejections honoured when the suggestion runs again, session two cancelled when
//! no team forms (a mail and a METHOD:CANCEL file), and the demo.

use super::{card_id, cast, client_for, dates, participant, secret_for};
use crate::on_each_backend;
use coachkit_app::co_coaching::InviteInput;
use coachkit_domain::co_coaching::Stage;
use reqwest::StatusCode;

#[tokio::test]
async fn an_invitee_without_an_account_signs_up_through_the_link_and_reminders_stop_at_submit() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let e = c.engagement.clone();
        let invite = InviteInput { side: "b".into(), name: "Nia New".into(), email: "nia@b.example".into() };
        app.app.invite_participant(&c.facilitator, &e, &invite).await.unwrap();
        let secret = secret_for(&app, "nia@b.example").await;
        let link = format!("/co-coaching/join/{secret}");
        let nobody = app.client();
        let html = nobody.page(&link, StatusCode::OK).await;
        assert!(html.contains("Open minds; what is said stays here.") && html.contains("Beta Freight"), "{html}");
        // Not agreeing to the ground rules: refused next to the box, no account made.
        let r = nobody.submit(&link, &link, &[("display_name", "Nia New"), ("password", crate::PW)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("Please confirm you take part willingly"));
        assert!(app.app.store.user_by_email("nia@b.example").await.unwrap().is_none());
        let r =
            nobody.submit(&link, &link, &[("display_name", "Nia New"), ("password", crate::PW), ("agree", "1")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = nobody.page(&format!("/co-coaching/{e}"), StatusCode::OK).await;
        assert!(page.contains("you take part for Beta Freight"), "{page}");
        // The link was single-use.
        assert_eq!(app.client().get(&link).await.status(), StatusCode::NOT_FOUND);

        // Card reminders are nudges now, found as session one nears (ten days ahead): five days
        // before, a first one; submitting a card voids the second before it is sent.
        let nia = app.app.store.user_by_email("nia@b.example").await.unwrap().unwrap();
        let one = app.app.store.engagement(&e).await.unwrap().unwrap().session_one_at;
        let five_before = (one - 5 * 86_400_000).div_euclid(86_400_000) * 86_400_000 + 14 * 3_600_000;
        let five_before = if five_before < one - 5 * 86_400_000 { five_before + 86_400_000 } else { five_before };
        app.app.run_nudges_at(five_before).await.unwrap();
        let reminders = |mails: Vec<coachkit_store::MailRow>| {
            mails.into_iter().filter(|m| m.body.contains("challenge card")).count()
        };
        assert_eq!(reminders(app.app.store.mail_to("nia@b.example").await.unwrap()), 1);
        let r = nobody
            .submit(
                &format!("/co-coaching/{e}"),
                &format!("/co-coaching/{e}/cards"),
                &[
                    ("position", "1"),
                    ("what", "Night shift turnover"),
                    ("why", "Agency costs"),
                    ("success", "A settled shift"),
                    ("submit", "1"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        app.app.run_nudges_at(five_before + 3 * 86_400_000).await.unwrap();
        assert_eq!(reminders(app.app.store.mail_to("nia@b.example").await.unwrap()), 1, "no second reminder");
        let states: Vec<String> =
            app.app.store.nudges_of(&nia.id).await.unwrap().into_iter().map(|n| n.state).collect();
        assert_eq!(states, vec!["folded".to_owned()], "the first went in her digest; no second was recorded");
        // The facilitator sees who has submitted, not what.
        let fay = client_for(&app, "fay@example.org").await;
        let page = fay.page(&format!("/co-coaching/{e}"), StatusCode::OK).await;
        assert!(page.contains("1 of 1 cards submitted") && !page.contains("Night shift turnover"), "{page}");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn moving_a_date_raises_the_calendar_sequence_and_tells_everyone() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let e = c.engagement.clone();
        participant(&app, &c, "a", "Aya One", "a1@a.example").await;
        let fay = client_for(&app, "fay@example.org").await;
        assert!(fay.page(&format!("/co-coaching/{e}/sessions/2.ics"), StatusCode::OK).await.contains("SEQUENCE:0\r\n"));
        let moved = dates(40);
        let r = fay
            .submit(
                &format!("/co-coaching/{e}"),
                &format!("/co-coaching/{e}/sessions"),
                &[
                    ("session_one_at", &moved.session_one_at),
                    ("session_one_place", "Room 3"),
                    ("session_two_at", &moved.session_two_at),
                    ("session_two_place", ""),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let ics = fay.page(&format!("/co-coaching/{e}/sessions/2.ics"), StatusCode::OK).await;
        assert!(ics.contains("SEQUENCE:1\r\n") && ics.contains("METHOD:PUBLISH"), "{ics}");
        let mails = app.app.store.mail_to("a1@a.example").await.unwrap();
        assert!(mails.iter().any(|m| m.subject.contains("dates have moved") && m.body.contains("/sessions/2.ics")));
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn rejected_pairs_stay_rejected_and_no_team_cancels_session_two() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let e = c.engagement.clone();
        let a1 = participant(&app, &c, "a", "Aya One", "a1@a.example").await;
        let b1 = participant(&app, &c, "b", "Bea One", "b1@b.example").await;
        let a2 = participant(&app, &c, "a", "Abe Two", "a2@a.example").await;
        let b2 = participant(&app, &c, "b", "Ben Two", "b2@b.example").await;
        let write = |what: &str, why: &str, success: &str| coachkit_app::co_coaching::CardInput {
            position: 1,
            what: what.into(),
            why: why.into(),
            success: success.into(),
            submit: true,
        };
        let drivers = write(
            "New delivery drivers leave in their first months",
            "Training each driver costs weeks.",
            "Most new drivers stay past a year.",
        );
        let officers = write(
            "New housing officers leave in their first months",
            "Training each officer costs weeks.",
            "Most new officers stay past a year.",
        );
        let budget = write(
            "The yearly budget takes six weeks of spreadsheets",
            "My team works evenings every spring.",
            "A budget agreed in three weeks.",
        );
        let forecast = write(
            "Our annual budget forecast is always late",
            "The board waits on spreadsheets every spring.",
            "The budget agreed on time from one model.",
        );
        app.app.save_card(&a1, &e, &drivers).await.unwrap();
        app.app.save_card(&b1, &e, &officers).await.unwrap();
        app.app.save_card(&a2, &e, &budget).await.unwrap();
        app.app.save_card(&b2, &e, &forecast).await.unwrap();
        let fay = client_for(&app, "fay@example.org").await;
        let r = fay.submit(&format!("/co-coaching/{e}"), &format!("/co-coaching/{e}/open"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = fay.page(&format!("/co-coaching/{e}/teaming"), StatusCode::OK).await;
        assert!(
            page.contains("Suggested teams") && page.contains("<mark>"),
            "the suggestion marks shared words: {page}"
        );
        let suggestion = app.app.teaming_page(&c.facilitator, &e).await.unwrap();
        assert_eq!(suggestion.suggested.len(), 2, "{suggestion:?}");
        let key = suggestion.suggested[0].key.clone();
        let r = fay
            .submit(&format!("/co-coaching/{e}/teaming"), &format!("/co-coaching/{e}/teaming/reject"), &[("key", &key)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let again = app.app.teaming_page(&c.facilitator, &e).await.unwrap();
        assert!(again.suggested.iter().all(|s| s.key != key), "a rejected pair is not suggested again: {again:?}");

        // Ending session one with no team cancels session two for everyone.
        let r = fay.submit(&format!("/co-coaching/{e}"), &format!("/co-coaching/{e}/close-session-one"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let row = app.app.store.engagement(&e).await.unwrap().unwrap();
        assert_eq!(row.stage, Stage::Cancelled.as_str());
        for email in ["a1@a.example", "b1@b.example", "fay@example.org"] {
            let mails = app.app.store.mail_to(email).await.unwrap();
            assert!(mails.iter().any(|m| m.subject == "Co-coaching: session two is cancelled"), "{email}");
        }
        let aya = client_for(&app, "a1@a.example").await;
        let ics = aya.page(&format!("/co-coaching/{e}/sessions/2.ics"), StatusCode::OK).await;
        assert!(
            ics.contains("METHOD:CANCEL\r\n") && ics.contains("STATUS:CANCELLED\r\n") && ics.contains("SEQUENCE:1\r\n"),
            "{ics}"
        );
        let page = aya.page(&format!("/co-coaching/{e}"), StatusCode::OK).await;
        assert!(page.contains("session two was cancelled for everyone"), "{page}");
        // And it can no longer be ended twice or have a team confirmed.
        let cards = vec![card_id(&app, &c, "Aya One").await, card_id(&app, &c, "Bea One").await];
        assert!(app.app.confirm_team(&c.facilitator, &e, &cards, "").await.is_err());
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_demo_tells_both_engagements() {
    on_each_backend(|app| async move {
        assert!(coachkit_app::demo::load(&app.app).await.unwrap());
        let ruth = app.client();
        let r = ruth.sign_in("ruth@demo.example.org", coachkit_app::demo::DEMO_PASSWORD).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let home = ruth.page("/co-coaching", StatusCode::OK).await;
        assert!(
            home.contains("Keeping good people in front-line jobs")
                && home.contains("Getting more out of our vans and buildings")
        );
        let joanna = app.app.store.user_by_email("joanna@demo.example.org").await.unwrap().unwrap();
        let joanna = coachkit_app::Actor { user: joanna, csrf_token: None, session_hash: None };
        let lines = app.app.my_engagements(&joanna).await.unwrap();
        let first = lines.iter().find(|l| l.stage == Stage::Teamed).unwrap();
        let page = app.app.engagement_page(&joanna, &first.id).await.unwrap();
        assert_eq!(page.teams.len(), 2);
        assert_eq!(page.my_cards.len() + page.open_cards.len(), 8);
        let value = app.app.value_page(&joanna, &first.id).await.unwrap();
        assert!(!value.records.iter().any(|v| v.org == "Northgate Logistics"), "Northgate has not shared");
        assert!(!value.fee_lines.is_empty());
        let second = lines.iter().find(|l| l.stage == Stage::Preparing).unwrap();
        assert!(
            app.app.engagement_page(&joanna, &second.id).await.unwrap().my_cards.is_empty(),
            "Joanna's cards are hers to write"
        );
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn teams_are_taken_apart_merged_and_conclude_or_become_co_ventures() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let e = c.engagement.clone();
        let mut people = vec![];
        for (side, name, email) in [
            ("a", "Aya One", "a1@a.example"),
            ("b", "Bea One", "b1@b.example"),
            ("a", "Abe Two", "a2@a.example"),
            ("b", "Ben Two", "b2@b.example"),
        ] {
            let p = participant(&app, &c, side, name, email).await;
            app.app.save_card(&p, &e, &super::card(&format!("{name}'s challenge"), true)).await.unwrap();
            people.push(p);
        }
        app.app.open_cards(&c.facilitator, &e).await.unwrap();
        let id = |n: &'static str| card_id(&app, &c, n);
        let one =
            app.app.confirm_team(&c.facilitator, &e, &[id("Aya One").await, id("Bea One").await], "").await.unwrap();
        let two =
            app.app.confirm_team(&c.facilitator, &e, &[id("Abe Two").await, id("Ben Two").await], "").await.unwrap();
        // A card already in a team cannot join another.
        let err = app
            .app
            .confirm_team(&c.facilitator, &e, &[id("Aya One").await, id("Ben Two").await], "")
            .await
            .unwrap_err();
        assert!(format!("{err:?}").contains("already in a team"), "{err:?}");
        // Merge two into one, take it apart, build again.
        let fay = client_for(&app, "fay@example.org").await;
        let teaming = format!("/co-coaching/{e}/teaming");
        let r = fay.submit(&teaming, &format!("{teaming}/{two}/merge"), &[("into", &one)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = app.app.teaming_page(&c.facilitator, &e).await.unwrap();
        assert_eq!((page.confirmed.len(), page.confirmed[0].cards.len()), (1, 4));
        let r = fay.submit(&teaming, &format!("{teaming}/{one}/apart"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(app.app.teaming_page(&c.facilitator, &e).await.unwrap().confirmed.is_empty());
        let team =
            app.app.confirm_team(&c.facilitator, &e, &[id("Aya One").await, id("Bea One").await], "").await.unwrap();
        app.app.close_session_one(&c.facilitator, &e).await.unwrap();

        // A co-venture needs an owner in each organisation from the team: refused, then saved.
        let page = format!("/co-coaching/{e}/teams/{team}");
        let aya = client_for(&app, "a1@a.example").await;
        let (aya_id, bea_id) = (people[0].user.id.clone(), people[1].user.id.clone());
        let venture = |owner_b: &str| {
            vec![
                ("outcome".to_owned(), "co_venture".to_owned()),
                ("project_name".to_owned(), "First Year Together".to_owned()),
                ("project_aim".to_owned(), "A shared first year".to_owned()),
                ("first_steps".to_owned(), "Pilot with six starters".to_owned()),
                ("owner_a".to_owned(), aya_id.clone()),
                ("owner_b".to_owned(), owner_b.to_owned()),
            ]
        };
        let wrong = venture(&people[3].user.id);
        let refs: Vec<(&str, &str)> = wrong.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = aya.submit(&page, &format!("{page}/outcome"), &refs).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("must be a team member from that organisation"));
        let right = venture(&bea_id);
        let refs: Vec<(&str, &str)> = right.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = aya.submit(&page, &format!("{page}/outcome"), &refs).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let html = aya.page(&page, StatusCode::OK).await;
        assert!(
            html.contains("Co-venture project: First Year Together") && html.contains("Aya One and Bea One"),
            "{html}"
        );
        // An action needs an owner on the team and a date.
        let r = aya
            .submit(
                &page,
                &page,
                &[("kind", "action"), ("text", "Draft the plan"), ("owner", &people[2].user.id), ("due", "")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = aya
            .submit(
                &page,
                &page,
                &[("kind", "action"), ("text", "Draft the plan"), ("owner", &bea_id), ("due", "2030-01-10")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        // The facilitator sees how much the team wrote, not what.
        let fay_view = fay.page(&page, StatusCode::OK).await;
        assert!(
            fay_view.contains("Entries in the shared space: 1;") && !fay_view.contains("Draft the plan"),
            "{fay_view}"
        );
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_sweep_nudges_a_quiet_team_once_and_ends_a_forgotten_session_one() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let e = c.engagement.clone();
        let a1 = participant(&app, &c, "a", "Aya One", "a1@a.example").await;
        let b1 = participant(&app, &c, "b", "Bea One", "b1@b.example").await;
        app.app.save_card(&a1, &e, &super::card("New drivers leave early", true)).await.unwrap();
        app.app.save_card(&b1, &e, &super::card("New officers leave early", true)).await.unwrap();
        app.app.open_cards(&c.facilitator, &e).await.unwrap();
        let cards = vec![card_id(&app, &c, "Aya One").await, card_id(&app, &c, "Bea One").await];
        app.app.confirm_team(&c.facilitator, &e, &cards, "").await.unwrap();
        let day = 86_400_000;
        let now = coachkit_store::now_ms();
        // Eight days on, before anyone ended session one (ten days ahead): nothing to end yet, but
        // the team is not at work either (the engagement is not teamed): no nudge.
        assert_eq!(app.app.sweep_co_coaching_at(now + 8 * day).await.unwrap(), Default::default());
        // Twelve days on, session one's day has passed: it is ended, with its team.
        let swept = app.app.sweep_co_coaching_at(now + 12 * day).await.unwrap();
        assert_eq!(swept.ended_session_ones, 1);
        assert_eq!(app.app.store.engagement(&e).await.unwrap().unwrap().stage, "teamed");
        // A week after session one with nothing in the team's space, each member gets one nudge
        // (in the daily digest, their default), and only once however often the job runs.
        let at = (now + 18 * day).div_euclid(day) * day + day + 14 * 3_600_000;
        app.app.run_nudges_at(at).await.unwrap();
        app.app.run_nudges_at(at + 3_600_000).await.unwrap();
        app.app.run_nudges_at(at + day).await.unwrap();
        for email in ["a1@a.example", "b1@b.example"] {
            let mails = app.app.store.mail_to(email).await.unwrap();
            assert_eq!(mails.iter().filter(|m| m.body.contains("Nothing new in your team's space")).count(), 1);
        }
        app.stop().await;
    })
    .await;
}
