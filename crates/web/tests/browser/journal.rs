//! Practice 1, the journal, in the browser: a leader logs a session and keeps a private detail of
//! it, writes a reflection that one mentor may read and another may not, and publishes a position
//! on the public page that a signed-out visitor reads.
//!
//! Accounts and relationships are arranged through the app (the pages for those have their own
//! tests); everything the test is about is done through the pages, then checked against both what
//! the pages show and what the app holds.

use crate::{PW, on_each_backend, prefers_dark, sign_in};
use coachkit_app::journal::ReflectionInput;
use coachkit_app::{Actor, AppError};
use coachkit_domain::RelationshipId;
use coachkit_domain::account::{DisplayName, Email, Password};
use coachkit_domain::relationship::Transition;
use coachkit_testkit::TestApp;
use coachkit_testkit::browser::Browser;
use serde_json::json;

/// An account made through the app, as its owner.
async fn account(app: &TestApp, name: &str, email: &str) -> Actor {
    let email = Email::parse(email).unwrap();
    let name = DisplayName::parse(name).unwrap();
    let user = app.app.create_account(&email, &name, Password::parse_new(PW).unwrap(), false).await.unwrap();
    Actor { user, csrf_token: None, session_hash: None }
}

/// `mentor` accepts `leader`'s invitation to mentor them; the relationship is then active.
async fn mentoring(app: &TestApp, leader: &Actor, mentor: &Actor) -> RelationshipId {
    let invite = app.app.invite(leader, "mentoring", &mentor.user.email, "").await.unwrap();
    app.app.change_relationship(mentor, &invite.relationship.id, Transition::Accept).await.unwrap();
    invite.relationship.id
}

/// Signs `email` in through the sign-in page and waits for the dashboard.
async fn signed_in(b: &Browser, email: &str) {
    b.open("/signin").await;
    sign_in(b, email, "#next-heading").await;
}

/// Marks the page now shown, so that waiting for `html:not([data-before]) <css>` only succeeds
/// once another page has loaded, even one at the same address (a form that posts back to itself).
async fn mark_page(b: &Browser) {
    b.execute("document.documentElement.dataset.before = 'yes'", vec![]).await.expect("mark the page");
}

/// Clicks `button`, a form's submit button, and waits for `landing` on the page the form leads to.
async fn submit(b: &Browser, button: &str, landing: &str) {
    mark_page(b).await;
    b.click(button).await;
    b.wait_for(&format!("html:not([data-before]) {landing}")).await;
}

/// Sets a `datetime-local` field to `value` ("2026-11-03T09:30"). Typing into one depends on the
/// browser's locale (month first or day first, AM/PM or not), so the value is set by a script,
/// which then fires the events a person's input would; the browser refuses a malformed value by
/// leaving the field empty, which the assertion catches.
async fn set_datetime_local(b: &Browser, css: &str, value: &str) {
    let script = "const el = document.querySelector(arguments[0]); el.value = arguments[1]; \
                  el.dispatchEvent(new Event('input', { bubbles: true })); \
                  el.dispatchEvent(new Event('change', { bubbles: true })); return el.value;";
    let taken = b.execute(script, vec![json!(css), json!(value)]).await.expect("set the date and time");
    assert_eq!(taken.as_str(), Some(value), "the browser took the date and time");
}

/// The submit buttons of the session form and of the new-reflection form.
const SESSION_SUBMIT: &str = "form[action^='/journal/sessions/new'] button[type=submit]";
const REFLECTION_SUBMIT: &str = "form[action='/journal/reflections/new'] button[type=submit]";

