//! The journal's everyday flows through the pages.

use super::{cast, client_for, reflection, session};
use crate::on_each_backend;
use coachkit_domain::RelationshipId;
use coachkit_domain::relationship::Transition;
use reqwest::StatusCode;

#[tokio::test]
async fn log_a_session_then_plan_the_next_and_download_its_calendar_file() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let leader = client_for(&app, "leader@example.org").await;
        let form = format!("/journal/sessions/new?relationship={}", c.with_mentor);
        let r = leader
            .submit(
                &form,
                &form,
                &[
                    ("starts_at", "2026-10-05T09:30"),
                    ("duration_minutes", "45"),
                    ("status", "held"),
                    ("agenda", "Where my time goes"),
                    ("way_forward", "Say no to two meetings a week"),
                    ("themes", "Time, Saying no"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap_or_default());
        let path = r.headers()["location"].to_str().unwrap().to_owned();
        let page = leader.page(&path, StatusCode::OK).await;
        assert!(page.contains("Where my time goes") && page.contains("Say no to two meetings a week"));
        assert!(page.contains("5 Oct 2026 09:30 UTC"));

        let r = leader.submit(&path, &format!("{path}/next"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let next_edit = r.headers()["location"].to_str().unwrap().to_owned();
        let edit = leader.page(&next_edit, StatusCode::OK).await;
        assert!(edit.contains("2026-11-02T09:30"), "four weeks later, same time");
        assert!(edit.contains("Follow up on: Say no to two meetings a week"));
        let next = next_edit.trim_end_matches("/edit");
        let ics = leader.get(&format!("{next}/calendar.ics")).await;
        assert_eq!(ics.headers()["content-type"], "text/calendar; charset=utf-8");
        let ics = ics.text().await.unwrap();
        assert!(ics.contains("DTSTART:20261102T093000Z\r\n") && ics.contains("DTEND:20261102T101500Z\r\n"), "{ics}");

        // The mentor sees the session; the other mentor does not.
        let mentor = client_for(&app, "mentor@example.org").await;
        assert!(mentor.page(&path, StatusCode::OK).await.contains("Where my time goes"));
        let other = client_for(&app, "other@example.org").await;
        assert_eq!(other.get(&path).await.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn bad_session_input_is_refused_next_to_the_fields() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let leader = client_for(&app, "leader@example.org").await;
        let form = format!("/journal/sessions/new?relationship={}", c.with_mentor);
        let r = leader
            .submit(
                &form,
                &form,
                &[("starts_at", "next tuesday"), ("duration_minutes", "abc"), ("status", "cancelled")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains("id=\"starts-error\"") && body.contains("id=\"duration-error\""), "{body}");
        let rid = RelationshipId::from_trusted(c.with_mentor.clone());
        assert!(app.app.sessions(&c.leader, &rid).await.unwrap().is_empty(), "nothing saved");
        // A stranger cannot plan in someone else's relationship, even with the right id.
        let stranger = client_for(&app, "stranger@example.org").await;
        let r = stranger.submit("/journal", &form, &[("starts_at", "2026-10-05T09:30")]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn themes_roll_up_across_mentors_oldest_first() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let s1 = session(&app, &c.leader, &c.with_mentor, "one").await;
        let s2 = session(&app, &c.leader, &c.with_other, "two").await;
        reflection(&app, &c.leader, Some(&s1), "First on letting go", "private", "Letting go").await;
        reflection(&app, &c.leader, Some(&s2), "Second on letting go", "private", "letting  GO., Grassroots movements")
            .await;
        reflection(&app, &c.leader, None, "Third, on my own", "private", "Grassroots movement").await;
        let leader = client_for(&app, "leader@example.org").await;
        let overview = leader.page("/journal/themes", StatusCode::OK).await;
        assert!(overview.contains("Letting go") && overview.contains("Grassroots movements"));
        assert!(!overview.contains("letting  GO"), "one theme, first spelling kept");
        assert!(overview.contains("Mo Mentor, Otto Other"), "with whom: {overview}");
        let page = leader.page("/journal/themes/letting-go", StatusCode::OK).await;
        let (a, b) = (page.find("First on letting go").unwrap(), page.find("Second on letting go").unwrap());
        assert!(a < b, "oldest first");
        assert!(page.contains("with Mo Mentor") && page.contains("with Otto Other"));
        let page = leader.page("/journal/themes/grassroots-movement", StatusCode::OK).await;
        assert!(page.contains("Third, on my own") && page.contains("on my own"));
        assert_eq!(leader.get("/journal/themes/never-used").await.status(), StatusCode::NOT_FOUND);
        // Theme pages are per person: the mentor has no such theme.
        let mentor = client_for(&app, "mentor@example.org").await;
        assert_eq!(mentor.get("/journal/themes/letting-go").await.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn killer_questions_reach_the_bank_and_only_the_asking_coach() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let s1 = session(&app, &c.leader, &c.with_mentor, "one").await;
        let s2 = session(&app, &c.leader, &c.with_other, "two").await;
        let leader = client_for(&app, "leader@example.org").await;
        let p1 = format!("/journal/sessions/{s1}");
        leader.submit(&p1, &format!("{p1}/killer-question"), &[("text", "What would you stop doing?")]).await;
        let p2 = format!("/journal/sessions/{s2}");
        leader.submit(&p2, &format!("{p2}/killer-question"), &[("text", "Who is it really for?")]).await;
        let bank = leader.page("/journal/questions", StatusCode::OK).await;
        assert!(bank.contains("What would you stop doing?") && bank.contains("Mo Mentor"));
        assert!(bank.contains("Who is it really for?") && bank.contains("Otto Other"));

        let mentor = client_for(&app, "mentor@example.org").await;
        let page = mentor.page("/journal/questions", StatusCode::OK).await;
        assert!(page.contains("What would you stop doing?"));
        assert!(!page.contains("Who is it really for?"), "never another mentor's question");
        let q = app.app.questions_i_asked(&c.mentor).await.unwrap().remove(0);
        let r = mentor.submit("/journal/questions", &format!("/journal/killer/{}/reuse", q.id), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.app.toolkit(&c.mentor).await.unwrap()[0].text, "What would you stop doing?");
        let theirs = app.app.questions_i_asked(&c.other_mentor).await.unwrap().remove(0);
        let r = mentor.submit("/journal/questions", &format!("/journal/killer/{}/reuse", theirs.id), &[]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "cannot take another mentor's question");
        let r = mentor.submit(&p1, &format!("{p1}/killer-question"), &[("text", "I asked this")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "the leader records it");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn actions_from_a_reflection_with_due_dates_and_status() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let s = session(&app, &c.leader, &c.with_mentor, "one").await;
        let r = reflection(&app, &c.leader, Some(&s), "I need a plan", "private", "").await;
        let leader = client_for(&app, "leader@example.org").await;
        let page = format!("/journal/actions?reflection={r}");
        let resp = leader
            .submit(
                &page,
                "/journal/actions",
                &[
                    ("text", "Draft the plan"),
                    ("due", "2020-01-01"),
                    ("reflection_id", r.as_str()),
                    ("audience", &format!("relationship:{}", c.with_mentor)),
                ],
            )
            .await;
        assert_eq!(resp.status(), StatusCode::SEE_OTHER);
        let list = leader.page("/journal/actions", StatusCode::OK).await;
        assert!(list.contains("Draft the plan") && list.contains("(overdue)"));
        let dash = leader.page("/journal", StatusCode::OK).await;
        assert!(dash.contains("Draft the plan"), "open actions on the journal front page");
        let resp = leader.submit("/journal/actions", "/journal/actions", &[("text", ""), ("due", "soon")]).await;
        assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = resp.text().await.unwrap();
        assert!(body.contains("id=\"a-text-error\"") && body.contains("id=\"due-error\""));

        let mentor = client_for(&app, "mentor@example.org").await;
        assert!(
            mentor.page(&format!("/relationships/{}", c.with_mentor), StatusCode::OK).await.contains("Draft the plan")
        );
        let action = app.app.all_actions(&c.leader).await.unwrap().remove(0);
        let resp =
            mentor.submit("/dashboard", &format!("/journal/actions/{}/status", action.id), &[("status", "done")]).await;
        assert_eq!(resp.status(), StatusCode::FORBIDDEN, "a mentor reads shared actions, changes none");
        let resp = leader
            .submit("/journal/actions", &format!("/journal/actions/{}/status", action.id), &[("status", "done")])
            .await;
        assert_eq!(resp.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.app.all_actions(&c.leader).await.unwrap()[0].status.as_str(), "done");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn search_finds_what_each_person_may_see_and_nothing_else() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let s = session(&app, &c.leader, &c.with_mentor, "budget").await;
        app.app.write_session_detail(&c.leader, &s, "the reorganisation rumours worry me").await.unwrap();
        reflection(
            &app,
            &c.leader,
            Some(&s),
            "the reorganisation is an opening",
            &format!("relationship:{}", c.with_mentor),
            "",
        )
        .await;
        let leader = client_for(&app, "leader@example.org").await;
        let found = leader.page("/journal/search?q=reorganisation", StatusCode::OK).await;
        assert!(found.contains("<mark>reorganisation</mark>"), "{found}");
        assert!(found.contains("rumours worry me") && found.contains("an opening"));
        let mentor = client_for(&app, "mentor@example.org").await;
        let found = mentor.page("/journal/search?q=reorganisation", StatusCode::OK).await;
        assert!(found.contains("an opening"), "shared with this mentor");
        assert!(!found.contains("rumours"), "the private detail never shows in anyone else's search");
        let other = client_for(&app, "other@example.org").await;
        let found = other.page("/journal/search?q=reorganisation", StatusCode::OK).await;
        assert!(!found.contains("opening") && !found.contains("rumours"));
        for odd in ["\"", "*", "NEAR(a b)", "a:b", "'; DROP TABLE users; --", "ü", "%%", &"x".repeat(5000)] {
            let r = leader.get(&format!("/journal/search?q={}", crate::journal::flows::enc(odd))).await;
            assert_eq!(r.status(), StatusCode::OK, "query {odd:?}");
        }
        app.stop().await;
    })
    .await;
}

pub fn enc(s: &str) -> String {
    serde_urlencoded::to_string([("q", s)]).unwrap()[2..].to_owned()
}

#[tokio::test]
async fn prep_shows_and_sends_only_what_the_mentor_may_see() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let s = session(&app, &c.leader, &c.with_mentor, "one").await;
        reflection(&app, &c.leader, Some(&s), "shared with Mo", &format!("relationship:{}", c.with_mentor), "Trust")
            .await;
        reflection(&app, &c.leader, Some(&s), "kept private", "private", "Secret theme").await;
        reflection(&app, &c.leader, None, "for Otto only", &format!("relationship:{}", c.with_other), "").await;
        app.app.record_killer_question(&c.leader, &s, "What are you avoiding?").await.unwrap();
        let leader = client_for(&app, "leader@example.org").await;
        let prep = leader.page(&format!("/relationships/{}/prep", c.with_mentor), StatusCode::OK).await;
        assert!(prep.contains("shared with Mo") && prep.contains("What are you avoiding?") && prep.contains("Trust"));
        assert!(!prep.contains("kept private") && !prep.contains("Secret theme") && !prep.contains("for Otto only"));
        let r = leader
            .submit(
                &format!("/relationships/{}/prep", c.with_mentor),
                &format!("/relationships/{}/prep/send", c.with_mentor),
                &[],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let mail = app.app.store.mail_to("mentor@example.org").await.unwrap();
        let prep_mail = mail.iter().find(|m| m.subject.contains("prepared your next session")).expect("prep mail");
        assert!(prep_mail.body.contains("shared with Mo") && prep_mail.body.contains("What are you avoiding?"));
        assert!(!prep_mail.body.contains("kept private") && !prep_mail.body.contains("for Otto only"));
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn an_ended_relationship_keeps_its_sessions_read_only() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let s = session(&app, &c.leader, &c.with_mentor, "the last one").await;
        reflection(&app, &c.leader, Some(&s), "said before the end", &format!("relationship:{}", c.with_mentor), "")
            .await;
        let rid = RelationshipId::from_trusted(c.with_mentor.clone());
        app.app.change_relationship(&c.leader, &rid, Transition::End).await.unwrap();
        reflection(&app, &c.leader, None, "said after the end", "all_my_coaches", "").await;
        let mentor = client_for(&app, "mentor@example.org").await;
        let page = mentor.page(&format!("/journal/sessions/{s}"), StatusCode::OK).await;
        assert!(page.contains("the last one") && page.contains("read-only"));
        assert!(page.contains("said before the end"), "what was shared while it lasted stays readable");
        let search = mentor.page("/journal/search?q=said", StatusCode::OK).await;
        assert!(!search.contains("after the end"), "nothing shared after it ended");
        let r =
            mentor.submit("/dashboard", &format!("/journal/sessions/{s}/coach-note"), &[("body", "late note")]).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let leader = client_for(&app, "leader@example.org").await;
        let r = leader
            .submit(
                "/dashboard",
                &format!("/journal/sessions/new?relationship={}", c.with_mentor),
                &[("starts_at", "2026-12-01T10:00")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        app.stop().await;
    })
    .await;
}
