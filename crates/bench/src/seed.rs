//! Seeding a fresh database for the load benchmark.
//!
//! The schema is made by coachkit's own migrations and the first account by coachkit's own
//! sign-up code (so its password hash is a real argon2id hash). Everything else is inserted with
//! multi-row `INSERT`s in one transaction per table: going through the app one row at a time
//! would take minutes, and hashing 10,000 passwords with argon2 alone would take several.
//! Every account shares the first account's hash, so they all have the password [`PASSWORD`].
//!
//! With `--records N` (default 100,000) the records are, by share of N:
//! - 25 % relationships. One person in five is also a coach or mentor; each relationship joins a
//!   random leader to a random coach, so a person is a party to 5 on average (a leader to 2.5, a
//!   coach to about 12.5 more). 70 % active, 10 % ended, 10 % declined, 10 % pending (of those,
//!   half wait for an account, half for an outside address invited by link).
//! - 2.5 % invitation links: one per pending relationship (as `invite` issues them).
//! - 15 % organisation memberships, in one organisation per 100 people (roles: 3 % admin,
//!   7 % facilitator, the rest member).
//! - 20 % sign-in sessions (two per person at 10,000 people), all live.
//! - 10 % API tokens (one per person at 10,000 people).
//! - the rest (27.5 %) mail in the outbox, 98 % sent, 2 % failed and retrying tomorrow.
//!
//! The sample file lists, for `--sample` random people, their first API token and first session
//! in clear (tab-separated), for the wrk scripts.
//!
//! With `--reflections N` it also seeds practice 1's journal for the same people (see
//! [`crate::journal`]): N reflections with their themes and search rows, N/10 sessions and N/10
//! actions, in transactions of about 20,000 rows, and writes the journal cohort's sample to
//! `--journal-out`. The foundation's records come out the same with or without it.

use crate::journal::{self, Foundation, JournalArgs, Rel};
use anyhow::{Context, ensure};
use coachkit_app::{App, AppConfig};
use coachkit_domain::account::{DisplayName, Email, Password};
use coachkit_domain::capability::Secret;
use coachkit_domain::{CapabilityId, MailId, OrgId, RelationshipId, TokenId, UserId};
use coachkit_store::{Backend, Store, StoreOptions, now_ms};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor as _};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

/// The password of every seeded account.
pub const PASSWORD: &str = "coachkit bench password";

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
const YEAR: i64 = 365 * DAY;
/// Bound parameters per statement: well under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMS: usize = 8_000;

#[derive(clap::Args)]
pub struct SeedArgs {
    /// sqlite://path/to/file.db or postgres://...; must hold no accounts yet.
    #[arg(long)]
    database_url: String,
    #[arg(long, default_value_t = 10_000)]
    users: usize,
    /// Relationships, invitation links, memberships, sessions, tokens and mail, together.
    #[arg(long, default_value_t = 100_000)]
    records: usize,
    /// How many people's secrets to write for the load generator.
    #[arg(long, default_value_t = 1_000)]
    sample: usize,
    /// Where to write the sample (tab-separated: index, user id, name, API token, session).
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    journal: JournalArgs,
}

/// One bound value of a row.
pub(crate) enum V {
    T(String),
    OptT(Option<String>),
    I(i64),
    OptI(Option<i64>),
}

fn name(i: usize) -> String {
    // Fixed width, so the write benchmark's body has a constant size.
    format!("Bench User {i:05}")
}

fn email(i: usize) -> String {
    format!("bench{i:05}@bench.test")
}

fn secret() -> Secret {
    Secret::from_random_bytes(rand::random())
}

