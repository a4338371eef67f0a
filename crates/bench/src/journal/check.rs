//! Checking the concurrent create run: is every acknowledged action stored?
//!
//! `bench/journal.lua` (target `create`) posts actions into one relationship over 16 connections,
//! each with the text `wrk <tag> t<thread> n<number>`, reads the id back from every 201 answer, and
//! at the end lists those ids with how many requests it sent. `bench/journal.sh` counts the
//! relationship's actions before the run (`count-actions`), kills the server with SIGKILL after it
//! and then runs `check-actions`: every acknowledged id must be stored in that relationship with
//! this run's text; the relationship must hold exactly what it held before, plus the acknowledged
//! actions, plus at most the requests that were sent but never answered (wrk stops mid-request).

use anyhow::{Context, bail};
use sqlx::any::AnyPoolOptions;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct CountActionsArgs {
    #[arg(long)]
    database_url: String,
    #[arg(long)]
    relationship: String,
}

#[derive(clap::Args)]
pub struct CheckActionsArgs {
    /// The database the server wrote to.
    #[arg(long)]
    database_url: String,
    /// The relationship the run wrote into.
    #[arg(long)]
    relationship: String,
    /// The file `bench/journal.lua` wrote at the end of the run.
    #[arg(long)]
    acks: PathBuf,
    /// The relationship's actions before the run (from `count-actions`).
    #[arg(long)]
    before: u64,
}

async fn stored(url: &str, relationship: &str) -> anyhow::Result<Vec<(String, String)>> {
    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new().max_connections(1).connect(url).await?;
    let rows = sqlx::query_as("SELECT id, text FROM actions WHERE relationship_id = $1")
        .bind(relationship)
        .fetch_all(&pool)
        .await?;
    pool.close().await;
    Ok(rows)
}

pub async fn count_actions(args: CountActionsArgs) -> anyhow::Result<()> {
    println!("{}", stored(&args.database_url, &args.relationship).await?.len());
    Ok(())
}

pub async fn check_actions(args: CheckActionsArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.acks)
        .with_context(|| format!("reading {} (did the create run finish?)", args.acks.display()))?;
    let mut header = HashMap::new();
    let mut acked_ids = vec![];
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.strip_prefix('#') {
            Some(rest) => header.extend(rest.split_whitespace().filter_map(|kv| kv.split_once('='))),
            None => acked_ids.push(line.to_owned()),
        }
    }
    let tag = header.get("tag").copied().context("the acks file names no tag")?.to_owned();
    let counter = |k: &str| header.get(k).and_then(|v| v.parse::<u64>().ok()).unwrap_or(u64::MAX);
    let (sent, acked, unparsed) = (counter("sent"), counter("acked"), counter("unparsed"));

    let rows = stored(&args.database_url, &args.relationship).await?;
    let prefix = format!("wrk {tag} ");
    let texts: HashMap<&str, &str> = rows.iter().map(|(id, t)| (id.as_str(), t.as_str())).collect();
    let tagged = rows.iter().filter(|(_, t)| t.starts_with(&prefix)).count() as u64;
    let untagged = rows.len() as u64 - tagged;
    let unique: HashSet<&str> = acked_ids.iter().map(String::as_str).collect();
    let missing = unique.iter().filter(|id| !texts.contains_key(**id)).count() as u64;
    let wrong_text = unique.iter().filter(|id| texts.get(**id).is_some_and(|t| !t.starts_with(&prefix))).count() as u64;
    let duplicates = acked_ids.len() as u64 - unique.len() as u64;
    let unanswered = tagged.saturating_sub(unique.len() as u64);
    let in_flight_bound = sent.saturating_sub(acked);

    let ok = missing == 0
        && wrong_text == 0
        && duplicates == 0
        && unparsed == 0
        && acked == acked_ids.len() as u64
        && untagged == args.before
        && tagged >= unique.len() as u64
        && unanswered <= in_flight_bound;
    println!(
        "action check [{tag}]: {acked} creates acknowledged (201) into one relationship, {} of them stored \
         ({missing} missing, {wrong_text} with another text, {duplicates} ids answered twice, {unparsed} unreadable \
         answers); the relationship holds {} = {} before + {} acknowledged + {unanswered} sent but unanswered \
         (at most {in_flight_bound}: {sent} sent, {acked} acknowledged): {}",
        unique.len() as u64 - missing,
        rows.len(),
        untagged,
        unique.len(),
        if ok { "OK" } else { "FAILED" }
    );
    if untagged != args.before {
        bail!("the relationship held {} actions before the run, now {untagged} without this run's tag", args.before);
    }
    if !ok {
        bail!("the action check failed");
    }
    Ok(())
}
