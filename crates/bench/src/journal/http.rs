//! `time-actions`: does creating the 10,000th action in a relationship cost what the first did?
//!
//! One keep-alive connection on loopback, requests one at a time, alternating between the two
//! probe relationships (small, big, small, big...), so both see the same machine noise. Each
//! latency is from writing the request to reading the whole answer, as wrk measures it
//! (`crate::http`).

use crate::http::{Conn, percentile};
use anyhow::{bail, ensure};
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct TimeActionsArgs {
    /// The server, e.g. http://127.0.0.1:8080 (loopback only).
    #[arg(long)]
    url: String,
    /// API token of the probe leader.
    #[arg(long)]
    token: String,
    /// The relationship that holds no action yet.
    #[arg(long)]
    small: String,
    /// The relationship that holds `--big-before` actions.
    #[arg(long)]
    big: String,
    /// How many actions the big relationship holds before the first timed request.
    #[arg(long, default_value_t = 9_999)]
    big_before: usize,
    /// Timed creates per relationship.
    #[arg(long, default_value_t = 500)]
    count: usize,
}

pub fn time_actions(args: TimeActionsArgs) -> anyhow::Result<()> {
    ensure!(args.count > 0, "--count must be at least 1");
    let mut conn = Conn::open(&args.url, Duration::from_secs(30))?;
    let bearer = format!("Bearer {}", args.token);
    let headers = [("Authorization", bearer.as_str()), ("Content-Type", "application/json")];
    // Warm the connection, the sign-in cache and the relationship lookups without adding actions.
    for rel in [&args.small, &args.big].into_iter().cycle().take(20) {
        let status = conn.call("GET", &format!("/api/v1/relationships/{rel}/actions?limit=1"), &headers, "")?.status;
        ensure!(status == 200, "GET the probe relationship's actions answered {status}");
    }
    let mut small = Vec::with_capacity(args.count);
    let mut big = Vec::with_capacity(args.count);
    for i in 0..args.count {
        for (rel, out, tag) in [(&args.small, &mut small, "s"), (&args.big, &mut big, "b")] {
            let body = format!(
                r#"{{"text":"seq {tag} n{i:06}: ask the team what gets in their way","audience":"relationship:{rel}","relationship_id":"{rel}"}}"#
            );
            let t0 = Instant::now();
            let answer = conn.call("POST", "/api/v1/journal/actions", &headers, &body)?;
            let ms = t0.elapsed().as_secs_f64() * 1_000.0;
            if answer.status != 201 {
                bail!("POST /api/v1/journal/actions answered {}: {}", answer.status, answer.body);
            }
            out.push(ms);
        }
    }
    small.sort_by(f64::total_cmp);
    big.sort_by(f64::total_cmp);
    let (s50, b50) = (percentile(&small, 50.0), percentile(&big, 50.0));
    println!(
        "RESULT count={} small_from={} big_from={} small_p50_ms={s50:.3} small_p90_ms={:.3} small_p99_ms={:.3} \
         big_p50_ms={b50:.3} big_p90_ms={:.3} big_p99_ms={:.3} ratio_p50={:.2}",
        args.count,
        1,
        args.big_before + 1,
        percentile(&small, 90.0),
        percentile(&small, 99.0),
        percentile(&big, 90.0),
        percentile(&big, 99.0),
        if s50 > 0.0 { b50 / s50 } else { 0.0 }
    );
    Ok(())
}
