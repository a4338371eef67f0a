//! A tiny HTTP/1.1 client over `std::net::TcpStream`, for the timing commands (`time-actions`,
//! `time-seal`): one keep-alive connection on loopback, one request at a time, each latency from
//! writing the request to reading the whole answer, as wrk measures it. Thin and predictable on
//! the measuring side.

use anyhow::{Context, ensure};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// One keep-alive connection to the server under test.
pub(crate) struct Conn {
    reader: BufReader<TcpStream>,
    host: String,
}

/// A whole answer.
pub(crate) struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl Conn {
    /// Connects to `url` (loopback only), waiting at most `read_timeout` for any answer.
    pub fn open(url: &str, read_timeout: Duration) -> anyhow::Result<Self> {
        let host = url.strip_prefix("http://").context("--url must start with http://")?.trim_end_matches('/');
        ensure!(host.starts_with("127.0.0.1:") || host.starts_with("localhost:"), "loopback only: {host}");
        let stream = TcpStream::connect(host).with_context(|| format!("connecting to {host}"))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(read_timeout))?;
        Ok(Self { reader: BufReader::new(stream), host: host.to_owned() })
    }

    /// Sends one request with `headers` and reads the whole answer.
    pub fn call(&mut self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> anyhow::Result<Answer> {
        let mut request =
            format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\n", self.host, body.len());
        for (k, v) in headers {
            request.push_str(&format!("{k}: {v}\r\n"));
        }
        request.push_str("\r\n");
        request.push_str(body);
        self.reader.get_mut().write_all(request.as_bytes())?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 =
            line.split(' ').nth(1).and_then(|s| s.parse().ok()).with_context(|| format!("bad status line {line:?}"))?;
        let (mut length, mut chunked, mut seen) = (None, false, vec![]);
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
                seen.push((name.to_owned(), value.to_owned()));
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
        Ok(Answer { status, headers: seen, body: String::from_utf8_lossy(&body).into_owned() })
    }
}

/// The nearest-rank percentile `p` (0 to 100) of sorted latencies; 0 for none.
pub(crate) fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
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
