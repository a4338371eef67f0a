//! Practice 5's part of the benchmark (just-in-time mentoring): `seed-mentoring` adds advice
//! requests to a database the foundation's `seed` made, and `bench/mentoring.sh` measures the
//! expert's page, saving an expert's draft, the leader's reveal page and the seal opening.
//!
//! # Why through the app
//!
//! Every request is written by coachkit's own use cases, as a leader and their experts would:
//! `create_advice_request`, `send_advice_request` (which issues each expert's link and mails it
//! to the outbox; their reminders are found later by the nudges job), `expert_page` (the first
//! visit) and `save_expert_advice`; each expert's link secret is read back from the mail in the
//! outbox, as the expert would. So the links are real capabilities with real hashes, and the
//! open requests carry what the insight engine suggested at the moment their
//! last expert submitted. The default 1,600 requests take one to two minutes this way (a few
//! dozen statements each): bearable, while bulk SQL would have to reproduce the link hashing,
//! the mail, the reminders and the engine's stored suggestion by hand.
//!
//! # What is seeded
//!
//! Each request belongs to one of the foundation sample's people (round-robin, so its leader's
//! session cookie is known), asks three experts (one inside the organisation, two outside) for
//! advice on one of five capabilities, and is sent. By set:
//! - *page* (`--page-requests`, 1,000: 3,000 experts): the first expert has answered, the second
//!   saved a draft of two pieces, the third opened the page once. `GET /expert/{secret}` cycles
//!   through all of them.
//! - *write* (`--write-requests`, 200: 600 experts): every expert opened the page; the draft-save
//!   run writes their drafts.
//! - *open* (`--open-requests`, 200): all three experts answered, so the seal opened and the
//!   engine's thread is stored; `GET /advice/{id}` is read as their leaders.
//! - *seal* (`--seal-requests`, 200): the first expert answered and the other two opened the
//!   page; `time-seal` submits the second (the seal stays) and then the third (it opens).
//!
//! Advice comes from a pool per capability (so experts overlap, as real ones do), with an
//! example from the expert's own work one time in three. `--out` lists the secrets per set.

mod check;
mod http;
mod text;

pub use check::{CheckAdviceArgs, check_advice};
pub use http::{TimeSealArgs, time_seal};

use anyhow::{Context, anyhow, ensure};
use coachkit_app::mentoring::{AdviceInput, CreateOutcome, ItemInput, RequestInput};
use coachkit_app::{Actor, App, AppConfig};
use coachkit_domain::mentoring::RawExpert;
use coachkit_store::{Store, StoreOptions, now_ms};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sqlx::AnyPool;
use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct SeedMentoringArgs {
    /// The database `coachkit-bench seed` filled.
    #[arg(long)]
    database_url: String,
    /// The sample `seed --out` wrote: the leaders are taken from it, with their session cookies.
    #[arg(long)]
    sample: PathBuf,
    /// Requests whose experts' pages are read (three experts each).
    #[arg(long, default_value_t = 1_000)]
    page_requests: usize,
    /// Requests whose experts' drafts are written under load.
    #[arg(long, default_value_t = 200)]
    write_requests: usize,
    /// Requests every expert answered, so the seal is open.
    #[arg(long, default_value_t = 200)]
    open_requests: usize,
    /// Requests left with two experts to submit, for `time-seal`.
    #[arg(long, default_value_t = 200)]
    seal_requests: usize,
    /// Requests written at once (each by its own leader).
    #[arg(long, default_value_t = 4)]
    concurrency: usize,
    /// Where to write the secrets per set.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Clone, Copy, PartialEq)]
enum Set {
    Page,
    Write,
    Open,
    Seal,
}

/// What one request left for the load generator.
struct Made {
    k: usize,
    set: Set,
    request: String,
    session: String,
    experts: Vec<(String, String)>, // (expert id, secret)
    /// Open set: how long the last expert's submit took in-process (the seal opening), and the
    /// first two's (no opening), in ms.
    last_ms: f64,
    first_ms: [f64; 2],
}

fn advice(rng: &mut StdRng, pool: &[&str], boxes: usize) -> AdviceInput {
    let picked: Vec<&&str> = pool.choose_multiple(rng, 3).collect();
    AdviceInput {
        items: (0..3)
            .map(|i| ItemInput {
                text: if i < boxes { (*picked[i]).to_owned() } else { String::new() },
                example: if i < boxes && rng.gen_bool(1.0 / 3.0) {
                    text::EXAMPLES[rng.gen_range(0..text::EXAMPLES.len())].to_owned()
                } else {
                    String::new()
                },
            })
            .collect(),
        share_with_coaches: rng.gen_bool(0.5),
    }
}

fn app_err(what: &str) -> impl Fn(coachkit_app::AppError) -> anyhow::Error + '_ {
    move |e| anyhow!("{what}: {e}")
}

