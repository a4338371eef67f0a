//! A wheel filled in live by a leader and their coach, a comparison and a trend, and reframing
//! tasks that become actions of the journal.

use super::{STORY, assessment_id, cast, client_for, finished, post_fill, save};
use crate::on_each_backend;
use coachkit_domain::RelationshipId;
use coachkit_domain::relationship::Transition;
use reqwest::StatusCode;

#[tokio::test]
async fn a_coach_starts_a_live_wheel_and_both_fill_it_in() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let coach = client_for(&app, "coach@example.org").await;
        let r = coach
            .submit(
                "/wheel",
                "/wheel/assessments",
                &[("form", "client"), ("relationship_id", &c.with_coach), ("unit", "hours_per_week")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap_or_default());
        let id = assessment_id(r.headers()["location"].to_str().unwrap());
        let form = coach.page(&format!("/wheel/assessments/{id}/fill"), StatusCode::OK).await;
        assert!(form.contains("Lena Leader&#39;s wheel, filled in live with you"), "{form}");

        // The coach types the first two areas as the client speaks.
        let first = [
            ("3", "4", "14", "Planning only happens on the train"),
            ("8", "24", "12", ""),
            ("", "", "", ""),
            ("", "", "", ""),
        ];
        assert_eq!(post_fill(&coach, &id, "hours_per_week", "save", &first).await.status(), StatusCode::SEE_OTHER);

        // It is the leader's: on their list, shared with this coach, and theirs to finish.
        let page = app.app.wheel_assessment(&c.leader, &id).await.unwrap();
        assert!(page.summary.mine && page.summary.live && page.can_manage);
        assert_eq!(page.summary.audience, "Cora Coach");
        assert_eq!(page.entries[0].note.as_deref(), Some("Planning only happens on the train"));
        let leader = client_for(&app, "leader@example.org").await;
        assert!(leader.page("/wheel", StatusCode::OK).await.contains("live with Cora Coach"));
        assert!(coach.page("/wheel", StatusCode::OK).await.contains(&format!("/wheel/assessments/{id}/fill")));
        let all = [
            ("3", "4", "14", "Planning only happens on the train"),
            ("8", "24", "12", ""),
            ("7", "10", "8", ""),
            ("4", "2", "6", ""),
        ];
        assert_eq!(post_fill(&leader, &id, "hours_per_week", "finish", &all).await.status(), StatusCode::SEE_OTHER);

        // Finished: nobody fills it now; the coach reads it; the other coach does not exist for it.
        assert_eq!(coach.get(&format!("/wheel/assessments/{id}/fill")).await.status(), StatusCode::SEE_OTHER);
        let seen = coach.page(&format!("/wheel/assessments/{id}"), StatusCode::OK).await;
        assert!(seen.contains("Vision and Community: engagement is low"));
        assert!(!seen.contains("/audience\""), "sharing is the leader's to change");
        let other = client_for(&app, "other@example.org").await;
        assert_eq!(other.get(&format!("/wheel/assessments/{id}")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(other.get(&format!("/wheel/assessments/{id}/fill")).await.status(), StatusCode::NOT_FOUND);
        let r = coach
            .submit(
                &format!("/wheel/assessments/{id}"),
                &format!("/wheel/assessments/{id}/audience"),
                &[("audience", "private")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        // Reopened, the coach may fill it again; once the leader makes it private, the coach
        // neither reads nor fills it.
        let r =
            leader.submit(&format!("/wheel/assessments/{id}"), &format!("/wheel/assessments/{id}/reopen"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(coach.get(&format!("/wheel/assessments/{id}/fill")).await.status(), StatusCode::OK);
        let r = leader
            .submit(
                &format!("/wheel/assessments/{id}"),
                &format!("/wheel/assessments/{id}/audience"),
                &[("audience", "private")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(coach.get(&format!("/wheel/assessments/{id}")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(coach.get(&format!("/wheel/assessments/{id}/fill")).await.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn two_people_saving_at_once_never_overwrite_each_other_unknowingly() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let coach = client_for(&app, "coach@example.org").await;
        let leader = client_for(&app, "leader@example.org").await;
        let r = coach
            .submit("/wheel", "/wheel/assessments", &[("form", "client"), ("relationship_id", &c.with_coach)])
            .await;
        let id = assessment_id(r.headers()["location"].to_str().unwrap());
        let path = format!("/wheel/assessments/{id}/fill");
        // Both open the form; the coach saves first; the leader's save, made on the old form, is
        // shown back to them instead of replacing the coach's entries.
        let opened = leader.page(&path, StatusCode::OK).await;
        let old_revision = super::hidden(&opened, "revision");
        assert_eq!(
            post_fill(&coach, &id, "hours_per_week", "save", &[("6", "", "", "")]).await.status(),
            StatusCode::SEE_OTHER
        );
        let fields = super::fill_fields("hours_per_week", &old_revision, "save", &[("2", "", "", "mine")]);
        let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = leader.submit(&path, &path, &refs).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("Someone else saved this wheel after you opened it") && body.contains(">mine</textarea>")
        );
        assert_eq!(app.app.wheel_assessment(&c.leader, &id).await.unwrap().entries[0].rating, Some(6));
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_relationship_that_ended_keeps_the_wheel_readable_but_closed_to_the_coach() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let rid = RelationshipId::from_trusted(c.with_coach.clone());
        let start = coachkit_app::wheel::StartInput { relationship_id: c.with_coach.clone(), ..Default::default() };
        let id = app.app.start_wheel_assessment(&c.coach, &start).await.map_err(|e| format!("{e:?}")).unwrap();
        save(&app, &c.coach, &id, &[("5", "1", "2", "said in the session")], false).await;
        app.app.change_relationship(&c.leader, &rid, Transition::End).await.unwrap();
        let coach = client_for(&app, "coach@example.org").await;
        assert!(coach.page(&format!("/wheel/assessments/{id}"), StatusCode::OK).await.contains("said in the session"));
        assert_eq!(coach.get(&format!("/wheel/assessments/{id}/fill")).await.status(), StatusCode::SEE_OTHER);
        // Nor can a coach start a wheel in an ended relationship.
        let r = coach
            .submit("/wheel", "/wheel/assessments", &[("form", "client"), ("relationship_id", &c.with_coach)])
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn two_wheels_compare_side_by_side_and_follow_each_other_over_time() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let audience = format!("relationship:{}", c.with_coach);
        let first = finished(&app, &c.leader, &STORY, &audience, "2026-09-01").await;
        let later = [("5", "8", "12", ""), ("8", "20", "12", ""), ("7", "10", "8", ""), ("5", "4", "6", "")];
        let second = finished(&app, &c.leader, &later, &audience, "2026-10-13").await;
        let leader = client_for(&app, "leader@example.org").await;
        // Either order: the earlier one is "before".
        let page = leader.page(&format!("/wheel/compare?a={second}&b={first}"), StatusCode::OK).await;
        let (before, after) = (page.find("1 Sep 2026").unwrap(), page.find("13 Oct 2026").unwrap());
        assert!(before < after, "earlier first");
        assert!(page.contains("<th scope=\"row\">Vision</th>\n      <td>3</td><td>5</td><td>+2</td>"), "{page}");
        assert!(page.contains("role=\"img\""), "the two wheels are drawn");

        let home = leader.page("/wheel", StatusCode::OK).await;
        assert!(home.contains("href=\"/wheel/trend/default\""), "a trend once there are two finished wheels");
        let trend = leader.page("/wheel/trend/default", StatusCode::OK).await;
        assert!(trend.contains("Four areas of leading over time") && trend.contains("ck-trend"));
        assert!(
            trend.contains("quality 3; spent 4 h; wished 14 h") && trend.contains("quality 5; spent 8 h; wished 12 h")
        );

        // The coach they were shared with follows them too; the other coach and a stranger do not.
        let leader_id = c.leader.user.id.clone();
        let coach = client_for(&app, "coach@example.org").await;
        assert!(
            coach
                .page(&format!("/wheel/trend/default?leader={leader_id}"), StatusCode::OK)
                .await
                .contains("Lena Leader")
        );
        assert_eq!(coach.get(&format!("/wheel/compare?a={first}&b={second}")).await.status(), StatusCode::OK);
        for email in ["other@example.org", "stranger@example.org"] {
            let who = client_for(&app, email).await;
            assert_eq!(
                who.get(&format!("/wheel/trend/default?leader={leader_id}")).await.status(),
                StatusCode::NOT_FOUND
            );
            assert_eq!(who.get(&format!("/wheel/compare?a={first}&b={second}")).await.status(), StatusCode::NOT_FOUND);
        }
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_reframing_task_becomes_an_action_in_the_journal() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let id = finished(&app, &c.leader, &STORY, &format!("relationship:{}", c.with_coach), "2026-09-01").await;
        let leader = client_for(&app, "leader@example.org").await;
        let page = format!("/wheel/assessments/{id}");
        let r = leader
            .submit(
                &page,
                &format!("{page}/reframing"),
                &[("area", "0"), ("text", "Draft a five-year picture on one page")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()["location"], format!("{page}#reframe-0").as_str());
        let shown = leader.page(&page, StatusCode::OK).await;
        assert!(shown.contains("If your whole job were only Vision, what would you do?"));
        assert!(shown.contains("Draft a five-year picture on one page") && shown.contains("Make it an action"));

        let item = app.app.wheel_assessment(&c.leader, &id).await.unwrap().reframing[0].items[0].id.clone();
        let r = leader.submit(&page, &format!("/wheel/reframing/{item}/action"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let actions = leader.page("/journal/actions", StatusCode::OK).await;
        assert!(actions.contains("Draft a five-year picture on one page"), "{actions}");
        assert!(actions.contains("Cora Coach"), "shared with the coach, as the wheel is");
        assert!(leader.page(&page, StatusCode::OK).await.contains("action · open"));
        // Once only.
        assert_eq!(
            leader.submit(&page, &format!("/wheel/reframing/{item}/action"), &[]).await.status(),
            StatusCode::CONFLICT
        );

        // The coach reads the tasks but names none and converts none.
        let coach = client_for(&app, "coach@example.org").await;
        let seen = coach.page(&page, StatusCode::OK).await;
        assert!(seen.contains("Draft a five-year picture on one page") && !seen.contains("Make it an action"));
        let r = coach.submit(&page, &format!("{page}/reframing"), &[("area", "0"), ("text", "A task of mine")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // An empty or overlong task is refused on the page itself, next to its field, with what was
        // typed kept; an area that is not there is refused outright.
        let r = leader.submit(&page, &format!("{page}/reframing"), &[("area", "0"), ("text", "  ")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains(r#"<p class="field-error" id="task-0-error">The task must not be empty.</p>"#), "{body}");
        assert!(body.contains("If your whole job were only Vision"), "the assessment page, not an error page");
        let long = "a plan ".repeat(50);
        let r = leader.submit(&page, &format!("{page}/reframing"), &[("area", "1"), ("text", &long)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains("The task is too long (349 characters; at most 300)."), "{body}");
        assert!(body.contains(&format!(r#"value="{long}""#)) && body.contains(r#"aria-invalid="true""#));
        assert_eq!(
            app.app.wheel_assessment(&c.leader, &id).await.unwrap().reframing[1].items.len(),
            0,
            "nothing stored"
        );
        let r = leader.submit(&page, &format!("{page}/reframing"), &[("area", "9"), ("text", "x")]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}
