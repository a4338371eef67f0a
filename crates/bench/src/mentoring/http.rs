//! `time-seal`: the one-off cost of opening the seal, seen from the expert's browser.
//!
//! For each request of the seal set (one expert answered, two to go), over one keep-alive
//! connection and one request at a time: the second expert submits (the seal stays shut), then
//! the third (the last: the request opens, the insight engine finds the thread and the leader is
//! mailed, all before the 303 answer). Both are the same form post, so the difference of their
//! medians is what the opening costs. The first request only warms up (the engine's model is
//! loaded on first use in the server process); its timings are reported apart.

use crate::http::{Conn, percentile};
use anyhow::{Context, bail, ensure};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct TimeSealArgs {
    /// The server, e.g. http://127.0.0.1:8080 (loopback only).
    #[arg(long)]
    url: String,
    /// The file `seed-mentoring --out` wrote.
    #[arg(long)]
    mentoring: PathBuf,
    /// The server's database, to check afterwards that every timed request opened with a thread.
    #[arg(long)]
    database_url: String,
}

/// The page's pre-session CSRF token: its `ck_csrf` cookie, which the form's `csrf` field repeats.
pub(crate) fn page_csrf(conn: &mut Conn, secret: &str) -> anyhow::Result<String> {
    let a = conn.call("GET", &format!("/expert/{secret}"), &[], "")?;
    ensure!(a.status == 200, "GET /expert/{{secret}} answered {}", a.status);
    let cookie = a
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .find_map(|(_, v)| v.strip_prefix("ck_csrf=").map(|c| c.split(';').next().unwrap_or("").to_owned()))
        .context("the expert's page set no ck_csrf cookie")?;
    ensure!(a.body.contains(&format!("value=\"{cookie}\"")), "the page's form does not carry its ck_csrf token");
    Ok(cookie)
}

fn form_value(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const ANSWER: [&str; 3] = [
    "Agree what good looks like before the work starts, then stay out of how it gets there.",
    "Hand over the outcome, not the tasks: say what finished looks like and let them plan the steps.",
    "Put your review points in the calendar at the start, so you are not tempted to look in between.",
];

pub async fn time_seal(args: TimeSealArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.mentoring)?;
    let seals: Vec<(String, String, String)> = text
        .lines()
        .filter_map(|l| l.strip_prefix("seal\t"))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() == 4).then(|| (f[1].to_owned(), f[2].to_owned(), f[3].to_owned()))
        })
        .collect();
    ensure!(seals.len() >= 2, "the seal set needs at least two requests");
    let mut conn = Conn::open(&args.url, Duration::from_secs(60))?;
    let csrf = page_csrf(&mut conn, &seals[0].1)?;
    let cookie = format!("ck_csrf={csrf}");
    let body = format!(
        "csrf={csrf}&action=submit&advice1={}&example1=&advice2={}&example2=&advice3={}&example3=",
        form_value(ANSWER[0]),
        form_value(ANSWER[1]),
        form_value(ANSWER[2])
    );
    let headers = [("Cookie", cookie.as_str()), ("Content-Type", "application/x-www-form-urlencoded")];
    let (mut other, mut last, mut warm) = (vec![], vec![], [0.0; 2]);
    for (n, (_, second, third)) in seals.iter().enumerate() {
        for (i, secret) in [second, third].into_iter().enumerate() {
            let t0 = Instant::now();
            let a = conn.call("POST", &format!("/expert/{secret}"), &headers, &body)?;
            let ms = t0.elapsed().as_secs_f64() * 1_000.0;
            if a.status != 303 || !a.header("location").is_some_and(|l| l.ends_with("?done=sent")) {
                bail!("submitting answered {} (location {:?}): {}", a.status, a.header("location"), a.body);
            }
            match (n, i) {
                (0, _) => warm[i] = ms,
                (_, 0) => other.push(ms),
                _ => last.push(ms),
            }
        }
    }
    // Every request must have opened with the engine's thread stored (not a recorded failure).
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new().max_connections(1).connect(&args.database_url).await?;
    let mut threaded = 0;
    for (id, _, _) in &seals {
        let row: Option<(String, Option<String>)> =
            sqlx::query_as("SELECT status, suggestion FROM advice_requests WHERE id = $1")
                .bind(id)
                .fetch_optional(&pool)
                .await?;
        if let Some((status, Some(s))) = row
            && status == "open"
            && s.contains("\"failed\":null")
        {
            threaded += 1;
        }
    }
    pool.close().await;
    other.sort_by(f64::total_cmp);
    last.sort_by(f64::total_cmp);
    let (o50, l50) = (percentile(&other, 50.0), percentile(&last, 50.0));
    println!(
        "RESULT count={} other_p50_ms={o50:.2} other_p90_ms={:.2} other_p99_ms={:.2} last_p50_ms={l50:.2} \
         last_p90_ms={:.2} last_p99_ms={:.2} last_max_ms={:.2} opening_p50_ms={:.2} warm_other_ms={:.2} \
         warm_last_ms={:.2} opened_with_thread={threaded} of={}",
        last.len(),
        percentile(&other, 90.0),
        percentile(&other, 99.0),
        percentile(&last, 90.0),
        percentile(&last, 99.0),
        last.last().copied().unwrap_or(0.0),
        l50 - o50,
        warm[0],
        warm[1],
        seals.len()
    );
    ensure!(
        threaded == seals.len(),
        "{} of {} requests did not open with a thread",
        seals.len() - threaded,
        seals.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::form_value;

    #[test]
    fn form_values_are_encoded() {
        assert_eq!(form_value("a b: c"), "a+b%3A+c");
    }
}
