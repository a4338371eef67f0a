//! Search finds a word only among the documents the searcher could be shown: the index carries
//! access tokens (migration 0005) that must follow every change of audience, edit and delete.

use super::{cast, reflection};
use crate::on_each_backend;
use coachkit_app::Actor;
use coachkit_app::journal::ReflectionInput;
use coachkit_testkit::TestApp;
use reqwest::StatusCode;

/// The record ids `who` finds for `q`, in the order given.
async fn found(app: &TestApp, who: &Actor, q: &str) -> Vec<String> {
    app.app.search(who, q).await.unwrap().into_iter().map(|r| r.record_id).collect()
}

fn input(body: &str, audience: &str) -> ReflectionInput {
    ReflectionInput { body: body.into(), audience: audience.into(), ..Default::default() }
}

#[tokio::test]
async fn the_index_follows_every_change_of_audience() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let (leader, mentor, other) = (&c.leader, &c.mentor, &c.other_mentor);
        let only_mo = format!("relationship:{}", c.with_mentor);
        let id = reflection(&app, leader, None, "the quarterly kaizen review went sideways", "private", "").await;
        let just_it = vec![id.clone()];
        assert_eq!(found(&app, leader, "kaizen").await, just_it, "the author finds their own");
        assert!(found(&app, mentor, "kaizen").await.is_empty(), "private: no mentor finds it");

        app.app
            .edit_reflection(leader, &id, &input("the quarterly kaizen review went sideways", &only_mo))
            .await
            .unwrap();
        assert_eq!(found(&app, mentor, "kaizen").await, just_it, "shared with this mentor");
        assert!(found(&app, other, "kaizen").await.is_empty(), "never the other mentor");

        let all = input("the quarterly kaizen review went sideways", "all_my_coaches");
        app.app.edit_reflection(leader, &id, &all).await.unwrap();
        assert_eq!(found(&app, mentor, "kaizen").await, just_it);
        assert_eq!(found(&app, other, "kaizen").await, just_it, "all my coaches reaches both");

        app.app
            .edit_reflection(leader, &id, &input("the quarterly review went sideways", "all_my_coaches"))
            .await
            .unwrap();
        assert!(found(&app, other, "kaizen").await.is_empty(), "an edited-away word is no longer found");
        assert_eq!(found(&app, other, "review").await, just_it);

        app.app.edit_reflection(leader, &id, &input("the quarterly review went sideways", "private")).await.unwrap();
        assert!(found(&app, mentor, "review").await.is_empty() && found(&app, other, "review").await.is_empty());
        assert_eq!(found(&app, leader, "review").await, just_it);

        app.app.delete_reflection(leader, &id).await.unwrap();
        assert!(found(&app, leader, "review").await.is_empty(), "a deleted reflection is gone from search");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn hits_come_newest_first_and_stop_words_find_nothing() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let mut ids = vec![];
        for n in 1..=3 {
            ids.push(reflection(&app, &c.leader, None, &format!("delegation note {n}"), "private", "").await);
        }
        ids.reverse();
        assert_eq!(found(&app, &c.leader, "delegation").await, ids);
        // Every word must be there.
        assert_eq!(found(&app, &c.leader, "delegation 2").await, ids[1..2]);
        assert!(found(&app, &c.leader, "delegation 4").await.is_empty());
        // Only stop words (PostgreSQL drops them) or only punctuation: nothing, never everything.
        assert!(found(&app, &c.leader, "the").await.iter().all(|id| !ids.contains(id)));
        assert!(found(&app, &c.leader, "\"*").await.is_empty());
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_merged_index_answers_as_before() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        // Each write commits on its own, leaving FTS5 several segments on several levels.
        let mut ids = vec![];
        for n in 0..30 {
            ids.push(reflection(&app, &c.leader, None, &format!("segment note {n}"), "private", "").await);
        }
        ids.reverse();
        let steps = app.app.merge_search_index().await.unwrap();
        match app.app.store.backend() {
            coachkit_store::Backend::Sqlite => assert!(steps > 0, "30 separate writes leave segments to merge"),
            coachkit_store::Backend::Postgres => assert_eq!(steps, 0, "nothing to do for GIN"),
        }
        assert_eq!(app.app.merge_search_index().await.unwrap(), 0, "merged already: a no-op");
        let hits = found(&app, &c.leader, "segment").await;
        assert_eq!(hits, ids, "all 30, newest first, as before");
        assert!(found(&app, &c.mentor, "segment").await.is_empty(), "access tokens survive the merge");
        // Writes after a merge are found too.
        let late = reflection(&app, &c.leader, None, "segment written later", "private", "").await;
        assert_eq!(found(&app, &c.leader, "later").await, [late]);
        app.stop().await;
    })
    .await;
}

/// Issue 14: "letting go" found nothing although the theme "What I must let go of" existed. The
/// theme is now a search row of its own (its owner's alone) and a reflection's row carries its
/// themes, both stemmed in English, so "letting" meets "let" on either backend.
#[tokio::test]
async fn letting_go_finds_the_theme_what_i_must_let_go_of() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let shared = format!("relationship:{}", c.with_mentor);
        let id =
            reflection(&app, &c.leader, None, "The budget round went well.", &shared, "What I must let go of").await;
        let hits = app.app.search(&c.leader, "letting go").await.unwrap();
        let theme = hits.iter().find(|h| h.kind == "theme").expect("the theme itself is a hit");
        assert_eq!(theme.title, "What I must let go of");
        assert_eq!(theme.kind_label, "Theme");
        assert_eq!(theme.link, "/journal/themes/what-i-must-let-go-of");
        assert!(hits.iter().any(|h| h.record_id == id), "and the reflection tagged with it");

        // The mentor it was shared with finds the reflection by its theme, never the leader's
        // theme row; the other mentor finds neither.
        let mentor_hits = app.app.search(&c.mentor, "letting go").await.unwrap();
        assert_eq!(mentor_hits.iter().map(|h| h.record_id.as_str()).collect::<Vec<_>>(), vec![id.as_str()]);
        assert!(app.app.search(&c.other_mentor, "letting go").await.unwrap().is_empty());

        // The page names every kind in words and its link opens the theme.
        let leader = super::client_for(&app, "leader@example.org").await;
        let page = leader.page("/journal/search?q=letting+go", StatusCode::OK).await;
        assert!(page.contains(r#"<span class="tag">Theme</span>"#), "{page}");
        assert!(page.contains(r#"href="/journal/themes/what-i-must-let-go-of""#));
        assert!(!page.contains("killer_question") && !page.contains(">theme<"));
        let theme_page = leader.page("/journal/themes/what-i-must-let-go-of", StatusCode::OK).await;
        assert!(theme_page.contains("The budget round went well."));
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn every_signed_in_page_has_the_search_box() {
    on_each_backend(|app| async move {
        cast(&app).await;
        let leader = super::client_for(&app, "leader@example.org").await;
        for path in ["/dashboard", "/journal", "/wheel", "/settings", "/orgs"] {
            let page = leader.page(path, StatusCode::OK).await;
            assert!(
                page.contains(r#"<form class="top-search" role="search" method="get" action="/journal/search">"#),
                "{path}"
            );
        }
        let anonymous = app.client().page("/signin", StatusCode::OK).await;
        assert!(!anonymous.contains("top-search"), "nobody to search for before signing in");
        app.stop().await;
    })
    .await;
}
