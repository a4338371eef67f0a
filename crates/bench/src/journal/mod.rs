//! The journal's part of the benchmark (practice 1): seeding reflections, their themes and search
//! rows, sessions and actions for the people the foundation seed made (`seed --reflections N`),
//! and the tools `bench/journal.sh` runs against a live server (`time-actions`, `count-actions`,
//! `check-actions`, `explain`).
//!
//! # The measured cohort
//!
//! To show how cost grows with the size of the tables, and nothing else, the people the benchmark
//! signs in as (the cohort, `--journal-cohort`, 50 by default) hold the same journal at every
//! size: `--cohort-reflections` reflections each (100 by default, what everyone has at 1,000,000
//! reflections among 10,000 people), 10 sessions and 10 actions, made from a random stream seeded
//! per person. Everyone else shares the rest of the reflections (and of the N/10 sessions and
//! N/10 actions) evenly. So a journal page, a theme page or a relationship's actions answer with
//! the same rows at 10,000 and at 1,000,000 reflections; if a route slows down, it is because
//! something reads more than the rows it returns.
//!
//! Each reflection: 1 to 40 sentences (median about 400 characters), a title six times in ten,
//! 1 to 3 themes from the author's own vocabulary of 5 to 10 (the first ones used most), an
//! audience of only me (40 %), one mentor (30 %, one of the author's active relationships, if
//! any), all my coaches (20 %) or public (10 %), linked to one of the author's sessions three
//! times in ten. Sessions and actions are in relationships the author leads; every reflection,
//! session and action has its `search_documents` row, as the app writes them (the SQLite FTS5
//! index is filled by its triggers; PostgreSQL's GIN index is kept up as rows arrive).
//!
//! # The probe relationships
//!
//! One more person (not in the cohort) gets two new active relationships: the *small* one holds no
//! action yet and the *big* one `--big-actions` (9,999). `time-actions` times creating actions in
//! both, alternately (the 1st, 2nd... in the small one, the 10,000th, 10,001st... in the big one);
//! the concurrent create run then writes into the big one.

mod check;
mod explain;
mod http;
mod text;

pub use check::{CheckActionsArgs, CountActionsArgs, check_actions, count_actions};
pub use explain::{ExplainArgs, explain};
pub use http::{TimeActionsArgs, time_actions};
pub use text::COMMON;

use crate::seed::{V, insert_rows};
use anyhow::{Context, ensure};
use coachkit_domain::journal::ThemeName;
use coachkit_domain::{RecordId, RelationshipId};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::AnyPool;
use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
const YEAR: i64 = 365 * DAY;
/// Rows of all tables together per transaction.
const BATCH_ROWS: usize = 20_000;

#[derive(clap::Args, Clone)]
pub struct JournalArgs {
    /// Reflections to seed (0: no journal). Sessions and actions: a tenth of this each.
    #[arg(long, default_value_t = 0)]
    pub reflections: usize,
    /// People whose journal is the same at every size; the journal routes are measured as them.
    #[arg(long, default_value_t = 50)]
    pub journal_cohort: usize,
    /// Reflections of each cohort person.
    #[arg(long, default_value_t = 100)]
    pub cohort_reflections: usize,
    /// Actions already in the big probe relationship (the small one starts empty).
    #[arg(long, default_value_t = 9_999)]
    pub big_actions: usize,
    /// Where to write the cohort's secrets and the probe (needed with --reflections).
    #[arg(long)]
    pub journal_out: Option<PathBuf>,
}

/// A relationship the foundation seed made, as the journal needs it.
pub struct Rel {
    pub id: String,
    pub leader: usize,
    pub coach: Option<usize>,
    pub status: &'static str,
}

/// What the foundation seed made that the journal builds on.
pub struct Foundation<'a> {
    pub ids: &'a [String],
    pub rels: &'a [Rel],
    pub tokens: &'a [Option<String>],
    pub sessions: &'a [Option<String>],
    pub now: i64,
}

/// Counts for the seed's summary line.
#[derive(Default)]
pub struct Summary {
    pub reflections: usize,
    pub reflection_themes: usize,
    pub themes: usize,
    pub sessions: usize,
    pub actions: usize,
    pub documents: usize,
    pub with_common: usize,
    pub body_bytes: usize,
    pub seconds: f64,
}

/// Rows waiting for the next transaction, per table, in an order that satisfies foreign keys.
#[derive(Default)]
struct Loader {
    themes: Vec<Vec<V>>,
    sessions: Vec<Vec<V>>,
    reflections: Vec<Vec<V>>,
    reflection_themes: Vec<Vec<V>>,
    actions: Vec<Vec<V>>,
    documents: Vec<Vec<V>>,
}

