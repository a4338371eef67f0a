//! The demo as a newcomer meets it (issue 14): the sign-in page lists its people only on an
//! instance that holds it, and its journal runs over months, so a theme rolls up across both of
//! Priya's mentors and across time.

use crate::on_each_backend;
use coachkit_app::Actor;
use coachkit_app::demo::{self, DEMO_PASSWORD};
use reqwest::StatusCode;

const DAY: i64 = 86_400_000;

#[tokio::test]
async fn the_sign_in_page_lists_the_demo_only_where_it_was_loaded() {
    on_each_backend(|app| async move {
        let page = app.client().page("/signin", StatusCode::OK).await;
        assert!(!page.contains("holds the demo") && !page.contains(DEMO_PASSWORD), "a fresh instance: no hint");
        // A real instance whose admin happens to use the demo's address is still not the demo.
        crate::relationships::account(&app, "Sam Admin", "admin@demo.example.org").await;
        let page = app.client().page("/signin", StatusCode::OK).await;
        assert!(!page.contains("holds the demo") && !page.contains("priya@demo.example.org"));

        demo::load(&app.app).await.unwrap();
        let page = app.client().page("/signin", StatusCode::OK).await;
        assert!(page.contains("This instance holds the demo"), "{page}");
        assert!(page.contains("priya@demo.example.org") && page.contains("Priya Nandakumar"));
        assert!(page.contains(&format!("<code>{DEMO_PASSWORD}</code>")));
        // A wrong password shows the page again, the list with it.
        let r = app.client().sign_in("priya@demo.example.org", "not the password").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert!(r.text().await.unwrap().contains("gareth@demo.example.org"));
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_demo_journal_spreads_over_months_and_both_mentors() {
    on_each_backend(|app| async move {
        assert!(demo::load(&app.app).await.unwrap());
        let now = coachkit_store::now_ms();
        let priya = app.app.store.user_by_email("priya@demo.example.org").await.unwrap().unwrap();
        let priya = Actor { user: priya, csrf_token: None, session_hash: None };

        let theme = app.app.theme_page(&priya, "what i must let go of").await.unwrap();
        let dates: Vec<i64> = theme.reflections.iter().map(|r| r.created_at).collect();
        assert!(dates.len() >= 4, "{dates:?}");
        let (oldest, newest) = (*dates.iter().min().unwrap(), *dates.iter().max().unwrap());
        assert!(now - oldest > 100 * DAY, "the theme first came up about four months ago");
        assert!(newest - oldest > 60 * DAY, "and came back months later");
        let mentors: std::collections::BTreeSet<_> =
            theme.reflections.iter().filter_map(|r| r.mentor_name.clone()).collect();
        assert_eq!(mentors.into_iter().collect::<Vec<_>>(), ["Gareth Holloway", "Tomasz Wierzbicki"]);

        let overview = app.app.theme_overview(&priya).await.unwrap();
        let let_go = overview.iter().find(|t| t.label == "What I must let go of").unwrap();
        assert_eq!(let_go.mentors, ["Gareth Holloway", "Tomasz Wierzbicki"], "rolled up across both mentors");

        // Relationships began months ago; the latest held session was last week; every date is
        // in the past except the planned next session.
        let rels = app.app.relationships(&priya).await.unwrap();
        assert!(rels.iter().all(|r| now - r.created_at.0 > 90 * DAY), "relationships months old");
        let mut held = vec![];
        for r in &rels {
            for s in app.app.sessions(&priya, &r.id).await.unwrap() {
                if s.status.as_str() == "held" {
                    held.push(s.starts_at);
                }
            }
        }
        let latest = held.iter().max().copied().unwrap();
        assert!((6 * DAY..=10 * DAY).contains(&(now - latest)), "the latest session was last week");
        assert!(now - held.iter().min().copied().unwrap() > 110 * DAY, "the first, about four months ago");

        // The pages show it: the mentor-side roll-up and the demo person can sign in.
        let client = app.client();
        assert_eq!(client.sign_in("priya@demo.example.org", DEMO_PASSWORD).await.status(), StatusCode::SEE_OTHER);
        let page = client.page("/journal/themes", StatusCode::OK).await;
        assert!(page.contains("Gareth Holloway, Tomasz Wierzbicki"), "{page}");
        app.stop().await;
    })
    .await;
}
