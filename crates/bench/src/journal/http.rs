//! `time-actions`: does creating the 10,000th action in a relationship cost what the first did?
//!
//! One keep-alive connection on loopback, requests one at a time, alternating between the two
//! probe relationships (small, big, small, big...), so both see the same machine noise. Each
//! latency is from writing the request to reading the whole answer, as wrk measures it. A tiny
//! HTTP/1.1 client over `std::net::TcpStream` keeps the measuring side thin and predictable.

use anyhow::{Context, bail, ensure};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
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

struct Conn {
    reader: BufReader<TcpStream>,
    host: String,
}

impl Conn {
    fn open(url: &str) -> anyhow::Result<Self> {
        let host = url.strip_prefix("http://").context("--url must start with http://")?.trim_end_matches('/');
        ensure!(host.starts_with("127.0.0.1:") || host.starts_with("localhost:"), "loopback only: {host}");
        let stream = TcpStream::connect(host).with_context(|| format!("connecting to {host}"))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(Self { reader: BufReader::new(stream), host: host.to_owned() })
    }

    /// Sends one request and reads the whole answer; returns (status, body).
    fn call(&mut self, method: &str, path: &str, token: &str, body: &str) -> anyhow::Result<(u16, String)> {
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n{body}",
            self.host,
            body.len()
        );
        self.reader.get_mut().write_all(request.as_bytes())?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 =
            line.split(' ').nth(1).and_then(|s| s.parse().ok()).with_context(|| format!("bad status line {line:?}"))?;
        let (mut length, mut chunked) = (None, false);
        loop {
            line.clear();
            ensure!(self.reader.read_line(&mut line)? > 0, "connection closed in the headers");
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                let value = value.trim();
                if name.eq_ignore_ascii_case("content-length") {
                    length = Some(value.parse::<usize>()?);
                } else if name.eq_ignore_ascii_case("transfer-encoding") && value.eq_ignore_ascii_case("chunked") {
                    chunked = true;
                }
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line)?;
                let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or("0"), 16)?;
                let mut chunk = vec![0; size + 2]; // the chunk and its CRLF
                self.reader.read_exact(&mut chunk)?;
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else {
            body.resize(length.context("an answer with neither Content-Length nor chunked encoding")?, 0);
            self.reader.read_exact(&mut body)?;
        }
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn time_actions(args: TimeActionsArgs) -> anyhow::Result<()> {
    ensure!(args.count > 0, "--count must be at least 1");
    let mut conn = Conn::open(&args.url)?;
    // Warm the connection, the sign-in cache and the relationship lookups without adding actions.
    for rel in [&args.small, &args.big].into_iter().cycle().take(20) {
        let (status, _) = conn.call("GET", &format!("/api/v1/relationships/{rel}/actions?limit=1"), &args.token, "")?;
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
            let (status, answer) = conn.call("POST", "/api/v1/journal/actions", &args.token, &body)?;
            let ms = t0.elapsed().as_secs_f64() * 1_000.0;
            if status != 201 {
                bail!("POST /api/v1/journal/actions answered {status}: {answer}");
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

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), 50.0);
        assert_eq!(percentile(&v, 99.0), 99.0);
        assert_eq!(percentile(&[3.0], 50.0), 3.0);
    }
}
