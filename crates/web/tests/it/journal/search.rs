//! Search finds a word only among the documents the searcher could be shown: the index carries
//! access tokens (migration 0005) that must follow every change of audience, edit and delete.

use super::{cast, reflection};
use crate::on_each_backend;
use coachkit_app::Actor;
use coachkit_app::journal::ReflectionInput;
use coachkit_testkit::TestApp;

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