pub async fn run(args: SeedArgs) -> anyhow::Result<()> {
    ensure!(args.users >= 2, "seed at least two people (a relationship needs two)");
    let started = Instant::now();
    let store = Store::connect(&StoreOptions { url: args.database_url.clone(), max_connections: 1 })
        .await
        .context("opening the database")?;
    store.migrate().await.context("applying migrations")?;
    ensure!(store.count_users().await? == 0, "seed a fresh database: this one already has accounts");

    // The one argon2 hash, made by coachkit's own sign-up code.
    let app = App::new(store.clone(), AppConfig::default());
    let first = app
        .create_account(
            &Email::parse(&email(0))?,
            &DisplayName::parse(&name(0))?,
            Password::parse_new(PASSWORD)?,
            false,
        )
        .await
        .map_err(|e| anyhow::anyhow!("creating the first account: {e}"))?;
    let backend = store.backend();
    store.close().await;

    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                // Bulk load only (this connection's settings, not the file's): a larger page cache
                // for the journal's random index inserts, and no fsync per batch (a crash during
                // seeding just means seeding again).
                if backend == Backend::Sqlite {
                    conn.execute("PRAGMA cache_size = -262144; PRAGMA synchronous = OFF;").await?;
                }
                Ok(())
            })
        })
        .connect(&args.database_url)
        .await?;
    let mut rng = StdRng::seed_from_u64(20_250_101);
    let now = now_ms();
    let u = args.users;
    let n = args.records;
    let ids: Vec<String> = std::iter::once(first.id.clone()).chain((1..u).map(|_| UserId::new().to_string())).collect();

    // People (the first one exists already).
    let rows = (1..u)
        .map(|i| {
            let created = now - rng.gen_range(DAY..2 * YEAR);
            vec![
                V::T(ids[i].clone()),
                V::T(email(i)),
                V::T(name(i)),
                V::T(format!("bench-user-{i:05}")),
                V::OptT(rng.gen_bool(0.5).then(|| "Leads a team of twelve in a public service".into())),
                V::T(first.password_hash.clone()),
                V::I(0),
                V::I(created),
                V::I(created),
            ]
        })
        .collect();
    let cols = "id, email, display_name, handle, headline, password_hash, is_admin, created_at, updated_at";
    let people = insert(&pool, "users", cols, rows).await? + 1;

    // Relationships, and an invitation link for each pending one.
    let coaches: Vec<usize> = (0..u).filter(|_| rng.gen_bool(0.2)).collect();
    let coaches = if coaches.is_empty() { vec![0] } else { coaches };
    let (mut rels, mut links, mut rel_info) = (Vec::new(), Vec::new(), Vec::new());
    for k in 0..n / 4 {
        let leader = rng.gen_range(0..u);
        let pick = coaches[rng.gen_range(0..coaches.len())];
        let coach = if pick == leader { (pick + 1) % u } else { pick };
        let created = now - rng.gen_range(DAY..YEAR);
        let answered = (created + rng.gen_range(HOUR..7 * DAY)).min(now - 1);
        let roll = rng.gen_range(0..100);
        let (status, answered_at, ended_at) = match roll {
            0..70 => ("active", Some(answered), None),
            70..80 => ("ended", Some(answered), Some((answered + rng.gen_range(DAY..90 * DAY)).min(now))),
            80..90 => ("declined", Some(answered), None),
            _ => ("pending", None, None),
        };
        let (coach_id, invitee) = match roll {
            0..95 => (Some(ids[coach].clone()), (status == "pending").then(|| email(coach))),
            _ => (None, Some(format!("guest{k}@elsewhere.test"))),
        };
        let id = RelationshipId::new().to_string();
        rel_info.push(Rel { id: id.clone(), leader, coach: coach_id.is_some().then_some(coach), status });
        if status == "pending" {
            links.push(vec![
                V::T(CapabilityId::new().to_string()),
                V::T("relationship_invite".into()),
                V::T(id.clone()),
                V::T(secret().hash()),
                V::OptT(Some(ids[leader].clone())),
                V::I(created),
                V::I(created + 14 * DAY),
            ]);
        }
        rels.push(vec![
            V::T(id),
            V::T(ids[leader].clone()),
            V::OptT(coach_id),
            V::OptT(invitee),
            V::T(if rng.gen_bool(0.6) { "coaching" } else { "mentoring" }.into()),
            V::T(status.into()),
            V::OptT(rng.gen_bool(0.5).then(|| "I would like to work on delegating and on hard conversations.".into())),
            V::I(created),
            V::OptI(answered_at),
            V::OptI(ended_at),
        ]);
    }
    let cols = "id, leader_id, coach_id, invitee_email, kind, status, message, created_at, answered_at, ended_at";
    let relationships = insert(&pool, "relationships", cols, rels).await?;
    let cols = "id, purpose, target_id, token_hash, created_by, created_at, expires_at";
    let invite_links = insert(&pool, "capabilities", cols, links).await?;

    // Organisations and memberships: everyone in one, the first ones in a second.
    let org_ids: Vec<String> = (0..(u / 100).max(1)).map(|_| OrgId::new().to_string()).collect();
    let rows = org_ids
        .iter()
        .enumerate()
        .map(|(i, id)| vec![V::T(id.clone()), V::T(format!("Bench Organisation {i:03}")), V::I(now - YEAR)])
        .collect();
    insert(&pool, "organisations", "id, name, created_at", rows).await?;
    let mut taken = HashSet::new();
    let mut rows = Vec::new();
    for k in 0..n * 15 / 100 {
        let user = k % u;
        let start = rng.gen_range(0..org_ids.len());
        // The next organisation this person is not in yet (bounded by the number of organisations).
        let Some(org) = (0..org_ids.len()).map(|d| (start + d) % org_ids.len()).find(|o| taken.insert((*o, user)))
        else {
            continue;
        };
        let role = match rng.gen_range(0..100) {
            0..3 => "admin",
            3..10 => "facilitator",
            _ => "member",
        };
        rows.push(vec![V::T(org_ids[org].clone()), V::T(ids[user].clone()), V::T(role.into()), V::I(now - YEAR)]);
    }
    let memberships = insert(&pool, "memberships", "org_id, user_id, role, created_at", rows).await?;

    // Sessions and API tokens, round-robin over people; the first of each per person is kept for
    // the sample. Sessions were seen just now, so the benchmark's reads never slide them (a write).
    let mut session_of = vec![None; u];
    let rows = (0..n / 5)
        .map(|k| {
            let s = secret();
            let row = vec![
                V::T(s.hash()),
                V::T(ids[k % u].clone()),
                V::T(secret().hash()),
                V::I(now - rng.gen_range(0..7 * DAY)),
                V::I(now + 14 * DAY),
                V::I(now),
            ];
            session_of[k % u].get_or_insert_with(|| s.expose().to_owned());
            row
        })
        .collect();
    let cols = "id_hash, user_id, csrf_token, created_at, expires_at, last_seen_at";
    let sessions = insert(&pool, "sessions", cols, rows).await?;
    let mut token_of = vec![None; u];
    let rows = (0..n / 10)
        .map(|k| {
            let s = secret();
            let created = now - rng.gen_range(0..YEAR);
            // Only extra tokens are ever revoked, so each person's first one stays usable.
            let revoked = (k >= u && rng.gen_bool(0.2)).then_some(now - HOUR);
            let row = vec![
                V::T(TokenId::new().to_string()),
                V::T(ids[k % u].clone()),
                V::T("reporting script".into()),
                V::T(s.hash()),
                V::I(created),
                V::OptI(Some(now - rng.gen_range(0..30 * DAY))),
                V::OptI(revoked),
            ];
            token_of[k % u].get_or_insert_with(|| s.expose().to_owned());
            row
        })
        .collect();
    let cols = "id, user_id, name, token_hash, created_at, last_used_at, revoked_at";
    let tokens = insert(&pool, "api_tokens", cols, rows).await?;

    // The outbox takes the rest of the records.
    let so_far = relationships + invite_links + memberships + sessions + tokens;
    let body = "Hello,\n\nSomeone invited you to coachkit as their coach. Open the link below to read \
                their message and to accept or decline; it works for fourteen days.\n\n\
                https://coachkit.example.org/invite/0123456789abcdef\n\nThe coachkit team\n";
    let rows = (0..n.saturating_sub(so_far))
        .map(|_| {
            let created = now - rng.gen_range(HOUR..YEAR);
            let sent = rng.gen_bool(0.98);
            vec![
                V::T(MailId::new().to_string()),
                V::T(email(rng.gen_range(0..u))),
                V::T("You have been invited to coachkit".into()),
                V::T(body.into()),
                V::I(created),
                V::I(if sent { 1 } else { 3 }),
                V::I(if sent { created } else { now + DAY }),
                V::OptI(sent.then_some(created + 2_000)),
                V::OptT((!sent).then(|| "connection refused".into())),
            ]
        })
        .collect();
    let cols = "id, to_addr, subject, body, created_at, attempts, next_attempt_at, sent_at, last_error";
    let mail = insert(&pool, "outbox", cols, rows).await?;

    // Practice 1's journal, for the same people.
    let journal = if args.journal.reflections > 0 {
        let f = Foundation { ids: &ids, rels: &rel_info, tokens: &token_of, sessions: &session_of, now };
        Some(journal::seed(&pool, &f, &args.journal).await?)
    } else {
        None
    };

    // A settled instance's scheduler has long run: its first pass over a fresh bulk load finds
    // every silence of every seeded person at once (nudges, digests, their rows), writes for tens
    // of seconds and would run beside the first measured reads. Run it here, through the server's
    // own code, so the server starts with no job due (the next pass is a period away).
    let store = Store::connect(&StoreOptions { url: args.database_url.clone(), max_connections: 2 }).await?;
    let settled = App::new(store.clone(), AppConfig::default())
        .run_due_jobs_at("coachkit-bench seed", now)
        .await
        .map_err(|e| anyhow::anyhow!("the scheduler's first pass: {e}"))?;
    store.close().await;
    ensure!(!settled.is_empty(), "the scheduler's first pass ran no job");

    // Leave the database as a settled instance would be, so the first minutes of the benchmark do
    // not pay for the bulk load. PostgreSQL: autovacuum would long have vacuumed (which enables
    // index-only scans) and analysed these tables, and a checkpoint would have passed (CHECKPOINT
    // needs a privileged role; without one the first checkpoint just comes later). SQLite: fold
    // the write-ahead log back into the file; it gets no ANALYZE, as coachkit runs none.
    match backend {
        Backend::Postgres => {
            sqlx::raw_sql("VACUUM ANALYZE").execute(&pool).await?;
            let _ = sqlx::raw_sql("CHECKPOINT").execute(&pool).await;
        }
        Backend::Sqlite => {
            sqlx::raw_sql("PRAGMA wal_checkpoint(TRUNCATE)").execute(&pool).await?;
        }
    }
    pool.close().await;

    let written = write_sample(&args, &mut rng, &ids, &token_of, &session_of)?;
    println!(
        "seeded {people} people and {} records ({relationships} relationships, {invite_links} invitation links, \
         {memberships} memberships in {} organisations, {sessions} sessions, {tokens} API tokens, {mail} mails) \
         in {:.1} s; {written} sample people in {}",
        so_far + mail,
        org_ids.len(),
        started.elapsed().as_secs_f64(),
        args.out.display()
    );
    if let Some(j) = journal {
        println!(
            "journal: {} reflections ({} with \"{}\", {:.0} bytes of body on average), {} themes, {} theme links, \
             {} sessions, {} actions, {} search documents in {:.1} s; cohort sample in {}",
            j.reflections,
            j.with_common,
            crate::journal::COMMON,
            j.body_bytes as f64 / j.reflections.max(1) as f64,
            j.themes,
            j.reflection_themes,
            j.sessions,
            j.actions,
            j.documents,
            j.seconds,
            args.journal.journal_out.as_ref().map(|p| p.display().to_string()).unwrap_or_default()
        );
    }
    Ok(())
}

