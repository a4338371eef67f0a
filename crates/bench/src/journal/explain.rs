//! `explain`: the plans of the journal's hot queries, with real parameters, and how long each
//! takes on its own (median of repeated runs through the same driver the server uses).
//!
//! The SQL is copied verbatim from `crates/store/src/journal/*.rs` and `crates/store/src/viewer.rs`
//! (the store keeps it private); keep the two in step. SQLite: `EXPLAIN QUERY PLAN` through the
//! SQLite library the server links (not the `sqlite3` shell, which may be another version).
//! PostgreSQL: each query is `PREPARE`d and executed 6 times first, as a server connection would
//! have done, so `EXPLAIN (ANALYZE, BUFFERS) EXECUTE` shows the plan the server really uses
//! (PostgreSQL may switch a prepared statement to a generic plan after its fifth run).

use anyhow::{Context, bail};
use coachkit_store::Backend;
use coachkit_store::journal::{SearchArg, SearchScope, search_statement};
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyConnection, Row};
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct ExplainArgs {
    #[arg(long)]
    database_url: String,
    /// The journal sample `seed --journal-out` wrote (first cohort person, probe relationships).
    #[arg(long)]
    journal_sample: PathBuf,
    /// Timed runs of each query (the median is reported).
    #[arg(long, default_value_t = 21)]
    runs: usize,
}

#[derive(Clone)]
enum Arg {
    T(String),
    I(i64),
}

struct Q {
    name: &'static str,
    sql: String,
    args: Vec<Arg>,
}

const REFLECTION_SELECT: &str = "SELECT r.id, r.author_id, r.session_id, r.relationship_id, \
    c.display_name AS mentor_name, r.title, r.body, r.audience, r.audience_target, r.shared_at, r.created_at, r.updated_at \
    FROM reflections r LEFT JOIN relationships rel ON rel.id = r.relationship_id \
    LEFT JOIN users c ON c.id = rel.coach_id";

const ACTION_SELECT: &str = "SELECT a.id, a.owner_id, a.relationship_id, a.session_id, a.reflection_id, a.assignee_id, \
    u.display_name AS assignee_name, a.text, a.due_at, a.status, a.audience, a.audience_target, a.shared_at, \
    a.created_at, a.updated_at FROM actions a LEFT JOIN users u ON u.id = a.assignee_id";

fn placeholders(first: usize, n: usize) -> String {
    if n == 0 {
        return "NULL".into();
    }
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// `Store::search`, for one word: the statement comes from the store itself.
fn search(sqlite: bool, word: &str, me: &str, rels: &[String], leaders: &[String]) -> (String, Vec<Arg>) {
    let backend = if sqlite { Backend::Sqlite } else { Backend::Postgres };
    let scope = SearchScope { me: me.to_owned(), relationships: rels.to_vec(), leaders: leaders.to_vec() };
    let (sql, args) = search_statement(backend, &[word.to_owned()], &scope, 50);
    let args = args
        .into_iter()
        .map(|a| match a {
            SearchArg::Text(t) => Arg::T(t),
            SearchArg::Int(i) => Arg::I(i),
        })
        .collect();
    (sql, args)
}

fn bind<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    args: &[Arg],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for a in args {
        q = match a {
            Arg::T(s) => q.bind(s.clone()),
            Arg::I(i) => q.bind(*i),
        };
    }
    q
}

fn literal(a: &Arg) -> String {
    match a {
        Arg::T(s) => format!("'{}'", s.replace('\'', "''")),
        Arg::I(i) => i.to_string(),
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// (plan lines, rows returned, median ms).
async fn sqlite_plan(conn: &mut AnyConnection, q: &Q, runs: usize) -> anyhow::Result<(Vec<String>, usize, f64)> {
    let sql = format!("EXPLAIN QUERY PLAN {}", q.sql);
    let mut query = sqlx::query_as::<_, (i64, i64, i64, String)>(&sql);
    for a in &q.args {
        query = match a {
            Arg::T(s) => query.bind(s.clone()),
            Arg::I(i) => query.bind(*i),
        };
    }
    let rows = query.fetch_all(&mut *conn).await.with_context(|| format!("EXPLAIN QUERY PLAN of {}", q.name))?;
    // Indent by depth, as the sqlite3 shell does.
    let mut depth = std::collections::HashMap::new();
    let mut lines = vec![];
    for (id, parent, _, detail) in rows {
        let d = depth.get(&parent).map_or(0, |d| d + 1);
        depth.insert(id, d);
        lines.push(format!("{}{detail}", "  ".repeat(d)));
    }
    let mut times = vec![];
    let mut count = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        count = bind(sqlx::query(&q.sql), &q.args).fetch_all(&mut *conn).await?.len();
        times.push(t0.elapsed().as_secs_f64() * 1_000.0);
    }
    Ok((lines, count, median(times)))
}

async fn postgres_plan(conn: &mut AnyConnection, q: &Q, runs: usize) -> anyhow::Result<(Vec<String>, usize, f64)> {
    let _ = sqlx::raw_sql("DEALLOCATE ck_q").execute(&mut *conn).await;
    sqlx::raw_sql(&format!("PREPARE ck_q AS {}", q.sql)).execute(&mut *conn).await?;
    let exec = format!("EXECUTE ck_q({})", q.args.iter().map(literal).collect::<Vec<_>>().join(", "));
    for _ in 0..6 {
        sqlx::raw_sql(&exec).fetch_all(&mut *conn).await?;
    }
    let mut times = vec![];
    let mut count = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        count = sqlx::raw_sql(&exec).fetch_all(&mut *conn).await?.len();
        times.push(t0.elapsed().as_secs_f64() * 1_000.0);
    }
    let plan = sqlx::raw_sql(&format!("EXPLAIN (ANALYZE, BUFFERS) {exec}")).fetch_all(&mut *conn).await?;
    let lines = plan.iter().map(|r| r.try_get::<String, _>(0)).collect::<Result<Vec<_>, _>>()?;
    sqlx::raw_sql("DEALLOCATE ck_q").execute(&mut *conn).await?;
    Ok((lines, count, median(times)))
}

