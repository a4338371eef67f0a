//! Practice 2, the balance wheel, in the browser: a coach starts a client's wheel live in their
//! session, both fill it in, the client finishes it, opens the picture and its downloads, and
//! turns a reframing task into an action. Then the wheel's page at 2, 4 and 12 areas, on a desktop
//! and a phone (and once in the dark theme), for a person to look at.
//!
//! Accounts, relationships and the extra wheels are arranged through the app; everything the test
//! is about is done through the pages and checked against both the pages and what the app holds.

use crate::{PW, on_each_backend, prefers_dark, sign_in};
use coachkit_app::Actor;
use coachkit_app::wheel::{EntryInput, StartInput};
use coachkit_domain::RelationshipId;
use coachkit_domain::account::{DisplayName, Email, Password};
use coachkit_domain::relationship::Transition;
use coachkit_domain::wheel::RawArea;
use coachkit_testkit::TestApp;
use coachkit_testkit::browser::Browser;
use fantoccini::Locator;

async fn account(app: &TestApp, name: &str, email: &str) -> Actor {
    let email = Email::parse(email).unwrap();
    let name = DisplayName::parse(name).unwrap();
    let user = app.app.create_account(&email, &name, Password::parse_new(PW).unwrap(), false).await.unwrap();
    Actor { user, csrf_token: None, session_hash: None }
}

async fn coaching(app: &TestApp, leader: &Actor, coach: &Actor) -> RelationshipId {
    let invite = app.app.invite(leader, "coaching", &coach.user.email, "").await.unwrap();
    app.app.change_relationship(coach, &invite.relationship.id, Transition::Accept).await.unwrap();
    invite.relationship.id
}

async fn signed_in(b: &Browser, email: &str) {
    b.open("/signin").await;
    sign_in(b, email, "#next-heading").await;
}

/// Clicks `button` and waits for `landing` on the page it leads to (even one at the same address:
/// the page shown before is marked, and the mark must be gone).
async fn submit(b: &Browser, button: &str, landing: &str) -> String {
    b.execute("document.documentElement.dataset.before = 'yes'", vec![]).await.expect("mark the page");
    b.click(button).await;
    b.wait_for(&format!("html:not([data-before]) {landing}")).await
}

async fn choose(b: &Browser, select: &str, value: &str) {
    let el = b.find(Locator::Css(select)).await.unwrap_or_else(|e| panic!("no select `{select}`: {e}"));
    el.select_by_value(value).await.unwrap_or_else(|e| panic!("choose {value} in `{select}`: {e}"));
}

/// Types one area's row of the assessment form.
async fn fill_area(b: &Browser, i: usize, rating: &str, spent: &str, wished: &str, note: &str) {
    choose(b, &format!("#rating_{i}"), rating).await;
    b.fill(&format!("#spent_{i}"), spent).await;
    b.fill(&format!("#wished_{i}"), wished).await;
    if !note.is_empty() {
        b.fill(&format!("#note_{i}"), note).await;
    }
}

const SAVE: &str = "form.wheel-fill button[value=save]";
const FINISH: &str = "form.wheel-fill button[value=finish]";

