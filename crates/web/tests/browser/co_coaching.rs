//! Practice 4, co-coaching, in the browser: two participants (one from each organisation) write
//! and submit their challenge cards on the engagement page (two more did so already); the
//! facilitator sees who has submitted, opens the cards at session one, accepts one suggested
//! team and rejects another. In a second engagement no team is confirmed, and ending session
//! one cancels session two for everyone: the page says so, a mail goes out, and session two's
//! calendar file now cancels the event.
//!
//! The setting-up (accounts, organisations, invitations) goes through the app, as the other
//! practices' browser tests do; everything the people do in this story goes through the pages.

use crate::on_each_backend;
use coachkit_app::Actor;
use coachkit_app::co_coaching::{CardInput, EngagementInput, InviteInput, SessionDates};
use coachkit_app::journal::time::to_datetime_local;
use coachkit_domain::account::{DisplayName, Email, Password};
use coachkit_domain::time::Millis;
use coachkit_testkit::TestApp;
use coachkit_testkit::browser::Browser;

async fn account(app: &TestApp, name: &str, email: &str) -> Actor {
    let user = app
        .app
        .create_account(
            &Email::parse(email).unwrap(),
            &DisplayName::parse(name).unwrap(),
            Password::parse_new(crate::PW).unwrap(),
            false,
        )
        .await
        .unwrap();
    Actor { user, csrf_token: None, session_hash: None }
}

/// The newest invitation secret mailed to `email` (the outbox lists the newest first).
async fn secret_for(app: &TestApp, email: &str) -> String {
    let mails = app.app.store.mail_to(email).await.unwrap();
    mails
        .iter()
        .find_map(|m| {
            let at = m.body.find("/co-coaching/join/")? + "/co-coaching/join/".len();
            m.body.get(at..at + 64).map(str::to_owned)
        })
        .unwrap()
}

const PEOPLE: [(&str, &str, &str); 4] = [
    ("a", "Aya Ashby", "aya@harbour.example"),
    ("b", "Bea Brook", "bea@freight.example"),
    ("a", "Abe Arden", "abe@harbour.example"),
    ("b", "Ben Bell", "ben@freight.example"),
];

/// (what, why, success) per person, in the order above: two natural pairs across the two.
const CARDS: [(&str, &str, &str); 4] = [
    (
        "New housing officers leave in their first months",
        "Training each officer costs us weeks.",
        "Most new officers stay past a year.",
    ),
    (
        "New delivery drivers leave in their first months",
        "Training each driver costs us weeks.",
        "Most new drivers stay past a year.",
    ),
    (
        "The yearly budget takes six weeks of spreadsheets",
        "My team works evenings every spring.",
        "A budget agreed in three weeks.",
    ),
    (
        "Our annual budget forecast is always late",
        "The board waits on spreadsheets every spring.",
        "The budget agreed on time from one model.",
    ),
];

/// An engagement with the four people invited and joined; returns it and the people.
async fn engagement(app: &TestApp, fay: &Actor, orgs: (&str, &str), area: &str) -> (String, Vec<Actor>) {
    let one = coachkit_store::now_ms() + 9 * Millis::DAY;
    let input = EngagementInput {
        org_a: orgs.0.into(),
        org_b: orgs.1.into(),
        common_area: area.into(),
        brief: "## How we got here\nBoth organisations lose **new people** early.\n\n- first months matter\n- nobody asks leavers why".into(),
        ground_rules: "Come willing and open-minded.\nWhat is said here stays here.".into(),
        sessions: SessionDates {
            session_one_at: to_datetime_local(one),
            session_one_place: "Quay Street, room 2".into(),
            session_two_at: to_datetime_local(one + 35 * Millis::DAY),
            session_two_place: "https://call.example/room".into(),
        },
        ..Default::default()
    };
    let (id, _) = app.app.create_engagement(fay, &input).await.unwrap();
    let mut people = vec![];
    for (side, name, email) in PEOPLE {
        let who = match app.app.store.user_by_email(email).await.unwrap() {
            Some(user) => Actor { user, csrf_token: None, session_hash: None },
            None => account(app, name, email).await,
        };
        let invite = InviteInput { side: side.into(), name: name.into(), email: email.into() };
        app.app.invite_participant(fay, &id, &invite).await.unwrap();
        app.app.join_engagement(&who, &secret_for(app, email).await, true).await.unwrap();
        people.push(who);
    }
    (id, people)
}

async fn signed_in(b: &Browser, email: &str, next: &str, landing: &str) {
    b.open(&format!("/signin?next={next}")).await;
    b.fill("#email", email).await;
    b.fill("#password", crate::PW).await;
    b.click("form[action='/signin'] button[type=submit]").await;
    b.wait_for(landing).await;
}

async fn mark_page(b: &Browser) {
    b.execute("document.documentElement.dataset.before = 'yes'", vec![]).await.unwrap();
}

async fn submit(b: &Browser, button: &str, landing: &str) -> String {
    mark_page(b).await;
    b.click(button).await;
    b.wait_for(&format!("html:not([data-before]) {landing}")).await
}