#[tokio::test]
async fn leader_logs_a_session_and_keeps_a_private_detail() {
    on_each_backend("journal-session", |app, b| async move {
        let leader = account(&app, "Lena Leader", "lena@example.org").await;
        let mentor = account(&app, "Mo Mentor", "mo@example.org").await;
        let rel = mentoring(&app, &leader, &mentor).await;
        signed_in(&b, "lena@example.org").await;

        b.open(&format!("/relationships/{rel}")).await;
        b.click(&format!("main a[href='/journal/sessions/new?relationship={rel}']")).await;
        assert_eq!(b.wait_for("h1").await, "Log or plan a session");
        assert_eq!(
            b.texts("main p.muted").await.first().map(String::as_str),
            Some("With Mo Mentor. Times are in UTC.")
        );
        set_datetime_local(&b, "#starts_at", "2026-11-03T09:30").await;
        b.fill("#duration_minutes", "45").await;
        b.click("input[name=status][value=held]").await;
        b.fill("#agenda", "Handing the quarterly report over to Sam").await;
        // The GROW notes are folded away until asked for, as a person would open them.
        b.click("main details summary").await;
        b.fill("#goal", "Stop writing the report myself").await;
        b.fill("#reality", "I rewrite Sam's drafts at night").await;
        b.fill("#options", "Pair on one section; agree a standard; let a weak draft go out").await;
        b.fill("#way_forward", "Pair with Sam on the summary next week").await;
        b.fill("#themes", "delegation, trust").await;
        b.screenshot_desktop_and_phone("form").await;

        b.click(SESSION_SUBMIT).await;
        b.wait_for("#detail").await;
        let path = b.path().await;
        let id = path.strip_prefix("/journal/sessions/").expect("the session's own page").to_owned();
        assert_eq!(b.wait_for("h1").await, "Session 3 Nov 2026 09:30 UTC");
        assert_eq!(b.texts("main .row-between .status").await, ["held"]);
        let meta = b.wait_for("main p.meta").await;
        assert!(meta.starts_with("You with Mo Mentor, your mentor · 45 minutes"), "{meta}");
        assert_eq!(b.texts("main h2").await.first().map(String::as_str), Some("Agenda"));
        assert_eq!(b.wait_for("main .prose").await, "Handing the quarterly report over to Sam");
        assert_eq!(b.texts("dl.facts dt").await, ["Goal", "Reality", "Options", "Way forward"]);
        assert_eq!(
            b.texts("dl.facts dd").await,
            [
                "Stop writing the report myself",
                "I rewrite Sam's drafts at night",
                "Pair on one section; agree a standard; let a weak draft go out",
                "Pair with Sam on the summary next week",
            ]
        );
        assert_eq!(b.texts("main p.themes .tag").await, ["delegation", "trust"]);

        let stored = app.app.session_page(&leader, &id).await.unwrap();
        let s = &stored.session;
        assert_eq!(s.relationship_id, rel.to_string());
        assert_eq!(s.starts_at, coachkit_app::journal::time::parse_datetime("t", "2026-11-03T09:30").unwrap());
        assert_eq!((s.duration_minutes, s.status.as_str()), (45, "held"));
        assert_eq!(s.agenda.as_deref(), Some("Handing the quarterly report over to Sam"));
        assert_eq!(s.grow.way_forward.as_deref(), Some("Pair with Sam on the summary next week"));
        assert_eq!(stored.themes, ["delegation", "trust"]);
        assert_eq!(stored.my_detail, None, "nothing private written yet");

        // The private detail: saved, shown again, and still there after a reload.
        let detail = "Admitted the night rewrites come from fear of looking slow; said so out loud. Zephyrine.";
        b.fill("#detail", detail).await;
        submit(&b, "form[action$='/detail'] button[type=submit]", "#detail").await;
        assert_eq!(b.path().await, path);
        assert_eq!(b.value("#detail").await, detail);
        mark_page(&b).await;
        b.refresh().await.expect("reload");
        b.wait_for("html:not([data-before]) #detail").await;
        assert_eq!(b.value("#detail").await, detail);
        b.screenshot_desktop_and_phone("session-page").await;

        assert_eq!(app.app.session_page(&leader, &id).await.unwrap().my_detail.as_deref(), Some(detail));
        // Private means private: the mentor's view of the same session holds none of it, and the
        // word only the detail contains finds it for the leader and nothing for the mentor.
        let theirs = app.app.session_page(&mentor, &id).await.unwrap();
        assert_eq!(theirs.session.agenda.as_deref(), Some("Handing the quarterly report over to Sam"));
        assert_eq!((theirs.my_detail, theirs.shared_notes.len()), (None, 0));
        let kinds: Vec<String> =
            app.app.search(&leader, "zephyrine").await.unwrap().into_iter().map(|r| r.kind).collect();
        assert_eq!(kinds, ["session_detail"]);
        assert!(app.app.search(&mentor, "zephyrine").await.unwrap().is_empty());
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_reflection_shared_with_one_mentor_stays_hidden_from_the_other() {
    on_each_backend("journal-reflection", |app, b| async move {
        let leader = account(&app, "Lena Leader", "lena@example.org").await;
        let mentor_a = account(&app, "Mo Mentor", "mo@example.org").await;
        let mentor_b = account(&app, "Otto Other", "otto@example.org").await;
        let rel_a = mentoring(&app, &leader, &mentor_a).await;
        let rel_b = mentoring(&app, &leader, &mentor_b).await;
        signed_in(&b, "lena@example.org").await;

        b.open("/journal").await;
        b.click("main a[href='/journal/reflections/new']").await;
        assert_eq!(b.wait_for("h1").await, "Write a reflection");
        let title = "What Mo's question opened up";
        let body = "Mo asked what I protect by rewriting everything. Quillwort: the answer is my own comfort.";
        b.fill("#title", title).await;
        b.fill("#body", body).await;
        b.fill("#themes", "delegation").await;
        // Mentors are listed newest first; both relationships began in the same instant here.
        let mut choices = b.texts("#audience option").await;
        choices[1..3].sort_unstable();
        assert_eq!(
            choices,
            [
                "Only me",
                "Mo Mentor only",
                "Otto Other only",
                "All my coaches and mentors",
                "Public (anyone with the link)"
            ]
        );
        assert_eq!(b.value("#audience").await, "private", "a reflection on no session starts private");
        let audience = b.find(fantoccini::Locator::Css("#audience")).await.unwrap();
        audience.select_by_label("Mo Mentor only").await.unwrap();
        assert_eq!(b.value("#audience").await, format!("relationship:{rel_a}"));
        b.screenshot_desktop_and_phone("reflection-form").await;

        b.click(REFLECTION_SUBMIT).await;
        b.wait_for("main .prose").await;
        let path = b.path().await;
        let id = path.strip_prefix("/journal/reflections/").expect("the reflection's own page").to_owned();
        assert_eq!(b.wait_for("h1").await, title);
        assert_eq!(b.texts("main .audience").await, ["seen by Mo Mentor"]);
        let stored = app.app.reflection(&leader, &id).await.unwrap();
        assert_eq!((stored.body.as_str(), stored.audience_value), (body, format!("relationship:{rel_a}")));

        // Mo sees it on the relationship's page, under what Lena shared, and on its own page.
        let a = b.another_person().await;
        signed_in(&a, "mo@example.org").await;
        a.open(&format!("/relationships/{rel_a}")).await;
        assert_eq!(a.wait_for("h1").await, "Lena Leader and you");
        assert!(a.texts("main h2").await.contains(&"What Lena Leader shared with you".to_owned()));
        assert_eq!(a.texts("main article.entry h3").await, [title]);
        let shared = a.texts("main article.entry").await;
        assert!(shared[0].contains(body), "{shared:?}");
        a.click(&format!("main article.entry a[href='{path}']")).await;
        a.wait_for("main .prose").await;
        assert_eq!(a.path().await, path);
        assert_eq!(a.wait_for("h1").await, title);
        assert_eq!(a.wait_for("main .prose").await, body);
        assert!(a.texts("main .audience").await.is_empty(), "only the author sees who else may read it");
        assert!(a.texts(&format!("main a[href='{path}/edit']")).await.is_empty(), "no editing for a reader");
        a.open("/journal/search?q=quillwort").await;
        assert_eq!(a.texts(&format!("main ul.items a[href='{path}']")).await, [title]);

        // Otto, the other mentor, finds it nowhere: not by its address, not on his relationship's
        // page, not by searching for the one word it contains.
        let o = b.another_person().await;
        signed_in(&o, "otto@example.org").await;
        o.open(&path).await;
        assert_eq!(o.wait_for("h1").await, "Not found");
        assert!(o.wait_for("main").await.contains("Status 404"));
        assert!(!o.source().await.unwrap().contains("Quillwort"), "nothing of it on the page");
        o.open(&format!("/relationships/{rel_b}")).await;
        assert_eq!(o.wait_for("h1").await, "Lena Leader and you");
        assert!(!o.texts("main h2").await.iter().any(|h| h.contains("shared with you")), "nothing shared with Otto");
        assert!(o.texts("main article.entry").await.is_empty());
        let page = o.source().await.unwrap();
        assert!(!page.contains("Quillwort") && !page.contains(&id), "no trace of the reflection");
        o.open("/journal/search?q=quillwort").await;
        assert_eq!(o.wait_for("main h2").await, "Results for “quillwort”");
        assert!(o.wait_for("main").await.contains("Nothing found."));
        assert!(o.texts("main ul.items li").await.is_empty());
        o.screenshot("other-mentor-search").await;

        assert!(matches!(app.app.reflection(&mentor_b, &id).await, Err(AppError::NotFound(_))));
        assert!(app.app.shared_with_me(&mentor_b, &rel_b).await.unwrap().is_empty());
        assert!(app.app.search(&mentor_b, "quillwort").await.unwrap().is_empty());
        let seen_by_a: Vec<String> =
            app.app.shared_with_me(&mentor_a, &rel_a).await.unwrap().into_iter().map(|r| r.id).collect();
        assert_eq!(seen_by_a, [id]);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_published_position_shows_its_public_evidence_to_a_signed_out_visitor() {
    on_each_backend("journal-public-page", |app, b| async move {
        let leader = account(&app, "Lena Leader", "lena@example.org").await;
        let handle = leader.user.handle.clone();
        // A private reflection, written earlier; it will be ticked as evidence too, by mistake.
        let private_body = "Brambleking: I doubt Sam will ever be ready, and I have not said so to anyone.";
        let private = app
            .app
            .write_reflection(
                &leader,
                &ReflectionInput { body: private_body.into(), audience: "private".into(), ..Default::default() },
            )
            .await
            .unwrap();
        signed_in(&b, "lena@example.org").await;

        b.open("/journal/reflections/new").await;
        let public_title = "Small deposits";
        let public_body = "Trust grows by small deposits: each draft I let go out unchanged is one. Lanternfish.";
        b.fill("#title", public_title).await;
        b.fill("#body", public_body).await;
        b.find(fantoccini::Locator::Css("#audience"))
            .await
            .unwrap()
            .select_by_label("Public (anyone with the link)")
            .await
            .unwrap();
        b.click(REFLECTION_SUBMIT).await;
        b.wait_for("main .prose").await;
        let public = b.path().await.strip_prefix("/journal/reflections/").expect("its own page").to_owned();
        assert_eq!(b.texts("main .audience").await, ["seen by everyone (public)"]);

        b.open("/journal").await;
        b.click("nav.tabs a[href='/journal/page']").await;
        b.wait_for("#statement").await;
        assert_eq!(b.texts("nav.tabs a[aria-current=page]").await, ["What I think"]);
        assert!(b.wait_for("main section.card").await.contains("State: not published"));
        let statement = "Delegating is mostly about what I let go of";
        b.fill("#statement", statement).await;
        b.fill("#explanation", "Each time I hand something over unchanged, the team takes more on.").await;
        b.fill("#themes", "delegation").await;
        let new_position = "form[action='/journal/positions']";
        let private_choice = b.texts(&format!("{new_position} label.choice:has(input[value='{private}'])")).await;
        assert_eq!(private_choice.len(), 1, "{private_choice:?}");
        assert!(private_choice[0].ends_with("(not public: will not show)"), "{private_choice:?}");
        b.click(&format!("{new_position} input[name=evidence][value='{public}']")).await;
        b.click(&format!("{new_position} input[name=evidence][value='{private}']")).await;
        b.click(&format!("{new_position} button[type=submit]")).await;
        b.wait_for("section.card.position").await;
        assert_eq!(b.path().await, "/journal/page");
        let drafts = app.app.positions(&leader).await.unwrap();
        assert_eq!(drafts.len(), 1);
        let mut evidence: Vec<&str> = drafts[0].evidence.iter().map(|r| r.id.as_str()).collect();
        evidence.sort_unstable();
        let mut ticked = [public.as_str(), private.as_str()];
        ticked.sort_unstable();
        assert_eq!(evidence, ticked, "both reflections were ticked");

        b.fill("#note", "First version").await;
        submit(&b, "form[action='/journal/page/publish'] button[type=submit]", &format!("a[href='/p/{handle}']")).await;
        assert!(b.wait_for("main section.card").await.contains("State: published, version 1"));
        b.screenshot_desktop_and_phone("page-editor").await;
        let state = app.app.page_state(&leader).await.unwrap();
        assert_eq!((state.published, state.current_version), (1, 1));

        // A visitor without an account reads the page: the statement, the public evidence, and
        // not a word of the private reflection.
        let visitor = b.another_person().await;
        visitor.open(&format!("/p/{handle}")).await;
        assert_eq!(visitor.wait_for("h1").await, "What Lena Leader thinks");
        assert!(visitor.get_named_cookie("ck_session").await.is_err(), "the visitor is signed out");
        assert_eq!(visitor.texts("section.position h2").await, [statement]);
        let quotes = visitor.texts("section.position blockquote").await;
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert!(quotes[0].starts_with(public_title) && quotes[0].contains(public_body), "{quotes:?}");
        let source = visitor.source().await.unwrap();
        assert!(!source.contains("Brambleking"), "the private reflection is not on the public page");
        assert!(visitor.wait_for("footer .changelog").await.contains("Version 1"));
        visitor.screenshot_desktop_and_phone("public-page").await;

        let dark = b.another_person_in_dark_mode().await;
        dark.open(&format!("/p/{handle}")).await;
        assert!(prefers_dark(&dark).await, "the third browser asks for dark pages");
        assert_eq!(dark.texts("section.position h2").await, [statement]);
        dark.screenshot_desktop_and_phone("public-page-dark").await;

        let shown = app.app.public_page(&handle, None).await.unwrap();
        let shown: Vec<&str> = shown.positions[0].evidence.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(shown, [public.as_str()]);
        app.stop().await;
    })
    .await;
}
