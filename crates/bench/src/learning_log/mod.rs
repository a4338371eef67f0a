//! Practice 3's part of the benchmark (the Leadership Learning Log): `seed-learning-log` adds a
//! programme and its cohort to a database the foundation's `seed` made, `bench/learning_log.sh`
//! measures the facilitator's cohort view (the page and the API) and a participant's log page
//! beside `/healthz`, and `time-learning-log` shows where a cohort view's time goes.
//!
//! # Why through the app
//!
//! Every write is one of coachkit's own use cases, as a facilitator and their participants
//! would make it: `create_ll_programme`, `invite_to_ll_programme` (one link per address, mailed
//! to the outbox), `join_ll_programme` with the secret read back from that mail,
//! `plan_ll_session` and `record_ll_session` for each session, `choose_ll_cases`,
//! `save_ll_answers` and `share_ll_log`. So the links are real capabilities, the window and cap
//! checks run, and the rows are what the app writes. The default cohort (200 people, about
//! 2,800 use-case calls) takes well under a minute this way.
//!
//! # What is seeded
//!
//! One facilitator (the foundation sample's first person) runs one programme after a training:
//! a six-week window that opened 30 days ago, a cap of five sessions, the default sixteen
//! questions and the four toolkit sheets. The next `--participants` people of the sample (200)
//! are invited by e-mail and join; each plans and holds `--sessions` sessions (5) spread over the
//! window so far, with a GROW plan and notes, chooses the Best and the Most Challenging, answers
//! all sixteen questions about both (32 answers, six of each case tagged with a skill), and every
//! second participant shares the pack with the facilitators. `--out` lists the programme with
//! the facilitator's session cookie and API token, and each participant with theirs.

mod text;

// The store's own statements, so the plans printed are those the server runs.
use crate::http::percentile;
use anyhow::{Context, anyhow, ensure};
use coachkit_app::learning_log::{AnswerInput, JOIN_PATH, ProgrammeInput, SessionInput};
use coachkit_app::{Actor, App, AppConfig};
use coachkit_domain::learning_log::{Skill, Window};
use coachkit_domain::time::Millis;
use coachkit_store::learning_log::{COHORT_SQL, INVITATIONS_SQL, SHARED_SKILLS_SQL};
use coachkit_store::{Store, StoreOptions, now_ms};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sqlx::any::AnyPoolOptions;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// How far back the programme's window opened: the cohort is in its last weeks.
const OPENED_DAYS_AGO: i64 = 30;
/// The most addresses `invite_to_ll_programme` takes at once.
const INVITE_BATCH: usize = 200;

#[derive(clap::Args)]
pub struct SeedLearningLogArgs {
    /// The database `coachkit-bench seed` filled.
    #[arg(long)]
    database_url: String,
    /// The sample `seed --out` wrote: the facilitator and the participants are taken from it.
    #[arg(long)]
    sample: PathBuf,
    /// Participants in the cohort.
    #[arg(long, default_value_t = 200)]
    participants: usize,
    /// Sessions each participant holds (at most the programme's cap of five).
    #[arg(long, default_value_t = 5)]
    sessions: usize,
    /// Participants writing their logs at once.
    #[arg(long, default_value_t = 4)]
    concurrency: usize,
    /// Where to write the programme and the participants' secrets.
    #[arg(long)]
    out: PathBuf,
}

/// One person of the sample: their API token and session cookie.
struct Person {
    token: String,
    session: String,
}

fn app_err(what: &str) -> impl Fn(coachkit_app::AppError) -> anyhow::Error + '_ {
    move |e| anyhow!("{what}: {e}")
}

fn people(sample: &std::path::Path) -> anyhow::Result<Vec<Person>> {
    let text = std::fs::read_to_string(sample).with_context(|| format!("reading {}", sample.display()))?;
    Ok(text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 5).then(|| Person { token: f[3].to_owned(), session: f[4].to_owned() })
        })
        .collect())
}

fn day(offset_days: i64) -> String {
    coachkit_app::journal::time::to_date(now_ms() + offset_days * Millis::DAY)
}

/// The invitation link's secret in the mail to `email` (the newest one that has a link).
async fn join_secret(app: &App, email: &str) -> anyhow::Result<String> {
    let mails = app.store.mail_to(email).await?;
    mails
        .iter()
        .find_map(|m| {
            let at = m.body.find(JOIN_PATH)? + JOIN_PATH.len();
            m.body.get(at..at + 64).map(str::to_owned)
        })
        .with_context(|| format!("no invitation link in the mail to {email}"))
}