#[tokio::test]
async fn cards_are_submitted_opened_and_teamed_and_no_team_cancels_session_two() {
    on_each_backend("co-coaching", |app, b| async move {
        let fay = account(&app, "Fay Facilitator", "fay@example.org").await;
        let org_a = app.app.create_org(&fay, "Harbour Homes").await.unwrap();
        let org_b = app.app.create_org(&fay, "Fleet Freight").await.unwrap();
        let (e, people) = engagement(&app, &fay, (&org_a.id, &org_b.id), "Keeping new people").await;
        let page = format!("/co-coaching/{e}");

        // Two participants write and submit their cards through the page, each in their browser.
        for (i, person) in [0usize, 1].into_iter().enumerate() {
            let pb = if i == 0 { b.another_person().await } else { b.another_person_in_dark_mode().await };
            signed_in(&pb, PEOPLE[person].2, &page, "#card1").await;
            pb.fill("#what1", CARDS[person].0).await;
            pb.fill("#why1", CARDS[person].1).await;
            pb.fill("#success1", CARDS[person].2).await;
            let tag = submit(&pb, "#card1 button[value='1']", "#card1 h3 .tag").await;
            assert_eq!(tag, "submitted");
            if i == 0 {
                pb.screenshot_desktop_and_phone("participant-card-submitted").await;
            } else {
                pb.screenshot("participant-dark").await;
            }
        }
        // The other two submitted theirs already (through the app).
        for person in [2usize, 3] {
            let c = CARDS[person];
            let input = CardInput { position: 1, what: c.0.into(), why: c.1.into(), success: c.2.into(), submit: true };
            app.app.save_card(&people[person], &e, &input).await.unwrap();
        }

        // The facilitator sees who has submitted (not what), and opens the cards.
        signed_in(&b, "fay@example.org", &page, "#open-cards").await;
        let listed = b.texts(".cc-people li").await.join("\n");
        assert!(listed.contains("1 of 1 cards submitted"), "{listed}");
        assert!(!b.texts("main").await.join(" ").contains(CARDS[0].0), "no card is read before it opens");
        b.screenshot_desktop_and_phone("facilitator-before-opening").await;
        submit(&b, "#open-cards", "#suggested").await;
        let suggested = b.texts(".cc-suggested").await;
        assert_eq!(suggested.len(), 2, "{suggested:?}");
        assert!(!b.texts(".cc-suggested mark").await.is_empty(), "shared words are marked");
        b.screenshot_desktop_and_phone("teaming-suggested").await;

        // Accept the first suggestion, reject the other.
        submit(&b, ".cc-suggested form[action$='/confirm'] button", "#confirmed .cc-team").await;
        submit(&b, ".cc-suggested form[action$='/reject'] button", "#suggested").await;
        assert!(b.texts(".cc-suggested").await.is_empty(), "the rejected team is not suggested again");
        b.screenshot_desktop_and_phone("teaming-decided").await;
        let teams = app.app.store.teams(&e).await.unwrap();
        assert_eq!(teams.len(), 1);
        assert_eq!(app.app.store.rejected_pairs(&e).await.unwrap().len(), 1);
        let members = app.app.store.team_cards(&e).await.unwrap();
        assert_eq!(members.len(), 2);

        // Session one ends with the team; a member checks in in the team's space and records
        // what the work was worth to their organisation.
        b.open(&page).await;
        submit(&b, "#close-session-one", "#teams").await;
        let team = &teams[0].id;
        let member = b.another_person().await;
        let on_team = app
            .app
            .store
            .cards(&e)
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.team_id.as_deref() == Some(team.as_str()))
            .unwrap();
        let email = PEOPLE.iter().find(|p| p.1 == on_team.author_name).map(|p| p.2).unwrap();
        signed_in(&member, email, &format!("/co-coaching/{e}/teams/{team}"), "#space").await;
        member.fill("#item_text", "Moved this week: we compared what we ask people who leave.").await;
        submit(&member, ".cc-item-form button[type=submit]", ".cc-items .entry").await;
        member.screenshot_desktop_and_phone("team-space").await;
        member.open(&format!("/co-coaching/{e}/value")).await;
        member.fill("#outcome", "Fewer people leaving in their first year").await;
        member.fill("#amount", "24000").await;
        submit(&member, "#record button[type=submit]", "#records table").await;
        member.screenshot_desktop_and_phone("value").await;

        // A second engagement where no team forms: session two is cancelled for everyone.
        let (e2, _) = engagement(&app, &fay, (&org_a.id, &org_b.id), "Sharing our vans").await;
        let page2 = format!("/co-coaching/{e2}");
        b.open(&page2).await;
        submit(&b, "#open-cards", "#by-hand").await;
        b.open(&page2).await;
        submit(&b, "#close-session-one", ".cc-head .notice").await;
        let notice = b.texts(".cc-head .notice").await.join(" ");
        assert!(notice.contains("session two was cancelled for everyone"), "{notice}");
        b.screenshot_desktop_and_phone("session-two-cancelled").await;
        assert_eq!(app.app.store.engagement(&e2).await.unwrap().unwrap().stage, "cancelled");
        for (_, _, email) in PEOPLE {
            let mails = app.app.store.mail_to(email).await.unwrap();
            assert!(mails.iter().any(|m| m.subject == "Co-coaching: session two is cancelled"), "{email}");
        }
        let ics = app.app.engagement_ics(&fay, &e2, 2).await.unwrap();
        assert!(ics.contains("METHOD:CANCEL") && ics.contains("STATUS:CANCELLED"));
        app.stop().await;
    })
    .await;
}
