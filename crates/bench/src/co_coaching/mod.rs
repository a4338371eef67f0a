//! Practice 4's benchmark tools (`bench/co_coaching.sh`).
//!
//! `time-teaming-layers` times the same request's layers in process (see [`layers`]).
//!
//! `seed-co-coaching` loads coachkit's demo into a fresh database through the app (its two
//! engagements between Harbourside and Northgate, eight people each) and signs in a participant
//! and the facilitator, printing their session cookies and the engagement's id for wrk.
//!
//! `time-teaming` times teaming up cards through the API, one request at a time on one keep-alive
//! connection: `--cards` cards (default 1,000) from `--orgs` organisations (default 40), each a
//! different person, written from a small vocabulary of front-line challenges so that natural
//! pairs exist across organisations, as they would in a large programme. Each request runs the
//! engine from scratch (nothing is cached between requests).

mod cards;
mod layers;

pub use layers::{TimeLayersArgs, time_layers};

use crate::http::{Conn, percentile};
use anyhow::{Context, anyhow, ensure};
use coachkit_app::{App, AppConfig};
use coachkit_store::{Store, StoreOptions};
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct SeedArgs {
    #[arg(long)]
    database_url: String,
}

#[derive(clap::Args)]
pub struct TimeTeamingArgs {
    /// The server, e.g. http://127.0.0.1:8080 (loopback only).
    #[arg(long)]
    url: String,
    /// A session cookie's value (`ck_session`), from `seed-co-coaching`.
    #[arg(long)]
    session: String,
    #[arg(long, default_value_t = 1000)]
    cards: usize,
    #[arg(long, default_value_t = 40)]
    orgs: usize,
    /// Measured requests (after one unmeasured warm-up).
    #[arg(long, default_value_t = 11)]
    reps: usize,
}

pub async fn seed(args: SeedArgs) -> anyhow::Result<()> {
    let store = Store::connect(&StoreOptions { url: args.database_url.clone(), max_connections: 4 })
        .await
        .context("opening the database")?;
    store.migrate().await.context("migrating")?;
    let app = App::new(store, AppConfig::default());
    let started = Instant::now();
    ensure!(
        coachkit_app::demo::load(&app).await.map_err(|e| anyhow!("loading the demo: {e}"))?,
        "the database already holds the demo"
    );
    let mut cookies = vec![];
    for email in ["joanna@demo.example.org", "ruth@demo.example.org"] {
        let signed = app
            .sign_in(email, coachkit_app::demo::DEMO_PASSWORD, "127.0.0.1")
            .await
            .map_err(|e| anyhow!("signing in {email}: {e}"))?;
        cookies.push(signed.session_secret.expose().to_owned());
    }
    let joanna = app.actor_from_session(&cookies[0]).await.map_err(|e| anyhow!("{e}"))?.context("session")?;
    let lines = app.my_engagements(&joanna).await.map_err(|e| anyhow!("{e}"))?;
    let teamed = lines
        .iter()
        .find(|l| l.stage == coachkit_domain::co_coaching::Stage::Teamed)
        .context("the demo's finished engagement")?;
    println!(
        "RESULT engagement={} participant={} facilitator={} seed_ms={}",
        teamed.id,
        cookies[0],
        cookies[1],
        started.elapsed().as_millis()
    );
    Ok(())
}

/// `"name":"value"` from a flat JSON answer (the CSRF token of /api/v1/me).
fn json_string(body: &str, name: &str) -> Option<String> {
    let key = format!("\"{name}\":\"");
    let at = body.find(&key)? + key.len();
    Some(body[at..].split('"').next()?.to_owned())
}

pub fn time_teaming(args: TimeTeamingArgs) -> anyhow::Result<()> {
    let mut conn = Conn::open(&args.url, Duration::from_secs(120))?;
    let cookie = format!("ck_session={}", args.session);
    let me = conn.call("GET", "/api/v1/me", &[("Cookie", &cookie)], "")?;
    ensure!(me.status == 200, "GET /api/v1/me answered {}", me.status);
    let csrf = json_string(&me.body, "csrf_token").context("no csrf_token in /api/v1/me")?;
    let body = cards::request_body(args.cards, args.orgs);
    let headers = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf.as_str()), ("Content-Type", "application/json")];
    let mut times = vec![];
    let mut shape = (0usize, 0usize);
    for rep in 0..=args.reps {
        let t = Instant::now();
        let answer = conn.call("POST", "/api/v1/co-coaching/suggest", &headers, &body)?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        ensure!(
            answer.status == 200,
            "suggest answered {}: {}",
            answer.status,
            answer.body.chars().take(300).collect::<String>()
        );
        shape = (answer.body.matches("\"confirmed\":").count(), answer.body.matches("\"card\":").count());
        if rep > 0 {
            times.push(ms);
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "RESULT cards={} orgs={} body_bytes={} reps={} median_ms={:.0} p90_ms={:.0} max_ms={:.0} teams={} left_out={}",
        args.cards,
        args.orgs,
        body.len(),
        times.len(),
        percentile(&times, 50.0),
        percentile(&times, 90.0),
        times.last().copied().unwrap_or(0.0),
        shape.0,
        shape.1
    );
    Ok(())
}
