//! Checking a write run: is every acknowledged write stored?
//!
//! The wrk script (`bench/load.lua`) gives each of its threads its own people and never has two
//! writes for one person in flight, so each person's writes form a sequence. Write number `n` for
//! person `i` sets the headline `wrk <tag> u<i> n<n>` (fixed width); the script reads the headline
//! back from each 2xx answer, and at the end lists per person the last number sent, the last
//! number acknowledged and how many were acknowledged. `bench/run.sh` kills the server with
//! SIGKILL before this check runs, so "stored" means "survived a crash".
//!
//! Because a person's writes are serial, their stored headline must be the last acknowledged one,
//! or a later one that was sent but whose answer never came back. Anything older means an
//! acknowledged write was lost.

use anyhow::{Context, bail};
use sqlx::any::AnyPoolOptions;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct CheckArgs {
    /// The database the server wrote to.
    #[arg(long)]
    database_url: String,
    /// The file `bench/load.lua` wrote at the end of the run.
    #[arg(long)]
    writes: PathBuf,
}

/// One person's writes as the load generator saw them.
struct Seen {
    last_sent: u64,
    last_acked: u64,
    acked: u64,
}

/// Parses `wrk <tag> u<index> n<number>` into (index, number) if it carries `tag`.
fn parse_headline(headline: &str, tag: &str) -> Option<(u64, u64)> {
    let mut parts = headline.split(' ');
    if parts.next()? != "wrk" || parts.next()? != tag {
        return None;
    }
    let index = parts.next()?.strip_prefix('u')?.parse().ok()?;
    let number = parts.next()?.strip_prefix('n')?.parse().ok()?;
    Some((index, number))
}

pub async fn run(args: CheckArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.writes)
        .with_context(|| format!("reading {} (did the write run finish?)", args.writes.display()))?;
    let mut header = HashMap::new();
    let mut seen = HashMap::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix('#') {
            header.extend(rest.split_whitespace().filter_map(|kv| kv.split_once('=')));
            continue;
        }
        let f: Vec<u64> = line
            .split('\t')
            .map(str::parse)
            .collect::<Result<_, _>>()
            .with_context(|| format!("malformed line in {}: {line}", args.writes.display()))?;
        let [index, last_sent, last_acked, acked] = f[..] else { bail!("malformed line: {line}") };
        seen.insert(index, Seen { last_sent, last_acked, acked });
    }
    let tag = header.get("tag").copied().context("the writes file names no tag")?.to_owned();
    let counter = |k: &str| header.get(k).and_then(|v| v.parse::<u64>().ok()).unwrap_or(u64::MAX);
    let (acked_2xx, overlaps, mismatches, unparsed) =
        (counter("acked"), counter("overlaps"), counter("mismatches"), counter("unparsed"));

    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new().max_connections(1).connect(&args.database_url).await?;
    let rows: Vec<(String,)> = sqlx::query_as("SELECT headline FROM users WHERE headline LIKE $1")
        .bind(format!("wrk {tag} %"))
        .fetch_all(&pool)
        .await?;
    pool.close().await;
    let stored: HashMap<u64, u64> = rows.iter().filter_map(|(h,)| parse_headline(h, &tag)).collect();

    let acked_total: u64 = seen.values().map(|s| s.acked).sum();
    let (mut lost, mut later_unacked, mut impossible) = (0, 0, 0);
    for (index, s) in &seen {
        let have = stored.get(index).copied().unwrap_or(0);
        if have < s.last_acked {
            lost += 1;
        } else if have > s.last_sent {
            impossible += 1;
        } else if have > s.last_acked {
            later_unacked += 1;
        }
    }
    // A stored write for someone the load generator never wrote for cannot be explained either.
    impossible += stored.keys().filter(|i| !seen.contains_key(i)).count();
    let written = seen.values().filter(|s| s.acked > 0).count();

    let ok =
        lost == 0 && impossible == 0 && overlaps == 0 && mismatches == 0 && unparsed == 0 && acked_total == acked_2xx;
    println!(
        "write check [{tag}]: {acked_2xx} writes acknowledged (2xx) for {written} people, {} people hold this run's \
         writes; {lost} lost, {later_unacked} hold a later unacknowledged write, {impossible} unexplained, \
         {overlaps} overlapping, {mismatches} out-of-order answers, {unparsed} unreadable answers: {}",
        stored.len(),
        if ok { "OK" } else { "FAILED" }
    );
    if acked_total != acked_2xx {
        bail!("the per-person counts ({acked_total}) disagree with the 2xx count ({acked_2xx})");
    }
    if !ok {
        bail!("the write check failed");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_headline;

    #[test]
    fn headlines_parse_only_with_their_tag() {
        assert_eq!(parse_headline("wrk ka u00042 n000000007", "ka"), Some((42, 7)));
        assert_eq!(parse_headline("wrk cl u00042 n000000007", "ka"), None);
        assert_eq!(parse_headline("Leads a team", "ka"), None);
    }
}