/// What in a plan reads a whole table or index rather than a range of it.
fn scans(sqlite: bool, lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.trim())
        .filter(
            |l| {
                if sqlite { l.starts_with("SCAN ") && !l.contains("VIRTUAL TABLE") } else { l.contains("Seq Scan") }
            },
        )
        .map(str::to_owned)
        .collect()
}

pub async fn explain(args: ExplainArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.journal_sample)?;
    let probe: std::collections::HashMap<&str, &str> = text
        .lines()
        .find_map(|l| l.strip_prefix("#probe "))
        .context("no #probe line in the journal sample")?
        .split_whitespace()
        .filter_map(|kv| kv.split_once('='))
        .collect();
    let person = text.lines().find(|l| !l.starts_with('#')).context("no cohort person in the journal sample")?;
    let f: Vec<&str> = person.split('\t').collect();
    let [_, me, _, _, theme_url, rel] = f[..] else { bail!("malformed sample line: {person}") };
    let theme_key = theme_url.replace('-', " ");
    let big = probe.get("big").context("no big relationship in the probe line")?.to_string();
    let (common, rare) =
        (probe.get("common").copied().unwrap_or("team"), probe.get("rare").copied().unwrap_or("kintsugi"));

    sqlx::any::install_default_drivers();
    let sqlite = args.database_url.starts_with("sqlite:");
    let pool = AnyPoolOptions::new().max_connections(1).connect(&args.database_url).await?;
    let mut conn = pool.acquire().await?.detach();

    // The parameters the server would use for this person.
    let member_sql = "SELECT id, leader_id, coach_id, ended_at FROM relationships \
         WHERE (leader_id = $1 OR coach_id = $1) AND answered_at IS NOT NULL AND status IN ('active', 'ended')";
    let ties: Vec<(String, String, Option<String>, Option<i64>)> =
        sqlx::query_as(member_sql).bind(me).fetch_all(&mut conn).await?;
    let rels: Vec<String> = ties.iter().filter(|t| t.2.is_some()).map(|t| t.0.clone()).collect();
    let leaders: Vec<String> =
        ties.iter().filter(|t| t.2.as_deref() == Some(me) && t.1 != me).map(|t| t.1.clone()).collect();
    let (theme_id,): (String,) = sqlx::query_as("SELECT id FROM themes WHERE owner_id = $1 AND theme_key = $2")
        .bind(me)
        .bind(&theme_key)
        .fetch_one(&mut conn)
        .await
        .context("the cohort person's theme")?;
    let page: Vec<(String,)> =
        sqlx::query_as("SELECT id FROM reflections WHERE author_id = $1 ORDER BY created_at DESC, id DESC LIMIT 50")
            .bind(me)
            .fetch_all(&mut conn)
            .await?;
    let page: Vec<String> = page.into_iter().map(|r| r.0).collect();

    let mut queries = vec![
        Q {
            name: "journal list: the author's reflections (reflections_by_author)",
            sql: format!(
                "{REFLECTION_SELECT} WHERE r.author_id = $1 AND r.created_at < $2 ORDER BY r.created_at DESC, r.id DESC LIMIT $3"
            ),
            args: vec![Arg::T(me.into()), Arg::I(i64::MAX), Arg::I(50)],
        },
        Q {
            name: "journal list and theme page: themes of the listed reflections (themes_of_reflections)",
            sql: format!(
                "SELECT rt.reflection_id, t.theme_key, t.label FROM reflection_themes rt JOIN themes t ON t.id = rt.theme_id \
                 WHERE rt.reflection_id IN ({}) ORDER BY t.label",
                placeholders(1, page.len())
            ),
            args: page.iter().map(|s| Arg::T(s.clone())).collect(),
        },
        Q {
            name: "theme page: the theme (theme_page)",
            sql: "SELECT id, label FROM themes WHERE owner_id = $1 AND theme_key = $2".into(),
            args: vec![Arg::T(me.into()), Arg::T(theme_key.clone())],
        },
        Q {
            name: "theme page: its reflections (theme_page)",
            sql: format!(
                "{REFLECTION_SELECT} JOIN reflection_themes rt ON rt.reflection_id = r.id \
                 WHERE rt.theme_id = $1 ORDER BY r.created_at, r.id LIMIT 1000"
            ),
            args: vec![Arg::T(theme_id)],
        },
    ];
    for (word, label) in [(common, "search: a common word"), (rare, "search: a rare word")] {
        let (sql, args) = search(sqlite, word, me, &rels, &leaders);
        queries.push(Q { name: label, sql, args });
    }
    for (rid, label) in [
        (rel.to_owned(), "relationship's actions: a cohort relationship (actions_of_relationship)"),
        (big.clone(), "relationship's actions: the big probe relationship (actions_of_relationship)"),
    ] {
        queries.push(Q {
            name: label,
            sql: format!(
                "{ACTION_SELECT} WHERE a.relationship_id = $1 AND a.created_at < $2 ORDER BY a.created_at DESC, a.id DESC LIMIT $3"
            ),
            args: vec![Arg::T(rid), Arg::I(i64::MAX), Arg::I(50)],
        });
    }
    queries.push(Q {
        name: "journal page: open actions (open_actions_of)",
        sql: format!(
            "{ACTION_SELECT} WHERE a.owner_id = $1 AND a.status = 'open' \
             ORDER BY CASE WHEN a.due_at IS NULL THEN 1 ELSE 0 END, a.due_at, a.created_at LIMIT $2"
        ),
        args: vec![Arg::T(me.into()), Arg::I(50)],
    });
    queries.push(Q {
        name: "every journal request: what the policy knows of the viewer (member_facts)",
        sql: coachkit_store::MEMBER_FACTS_SQL.into(),
        args: vec![Arg::T(me.into())],
    });
    queries.push(Q {
        name: "creating an action: the count check's query (count_actions_of_relationship, not on the request path)",
        sql: "SELECT COUNT(*) FROM actions WHERE relationship_id = $1".into(),
        args: vec![Arg::T(big.clone())],
    });

    let mut summary = vec![];
    for q in &queries {
        let (lines, count, ms) = if sqlite {
            sqlite_plan(&mut conn, q, args.runs).await?
        } else {
            postgres_plan(&mut conn, q, args.runs).await?
        };
        let found = scans(sqlite, &lines);
        println!("### {}\n", q.name);
        println!("{count} rows, median {ms:.3} ms over {} runs (one connection, nothing else running).\n", args.runs);
        println!("```sql\n{}\n```\n\n```text\n{}\n```\n", q.sql, lines.join("\n"));
        summary.push(format!(
            "| {} | {count} | {ms:.3} | {} |",
            q.name,
            if found.is_empty() { "no".to_owned() } else { found.join("; ") }
        ));
    }
    // The writes of POST /api/v1/journal/actions, on PostgreSQL (SQLite's planner has nothing to
    // show for a plain INSERT: the primary key and foreign keys are B-tree lookups).
    if !sqlite {
        for (name, sql) in [
            (
                "creating an action: INSERT INTO actions (create_action)",
                "EXPLAIN INSERT INTO actions (id, owner_id, relationship_id, session_id, reflection_id, assignee_id, text, \
                 due_at, status, audience, audience_target, shared_at, created_at, updated_at) VALUES \
                 ('00000000-0000-7000-8000-000000000000', 'x', NULL, NULL, NULL, NULL, 't', NULL, 'open', 'private', NULL, 0, 0, 0)",
            ),
            (
                "creating an action: its search row (index_document)",
                "EXPLAIN INSERT INTO search_documents (record_id, kind, owner_id, relationship_id, audience, audience_target, \
                 shared_at, title, body, updated_at) VALUES ('x', 'action', 'x', NULL, 'private', NULL, 0, 'Action', 't', 0) \
                 ON CONFLICT (record_id) DO UPDATE SET relationship_id = excluded.relationship_id, audience = excluded.audience, \
                 audience_target = excluded.audience_target, shared_at = excluded.shared_at, title = excluded.title, \
                 body = excluded.body, updated_at = excluded.updated_at",
            ),
        ] {
            let plan = sqlx::raw_sql(sql).fetch_all(&mut conn).await?;
            let lines = plan.iter().map(|r| r.try_get::<String, _>(0)).collect::<Result<Vec<_>, _>>()?;
            println!("### {name}\n\n```text\n{}\n```\n", lines.join("\n"));
        }
    }
    println!("### Summary\n");
    println!(
        "Person: the first of the cohort ({} relationships in their search scope, {} leaders they coach).\n",
        rels.len(),
        leaders.len()
    );
    println!("| Query | Rows | Median (ms) | Full scan in the plan |\n|---|--:|--:|---|");
    for line in summary {
        println!("{line}");
    }
    Ok(())
}