/// What one participant left: their index, user id and whether they shared their pack.
struct Made {
    k: usize,
    user_id: String,
    shared: bool,
    ms: f64,
}

/// One participant's whole log, through the app.
async fn one(app: &App, actor: &Actor, programme: &str, k: usize, sessions: usize) -> anyhow::Result<Made> {
    let t0 = Instant::now();
    let mut rng = StdRng::seed_from_u64(3_000_000 + k as u64);
    let secret = join_secret(app, &actor.user.email).await?;
    app.join_ll_programme(actor, &secret).await.map_err(app_err("joining"))?;
    // Spread over the window so far: the first around day 2, the last a few days ago.
    let span = OPENED_DAYS_AGO - 4;
    let mut ids = vec![];
    for s in 0..sessions {
        let (topic, goal, notes) = text::SESSIONS[rng.gen_range(0..text::SESSIONS.len())];
        let offset = -OPENED_DAYS_AGO + 1 + (span * s as i64) / sessions.max(1) as i64 + rng.gen_range(0..2);
        let plan = SessionInput {
            held_on: day(offset),
            coachee_name: text::COACHEES[rng.gen_range(0..text::COACHEES.len())].into(),
            topic: topic.into(),
            goal: goal.into(),
            ..Default::default()
        };
        let id = app.plan_ll_session(actor, programme, &plan).await.map_err(app_err("planning a session"))?;
        let held = SessionInput {
            goal: notes[0].into(),
            reality: notes[1].into(),
            options: notes[2].into(),
            way_forward: notes[3].into(),
            ..Default::default()
        };
        app.record_ll_session(actor, programme, &id, &held).await.map_err(app_err("recording a session"))?;
        ids.push(id);
    }
    let mut cases: Vec<&String> = ids.iter().collect();
    cases.shuffle(&mut rng);
    ensure!(cases.len() >= 2, "the two cases need two held sessions (--sessions 2 or more)");
    app.choose_ll_cases(actor, programme, cases[0], cases[1]).await.map_err(app_err("choosing the cases"))?;
    let mut answers = vec![];
    for (case, pool) in [("best", &text::BEST), ("hardest", &text::HARDEST)] {
        for (position, texts) in pool.iter().enumerate() {
            let position = position as i64;
            let skill = match text::SKILLS.iter().find(|(p, _)| *p == position) {
                // One tag in four names another skill, so the cohort's counts vary.
                Some(_) if rng.gen_bool(0.25) => Skill::ALL[rng.gen_range(0..Skill::ALL.len())].as_str().to_owned(),
                Some((_, s)) => (*s).to_owned(),
                None => String::new(),
            };
            let answer = texts[rng.gen_range(0..texts.len())].to_owned();
            answers.push(AnswerInput { case: case.into(), position, answer, skill });
        }
    }
    app.save_ll_answers(actor, programme, &answers).await.map_err(app_err("saving the answers"))?;
    let shared = k.is_multiple_of(2);
    if shared {
        app.share_ll_log(actor, programme, true).await.map_err(app_err("sharing the pack"))?;
    }
    Ok(Made { k, user_id: actor.user.id.clone(), shared, ms: t0.elapsed().as_secs_f64() * 1_000.0 })
}