#[tokio::test]
async fn a_coach_and_client_fill_in_a_wheel_live_and_act_on_it() {
    on_each_backend("wheel-live", |app, coach| async move {
        let lena = account(&app, "Lena Leader", "lena@example.org").await;
        let cora = account(&app, "Cora Coach", "cora@example.org").await;
        coaching(&app, &lena, &cora).await;

        // The coach starts the client's wheel in their session.
        signed_in(&coach, "cora@example.org").await;
        coach.open("/wheel").await;
        assert_eq!(coach.wait_for("#client-start-heading").await, "Start a wheel with a client");
        assert_eq!(coach.texts("#c-relationship_id option").await, ["Lena Leader"]);
        let heading = submit(&coach, "form input[name=form][value=client] ~ button[type=submit]", "h1").await;
        assert_eq!(heading, "Fill in the wheel");
        let context = coach.texts("main > p.muted").await;
        assert!(context.iter().any(|t| t.starts_with("Lena Leader's wheel, filled in live with you")), "{context:?}");
        let id = coach.path().await.trim_start_matches("/wheel/assessments/").trim_end_matches("/fill").to_owned();
        assert_eq!(
            coach.texts("fieldset.wheel-area legend").await,
            ["1 Vision", "2 Service", "3 Accountability", "4 Community"]
        );
        fill_area(&coach, 0, "3", "4", "14", "Thinking ahead only happens on the train").await;
        fill_area(&coach, 1, "8", "24", "12", "").await;
        coach.screenshot_desktop_and_phone("fill-form").await;
        assert!(submit(&coach, SAVE, ".alert.success[role=status]").await.starts_with("Saved."));

        // The client sees it among their own wheels, continues where the coach stopped, finishes.
        let lena_b = coach.another_person().await;
        signed_in(&lena_b, "lena@example.org").await;
        lena_b.open("/wheel").await;
        let mine = lena_b.texts("section[aria-labelledby=mine-heading] tbody tr").await;
        assert_eq!(mine.len(), 1, "{mine:?}");
        assert!(
            mine[0].contains("Four areas of leading · live with Cora Coach") && mine[0].contains("draft"),
            "{mine:?}"
        );
        lena_b.click("section[aria-labelledby=mine-heading] tbody a").await;
        lena_b.wait_for("a.button[href$='/fill']").await;
        lena_b.click("a.button[href$='/fill']").await;
        lena_b.wait_for("#rating_3").await;
        assert_eq!(lena_b.value("#spent_0").await, "4", "the coach's entries are there");
        assert_eq!(lena_b.value("#note_0").await, "Thinking ahead only happens on the train");
        fill_area(&lena_b, 2, "7", "10", "8", "").await;
        // A slip first: a rating left out on finishing is refused next to its field.
        fill_area(&lena_b, 3, "4", "2", "6", "Partners only hear from me when something breaks").await;
        choose(&lena_b, "#rating_3", "").await;
        let error = submit(&lena_b, FINISH, "#rating_3-error").await;
        assert_eq!(error, "The quality is needed to finish.");
        assert_eq!(lena_b.value("#spent_3").await, "2", "the form comes back as typed");
        lena_b.screenshot_desktop_and_phone("fill-error").await;
        choose(&lena_b, "#rating_3", "4").await;
        let place = submit(&lena_b, FINISH, ".wheel-place").await;
        assert!(place.starts_with("Vision and Community: engagement is low"), "{place}");
        assert_eq!(lena_b.path().await, format!("/wheel/assessments/{id}"));
        assert_eq!(lena_b.texts("main .row-between .status").await, ["complete"]);
        let named = "return document.querySelector('figure.wheel-figure svg[role=img] title').textContent";
        let named = lena_b.execute(named, vec![]).await.unwrap();
        assert_eq!(named.as_str(), Some("Balance wheel of Lena Leader"), "the inline picture has its name");
        assert_eq!(lena_b.texts(".wheel-table tbody th").await.len(), 4);
        assert_eq!(lena_b.texts(".wheel-table tr.wheel-look th .tag").await, ["place to look", "place to look"]);
        lena_b.screenshot_desktop_and_phone("assessment-4-areas").await;

        // The picture opens on its own, as SVG and as PNG.
        lena_b.click("figcaption a[href$='wheel.svg']").await;
        lena_b.wait_for("svg").await;
        let root = lena_b.execute("return document.documentElement.tagName", vec![]).await.unwrap();
        assert_eq!(root.as_str(), Some("svg"));
        let named = lena_b.execute("return document.querySelector('title').textContent", vec![]).await.unwrap();
        assert_eq!(named.as_str(), Some("Balance wheel of Lena Leader"));
        lena_b.screenshot("wheel-svg").await;
        lena_b.open(&format!("/wheel/assessments/{id}/wheel.png")).await;
        let width = lena_b.execute("return document.images[0].naturalWidth", vec![]).await.unwrap();
        assert_eq!(width.as_u64(), Some(1400), "the PNG is a real picture");

        // Reframing: the vision area is open (a place to look); a task becomes an action.
        lena_b.open(&format!("/wheel/assessments/{id}")).await;
        assert_eq!(
            lena_b.wait_for("#reframe-0 .wheel-question").await,
            "If your whole job were only Vision, what would you do?"
        );
        lena_b.fill("#task-0", "Write a one-page picture of where we are heading").await;
        submit(&lena_b, "#reframe-0 form.row button", "#reframe-0 .wheel-task").await;
        lena_b.fill("#task-0", "Keep one afternoon a month for planning only").await;
        submit(&lena_b, "#reframe-0 form.row button", "#reframe-0 li:nth-child(2) .wheel-task").await;
        assert_eq!(
            lena_b.texts("#reframe-0 .wheel-task").await,
            ["Write a one-page picture of where we are heading", "Keep one afternoon a month for planning only"]
        );
        submit(&lena_b, "#reframe-0 li:first-child form[action$='/action'] button", "#reframe-0 a.tag").await;
        assert_eq!(lena_b.texts("#reframe-0 a.tag").await, ["action · open"]);
        lena_b.screenshot_desktop_and_phone("reframing").await;
        lena_b.click("#reframe-0 a.tag").await;
        lena_b.wait_for("main table").await;
        assert_eq!(lena_b.path().await, "/journal/actions");
        let actions = lena_b.texts("main table tbody tr td:first-child").await;
        assert_eq!(actions, ["Write a one-page picture of where we are heading"]);
        let stored = app.app.all_actions(&lena).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].audience, "Cora Coach", "shared as the wheel is");

        // The coach reads the finished wheel and its tasks but fills nothing in any more.
        coach.open(&format!("/wheel/assessments/{id}")).await;
        assert!(coach.wait_for(".wheel-place").await.starts_with("Vision and Community"));
        assert!(coach.texts("a.button[href$='/fill']").await.is_empty());
        assert_eq!(coach.texts("#reframe-0 .wheel-task").await.len(), 2);
        assert!(coach.texts("#reframe-0 form").await.is_empty(), "tasks are the client's to write");
        coach.open("/wheel").await;
        let shared = coach.texts("section[aria-labelledby=clients-heading] tbody tr").await;
        assert_eq!(shared.len(), 1, "{shared:?}");
        assert!(shared[0].starts_with("Lena Leader"), "{shared:?}");
        coach.screenshot_desktop_and_phone("coach-home").await;
        app.stop().await;
    })
    .await;
}

