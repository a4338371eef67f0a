//! Refused inputs of practice 5: each answers a clear 4xx with a sentence a person can act on,
//! and saves nothing.

use super::{advice, cast, client_for, expert, secret_for, sent_request, three};
use crate::on_each_backend;
use coachkit_app::AppError;
use coachkit_app::mentoring::{AdviceInput, CreateOutcome, ItemInput, RequestInput};
use reqwest::StatusCode;

fn request(experts: Vec<coachkit_domain::mentoring::RawExpert>) -> RequestInput {
    RequestInput {
        capability: "Deciding less myself".into(),
        context: "Why now: the team has doubled.".into(),
        experts,
        ..Default::default()
    }
}

#[tokio::test]
async fn the_new_request_form_refuses_a_bad_roster_and_saves_nothing() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let leader = client_for(&app, "leader@example.org").await;
        let ines = three().remove(0);
        let one = [
            ("capability", "Deciding less myself"),
            ("context", "The team doubled."),
            ("e1_name", ines.name.as_str()),
            ("e1_email", ines.email.as_str()),
            ("e1_placement", "inside"),
            ("e1_i_know_them", "1"),
            ("e1_they_know_me", "1"),
            ("e1_knows_their_stuff", "1"),
        ];
        let r = leader.submit("/advice/new", "/advice", &one).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(page.contains("Name at least two experts"), "{page}");
        assert!(page.contains("value=\"Deciding less myself\""), "the form keeps what was typed");
        assert!(app.app.advice_home(&c.leader).await.unwrap().mine.is_empty(), "nothing saved");

        // Three outside and no override: refused; the override without a reason: refused too.
        let outside = vec![
            expert("A", "a@x.example", "outside"),
            expert("B", "b@y.example", "outside"),
            expert("C", "c@z.example", "outside"),
        ];
        let e = app.app.create_advice_request(&c.leader, &request(outside.clone())).await.unwrap_err();
        assert!(matches!(&e, AppError::Invalid(f) if f.iter().any(|f| f.message.contains("none is inside"))), "{e:?}");
        let mut input = request(outside.clone());
        input.override_mix = true;
        let e = app.app.create_advice_request(&c.leader, &input).await.unwrap_err();
        assert!(matches!(&e, AppError::Invalid(f) if f.iter().any(|f| f.field == "override_reason")), "{e:?}");
        input.override_reason = "Nobody inside does this yet".into();
        let CreateOutcome::Created(id) = app.app.create_advice_request(&c.leader, &input).await.unwrap() else {
            panic!()
        };
        let page = leader.page(&format!("/advice/{id}"), StatusCode::OK).await;
        assert!(page.contains("Nobody inside does this yet"), "the override is recorded and shown");

        // Two experts need a confirmation, then go.
        let two = request(three()[..2].to_vec());
        let out = app.app.create_advice_request(&c.leader, &two).await.unwrap();
        assert!(matches!(&out, CreateOutcome::NeedsConfirmation(q) if q.contains("2 experts")), "{out:?}");
        let confirmed = RequestInput { confirm_count: true, ..two };
        assert!(matches!(
            app.app.create_advice_request(&c.leader, &confirmed).await.unwrap(),
            CreateOutcome::Created(_)
        ));

        // Asking oneself, a missing check, a horizon out of range.
        let mut bad = request(three());
        bad.experts[1].email = "leader@example.org".into();
        bad.experts[2].knows_their_stuff = false;
        bad.horizon_months = "24".into();
        let AppError::Invalid(fields) = app.app.create_advice_request(&c.leader, &bad).await.unwrap_err() else {
            panic!()
        };
        let all: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
        assert!(all.iter().any(|m| m.contains("your own address")), "{all:?}");
        assert!(all.iter().any(|m| m.contains("expert 3: the method asks")), "{all:?}");
        assert!(all.iter().any(|m| m.contains("from 6 to 12")), "{all:?}");
        assert_eq!(app.app.advice_home(&c.leader).await.unwrap().mine.len(), 2, "only the two accepted requests");

        // A vague capability gets a hint on the page.
        let mut vague = request(three());
        vague.capability = "Leadership".into();
        let CreateOutcome::Created(id) = app.app.create_advice_request(&c.leader, &vague).await.unwrap() else {
            panic!()
        };
        let page = leader.page(&format!("/advice/{id}"), StatusCode::OK).await;
        assert!(page.contains("is a whole field"), "{page}");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn an_expert_cannot_send_empty_or_oversized_advice_or_change_it_once_sent() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let id = sent_request(&app, &c.leader, "Deciding less myself", three()).await;
        let secret = secret_for(&app, "ines@example.org").await;
        let expert = app.client();
        let page = expert.page(&format!("/expert/{secret}"), StatusCode::OK).await;
        assert!(page.contains("Deciding less myself") && page.contains("Lena Leader asks for your advice"));

        // An empty box on sending.
        let half = [("advice1", "Ask first"), ("advice2", ""), ("advice3", ""), ("action", "submit")];
        let r = expert.submit(&format!("/expert/{secret}"), &format!("/expert/{secret}"), &half).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("Advice 2 is empty; all three are needed to send"));
        // 10,000 characters.
        let long = "x".repeat(10_000);
        let big = [("advice1", long.as_str()), ("advice2", "b"), ("advice3", "c"), ("action", "save")];
        let r = expert.submit(&format!("/expert/{secret}"), &format!("/expert/{secret}"), &big).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("too long (10000 characters; at most 2000)"));
        let p = app.app.expert_page(&secret).await.unwrap();
        assert!(p.items.iter().all(|i| i.text.is_empty()), "nothing saved: {:?}", p.items);

        // Sent, then an attempt to change it from a tab opened before.
        let csrf = expert.csrf_from(&format!("/expert/{secret}")).await;
        app.app.save_expert_advice(&secret, &advice("zqfirst", false), true).await.unwrap();
        let change = [
            ("csrf", csrf.as_str()),
            ("advice1", "Something else"),
            ("advice2", "b"),
            ("advice3", "c"),
            ("action", "submit"),
        ];
        let r = expert.post_form_raw(&format!("/expert/{secret}"), &change).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(r.text().await.unwrap().contains("You have already sent your advice"));
        let e = app.app.save_expert_advice(&secret, &advice("zqchanged", false), true).await.unwrap_err();
        assert!(matches!(&e, AppError::Conflict(m) if m.contains("already sent")), "{e:?}");
        let p = app.app.expert_page(&secret).await.unwrap();
        assert!(p.items.iter().all(|i| i.text.ends_with("zqfirst")), "the sent advice stands: {:?}", p.items);
        assert!(!p.can_edit);

        // Too many boxes through the API shape, an example without advice.
        let other = secret_for(&app, "otto@elsewhere.example").await;
        let four = AdviceInput { items: vec![ItemInput::default(); 4], share_with_coaches: false };
        assert!(matches!(app.app.save_expert_advice(&other, &four, false).await, Err(AppError::Invalid(_))));
        let example_only = AdviceInput {
            items: vec![
                ItemInput { text: String::new(), example: "an example".into() },
                ItemInput::default(),
                ItemInput::default(),
            ],
            share_with_coaches: false,
        };
        assert!(matches!(app.app.save_expert_advice(&other, &example_only, false).await, Err(AppError::Invalid(_))));

        // A garbage link and another person's request.
        let r = expert.get(&format!("/expert/{}", "a".repeat(64))).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert!(r.text().await.unwrap().contains("This link no longer works"));
        let stranger = client_for(&app, "stranger@example.org").await;
        assert_eq!(stranger.get(&format!("/advice/{id}")).await.status(), StatusCode::NOT_FOUND);
        let r = stranger.submit("/advice", &format!("/advice/{id}/thanks"), &[("note", "hello")]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert_eq!(stranger.get("/advice/not-an-id").await.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn nothing_after_the_thread_is_possible_while_sealed_and_a_hand_picked_thread_must_be_this_requests() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let id = sent_request(&app, &c.leader, "Deciding less myself", three()).await;
        let e =
            app.app.save_advice_goal(&c.leader, &id, "By May, decide two fewer things each week").await.unwrap_err();
        assert!(matches!(&e, AppError::Conflict(m) if m.contains("still sealed")), "{e:?}");
        assert!(app.app.choose_advice_thread(&c.leader, &id, "suggested", &[]).await.is_err());
        for email in ["ines@example.org", "otto@elsewhere.example", "una@faraway.example"] {
            let s = secret_for(&app, email).await;
            app.app.save_expert_advice(&s, &advice(email, false), true).await.unwrap();
        }
        let page = app.app.advice_request_page(&c.leader, &id).await.unwrap();
        assert!(!page.sealed);
        let e = app.app.choose_advice_thread(&c.leader, &id, "manual", &["not-an-item".into()]).await.unwrap_err();
        assert!(matches!(&e, AppError::Invalid(f) if f[0].message.contains("not part of this request")), "{e:?}");
        let first = page.advice[0].items[0].id.clone();
        let e = app.app.choose_advice_thread(&c.leader, &id, "manual", std::slice::from_ref(&first)).await.unwrap_err();
        assert!(matches!(&e, AppError::Invalid(f) if f[0].message.contains("at least two")), "{e:?}");
        let second = page.advice[1].items[2].id.clone();
        app.app.choose_advice_thread(&c.leader, &id, "manual", &[first.clone(), second.clone()]).await.unwrap();
        let page = app.app.advice_request_page(&c.leader, &id).await.unwrap();
        let t = page.thread.unwrap();
        assert_eq!((t.choice.as_str(), t.chosen), ("manual", vec![first, second]));
        assert!(!t.suggestion.items.is_empty(), "the engine's suggestion is kept beside the choice");
        let e = app.app.save_advice_goal(&c.leader, &id, &"x".repeat(1_001)).await.unwrap_err();
        assert!(matches!(e, AppError::Invalid(_)));
        assert!(app.app.advice_request_page(&c.leader, &id).await.unwrap().goal.is_none(), "nothing saved");
        app.stop().await;
    })
    .await;
}
