//! `time-teaming-layers`: where the time of one teaming request goes, in process, with the same
//! cards `time-teaming` sends: reading the JSON body, the insight crate's `suggest_teams` alone,
//! the app's use case (`App::suggest_teams_for`: its checks, the engine, shaping the answer) and
//! writing the JSON answer. Set beside `time-teaming`'s whole request over HTTP, the difference is
//! the web layer and the connection.

use super::cards;
use crate::http::percentile;
use anyhow::{Context, anyhow};
use coachkit_app::co_coaching::SuggestInput;
use coachkit_app::{App, AppConfig};
use coachkit_insight::teams::{Challenge, Choices, suggest_teams};
use coachkit_store::{Store, StoreOptions};
use std::time::Instant;

#[derive(clap::Args)]
pub struct TimeLayersArgs {
    #[arg(long, default_value_t = 1000)]
    cards: usize,
    #[arg(long, default_value_t = 40)]
    orgs: usize,
    /// Measured runs of each layer (after one unmeasured warm-up).
    #[arg(long, default_value_t = 11)]
    reps: usize,
}

/// Median and p90 of `reps` timed runs of `f`, after one warm-up.
fn timed<T>(reps: usize, mut f: impl FnMut() -> anyhow::Result<T>) -> anyhow::Result<(f64, f64, T)> {
    let mut last = f()?;
    let mut times = vec![];
    for _ in 0..reps {
        let t = Instant::now();
        last = f()?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok((percentile(&times, 50.0), percentile(&times, 90.0), last))
}

#[derive(serde::Deserialize)]
struct Body {
    cards: Vec<Challenge>,
}

pub async fn time_layers(args: TimeLayersArgs) -> anyhow::Result<()> {
    let body = cards::request_body(args.cards, args.orgs);
    let (parse_p50, parse_p90, _) = timed(args.reps, || Ok(serde_json::from_str::<SuggestInput>(&body)?))?;

    let challenges = serde_json::from_str::<Body>(&body)?.cards;
    let engine = coachkit_insight::engine().map_err(|e| anyhow!("{e}"))?;
    let choices = Choices::default();
    let (crate_p50, crate_p90, crate_result) =
        timed(args.reps, || suggest_teams(&engine, &challenges, &choices).map_err(|e| anyhow!("{e}")))?;

    // The app's use case needs an App, so an actor: a scratch SQLite file (the store keeps a
    // reader pool and a writer, which an in-memory database would not share), one account.
    let file = std::env::temp_dir().join(format!("coachkit-layers-{}.db", std::process::id()));
    let store =
        Store::connect(&StoreOptions { url: format!("sqlite://{}?mode=rwc", file.display()), max_connections: 2 })
            .await
            .context("opening a scratch database")?;
    store.migrate().await.context("migrating")?;
    let app = App::new(store, AppConfig::default());
    let signed = app
        .sign_up("bench@example.org", "Bench Facilitator", "a long bench password", None)
        .await
        .map_err(|e| anyhow!("signing up: {e}"))?;
    let actor = app
        .actor_from_session(signed.session_secret.expose())
        .await
        .map_err(|e| anyhow!("{e}"))?
        .context("the new session")?;
    let mut app_times = vec![];
    let mut answer = None;
    for rep in 0..=args.reps {
        let input: SuggestInput = serde_json::from_str(&body)?;
        let t = Instant::now();
        let got = app.suggest_teams_for(&actor, input).await.map_err(|e| anyhow!("{e}"))?;
        if rep > 0 {
            app_times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        answer = Some(got);
    }
    app_times.sort_by(f64::total_cmp);
    let answer = answer.context("no answer")?;
    let (write_p50, write_p90, json) = timed(args.reps, || Ok(serde_json::to_string(&answer)?))?;
    anyhow::ensure!(
        answer.teams.len() == crate_result.teams.len() && answer.left_out.len() == crate_result.unmatched.len(),
        "the app and the crate suggested different teams"
    );
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    println!(
        "RESULT cards={} orgs={} reps={} parse_median_ms={parse_p50:.1} parse_p90_ms={parse_p90:.1} \
         crate_median_ms={crate_p50:.0} crate_p90_ms={crate_p90:.0} app_median_ms={:.0} app_p90_ms={:.0} \
         write_median_ms={write_p50:.1} write_p90_ms={write_p90:.1} answer_bytes={} teams={} left_out={}",
        args.cards,
        args.orgs,
        args.reps,
        percentile(&app_times, 50.0),
        percentile(&app_times, 90.0),
        json.len(),
        answer.teams.len(),
        answer.left_out.len()
    );
    Ok(())
}