/// Inserts `rows` into `table` in multi-row statements inside one transaction; returns the count.
async fn insert(pool: &AnyPool, table: &str, columns: &str, rows: Vec<Vec<V>>) -> anyhow::Result<usize> {
    let total = rows.len();
    let mut tx = pool.begin().await?;
    insert_rows(&mut tx, table, columns, rows).await?;
    tx.commit().await?;
    Ok(total)
}

/// Inserts `rows` into `table` in multi-row statements, inside the caller's transaction.
pub(crate) async fn insert_rows(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    table: &str,
    columns: &str,
    rows: Vec<Vec<V>>,
) -> anyhow::Result<()> {
    let width = columns.split(',').count();
    // SQLite keeps the name of every `$N` (and `?N`) parameter in a list that is searched from the
    // start for each one bound, which makes binding thousands of them quadratic (most of the seed's
    // time); plain `?` parameters have no name and bind in order.
    let sqlite = tx.backend_name().eq_ignore_ascii_case("sqlite");
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<Vec<V>> = rows.by_ref().take(MAX_PARAMS / width).collect();
        let mut sql = format!("INSERT INTO {table} ({columns}) VALUES ");
        for r in 0..batch.len() {
            sql.push_str(if r == 0 { "(" } else { ", (" });
            for c in 0..width {
                let sep = if c == 0 { "" } else { ", " };
                if sqlite {
                    let _ = write!(sql, "{sep}?");
                } else {
                    let _ = write!(sql, "{sep}${}", r * width + c + 1);
                }
            }
            sql.push(')');
        }
        let mut query = sqlx::query(&sql);
        for value in batch.into_iter().flatten() {
            query = match value {
                V::T(s) => query.bind(s),
                V::OptT(s) => query.bind(s),
                V::I(i) => query.bind(i),
                V::OptI(i) => query.bind(i),
            };
        }
        query.execute(&mut **tx).await.with_context(|| format!("inserting into {table}"))?;
    }
    Ok(())
}

