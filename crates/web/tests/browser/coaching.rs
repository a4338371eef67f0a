//! The coach's and mentor's side in the browser: a coach with three clients opens his home and
//! sees each of them; a mentor sees the leader's new shared reflection, opens it in context,
//! follows a theme tag to the leader's theme, replies to the leader only, and the leader sees the
//! reply while the other mentor does not.

use crate::{PW, on_each_backend, sign_in};
use coachkit_app::Actor;
use coachkit_app::journal::{ReflectionInput, SessionInput};
use coachkit_domain::RelationshipId;
use coachkit_domain::account::{DisplayName, Email, Password};
use coachkit_domain::relationship::Transition;
use coachkit_testkit::TestApp;
use coachkit_testkit::browser::Browser;

async fn account(app: &TestApp, name: &str, email: &str) -> Actor {
    let email = Email::parse(email).unwrap();
    let name = DisplayName::parse(name).unwrap();
    let user = app.app.create_account(&email, &name, Password::parse_new(PW).unwrap(), false).await.unwrap();
    Actor { user, csrf_token: None, session_hash: None }
}

/// `coach` accepts `leader`'s invitation of the given kind.
async fn relationship(app: &TestApp, leader: &Actor, coach: &Actor, kind: &str) -> RelationshipId {
    let invite = app.app.invite(leader, kind, &coach.user.email, "").await.unwrap();
    app.app.change_relationship(coach, &invite.relationship.id, Transition::Accept).await.unwrap();
    invite.relationship.id
}

async fn held_session(app: &TestApp, leader: &Actor, rel: &RelationshipId, when: &str) -> String {
    let input = SessionInput { starts_at: when.into(), status: "held".into(), ..Default::default() };
    app.app.plan_session(leader, rel, &input).await.unwrap()
}

async fn signed_in(b: &Browser, email: &str) {
    b.open("/signin").await;
    sign_in(b, email, "#next-heading").await;
}

#[tokio::test]
async fn a_coach_with_three_clients_sees_each_of_them_at_home() {
    on_each_backend("coach-home", |app, b| async move {
        let coach = account(&app, "Gus Coach", "gus@example.org").await;
        let names = ["Ada Client", "Ben Client", "Cleo Mentee"];
        for (i, name) in names.iter().enumerate() {
            let leader = account(&app, name, &format!("leader{i}@example.org")).await;
            let kind = if i == 2 { "mentoring" } else { "coaching" };
            let rel = relationship(&app, &leader, &coach, kind).await;
            let s = held_session(&app, &leader, &rel, "2026-10-01T09:00").await;
            if i == 0 {
                let input = ReflectionInput {
                    body: "I noticed I talk first in every meeting.".into(),
                    title: "Talking first".into(),
                    audience: format!("relationship:{rel}"),
                    session_id: Some(s),
                    ..Default::default()
                };
                app.app.write_reflection(&leader, &input).await.unwrap();
            }
        }
        signed_in(&b, "gus@example.org").await;
        // The dashboard says someone shared something and links the coach's home.
        let news = b.wait_for("#next-heading + ul").await;
        assert!(news.contains("shared something new"), "{news}");
        b.click("nav.nav-wide a[href='/coaching']").await;
        assert_eq!(b.wait_for("h1").await, "The people I coach and mentor");
        let cards = b.texts("section.client h2").await;
        let mut sorted = cards.clone();
        sorted.sort();
        assert_eq!(sorted, names, "each client has a card");
        assert_eq!(cards[0], "Ada Client", "the client with news comes first");
        let first = b.texts("section.client").await.remove(0);
        assert!(first.contains("Talking first") && first.contains("client"), "{first}");
        assert!(first.contains("Write my coach's note on"), "a held session without a note is owed: {first}");
        let tags = b.texts("section.client .tag").await;
        assert!(tags.contains(&"mentee".to_owned()) && tags.contains(&"client".to_owned()), "{tags:?}");
        b.screenshot_desktop_and_phone("coach-home").await;
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_mentor_reads_a_shared_reflection_in_context_and_replies_to_the_leader_only() {
    on_each_backend("shared-reflection", |app, b| async move {
        let leader = account(&app, "Priya Leader", "priya@example.org").await;
        let mentor = account(&app, "Gareth Mentor", "gareth@example.org").await;
        let other = account(&app, "Olu Mentor", "olu@example.org").await;
        let rel = relationship(&app, &leader, &mentor, "mentoring").await;
        relationship(&app, &leader, &other, "mentoring").await;
        let s = held_session(&app, &leader, &rel, "2026-10-05T09:00").await;
        let input = ReflectionInput {
            title: "Handing over the budget".into(),
            body: "I kept the budget because letting go felt like losing sight of it.".into(),
            audience: "all_my_coaches".into(),
            themes: "What I must let go of".into(),
            session_id: Some(s.clone()),
        };
        let id = app.app.write_reflection(&leader, &input).await.unwrap();

        signed_in(&b, "gareth@example.org").await;
        b.open("/coaching").await;
        b.click(&format!("section.client a[href='/journal/reflections/{id}']")).await;
        assert_eq!(b.wait_for("h1").await, "Handing over the budget");
        let meta = b.wait_for("article.card p.meta").await;
        assert!(meta.contains("By Priya Leader, your mentee") && meta.contains("after the session of"), "{meta}");
        assert_eq!(b.texts("nav.nav-wide a[aria-current='page']").await, vec!["Coaching".to_owned()]);
        assert!(b.wait_for("nav.crumbs").await.contains("Your mentoring of Priya Leader"));
        b.screenshot_desktop_and_phone("in-context").await;

        // The theme tag leads to the leader's theme, as this mentor may see it.
        b.click("p.themes a.tag").await;
        assert_eq!(b.wait_for("h1").await, "Priya Leader's theme: What I must let go of");
        assert!(b.wait_for("ol.timeline").await.contains("Handing over the budget"));
        b.open(&format!("/journal/reflections/{id}")).await;

        b.fill("#reply-body", "What would you need to see, weekly, to feel you had not lost it?").await;
        let only = format!("relationship:{rel}");
        b.execute("document.querySelector('#reply-audience').value = arguments[0]", vec![serde_json::json!(only)])
            .await
            .unwrap();
        b.click("form[action$='/replies'] button[type=submit]").await;
        let thread = b.wait_for("#replies article.reply").await;
        assert!(thread.contains("seen by only Priya Leader"), "{thread}");
        b.screenshot_desktop_and_phone("replied").await;

        let p = b.another_person().await;
        signed_in(&p, "priya@example.org").await;
        p.open(&format!("/journal/reflections/{id}")).await;
        let seen = p.wait_for("#replies").await;
        assert!(seen.contains("Gareth Mentor") && seen.contains("feel you had not lost it"), "{seen}");
        p.screenshot("leader-sees-reply").await;

        let o = b.another_person().await;
        signed_in(&o, "olu@example.org").await;
        o.open(&format!("/journal/reflections/{id}")).await;
        assert!(
            o.wait_for("article.card").await.contains("Handing over the budget"),
            "the other mentor reads the reflection"
        );
        let page = o.wait_for("main").await;
        assert!(!page.contains("feel you had not lost it"), "but not a reply meant for the leader only");
        // A 404 for a signed-in person keeps the navigation.
        o.open("/no/such/page").await;
        assert!(o.wait_for("nav.nav-wide").await.contains("Coaching"));
        app.stop().await;
    })
    .await;
}