/// The link secret in the invitation mailed to `email` between `from` and `to` (ms). Invitations
/// are due at once, so the outbox's (sent_at, next_attempt_at) index finds them; the foundation's
/// failed mail is due tomorrow.
async fn secret_of(pool: &AnyPool, email: &str, from: i64, to: i64) -> anyhow::Result<String> {
    let bodies: Vec<(String,)> = sqlx::query_as(
        "SELECT body FROM outbox WHERE sent_at IS NULL AND next_attempt_at >= $1 AND next_attempt_at <= $2 \
         AND to_addr = $3",
    )
    .bind(from)
    .bind(to)
    .bind(email)
    .fetch_all(pool)
    .await?;
    let path = coachkit_app::mentoring::EXPERT_PATH;
    bodies
        .iter()
        .find_map(|(body,)| {
            let at = body.find(path)? + path.len();
            body.get(at..at + 64).map(str::to_owned)
        })
        .with_context(|| format!("no link in the mail to {email}"))
}

async fn one(app: &App, pool: &AnyPool, actor: &Actor, session: &str, k: usize, set: Set) -> anyhow::Result<Made> {
    let mut rng = StdRng::seed_from_u64(5_000_000 + k as u64);
    let (capability, context, topic) = text::TOPICS[rng.gen_range(0..text::TOPICS.len())];
    let experts: Vec<RawExpert> = (1..=3)
        .map(|p| RawExpert {
            name: format!("Expert {k:05} {}", ["Ana", "Ben", "Chidi"][p - 1]),
            email: format!("expert{k:05}-{p}@experts.test"),
            placement: if p == 1 { "inside" } else { "outside" }.into(),
            i_know_them: true,
            they_know_me: true,
            knows_their_stuff: true,
        })
        .collect();
    let input = RequestInput {
        capability: capability.into(),
        context: context.into(),
        horizon_months: rng.gen_range(6..=12).to_string(),
        experts: experts.clone(),
        audience: "private".into(),
        ..Default::default()
    };
    let id = match app.create_advice_request(actor, &input).await.map_err(app_err("creating a request"))? {
        CreateOutcome::Created(id) => id,
        CreateOutcome::NeedsConfirmation(q) => anyhow::bail!("the request asked to confirm: {q}"),
    };
    let sent_from = now_ms();
    app.send_advice_request(actor, &id, &[]).await.map_err(app_err("sending a request"))?;
    let sent_to = now_ms();
    let rows = app.store.advice_experts(&id).await?;
    let mut linked = vec![];
    for e in &experts {
        let row = rows.iter().find(|r| r.email == e.email).context("an expert went missing")?;
        linked.push((row.id.clone(), secret_of(pool, &e.email, sent_from, sent_to).await?));
    }
    let secrets: Vec<String> = linked.iter().map(|(_, s)| s.clone()).collect();
    let mut out =
        Made { k, set, request: id, session: session.to_owned(), experts: linked, last_ms: 0.0, first_ms: [0.0; 2] };
    let secret = |i: usize| secrets[i].as_str();
    let open = |i: usize| async move {
        app.expert_page(secret(i)).await.map(|_| ()).map_err(app_err("opening the expert page"))
    };
    match set {
        Set::Page => {
            app.save_expert_advice(secret(0), &advice(&mut rng, topic, 3), true)
                .await
                .map_err(app_err("submitting"))?;
            app.save_expert_advice(secret(1), &advice(&mut rng, topic, 2), false)
                .await
                .map_err(app_err("saving a draft"))?;
            open(2).await?;
        }
        Set::Write => {
            for i in 0..3 {
                open(i).await?;
            }
        }
        Set::Open => {
            for i in 0..3 {
                open(i).await?;
                let a = advice(&mut rng, topic, 3);
                let t0 = Instant::now();
                app.save_expert_advice(secret(i), &a, true).await.map_err(app_err("submitting"))?;
                let ms = t0.elapsed().as_secs_f64() * 1_000.0;
                if i < 2 {
                    out.first_ms[i] = ms;
                } else {
                    out.last_ms = ms;
                }
            }
            let r = app.store.advice_request(&out.request).await?.context("the request went missing")?;
            ensure!(r.status == "open", "all three answered but the request is {}", r.status);
        }
        Set::Seal => {
            app.save_expert_advice(secret(0), &advice(&mut rng, topic, 3), true)
                .await
                .map_err(app_err("submitting"))?;
            open(1).await?;
            open(2).await?;
        }
    }
    Ok(out)
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

pub async fn seed(args: SeedMentoringArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let sample = std::fs::read_to_string(&args.sample).with_context(|| format!("reading {}", args.sample.display()))?;
    let sessions: Vec<String> = sample
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(4).map(str::to_owned))
        .collect();
    ensure!(!sessions.is_empty(), "the sample lists nobody");
    let concurrency = args.concurrency.max(1);
    let store =
        Store::connect(&StoreOptions { url: args.database_url.clone(), max_connections: concurrency as u32 + 1 })
            .await
            .context("opening the database")?;
    let app = App::new(store, AppConfig::default());
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new().max_connections(concurrency as u32).connect(&args.database_url).await?;
    let mut actors = Vec::with_capacity(sessions.len());
    for s in &sessions {
        let a = app.actor_from_session(s).await.map_err(app_err("signing in"))?.context("a sample session is dead")?;
        actors.push((a, s.clone()));
    }
    let mut plan = vec![];
    for (set, n) in [
        (Set::Page, args.page_requests),
        (Set::Write, args.write_requests),
        (Set::Open, args.open_requests),
        (Set::Seal, args.seal_requests),
    ] {
        plan.extend(std::iter::repeat_n(set, n));
    }
    let plan = std::sync::Arc::new(plan);
    let actors = std::sync::Arc::new(actors);
    let mut tasks = tokio::task::JoinSet::new();
    for w in 0..concurrency {
        let (app, pool, plan, actors) = (app.clone(), pool.clone(), plan.clone(), actors.clone());
        tasks.spawn(async move {
            let mut made = vec![];
            for k in (w..plan.len()).step_by(concurrency) {
                let (actor, session) = &actors[k % actors.len()];
                made.push(one(&app, &pool, actor, session, k, plan[k]).await.with_context(|| format!("request {k}"))?);
            }
            anyhow::Ok(made)
        });
    }
    let mut made = vec![];
    while let Some(done) = tasks.join_next().await {
        made.extend(done??);
    }
    made.sort_by_key(|m| m.k);
    app.store.close().await;
    pool.close().await;

    let mut f = std::io::BufWriter::new(std::fs::File::create(&args.out)?);
    writeln!(f, "# coachkit-bench seed-mentoring: page/write/reveal/seal lines (see crates/bench/src/mentoring)")?;
    let (mut pages, mut writes) = (0, 0);
    for m in &made {
        match m.set {
            Set::Page => {
                for (_, s) in &m.experts {
                    writeln!(f, "page\t{pages}\t{s}")?;
                    pages += 1;
                }
            }
            Set::Write => {
                for (e, s) in &m.experts {
                    writeln!(f, "write\t{writes}\t{e}\t{s}")?;
                    writes += 1;
                }
            }
            Set::Open => writeln!(f, "reveal\t{}\t{}\t{}", m.k, m.request, m.session)?,
            Set::Seal => writeln!(f, "seal\t{}\t{}\t{}\t{}", m.k, m.request, m.experts[1].1, m.experts[2].1)?,
        }
    }
    f.flush()?;
    let opened: Vec<&Made> = made.iter().filter(|m| m.set == Set::Open).collect();
    let mut last: Vec<f64> = opened.iter().map(|m| m.last_ms).collect();
    let mut first: Vec<f64> = opened.iter().flat_map(|m| m.first_ms).collect();
    println!(
        "mentoring: {} requests ({} page, {} write, {} open, {} seal) from {} leaders, {} experts, in {:.1} s \
         (through the app, {concurrency} at a time); in-process submits of the open set: the last one (opens the \
         seal) median {:.1} ms, max {:.1} ms; the others median {:.1} ms",
        made.len(),
        args.page_requests,
        args.write_requests,
        args.open_requests,
        args.seal_requests,
        actors.len().min(made.len()),
        made.len() * 3,
        started.elapsed().as_secs_f64(),
        median(&mut last),
        last.iter().copied().fold(0.0, f64::max),
        median(&mut first),
    );
    Ok(())
}
