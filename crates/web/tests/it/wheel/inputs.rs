//! Refused inputs: every error comes back next to its field, with a 4xx, and nothing is saved.

use super::{assessment_id, cast, client_for, post_fill};
use crate::on_each_backend;
use reqwest::StatusCode;

/// Starts a wheel of the built-in template through the page and returns its id.
async fn start(client: &coachkit_testkit::Client, unit: &str) -> String {
    let r = client
        .submit("/wheel", "/wheel/assessments", &[("form", "self"), ("unit", unit), ("audience", "private")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap_or_default());
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.ends_with("/fill"), "{location}");
    assessment_id(&location)
}

#[tokio::test]
async fn bad_ratings_and_times_are_refused_next_to_their_fields_and_nothing_is_saved() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let leader = client_for(&app, "leader@example.org").await;
        let id = start(&leader, "hours_per_week").await;

        // Out-of-range rating, negative time, more than a week, nonsense, an absurd number.
        let rows = [("10", "-3", "5", ""), ("0", "5", "200", ""), ("seven", "1e9", "NaN", ""), ("5", "5", "5", "")];
        let r = post_fill(&leader, &id, "hours_per_week", "save", &rows).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        for field in ["rating_0", "spent_0", "rating_1", "wished_1", "rating_2", "spent_2", "wished_2"] {
            assert!(body.contains(&format!("id=\"{field}-error\"")), "{field} has its error: {body}");
            assert!(body.contains(&format!("aria-describedby=\"{field}-error\"")), "{field} is described by it");
        }
        assert!(!body.contains("id=\"rating_3-error\""), "the good row has no error");
        assert!(body.contains("Time spent must not be negative."));
        assert!(body.contains("Time wished cannot be more than the 168 hours of a week."));
        assert!(body.contains("The quality must be a whole number from 1 to 9."));
        assert!(body.contains("value=\"-3\""), "the form comes back as sent");

        // Each column of a week holds 168 hours at most, all areas together.
        let over = [("5", "100", "10", ""), ("5", "70", "10", ""), ("", "", "", ""), ("", "", "", "")];
        let r = post_fill(&leader, &id, "hours_per_week", "save", &over).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains("Time spent adds up to 170 hours over all areas; a week has only 168."), "{body}");

        // Shares: no area over 100%, and no column over 100% in all (checked once every
        // amount is a number, so a total never adds up a slip about to be corrected).
        let shares = [("5", "60", "101", ""), ("", "", "", ""), ("", "", "", ""), ("", "", "", "")];
        let r = post_fill(&leader, &id, "share_of_time", "save", &shares).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains("id=\"wished_0-error\">Time wished cannot be more than 100%."), "{body}");
        assert!(body.contains("value=\"share_of_time\" checked"), "the unit comes back as sent");
        let shares = [("5", "60", "10", ""), ("5", "50", "10", ""), ("", "", "", ""), ("", "", "", "")];
        let r = post_fill(&leader, &id, "share_of_time", "save", &shares).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains("Time spent adds up to 110% over all areas; at most 100% is possible."), "{body}");

        // A unit that is not one of the two.
        let r = post_fill(&leader, &id, "days", "save", &[("5", "1", "1", "")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("id=\"unit-error\""));

        let stored = app.app.wheel_assessment(&c.leader, &id).await.unwrap();
        assert_eq!(stored.revision, 0, "no save went through");
        assert!(stored.entries.iter().all(|e| e.rating.is_none() && e.spent.is_none() && e.wished.is_none()));
        assert_eq!(stored.summary.unit, coachkit_domain::wheel::TimeUnit::HoursPerWeek);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_partial_wheel_is_saved_and_finished_later() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let leader = client_for(&app, "leader@example.org").await;
        let id = start(&leader, "share_of_time").await;
        let half = [
            ("3", "10", "30", "Never enough time to think ahead"),
            ("8", "50", "30", ""),
            ("", "", "", ""),
            ("", "", "", ""),
        ];
        let r = post_fill(&leader, &id, "share_of_time", "save", &half).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()["location"], format!("/wheel/assessments/{id}/fill?saved=1").as_str());
        let form = leader.page(&format!("/wheel/assessments/{id}/fill?saved=1"), StatusCode::OK).await;
        assert!(form.contains("role=\"status\">Saved.") && form.contains("Never enough time to think ahead"));
        assert!(form.contains("name=\"spent_1\"") && form.contains("value=\"50\""));

        // Finishing with areas missing is refused, next to each missing input; the draft stays.
        let r = post_fill(&leader, &id, "share_of_time", "finish", &half).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains("id=\"rating_2-error\">The quality is needed to finish."), "{body}");
        assert!(body.contains("id=\"wished_3-error\""));
        let stored = app.app.wheel_assessment(&c.leader, &id).await.unwrap();
        assert_eq!(stored.summary.status.as_str(), "draft");
        assert_eq!(stored.entries[0].rating, Some(3), "the saved half is kept");

        let all = [
            ("3", "10", "30", "Never enough time to think ahead"),
            ("8", "50", "30", ""),
            ("7", "30", "20", ""),
            ("4", "10", "20", ""),
        ];
        let r = post_fill(&leader, &id, "share_of_time", "finish", &all).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()["location"], format!("/wheel/assessments/{id}").as_str());
        let page = leader.page(&format!("/wheel/assessments/{id}"), StatusCode::OK).await;
        assert!(page.contains("Vision and Community: engagement is low"), "the place to look is named: {page}");
        assert!(page.contains("<title id=") && page.contains("<desc id="), "the picture is inline with its text");
        assert!(page.contains("<caption class=\"visually-hidden\">Each area"), "with a table for screen readers");
        // Finished: the form now leads back to the page, and a save is refused.
        let r = leader.get(&format!("/wheel/assessments/{id}/fill")).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_template_editor_names_the_row_of_each_error() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let coach = client_for(&app, "coach@example.org").await;
        let r =
            coach.submit("/wheel/templates/new", "/wheel/templates", &[("name", "Two"), ("name_0", "Only one")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("id=\"areas-error\">The template needs at least 2 areas."));

        let fields = [
            ("name", "Leading a team"),
            ("name_0", "People"),
            ("name_1", "Delivery"),
            ("meaning_2", "a meaning without a name"),
            ("name_3", "people"),
            ("name_4", &"x".repeat(41)),
        ];
        let r = coach.submit("/wheel/templates/new", "/wheel/templates", &fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains("id=\"name_2-error\">The name must not be empty."), "{body}");
        assert!(body.contains("id=\"name_3-error\">The name repeats area 1"), "{body}");
        assert!(body.contains("id=\"name_4-error\">The name is too long"), "{body}");
        assert!(!body.contains("id=\"name_0-error\""));
        assert!(app.app.wheel_templates(&c.coach).await.unwrap().is_empty(), "nothing saved");

        let fields = [
            ("name", "Leading a team"),
            ("name_0", "People"),
            ("meaning_0", "Growing the team"),
            ("name_5", "Delivery"),
        ];
        let r = coach.submit("/wheel/templates/new", "/wheel/templates", &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let templates = app.app.wheel_templates(&c.coach).await.unwrap();
        assert_eq!(templates.len(), 1);
        let names: Vec<&str> = templates[0].areas.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["People", "Delivery"], "blank rows are skipped");
        // Someone else's template is not found, to read or to change.
        let other = client_for(&app, "other@example.org").await;
        assert_eq!(other.get(&format!("/wheel/templates/{}", templates[0].id)).await.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn an_assessment_keeps_its_areas_when_the_template_changes() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let coach = client_for(&app, "coach@example.org").await;
        let fields = [("name", "Two sides"), ("name_0", "Inside"), ("name_1", "Outside")];
        assert_eq!(
            coach.submit("/wheel/templates/new", "/wheel/templates", &fields).await.status(),
            StatusCode::SEE_OTHER
        );
        let template = app.app.wheel_templates(&c.coach).await.unwrap().remove(0);
        let r = coach
            .submit(
                "/wheel",
                "/wheel/assessments",
                &[("form", "client"), ("relationship_id", &c.with_coach), ("template_id", &template.id)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap_or_default());
        let id = assessment_id(r.headers()["location"].to_str().unwrap());
        let edit = format!("/wheel/templates/{}", template.id);
        let fields = [("name", "Three sides"), ("name_0", "Inside"), ("name_1", "Beyond"), ("name_2", "Above")];
        assert_eq!(coach.submit(&edit, &edit, &fields).await.status(), StatusCode::SEE_OTHER);
        let page = app.app.wheel_assessment(&c.leader, &id).await.unwrap();
        let names: Vec<&str> = page.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Inside", "Outside"]);
        assert_eq!(page.summary.template_name, "Two sides");
        // The client cannot start from the coach's template (it is not theirs), and says so.
        let leader = client_for(&app, "leader@example.org").await;
        let r = leader.submit("/wheel", "/wheel/assessments", &[("form", "self"), ("template_id", &template.id)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("id=\"template-error\">The template is not one of your templates."));
        app.stop().await;
    })
    .await;
}
