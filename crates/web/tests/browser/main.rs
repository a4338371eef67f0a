//! Browser tests: the real pages in headless Chromium, driven like a person would (typing into
//! labelled fields, clicking buttons), checked against what the page shows and what the database
//! holds. Every test runs on SQLite, and on PostgreSQL too when `COACHKIT_TEST_PG_URL` is set.
//!
//! Screenshots of the key steps land in `target/screenshots/<test>-<backend>-<step>.png`, in a
//! desktop and a phone-sized viewport (some in the dark theme), for a person to look at; no test
//! decides anything from the images. The phone step does measure that no page is wider than the
//! phone, since sideways scrolling is a layout bug a measurement catches more reliably than a look.
//! Without Chromium these tests pass with a notice, or fail under `CI=true` (see
//! `coachkit_testkit::browser`).

// Tests may panic on the unexpected, helpers included: the panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod co_coaching;
mod coaching;
mod invitations;
mod journal;
mod learning_log;
mod leaving;
mod mentoring;
mod phone;
mod programme_health;
mod wheel;

use coachkit_testkit::browser::{self, Browser};
use coachkit_testkit::{TestApp, backends, spawn_app};

/// A password good enough for sign-up.
pub const PW: &str = "a decent passphrase";

/// Runs `test` once per backend, each time with a fresh app and a fresh browser. `name` starts
/// the screenshots' file names.
pub async fn on_each_backend<F, Fut>(name: &str, test: F)
where
    F: Fn(TestApp, Browser) -> Fut,
    Fut: Future<Output = ()>,
{
    if !browser::chromium_present(name) {
        return;
    }
    for backend in backends() {
        eprintln!("-- on {backend:?}");
        let app = spawn_app(backend).await;
        let label = format!("{name}-{}", format!("{backend:?}").to_lowercase());
        let browser = Browser::start(&label, &app.base_url).await;
        test(app, browser).await;
    }
}

/// Signs up through the page and waits for the dashboard it leads to.
pub async fn sign_up(b: &Browser, name: &str, email: &str) {
    b.open("/signup").await;
    b.fill("#display_name", name).await;
    b.fill("#email", email).await;
    b.fill("#password", PW).await;
    b.click("form[action='/signup'] button[type=submit]").await;
    b.wait_for("#next-heading").await;
}

/// Signs in on the sign-in page the browser is showing, then waits for `landing_css`, an element
/// only the page the sign-in leads to has.
pub async fn sign_in(b: &Browser, email: &str, landing_css: &str) {
    b.fill("#email", email).await;
    b.fill("#password", PW).await;
    b.click("form[action='/signin'] button[type=submit]").await;
    b.wait_for(landing_css).await;
}

/// An account made directly through the app, when its sign-up is not what the test is about.
pub async fn account(app: &TestApp, name: &str, email: &str) -> coachkit_app::Actor {
    use coachkit_domain::account::{DisplayName, Email, Password};
    let user = app
        .app
        .create_account(
            &Email::parse(email).unwrap(),
            &DisplayName::parse(name).unwrap(),
            Password::parse_new(PW).unwrap(),
            false,
        )
        .await
        .unwrap();
    coachkit_app::Actor { user, csrf_token: None, session_hash: None }
}

/// Whether the page is being shown with the dark theme (the browser asks for dark pages).
pub async fn prefers_dark(b: &Browser) -> bool {
    let script = "return matchMedia('(prefers-color-scheme: dark)').matches";
    b.execute(script, vec![]).await.expect("run a script").as_bool().expect("a boolean")
}