impl Loader {
    fn len(&self) -> usize {
        self.themes.len()
            + self.sessions.len()
            + self.reflections.len()
            + self.reflection_themes.len()
            + self.actions.len()
            + self.documents.len()
    }

    /// One transaction for everything pending, multi-row `INSERT`s inside.
    async fn flush(&mut self, pool: &AnyPool) -> anyhow::Result<()> {
        if self.len() == 0 {
            return Ok(());
        }
        let mut tx = pool.begin().await?;
        let tables: [(&str, &str, &mut Vec<Vec<V>>); 6] = [
            ("themes", "id, owner_id, theme_key, label, created_at", &mut self.themes),
            (
                "journal_sessions",
                "id, relationship_id, created_by, starts_at, duration_minutes, status, agenda, goal, created_at, updated_at",
                &mut self.sessions,
            ),
            (
                "reflections",
                "id, author_id, session_id, relationship_id, title, body, audience, audience_target, shared_at, \
                 created_at, updated_at",
                &mut self.reflections,
            ),
            ("reflection_themes", "theme_id, reflection_id", &mut self.reflection_themes),
            (
                "actions",
                "id, owner_id, relationship_id, session_id, reflection_id, assignee_id, text, due_at, status, \
                 audience, audience_target, shared_at, created_at, updated_at",
                &mut self.actions,
            ),
            (
                "search_documents",
                "record_id, kind, owner_id, relationship_id, audience, audience_target, shared_at, title, body, \
                 updated_at",
                &mut self.documents,
            ),
        ];
        for (table, columns, rows) in tables {
            insert_rows(&mut tx, table, columns, std::mem::take(rows)).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// A person's relationships as a leader, split by what the journal can do in them.
struct Leads {
    /// Active, with a coach: sessions, actions, "one mentor" audiences.
    active: Vec<usize>,
    /// Active or ended, with a coach: sessions.
    held: Vec<usize>,
}

fn leads(f: &Foundation<'_>) -> Vec<Leads> {
    let mut out: Vec<Leads> = (0..f.ids.len()).map(|_| Leads { active: vec![], held: vec![] }).collect();
    for (k, r) in f.rels.iter().enumerate() {
        if r.coach.is_none() {
            continue;
        }
        if r.status == "active" {
            out[r.leader].active.push(k);
        }
        if r.status == "active" || r.status == "ended" {
            out[r.leader].held.push(k);
        }
    }
    out
}

/// How much of the journal one person gets.
struct Share {
    reflections: usize,
    sessions: usize,
    actions: usize,
    rare: bool,
}

/// Generates one person's themes, sessions, reflections and actions into `load`.
struct PersonJournal<'a> {
    f: &'a Foundation<'a>,
    /// Every theme name, parsed once.
    themes: &'a [ThemeName],
    person: usize,
    leads: &'a Leads,
    rels: &'a [Rel],
}

impl PersonJournal<'_> {
    /// Returns the key of the person's most used theme (the first of their vocabulary).
    fn generate(&self, rng: &mut StdRng, share: &Share, load: &mut Loader, sum: &mut Summary) -> String {
        let f = self.f;
        let me = &f.ids[self.person];
        let now = f.now;
        // Vocabulary: 5 to 10 themes, the first ones used most.
        let size = rng.gen_range(5..=10);
        let vocab: Vec<(String, &ThemeName)> = rand::seq::index::sample(rng, self.themes.len(), size)
            .into_iter()
            .map(|i| (RecordId::new().to_string(), &self.themes[i]))
            .collect();
        if share.reflections > 0 {
            for (id, name) in &vocab {
                load.themes.push(vec![
                    V::T(id.clone()),
                    V::T(me.clone()),
                    V::T(name.key().to_owned()),
                    V::T(name.label().to_owned()),
                    V::I(now - 2 * YEAR),
                ]);
            }
            sum.themes += vocab.len();
        }

        // Sessions, in relationships this person leads (held: active or ended).
        let mut my_sessions: Vec<(String, String, i64)> = vec![];
        if !self.leads.held.is_empty() {
            for _ in 0..share.sessions {
                let rel = &self.rels[self.leads.held[rng.gen_range(0..self.leads.held.len())]];
                let id = RecordId::new().to_string();
                let planned = rel.status == "active" && rng.gen_bool(0.1);
                let starts =
                    if planned { now + rng.gen_range(HOUR..30 * DAY) } else { now - rng.gen_range(DAY..2 * YEAR) };
                let created = if planned { now - rng.gen_range(HOUR..7 * DAY) } else { starts };
                let (agenda, goal) = text::session_text(rng);
                let body = format!("{agenda}\n{goal}");
                load.documents.push(vec![
                    V::T(id.clone()),
                    V::T("session".into()),
                    V::T(me.clone()),
                    V::OptT(Some(rel.id.clone())),
                    V::T("relationship".into()),
                    V::OptT(Some(rel.id.clone())),
                    V::I(created),
                    V::T("Session".into()),
                    V::T(body),
                    V::I(created),
                ]);
                load.sessions.push(vec![
                    V::T(id.clone()),
                    V::T(rel.id.clone()),
                    V::T(me.clone()),
                    V::I(starts),
                    V::I(60),
                    V::T(if planned { "planned" } else { "held" }.into()),
                    V::OptT(Some(agenda)),
                    V::OptT(Some(goal)),
                    V::I(created),
                    V::I(created),
                ]);
                if !planned {
                    my_sessions.push((id, rel.id.clone(), starts));
                }
            }
            sum.sessions += share.sessions;
        }

        // Reflections.
        let rare_at = share.rare.then(|| rng.gen_range(0..share.reflections.max(1)));
        let weights: Vec<f64> = (0..vocab.len()).map(|j| 1.0 / (j as f64 + 1.0)).collect();
        let total_weight: f64 = weights.iter().sum();
        for k in 0..share.reflections {
            let id = RecordId::new().to_string();
            let session = (!my_sessions.is_empty() && rng.gen_bool(0.3))
                .then(|| my_sessions[rng.gen_range(0..my_sessions.len())].clone());
            let created = match &session {
                Some((_, _, starts)) => starts + rng.gen_range(HOUR..3 * DAY),
                None => now - rng.gen_range(HOUR..2 * YEAR),
            }
            .min(now - 1);
            let roll = rng.gen_range(0..100);
            let (audience, target) = match roll {
                40..70 if !self.leads.active.is_empty() => {
                    let rel = &self.rels[self.leads.active[rng.gen_range(0..self.leads.active.len())]];
                    ("relationship", Some(rel.id.clone()))
                }
                70..90 => ("all_my_coaches", None),
                90..100 => ("public", None),
                _ => ("private", None),
            };
            let relationship = match (&target, &session) {
                (Some(t), _) => Some(t.clone()),
                (None, Some((_, rel, _))) => Some(rel.clone()),
                (None, None) if !self.leads.active.is_empty() && rng.gen_bool(0.3) => {
                    Some(self.rels[self.leads.active[rng.gen_range(0..self.leads.active.len())]].id.clone())
                }
                _ => None,
            };
            let title = text::title(rng);
            let (body, common) = text::body(rng, rare_at == Some(k));
            sum.with_common += usize::from(common);
            sum.body_bytes += body.len();
            // 1 to 3 distinct themes, weighted towards the first of the vocabulary.
            let wanted = match rng.gen_range(0..10) {
                0..4 => 1,
                4..8 => 2,
                _ => 3,
            };
            let mut chosen: Vec<usize> = vec![];
            for _ in 0..20 {
                if chosen.len() == wanted {
                    break;
                }
                let mut x = rng.r#gen::<f64>() * total_weight;
                let j = weights.iter().position(|w| {
                    x -= w;
                    x <= 0.0
                });
                let j = j.unwrap_or(0);
                if !chosen.contains(&j) {
                    chosen.push(j);
                }
            }
            for &j in &chosen {
                load.reflection_themes.push(vec![V::T(vocab[j].0.clone()), V::T(id.clone())]);
            }
            sum.reflection_themes += chosen.len();
            load.documents.push(vec![
                V::T(id.clone()),
                V::T("reflection".into()),
                V::T(me.clone()),
                V::OptT(relationship.clone()),
                V::T(audience.into()),
                V::OptT(target.clone()),
                V::I(created),
                V::T(title.clone().unwrap_or_default()),
                V::T(body.clone()),
                V::I(created),
            ]);
            load.reflections.push(vec![
                V::T(id),
                V::T(me.clone()),
                V::OptT(session.map(|s| s.0)),
                V::OptT(relationship),
                V::OptT(title),
                V::T(body),
                V::T(audience.into()),
                V::OptT(target),
                V::I(created),
                V::I(created),
                V::I(created),
            ]);
        }
        sum.reflections += share.reflections;

        // Actions: in an active relationship the person leads, or their own.
        for _ in 0..share.actions {
            let rel = (!self.leads.active.is_empty())
                .then(|| &self.rels[self.leads.active[rng.gen_range(0..self.leads.active.len())]]);
            self.action(rng, rel, load);
        }
        sum.actions += share.actions;
        vocab.first().map(|(_, n)| n.key().replace(' ', "-")).unwrap_or_default()
    }

    fn action(&self, rng: &mut StdRng, rel: Option<&Rel>, load: &mut Loader) {
        let f = self.f;
        let me = &f.ids[self.person];
        let id = RecordId::new().to_string();
        let created = f.now - rng.gen_range(HOUR..YEAR);
        let status = match rng.gen_range(0..10) {
            0..5 => "open",
            5..9 => "done",
            _ => "dropped",
        };
        let (audience, target) = match (rng.gen_range(0..10), rel) {
            (5..8, Some(r)) => ("relationship", Some(r.id.clone())),
            (8..10, _) => ("all_my_coaches", None),
            _ => ("private", None),
        };
        let assignee = match rel.and_then(|r| r.coach) {
            Some(coach) if rng.gen_bool(0.2) => f.ids[coach].clone(),
            _ => me.clone(),
        };
        let text = text::action(rng);
        let due = rng.gen_bool(0.6).then(|| created + rng.gen_range(DAY..60 * DAY));
        load.documents.push(vec![
            V::T(id.clone()),
            V::T("action".into()),
            V::T(me.clone()),
            V::OptT(rel.map(|r| r.id.clone())),
            V::T(audience.into()),
            V::OptT(target.clone()),
            V::I(created),
            V::T("Action".into()),
            V::T(text.clone()),
            V::I(created),
        ]);
        load.actions.push(vec![
            V::T(id),
            V::T(me.clone()),
            V::OptT(rel.map(|r| r.id.clone())),
            V::OptT(None),
            V::OptT(None),
            V::OptT(Some(assignee)),
            V::T(text),
            V::OptI(due),
            V::T(status.into()),
            V::T(audience.into()),
            V::OptT(target),
            V::I(created),
            V::I(created),
            V::I(created),
        ]);
    }
}

/// Seeds the journal; writes the cohort sample and the probe to `--journal-out`.
pub async fn seed(pool: &AnyPool, f: &Foundation<'_>, args: &JournalArgs) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let out_path = args.journal_out.as_ref().context("--reflections needs --journal-out")?;
    let n = args.reflections;
    let u = f.ids.len();
    let per_cohort = args.cohort_reflections;
    ensure!(per_cohort >= 1, "--cohort-reflections must be at least 1");
    ensure!(
        args.journal_cohort * per_cohort <= n,
        "the cohort's reflections ({} x {per_cohort}) do not fit in --reflections {n}",
        args.journal_cohort
    );
    let leads = leads(f);
    let themes: Vec<ThemeName> = text::THEMES
        .iter()
        .map(|t| ThemeName::parse(t).map_err(|e| anyhow::anyhow!("theme {t:?}: {e:?}")))
        .collect::<Result<_, _>>()?;

    // The cohort: people with a token, a session and an active relationship they lead, picked
    // with a fixed seed, so the same people (and the same journals) at every size. The probe
    // leader is the first eligible person outside it.
    let eligible: Vec<usize> =
        (0..u).filter(|&i| f.tokens[i].is_some() && f.sessions[i].is_some() && !leads[i].active.is_empty()).collect();
    ensure!(eligible.len() > args.journal_cohort, "too few people lead an active relationship: seed more records");
    let mut pick = StdRng::seed_from_u64(7);
    let mut cohort: Vec<usize> = rand::seq::index::sample(&mut pick, eligible.len(), args.journal_cohort)
        .into_iter()
        .map(|i| eligible[i])
        .collect();
    cohort.sort_unstable();
    let in_cohort = |i: usize| cohort.binary_search(&i).is_ok();
    let probe = *eligible.iter().find(|&&i| !in_cohort(i)).context("no probe leader")?;

    let mut sum = Summary::default();
    let mut load = Loader::default();
    let mut sample = vec![];

    // Cohort journals: the same content at every size (a random stream per person).
    for &person in &cohort {
        let mut rng = StdRng::seed_from_u64(1_000_003 * person as u64 + 11);
        let share = Share { reflections: per_cohort, sessions: per_cohort / 10, actions: per_cohort / 10, rare: true };
        let pj = PersonJournal { f, themes: &themes, person, leads: &leads[person], rels: f.rels };
        let theme = pj.generate(&mut rng, &share, &mut load, &mut sum);
        // The relationship whose actions are listed: the first active one they lead, which holds
        // all their actions when they have one active relationship (most do).
        let rel = &f.rels[leads[person].active[0]];
        sample.push((person, theme, rel.id.clone()));
        if load.len() >= BATCH_ROWS {
            load.flush(pool).await?;
        }
    }

    // Everyone else shares the rest evenly.
    let others: Vec<usize> = (0..u).filter(|&i| !in_cohort(i)).collect();
    let spread = |total: usize, j: usize| total / others.len() + usize::from(j < total % others.len());
    let rest_reflections = n - cohort.len() * per_cohort;
    let rest_sessions = (n / 10).saturating_sub(cohort.len() * (per_cohort / 10));
    let rest_actions = (n / 10).saturating_sub(cohort.len() * (per_cohort / 10));
    let mut rng = StdRng::seed_from_u64(20_250_202);
    for (j, &person) in others.iter().enumerate() {
        let share = Share {
            reflections: spread(rest_reflections, j),
            sessions: spread(rest_sessions, j),
            actions: spread(rest_actions, j),
            rare: false,
        };
        if share.reflections + share.sessions + share.actions == 0 {
            continue;
        }
        let pj = PersonJournal { f, themes: &themes, person, leads: &leads[person], rels: f.rels };
        pj.generate(&mut rng, &share, &mut load, &mut sum);
        if load.len() >= BATCH_ROWS {
            load.flush(pool).await?;
        }
    }

    // The probe: two new active relationships of one leader, holding no action and --big-actions.
    let mut probe_rels = vec![];
    let mut rel_rows = vec![];
    for (k, coach) in [(probe + 1) % u, (probe + 2) % u].into_iter().enumerate() {
        let id = RelationshipId::new().to_string();
        rel_rows.push(vec![
            V::T(id.clone()),
            V::T(f.ids[probe].clone()),
            V::OptT(Some(f.ids[coach].clone())),
            V::OptT(None),
            V::T(if k == 0 { "coaching" } else { "mentoring" }.into()),
            V::T("active".into()),
            V::OptT(None),
            V::I(f.now - YEAR),
            V::OptI(Some(f.now - YEAR + DAY)),
            V::OptI(None),
        ]);
        probe_rels.push(Rel { id, leader: probe, coach: Some(coach), status: "active" });
    }
    load.flush(pool).await?;
    let mut tx = pool.begin().await?;
    let cols = "id, leader_id, coach_id, invitee_email, kind, status, message, created_at, answered_at, ended_at";
    insert_rows(&mut tx, "relationships", cols, rel_rows).await?;
    tx.commit().await?;
    let probe_leads = Leads { active: vec![], held: vec![] };
    let pj = PersonJournal { f, themes: &themes, person: probe, leads: &probe_leads, rels: f.rels };
    let mut rng = StdRng::seed_from_u64(99);
    for (rel, count) in probe_rels.iter().zip([0, args.big_actions]) {
        for _ in 0..count {
            pj.action(&mut rng, Some(rel), &mut load);
            if load.len() >= BATCH_ROWS {
                load.flush(pool).await?;
            }
        }
        sum.actions += count;
    }
    load.flush(pool).await?;
    sum.documents = sum.reflections + sum.sessions + sum.actions;

    // The sample for journal.lua, and the probe for journal.sh.
    if let Some(dir) = out_path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut w = std::io::BufWriter::new(std::fs::File::create(out_path)?);
    writeln!(
        w,
        "# coachkit-bench journal sample: index, user id, API token, session cookie, theme key, relationship id"
    )?;
    writeln!(
        w,
        "#probe index={probe} user={} token={} small={} big={} small_actions=0 big_actions={} common={} rare={} cohort={} \
         cohort_reflections={per_cohort}",
        f.ids[probe],
        f.tokens[probe].as_deref().unwrap_or_default(),
        probe_rels[0].id,
        probe_rels[1].id,
        args.big_actions,
        text::COMMON,
        text::RARE,
        cohort.len(),
    )?;
    for (person, theme, rel) in &sample {
        writeln!(
            w,
            "{person}\t{}\t{}\t{}\t{theme}\t{rel}",
            f.ids[*person],
            f.tokens[*person].as_deref().unwrap_or_default(),
            f.sessions[*person].as_deref().unwrap_or_default()
        )?;
    }
    w.flush()?;
    sum.seconds = started.elapsed().as_secs_f64();
    Ok(sum)
}
