//! Creating an account, signing in and out, and what a mistyped sign-up form shows.

use crate::{PW, on_each_backend, prefers_dark, sign_in};
use coachkit_testkit::browser::{DESKTOP, PHONE};

#[tokio::test]
async fn sign_up_through_the_page_lands_on_the_dashboard() {
    on_each_backend("sign-up", |app, b| async move {
        b.open("/signup").await;
        assert_eq!(b.wait_for("h1").await, "Create an account");
        b.fill("#display_name", "Ada Lovelace").await;
        b.fill("#email", "ada@example.org").await;
        b.fill("#password", PW).await;
        b.screenshot_desktop_and_phone("form").await;
        // The served script put the browser's own zone in the hidden field.
        let browser_zone = b
            .execute("return Intl.DateTimeFormat().resolvedOptions().timeZone", vec![])
            .await
            .unwrap()
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(!browser_zone.is_empty());
        assert_eq!(b.value("input[name=time_zone]").await, browser_zone);

        b.click("form[action='/signup'] button[type=submit]").await;
        b.wait_for("#next-heading").await;
        assert_eq!(b.path().await, "/dashboard");
        assert_eq!(b.wait_for("h1").await, "Hello, Ada Lovelace");
        assert_eq!(b.texts("header > .signout .who").await, ["Ada Lovelace"], "the header names who is signed in");
        b.screenshot_desktop_and_phone("dashboard").await;

        let user = app.app.store.user_by_email("ada@example.org").await.unwrap().expect("the account exists");
        assert_eq!(user.display_name, "Ada Lovelace");
        let zone = coachkit_domain::time::Zone::parse(&browser_zone).expect("a zone the tz database knows");
        assert_eq!(user.time_zone, zone.name(), "the account starts in the browser's time zone");
        // The browser holds a session the server knows, for this account.
        let cookie = b.get_named_cookie("ck_session").await.expect("a session cookie");
        let actor = app.app.actor_from_session(cookie.value()).await.unwrap().expect("a live session");
        assert_eq!(actor.user.id, user.id);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn sign_in_then_sign_out_from_the_header() {
    on_each_backend("sign-in-out", |app, b| async move {
        app.client().sign_up("Grace Hopper", "grace@example.org", PW).await;

        // A wrong password first: the page says so and keeps the address typed.
        b.open("/signin").await;
        b.fill("#email", "grace@example.org").await;
        b.fill("#password", "not her password").await;
        b.click("form[action='/signin'] button[type=submit]").await;
        let alert = b.wait_for(".alert[role=alert]").await;
        assert!(alert.contains("do not match"), "{alert}");
        assert_eq!(b.value("#email").await, "grace@example.org");
        assert!(b.get_named_cookie("ck_session").await.is_err(), "no session after a wrong password");
        b.screenshot("wrong-password").await;

        sign_in(&b, "grace@example.org", "#next-heading").await;
        assert_eq!(b.path().await, "/dashboard");
        assert_eq!(b.wait_for("h1").await, "Hello, Grace Hopper");
        let session = b.get_named_cookie("ck_session").await.expect("a session cookie").value().to_owned();
        let actor = app.app.actor_from_session(&session).await.unwrap().expect("a live session");
        assert_eq!(actor.user.email, "grace@example.org");

        // On a phone the links fold into one menu: the row is hidden, the menu opens and leads on.
        b.set_viewport(PHONE.0, PHONE.1).await;
        assert!(b.texts(".nav-wide a").await.iter().all(String::is_empty), "no row of links on a phone");
        assert!(b.texts(".nav-menu nav a").await.iter().all(String::is_empty), "the menu starts closed");
        b.click(".nav-menu summary").await;
        b.screenshot("phone-menu-open").await;
        assert!(!b.overflows_sideways().await, "the open menu stays inside the phone's width");
        b.click(".nav-menu a[href='/journal']").await;
        b.wait_for("nav.tabs").await;
        assert_eq!(b.path().await, "/journal");
        b.set_viewport(DESKTOP.0, DESKTOP.1).await;
        assert!(b.texts(".nav-menu summary").await.iter().all(String::is_empty), "no menu button on a wide screen");

        b.click("header > form.signout button").await;
        b.wait_for(".hero").await;
        assert_eq!(b.path().await, "/");
        assert_eq!(b.texts("header nav a").await, ["Sign in", "Create an account"]);
        assert!(b.texts("header form.signout").await.is_empty(), "no sign-out button once signed out");
        // Signing out ends the session on the server, not just in this browser.
        assert!(app.app.actor_from_session(&session).await.unwrap().is_none(), "the session was deleted");

        b.open("/dashboard").await;
        assert_eq!(b.path().await, "/signin?next=%2Fdashboard");
        assert_eq!(b.wait_for("h1").await, "Sign in");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn bad_sign_up_input_is_shown_next_to_the_fields() {
    on_each_backend("bad-sign-up", |app, b| async move {
        b.open("/signup").await;
        b.fill("#display_name", "Ada Lovelace").await;
        b.fill("#email", "ada at example.org").await;
        b.fill("#password", "short").await;
        b.click("form[action='/signup'] button[type=submit]").await;

        // Each message sits right after its field and is tied to it for screen readers.
        let email_error = b.wait_for("#email + p.field-error#email-error").await;
        assert_eq!(email_error, "E-mail needs an @, like name@example.org.");
        let password_error = b.wait_for("#password + p.field-error#password-error").await;
        assert_eq!(password_error, "Password must be at least 10 characters.");
        assert_eq!(b.texts(".field-error").await.len(), 2, "the name was fine: no error for it");
        let email = b.find(fantoccini::Locator::Css("#email")).await.unwrap();
        assert_eq!(email.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
        assert_eq!(email.attr("aria-describedby").await.unwrap().as_deref(), Some("email-error"));
        assert_eq!(b.texts(".alert[role=alert]").await, ["Please correct the fields marked below."]);
        // What was typed stays, except the password, which is never sent back.
        assert_eq!(b.value("#display_name").await, "Ada Lovelace");
        assert_eq!(b.value("#email").await, "ada at example.org");
        assert_eq!(b.value("#password").await, "");
        assert_eq!(b.path().await, "/signup");
        b.screenshot_desktop_and_phone("errors").await;

        // Fixing only the address still creates nothing while the password is too short.
        b.fill("#email", "ada@example.org").await;
        b.fill("#password", "short").await;
        b.click("form[action='/signup'] button[type=submit]").await;
        // The re-rendered page carries the corrected address in its HTML; the old page does not.
        b.wait_for("#email[value='ada@example.org'] ~ #password-error").await;
        assert_eq!(b.texts(".field-error").await, ["Password must be at least 10 characters."]);
        assert!(b.get_named_cookie("ck_session").await.is_err(), "not signed in");

        // The same mistakes in the dark theme, for the screenshots (the error colours change).
        let dark = b.another_person_in_dark_mode().await;
        dark.open("/signup").await;
        assert!(prefers_dark(&dark).await, "the second browser asks for dark pages");
        dark.fill("#display_name", "Ada Lovelace").await;
        dark.fill("#email", "ada at example.org").await;
        dark.click("form[action='/signup'] button[type=submit]").await;
        dark.wait_for("#email + p.field-error").await;
        assert_eq!(dark.texts(".field-error").await.len(), 2);
        dark.screenshot_desktop_and_phone("errors-dark").await;

        for typed in ["ada at example.org", "ada@example.org"] {
            assert!(app.app.store.user_by_email(typed).await.unwrap().is_none(), "no account for {typed}");
        }
        assert_eq!(app.app.store.count_users().await.unwrap(), 0);
        app.stop().await;
    })
    .await;
}
