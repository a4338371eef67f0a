//! Refused inputs of practice 4: each answers a clear 4xx with a sentence a person can act on,
//! next to its field, and saves nothing.

use super::{card, card_id, cast, client_for, dates, participant};
use crate::on_each_backend;
use coachkit_app::AppError;
use coachkit_app::co_coaching::EngagementInput;
use coachkit_domain::co_coaching::limits;
use reqwest::StatusCode;

#[tokio::test]
async fn a_one_organisation_team_an_over_long_card_a_bad_gap_and_someone_elses_engagement() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let e = c.engagement.clone();
        let a1 = participant(&app, &c, "a", "Aya One", "a1@a.example").await;
        let a2 = participant(&app, &c, "a", "Abe Two", "a2@a.example").await;
        let b1 = participant(&app, &c, "b", "Bea One", "b1@b.example").await;

        // A card over the length limit: 422, the count in the message, nothing saved.
        let aya = client_for(&app, "a1@a.example").await;
        let long = "x".repeat(limits::CARD_WHAT + 1);
        let page = format!("/co-coaching/{e}");
        let r = aya
            .submit(
                &page,
                &format!("/co-coaching/{e}/cards"),
                &[("position", "1"), ("what", &long), ("why", "a"), ("success", "b"), ("submit", "1")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("What the challenge is is too long (301 characters; at most 300)"), "{html}");
        assert!(app.app.engagement_page(&a1, &e).await.unwrap().my_cards.is_empty(), "nothing saved");

        app.app.save_card(&a1, &e, &card("New drivers leave early", true)).await.unwrap();
        app.app.save_card(&a2, &e, &card("New officers leave in year one", true)).await.unwrap();
        app.app.save_card(&b1, &e, &card("Night shift people quit", true)).await.unwrap();
        app.app.open_cards(&c.facilitator, &e).await.unwrap();

        // A team from one organisation: refused on the page, with the reason, nothing saved.
        let fay = client_for(&app, "fay@example.org").await;
        let (x, y) = (card_id(&app, &c, "Aya One").await, card_id(&app, &c, "Abe Two").await);
        let teaming = format!("/co-coaching/{e}/teaming");
        let r = fay.submit(&teaming, &format!("{teaming}/confirm"), &[("card", &x), ("card", &y)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("A team must bring together people from both organisations"), "{html}");
        assert!(app.app.teaming_page(&c.facilitator, &e).await.unwrap().confirmed.is_empty(), "nothing saved");
        // A made-up card id: a clear 422 too, not a 500.
        let r = fay.submit(&teaming, &format!("{teaming}/confirm"), &[("card", &x), ("card", "not-an-id")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // Moving session two outside 4 to 6 weeks: refused with the days counted.
        let mut moved = dates(20);
        let r = fay
            .submit(
                &page,
                &format!("/co-coaching/{e}/sessions"),
                &[
                    ("session_one_at", &moved.session_one_at),
                    ("session_one_place", "Room 2"),
                    ("session_two_at", &moved.session_two_at),
                    ("session_two_place", ""),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("must be 4 to 6 weeks (28 to 42 days) after session one"));
        let before = app.app.store.engagement(&e).await.unwrap().unwrap();
        assert_eq!(before.ics_sequence, 0, "nothing moved");

        // A new engagement with session two seven weeks on: refused, nothing created.
        moved = dates(49);
        let input = EngagementInput {
            org_a_new: "Epsilon".into(),
            org_b_new: "Zeta".into(),
            common_area: "Too late".into(),
            ground_rules: "Kind".into(),
            sessions: moved,
            ..Default::default()
        };
        let err = app.app.create_engagement(&c.facilitator, &input).await.unwrap_err();
        assert!(matches!(&err, AppError::Invalid(f) if f.iter().any(|f| f.field == "session_two_at")), "{err:?}");
        assert_eq!(app.app.my_engagements(&c.facilitator).await.unwrap().len(), 1, "nothing created");
        assert!(
            app.app.my_orgs(&c.facilitator).await.unwrap().iter().all(|o| o.name != "Epsilon"),
            "no organisation made"
        );

        // Someone else's engagement: not found for its pages and refused for its forms.
        let gus = client_for(&app, "gus@example.org").await;
        for path in [
            page.clone(),
            teaming.clone(),
            format!("/co-coaching/{e}/value"),
            format!("/co-coaching/{e}/sessions/2.ics"),
        ] {
            assert_eq!(gus.get(&path).await.status(), StatusCode::NOT_FOUND, "{path}");
        }
        let own = format!("/co-coaching/{}", c.other_engagement);
        let r = gus.submit(&own, &format!("{teaming}/confirm"), &[("card", &x), ("card", &y)]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let r = gus.submit(&own, &format!("/co-coaching/{e}/open"), &[]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        // A participant is not the facilitator: refused with a sentence, nothing changed.
        let r = aya.submit(&page, &format!("/co-coaching/{e}/close-session-one"), &[]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(r.text().await.unwrap().contains("facilitator can do that"));
        assert_eq!(app.app.store.engagement(&e).await.unwrap().unwrap().stage, "cards_open");
        // Garbage in the address: not found, never a 500.
        assert_eq!(fay.get("/co-coaching/1%20OR%201=1").await.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn value_and_fee_inputs_are_checked() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let e = c.engagement.clone();
        let a1 = participant(&app, &c, "a", "Aya One", "a1@a.example").await;
        let b1 = participant(&app, &c, "b", "Bea One", "b1@b.example").await;
        app.app.save_card(&a1, &e, &card("New drivers leave early", true)).await.unwrap();
        app.app.save_card(&b1, &e, &card("Night shift people quit", true)).await.unwrap();
        app.app.open_cards(&c.facilitator, &e).await.unwrap();
        let cards = vec![card_id(&app, &c, "Aya One").await, card_id(&app, &c, "Bea One").await];
        app.app.confirm_team(&c.facilitator, &e, &cards, "").await.unwrap();
        app.app.close_session_one(&c.facilitator, &e).await.unwrap();

        let aya = client_for(&app, "a1@a.example").await;
        let value = format!("/co-coaching/{e}/value");
        let r = aya
            .submit(
                &value,
                &value,
                &[("outcome", "Fewer leavers"), ("measure", "money"), ("amount", "-5"), ("confidence", "medium")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("The amount must be a whole number, 0 or more."));
        assert!(app.app.value_page(&a1, &e).await.unwrap().records.is_empty(), "nothing saved");

        let fay = client_for(&app, "fay@example.org").await;
        let fee = format!("{value}/fee");
        let r = fay.submit(&value, &fee, &[("fee_model", "hourly"), ("fee_amount", "90")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("must be a fixed fee, a share of value or a success fee"));
        let r = fay.submit(&value, &fee, &[("fee_model", "share"), ("fee_amount", "150")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(app.app.store.engagement(&e).await.unwrap().unwrap().fee_model.is_none(), "nothing saved");
        // A participant cannot set the fee.
        let r = aya.submit(&value, &fee, &[("fee_model", "share"), ("fee_amount", "10")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        app.stop().await;
    })
    .await;
}
