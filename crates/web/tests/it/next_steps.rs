//! The dashboard's "what needs you next": one list across the practices, most urgent first, and
//! only the person's own lines.

use crate::journal::{cast, client_for};
use crate::on_each_backend;
use coachkit_app::journal::{ActionInput, SessionInput};
use coachkit_domain::RelationshipId;
use reqwest::StatusCode;

/// A date `days` from today ("2026-12-20"), and a moment at 10:00 that day.
fn day(days: i64) -> String {
    (time::OffsetDateTime::now_utc().date() + time::Duration::days(days)).to_string()
}

/// The text of the "What needs you next" card only.
fn next_card(page: &str) -> &str {
    let start = page.find("id=\"next-heading\"").expect("the card is there");
    let end = page[start..].find("</section>").expect("the card ends") + start;
    &page[start..end]
}

#[tokio::test]
async fn late_things_come_first_and_each_person_sees_only_their_own() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let rid = RelationshipId::from_trusted(c.with_mentor.clone());
        app.app
            .plan_session(
                &c.leader,
                &rid,
                &SessionInput {
                    starts_at: format!("{}T10:00", day(2)),
                    status: "planned".into(),
                    agenda: "Talk about the reorganisation".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        for (text, due) in [("Ask Jo for feedback on the board paper", day(-3)), ("Book the offsite", day(5))] {
            let input = ActionInput { text: text.into(), due, audience: "private".into(), ..Default::default() };
            app.app.create_action(&c.leader, &input).await.unwrap();
        }

        let page = client_for(&app, "leader@example.org").await.page("/dashboard", StatusCode::OK).await;
        let card = next_card(&page);
        let late = card.find("Ask Jo for feedback").expect("the late action is listed");
        let session = card.find("Session with Mo Mentor").expect("the session is listed");
        let later = card.find("Book the offsite").expect("the action due later is listed");
        assert!(late < session && session < later, "late first, then by date: {card}");
        assert!(card[..session].contains("overdue"), "the late one says so: {card}");
        assert!(card.contains("/calendar.ics"), "a session offers its calendar file");
        assert!(!card.contains("Nothing is waiting"), "{card}");

        // The mentor sees the session they are part of, with the leader's name, not her actions.
        let page = client_for(&app, "mentor@example.org").await.page("/dashboard", StatusCode::OK).await;
        let card = next_card(&page);
        assert!(card.contains("Session with Lena Leader"), "{card}");
        assert!(!card.contains("Ask Jo") && !card.contains("offsite"), "her actions are hers: {card}");

        // Someone with nothing to do is told so, and the stranger sees none of it.
        let page = client_for(&app, "stranger@example.org").await.page("/dashboard", StatusCode::OK).await;
        let card = next_card(&page);
        assert!(card.contains("Nothing is waiting for you."), "{card}");
        assert!(!card.contains("Lena") && !card.contains("Ask Jo"), "{card}");
    })
    .await;
}

#[tokio::test]
async fn the_demo_people_each_see_their_practices_next_steps() {
    on_each_backend(|app| async move {
        assert!(coachkit_app::demo::load(&app.app).await.unwrap());
        let expect = [
            // a learning-log facilitator, a participant, a co-coaching facilitator, a leader with experts
            ("grace@demo.example.org", "Your programme"),
            ("daniel@demo.example.org", "Learning log"),
            ("aisha@demo.example.org", "Expert advice on"),
            ("ruth@demo.example.org", "Your engagement on"),
        ];
        for (email, line) in expect {
            let client = app.client();
            let r = client.sign_in(email, coachkit_app::demo::DEMO_PASSWORD).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{email} signs in");
            let page = client.page("/dashboard", StatusCode::OK).await;
            let card = next_card(&page);
            assert!(card.contains(line), "{email} sees {line:?}: {card}");
        }
    })
    .await;
}

/// The dashboard's "N of the people you coach or mentor shared something new" comes from the
/// coach's home's news queries alone: it must agree with the coach's home card by card, and count
/// only what the policy lets each coach read.
#[tokio::test]
async fn the_news_count_agrees_with_the_coach_home_and_the_policy() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let counts = |who: &'static str| {
            let app = &app;
            let c = &c;
            async move {
                let coach = if who == "mentor" { &c.mentor } else { &c.other_mentor };
                let cards = app.app.coach_home(coach).await.unwrap();
                let from_home = cards.iter().filter(|card| card.has_news()).count();
                (app.app.clients_with_news(coach).await.unwrap(), from_home)
            }
        };
        // A private reflection is news to nobody.
        crate::journal::reflection(&app, &c.leader, None, "zq only mine", "private", "").await;
        assert_eq!(counts("mentor").await, (0, 0));
        assert_eq!(counts("other").await, (0, 0));
        // Shared with one mentor through their relationship: news to that mentor only.
        let audience = format!("relationship:{}", c.with_mentor);
        crate::journal::reflection(&app, &c.leader, None, "zq for Mo", &audience, "").await;
        assert_eq!(counts("mentor").await, (1, 1));
        assert_eq!(counts("other").await, (0, 0));
        let page = client_for(&app, "mentor@example.org").await.page("/dashboard", StatusCode::OK).await;
        assert!(page.contains("<strong>1</strong> of the people you coach or mentor shared something new"), "{page}");
        let page = client_for(&app, "other@example.org").await.page("/dashboard", StatusCode::OK).await;
        assert!(!page.contains("shared something new"), "{page}");
        // Shared with all her coaches: news to both.
        crate::journal::reflection(&app, &c.leader, None, "zq for both", "all_my_coaches", "").await;
        assert_eq!(counts("mentor").await, (1, 1));
        assert_eq!(counts("other").await, (1, 1));
        // The leader coaches nobody.
        assert_eq!(app.app.clients_with_news(&c.leader).await.unwrap(), 0);
        app.stop().await;
    })
    .await;
}
