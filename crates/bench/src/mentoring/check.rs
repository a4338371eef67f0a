//! `check-advice`: is every draft save the server acknowledged (303) stored?
//!
//! `bench/mentoring.lua` gives each wrk thread its own experts of the write set and hands an
//! expert out again only after the answer to their previous save came back, so each expert's
//! saves form a sequence. Save `n` of expert `i` writes a first piece of advice starting with
//! `wrk <tag> e<i> n<n>.`; the script maps each 303's `Location` back to its expert and lists, per
//! expert, the last number sent, the last acknowledged and how many were. `bench/mentoring.sh`
//! kills the server with SIGKILL first, so "stored" means "survived a crash". The stored first
//! piece must be the last acknowledged save, or a later one whose answer never came; anything
//! older is a lost write. Every save also replaces all three pieces at once, so each expert must
//! hold exactly three items.

use anyhow::bail;
use sqlx::any::AnyPoolOptions;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct CheckAdviceArgs {
    /// The database the server wrote to.
    #[arg(long)]
    database_url: String,
    /// The file `seed-mentoring --out` wrote (the write set's expert ids).
    #[arg(long)]
    mentoring: PathBuf,
    /// The file `bench/mentoring.lua` wrote at the end of the save run.
    #[arg(long)]
    writes: PathBuf,
}

/// Parses `wrk <tag> e<index> n<number>. ...` into (index, number) if it carries `tag`.
fn parse_advice(text: &str, tag: &str) -> Option<(u64, u64)> {
    let mut parts = text.split(' ');
    if parts.next()? != "wrk" || parts.next()? != tag {
        return None;
    }
    let index = parts.next()?.strip_prefix('e')?.parse().ok()?;
    let number = parts.next()?.strip_prefix('n')?.strip_suffix('.')?.parse().ok()?;
    Some((index, number))
}

pub async fn check_advice(args: CheckAdviceArgs) -> anyhow::Result<()> {
    let writes = crate::check::Writes::read(&args.writes)?;
    let (tag, seen, counter) = (writes.tag()?, &writes.seen, |k: &str| writes.counter(k));
    let (acked_303, overlaps, unparsed) = (counter("acked"), counter("overlaps"), counter("unparsed"));

    let experts: HashMap<u64, String> = std::fs::read_to_string(&args.mentoring)?
        .lines()
        .filter_map(|l| l.strip_prefix("write\t"))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some((f.first()?.parse().ok()?, (*f.get(1)?).to_owned()))
        })
        .collect();

    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new().max_connections(1).connect(&args.database_url).await?;
    let (mut lost, mut later_unacked, mut impossible, mut not_three, mut holding) = (0, 0, 0, 0, 0);
    for (index, expert) in &experts {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT position, text FROM advice_items WHERE expert_id = $1 ORDER BY position")
                .bind(expert)
                .fetch_all(&pool)
                .await?;
        let have = rows.iter().find(|(p, _)| *p == 1).and_then(|(_, t)| parse_advice(t, &tag));
        if have.is_some() && rows.len() != 3 {
            not_three += 1;
        }
        let have = match have {
            Some((i, n)) if i == *index => {
                holding += 1;
                n
            }
            Some(_) => {
                impossible += 1;
                continue;
            }
            None => 0,
        };
        match seen.get(index) {
            Some(s) if have < s.last_acked => lost += 1,
            Some(s) if have > s.last_sent => impossible += 1,
            Some(s) if have > s.last_acked => later_unacked += 1,
            Some(_) => {}
            None if have > 0 => impossible += 1,
            None => {}
        }
    }
    pool.close().await;
    let acked_total: u64 = seen.values().map(|s| s.acked).sum();
    let written = seen.values().filter(|s| s.acked > 0).count();
    let ok =
        lost == 0 && impossible == 0 && not_three == 0 && overlaps == 0 && unparsed == 0 && acked_total == acked_303;
    println!(
        "advice check [{tag}]: {acked_303} saves acknowledged (303) for {written} experts, {holding} experts hold this \
         run's drafts; {lost} lost, {later_unacked} hold a later unacknowledged save, {impossible} unexplained, \
         {not_three} without exactly three pieces, {overlaps} overlapping, {unparsed} unreadable answers: {}",
        if ok { "OK" } else { "FAILED" }
    );
    if !ok {
        bail!("the advice check failed");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_advice;

    #[test]
    fn advice_parses_only_with_its_tag() {
        assert_eq!(parse_advice("wrk ka e00042 n000000007. Agree what good looks like", "ka"), Some((42, 7)));
        assert_eq!(parse_advice("wrk cl e00042 n000000007. Agree", "ka"), None);
        assert_eq!(parse_advice("Agree what good looks like", "ka"), None);
    }
}