/// A finished wheel of `names` areas for `who`, with made-up but plausible numbers.
async fn wheel_of(app: &TestApp, who: &Actor, template: &str, names: &[&str]) -> String {
    let rows: Vec<RawArea> = names.iter().map(|n| RawArea::new(*n, "")).collect();
    let template_id = app.app.create_wheel_template(who, template, &rows).await.map_err(|e| format!("{e:?}")).unwrap();
    let entries = (0..names.len())
        .map(|i| EntryInput {
            rating: ((i * 5) % 9 + 1).to_string(),
            spent: ((i * 7) % 11 + 1).to_string(),
            wished: ((i * 3) % 8 + 2).to_string(),
            note: String::new(),
        })
        .collect();
    let input = StartInput { template_id, entries, finish: true, ..Default::default() };
    app.app.start_wheel_assessment(who, &input).await.map_err(|e| format!("{e:?}")).unwrap()
}

#[tokio::test]
async fn the_wheel_page_at_two_four_and_twelve_areas() {
    on_each_backend("wheel-sizes", |app, b| async move {
        let lena = account(&app, "Lena Leader", "lena@example.org").await;
        let two = wheel_of(&app, &lena, "Two sides", &["Running today", "Shaping tomorrow"]).await;
        let four = wheel_of(&app, &lena, "Four areas", &["Vision", "Service", "Accountability", "Community"]).await;
        let twelve_names = [
            "Vision",
            "Strategy and long-range planning",
            "Service quality",
            "Accountability",
            "Community",
            "Fundraising",
            "Board relations",
            "People and culture",
            "Volunteers",
            "Partnerships with local government",
            "Own learning",
            "Rest",
        ];
        let twelve = wheel_of(&app, &lena, "Twelve areas", &twelve_names).await;
        // A later wheel of the same four areas, for the trend.
        let template_id = app.app.wheel_assessment(&lena, &four).await.unwrap().summary.template_id;
        let later = StartInput {
            template_id: template_id.clone().unwrap_or_default(),
            taken_on: "2030-01-15".into(),
            entries: [("5", "6", "7"), ("7", "9", "6"), ("6", "8", "6"), ("8", "6", "5")]
                .iter()
                .map(|(r, s, w)| EntryInput {
                    rating: (*r).into(),
                    spent: (*s).into(),
                    wished: (*w).into(),
                    note: String::new(),
                })
                .collect(),
            finish: true,
            ..Default::default()
        };
        app.app.start_wheel_assessment(&lena, &later).await.map_err(|e| format!("{e:?}")).unwrap();
        signed_in(&b, "lena@example.org").await;
        for (id, n) in [(&two, 2), (&four, 4), (&twelve, 12)] {
            b.open(&format!("/wheel/assessments/{id}")).await;
            assert_eq!(b.texts(".wheel-table tbody th").await.len(), n);
            b.screenshot_desktop_and_phone(&format!("page-{n}-areas")).await;
        }
        b.open("/wheel").await;
        b.wait_for("#mine-heading").await;
        b.screenshot_desktop_and_phone("home").await;
        b.open("/wheel/templates/new").await;
        b.wait_for("#name_0").await;
        b.screenshot_desktop_and_phone("template-editor").await;
        b.open(&format!("/wheel/compare?a={two}&b={four}")).await;
        b.wait_for("#changes-heading").await;
        b.screenshot_desktop_and_phone("compare").await;

        b.open(&format!("/wheel/trend/{}", template_id.unwrap_or_default())).await;
        assert_eq!(b.wait_for("h1").await, "Four areas over time");
        assert_eq!(b.texts(".wheel-table thead th").await.len(), 3, "the area column and two wheels");
        b.screenshot_desktop_and_phone("trend").await;

        let dark = b.another_person_in_dark_mode().await;
        signed_in(&dark, "lena@example.org").await;
        assert!(prefers_dark(&dark).await);
        dark.open(&format!("/wheel/assessments/{twelve}")).await;
        dark.wait_for(".wheel-place").await;
        dark.screenshot_desktop_and_phone("page-12-areas-dark").await;
        app.stop().await;
    })
    .await;
}