/// Writes the secrets of `--sample` random people who have both a token and a session.
fn write_sample(
    args: &SeedArgs,
    rng: &mut StdRng,
    ids: &[String],
    tokens: &[Option<String>],
    sessions: &[Option<String>],
) -> anyhow::Result<usize> {
    let eligible: Vec<usize> = (0..ids.len()).filter(|&i| tokens[i].is_some() && sessions[i].is_some()).collect();
    ensure!(!eligible.is_empty(), "no person has both a token and a session: seed more records");
    let mut chosen: Vec<usize> = rand::seq::index::sample(rng, eligible.len(), args.sample.min(eligible.len()))
        .into_iter()
        .map(|i| eligible[i])
        .collect();
    chosen.sort_unstable();
    if let Some(dir) = args.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::io::BufWriter::new(std::fs::File::create(&args.out)?);
    writeln!(
        f,
        "# coachkit-bench sample: index, user id, display name, API token, session cookie (password: {PASSWORD})"
    )?;
    for &i in &chosen {
        let (t, s) = (tokens[i].as_deref().unwrap_or_default(), sessions[i].as_deref().unwrap_or_default());
        writeln!(f, "{i}\t{}\t{}\t{t}\t{s}", ids[i], name(i))?;
    }
    f.flush()?;
    Ok(chosen.len())
}