pub async fn seed(args: SeedLearningLogArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let people = people(&args.sample)?;
    ensure!(
        people.len() > args.participants,
        "the sample lists {} people: one facilitator and {} participants need more",
        people.len(),
        args.participants
    );
    let concurrency = args.concurrency.max(1);
    let store =
        Store::connect(&StoreOptions { url: args.database_url.clone(), max_connections: concurrency as u32 + 1 })
            .await
            .context("opening the database")?;
    let app = App::new(store, AppConfig::default());
    let mut actors = Vec::with_capacity(args.participants + 1);
    for p in &people[..=args.participants] {
        let a = app
            .actor_from_session(&p.session)
            .await
            .map_err(app_err("signing in"))?
            .context("a sample session is dead")?;
        actors.push(a);
    }
    let facilitator = actors.remove(0);

    let input = ProgrammeInput {
        name: "Coaching master class: looking back (bench cohort)".into(),
        training: "the two-day coaching master class".into(),
        starts_on: day(-OPENED_DAYS_AGO),
        weeks: "6".into(),
        session_cap: "5".into(),
        toolkit: ["grow", "preparation", "listening", "questions"].map(String::from).to_vec(),
        ..Default::default()
    };
    let programme = app.create_ll_programme(&facilitator, &input).await.map_err(app_err("creating the programme"))?;
    for batch in actors.chunks(INVITE_BATCH) {
        let emails: Vec<&str> = batch.iter().map(|a| a.user.email.as_str()).collect();
        app.invite_to_ll_programme(&facilitator, &programme, &emails.join("\n"), "")
            .await
            .map_err(app_err("inviting"))?;
    }

    let actors = Arc::new(actors);
    let programme = Arc::new(programme);
    let mut tasks = tokio::task::JoinSet::new();
    for w in 0..concurrency {
        let (app, actors, programme) = (app.clone(), actors.clone(), programme.clone());
        let sessions = args.sessions;
        tasks.spawn(async move {
            let mut made = vec![];
            for k in (w..actors.len()).step_by(concurrency) {
                made.push(
                    one(&app, &actors[k], &programme, k, sessions).await.with_context(|| format!("participant {k}"))?,
                );
            }
            anyhow::Ok(made)
        });
    }
    let mut made = vec![];
    while let Some(done) = tasks.join_next().await {
        made.extend(done??);
    }
    made.sort_by_key(|m| m.k);
    let check = app.ll_cohort(&facilitator, &programme).await.map_err(app_err("reading the cohort"))?;
    app.store.close().await;
    ensure!(check.participants.len() == made.len(), "the cohort view lists {} people", check.participants.len());

    let mut f = std::io::BufWriter::new(std::fs::File::create(&args.out)?);
    writeln!(
        f,
        "# coachkit-bench seed-learning-log: programme (id, facilitator's session, token) and participant \
         (index, user id, session, token, shared) lines (see crates/bench/src/learning_log)"
    )?;
    writeln!(f, "programme\t{programme}\t{}\t{}", people[0].session, people[0].token)?;
    for m in &made {
        let p = &people[m.k + 1];
        writeln!(f, "participant\t{}\t{}\t{}\t{}\t{}", m.k, m.user_id, p.session, p.token, u8::from(m.shared))?;
    }
    f.flush()?;
    let mut per: Vec<f64> = made.iter().map(|m| m.ms).collect();
    per.sort_by(f64::total_cmp);
    println!(
        "learning log: 1 programme, {} participants ({} shared their pack), {} sessions held, {} answers, in {:.1} s \
         (through the app, {concurrency} at a time; one participant's whole log median {:.0} ms)",
        made.len(),
        made.iter().filter(|m| m.shared).count(),
        check.participants.iter().map(|l| l.held).sum::<i64>(),
        check.participants.iter().map(|l| l.answered).sum::<i64>(),
        started.elapsed().as_secs_f64(),
        percentile(&per, 50.0),
    );
    Ok(())
}

#[derive(clap::Args)]
pub struct TimeLearningLogArgs {
    /// The database `seed-learning-log` filled (the server need not run).
    #[arg(long)]
    database_url: String,
    /// The file `seed-learning-log --out` wrote.
    #[arg(long)]
    learning_log: PathBuf,
    /// Timed calls of each step, one at a time, after one to warm up.
    #[arg(long, default_value_t = 100)]
    rounds: usize,
}

/// Times `f` `rounds` times, one call at a time; returns the sorted latencies in ms.
async fn time<F, Fut, T>(rounds: usize, mut f: F) -> anyhow::Result<Vec<f64>>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<T>>,
{
    f().await?;
    let mut v = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let t0 = Instant::now();
        f().await?;
        v.push(t0.elapsed().as_secs_f64() * 1_000.0);
    }
    v.sort_by(f64::total_cmp);
    Ok(v)
}

