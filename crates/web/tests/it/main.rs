//! Integration tests over HTTP. Every test runs on SQLite, and on PostgreSQL too when
//! `COACHKIT_TEST_PG_URL` is set (each run gets its own database, dropped afterwards).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on the unexpected: that is the failure

mod accounts;
mod api;
mod checkins;
mod co_coaching;
mod co_coaching_api;
mod demo;
mod expert_reminders;
mod health;
mod instances;
mod journal;
mod learning_log;
mod learning_log_api;
mod leaving;
mod mail;
mod mentoring;
mod mentoring_api;
mod next_steps;
mod nudge_kinds;
mod nudges;
mod orgs;
mod privacy_matrix;
mod programme_health;
mod relationships;
mod store;
mod wheel;

use coachkit_testkit::{Backend, TestApp, backends, spawn_app};

/// Runs `test` once per backend, with a fresh app each time.
pub async fn on_each_backend<F, Fut>(test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for backend in backends() {
        eprintln!("-- on {backend:?}");
        test(spawn_app(backend).await).await;
    }
}

/// A password good enough for sign-up.
pub const PW: &str = "a decent passphrase";

#[allow(dead_code)]
pub fn is_pg(app: &TestApp) -> bool {
    app.backend == Backend::Postgres
}
