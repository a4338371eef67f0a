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

/// One writer's (a person's, an expert's) writes as the load generator saw them.
pub(crate) struct Seen {
    pub last_sent: u64,
    pub last_acked: u64,
    pub acked: u64,
}

/// The file a wrk script writes at the end of a write run (`bench/load.lua`, `bench/mentoring.lua`):
/// `# key=value ...` lines (the run's tag and counters), then one
/// `index<TAB>last sent<TAB>last acknowledged<TAB>acknowledged` line per writer.
pub(crate) struct Writes {
    header: HashMap<String, String>,
    pub seen: HashMap<u64, Seen>,
}

impl Writes {
    pub fn read(path: &std::path::Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading {} (did the write run finish?)", path.display()))?;
        let mut header = HashMap::new();
        let mut seen = HashMap::new();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix('#') {
                header.extend(
                    rest.split_whitespace()
                        .filter_map(|kv| kv.split_once('='))
                        .map(|(k, v)| (k.to_owned(), v.to_owned())),
                );
                continue;
            }
            let f: Vec<u64> = line
                .split('\t')
                .map(str::parse)
                .collect::<Result<_, _>>()
                .with_context(|| format!("malformed line in {}: {line}", path.display()))?;
            let [index, last_sent, last_acked, acked] = f[..] else { bail!("malformed line: {line}") };
            seen.insert(index, Seen { last_sent, last_acked, acked });
        }
        Ok(Self { header, seen })
    }

    /// The run's tag, which every write carries.
    pub fn tag(&self) -> anyhow::Result<String> {
        self.header.get("tag").cloned().context("the writes file names no tag")
    }

    /// A counter of the header; a missing or unreadable one reads as `u64::MAX`, so a check on it fails.
    pub fn counter(&self, key: &str) -> u64 {
        self.header.get(key).and_then(|v| v.parse::<u64>().ok()).unwrap_or(u64::MAX)
    }
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
    let writes = Writes::read(&args.writes)?;
    let (tag, seen, counter) = (writes.tag()?, &writes.seen, |k: &str| writes.counter(k));
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
    for (index, s) in seen {
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
    use super::{Writes, parse_headline};

    #[test]
    fn a_writes_file_reads_back_and_a_malformed_one_is_refused() {
        let dir = std::env::temp_dir().join(format!("coachkit-bench-writes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good");
        std::fs::write(&good, "# tag=ka acked=5 overlaps=0\n7\t3\t2\t2\n9\t4\t4\t3\n").unwrap();
        let w = Writes::read(&good).unwrap();
        assert_eq!(w.tag().unwrap(), "ka");
        assert_eq!((w.counter("acked"), w.counter("overlaps"), w.counter("missing")), (5, 0, u64::MAX));
        let s = &w.seen[&9];
        assert_eq!((s.last_sent, s.last_acked, s.acked), (4, 4, 3));
        let bad = dir.join("bad");
        std::fs::write(&bad, "# tag=ka\n7\tx\t2\t2\n").unwrap();
        assert!(Writes::read(&bad).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn headlines_parse_only_with_their_tag() {
        assert_eq!(parse_headline("wrk ka u00042 n000000007", "ka"), Some((42, 7)));
        assert_eq!(parse_headline("wrk cl u00042 n000000007", "ka"), None);
        assert_eq!(parse_headline("Leads a team", "ka"), None);
    }
}