/// The cohort view's and the log's steps, in process, one call at a time: the use case whole,
/// then each store call it makes, so the difference is what the app does around them. Then the
/// plans of the cohort view's three heaviest queries.
pub async fn time_learning_log(args: TimeLearningLogArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.learning_log)?;
    let (mut programme, mut fac_session, mut part) = (String::new(), String::new(), None);
    for l in text.lines() {
        let f: Vec<&str> = l.split('\t').collect();
        match f[..] {
            ["programme", id, session, _] => (programme, fac_session) = (id.to_owned(), session.to_owned()),
            ["participant", _, user, session, _, _] if part.is_none() => {
                part = Some((user.to_owned(), session.to_owned()))
            }
            _ => {}
        }
    }
    let (user, part_session) = part.context("no participant line")?;
    ensure!(!programme.is_empty(), "no programme line");
    let store = Store::connect(&StoreOptions { url: args.database_url.clone(), max_connections: 2 }).await?;
    let app = App::new(store.clone(), AppConfig::default());
    let fac = app.actor_from_session(&fac_session).await.map_err(app_err("signing in"))?.context("dead session")?;
    let me = app.actor_from_session(&part_session).await.map_err(app_err("signing in"))?.context("dead session")?;
    let p = store.ll_programme(&programme).await?.context("no programme")?;
    let w = Window { starts_at: Millis(p.starts_at), weeks: p.weeks };
    let window = (w.starts_at.0, w.ends_at().0);
    let n = args.rounds;
    let (app, store, pid) = (&app, &store, p.id.as_str());
    let steps: Vec<(&str, Vec<f64>)> = vec![
        ("cohort: ll_cohort, the use case whole", time(n, || async { Ok(app.ll_cohort(&fac, pid).await?) }).await?),
        ("cohort: store.ll_programme", time(n, || async { Ok(store.ll_programme(pid).await?) }).await?),
        ("cohort: app.viewer (memberships, programmes)", time(n, || async { Ok(app.viewer(&fac).await?) }).await?),
        (
            "cohort: store.ll_cohort (the one counting query)",
            time(n, || async { Ok(store.ll_cohort(pid, window).await?) }).await?,
        ),
        ("cohort: store.ll_questions", time(n, || async { Ok(store.ll_questions(pid).await?) }).await?),
        ("cohort: store.ll_shared_skill_tags", time(n, || async { Ok(store.ll_shared_skill_tags(pid).await?) }).await?),
        ("cohort: store.ll_facilitators", time(n, || async { Ok(store.ll_facilitators(pid).await?) }).await?),
        ("cohort: store.ll_resources", time(n, || async { Ok(store.ll_resources(pid).await?) }).await?),
        ("cohort: store.ll_invitations", time(n, || async { Ok(store.ll_invitations(pid).await?) }).await?),
        ("log: ll_log, the use case whole", time(n, || async { Ok(app.ll_log(&me, pid).await?) }).await?),
        ("log: store.ll_participant", time(n, || async { Ok(store.ll_participant(pid, &user).await?) }).await?),
        ("log: store.ll_sessions_of", time(n, || async { Ok(store.ll_sessions_of(pid, &user).await?) }).await?),
        ("log: store.ll_answers_of", time(n, || async { Ok(store.ll_answers_of(pid, &user).await?) }).await?),
        ("log: store.ll_skill_tags_of", time(n, || async { Ok(store.ll_skill_tags_of(&user).await?) }).await?),
        ("log: app.relationships (the coachees list)", time(n, || async { Ok(app.relationships(&me).await?) }).await?),
    ];
    println!("| Step (in process, one call at a time, {n} calls) | p50 (ms) | p99 (ms) |");
    println!("|---|--:|--:|");
    for (name, v) in &steps {
        println!("| {name} | {:.3} | {:.3} |", percentile(v, 50.0), percentile(v, 99.0));
    }
    store.close().await;

    // The plans of the view's three heaviest queries, with the parameters the server uses.
    sqlx::any::install_default_drivers();
    let sqlite = args.database_url.starts_with("sqlite:");
    let pool = AnyPoolOptions::new().max_connections(1).connect(&args.database_url).await?;
    use sqlx::Row as _;
    for (name, sql) in [
        ("store.ll_cohort", COHORT_SQL),
        ("store.ll_shared_skill_tags", SHARED_SKILLS_SQL),
        ("store.ll_invitations", INVITATIONS_SQL),
    ] {
        let explain =
            if sqlite { format!("EXPLAIN QUERY PLAN {sql}") } else { format!("EXPLAIN (ANALYZE, COSTS OFF) {sql}") };
        let mut query = sqlx::query(&explain).bind(pid);
        if sql.contains("$3") {
            query = query.bind(window.0).bind(window.1);
        }
        let rows = query.fetch_all(&pool).await?;
        println!();
        println!("{name}'s plan ({}):", if sqlite { "EXPLAIN QUERY PLAN" } else { "EXPLAIN ANALYZE" });
        println!();
        println!("```");
        for r in rows {
            let line: String = if sqlite { r.try_get(3)? } else { r.try_get(0)? };
            println!("{line}");
        }
        println!("```");
    }
    pool.close().await;
    Ok(())
}
