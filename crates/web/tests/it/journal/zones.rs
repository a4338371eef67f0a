//! Days and calendar files in the reader's own zone: the same session is on the 1st for a leader in
//! UTC and on the 2nd for a mentor in Auckland, on the page and in the .ics each downloads.

use super::cast;
use crate::on_each_backend;
use coachkit_app::journal::SessionInput;
use coachkit_domain::RelationshipId;
use reqwest::StatusCode;

#[tokio::test]
async fn a_session_reads_in_each_persons_zone_on_pages_and_in_calendar_files() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        app.app.store.set_time_zone(&c.mentor.id(), "Pacific/Auckland").await.unwrap();
        let rid = RelationshipId::from_trusted(c.with_mentor.clone());
        // 20:00 UTC on 1 Nov 2026 is 09:00 on 2 Nov in Auckland (summer time, UTC+13).
        let input = SessionInput { starts_at: "2026-11-01T20:00".into(), status: "held".into(), ..Default::default() };
        let s = app.app.plan_session(&c.leader, &rid, &input).await.unwrap();

        let mentor = crate::journal::client_for(&app, "mentor@example.org").await;
        let home = mentor.page("/coaching", StatusCode::OK).await;
        assert!(home.contains("Last session 2 Nov 2026"), "the mentor's day: {home}");
        let leader = crate::journal::client_for(&app, "leader@example.org").await;
        let session = leader.page(&format!("/journal/sessions/{s}"), StatusCode::OK).await;
        assert!(session.contains("1 Nov 2026 20:00 UTC"), "the leader's moment: {session}");

        let ics = |who: &'static str| {
            let (app, s) = (&app, s.clone());
            async move {
                let client = crate::journal::client_for(app, who).await;
                let r = client.get(&format!("/journal/sessions/{s}/calendar.ics")).await;
                assert_eq!(r.status(), StatusCode::OK);
                r.text().await.unwrap()
            }
        };
        let theirs = ics("mentor@example.org").await;
        assert!(theirs.contains("DTSTART;TZID=Pacific/Auckland:20261102T090000\r\n"), "{theirs}");
        assert!(theirs.contains("BEGIN:VTIMEZONE\r\nTZID:Pacific/Auckland\r\n"), "{theirs}");
        assert!(theirs.contains("TZOFFSETTO:+1300\r\n"), "{theirs}");
        let mine = ics("leader@example.org").await;
        assert!(mine.contains("DTSTART:20261101T200000Z\r\n") && !mine.contains("VTIMEZONE"), "{mine}");
        app.stop().await;
    })
    .await;
}
