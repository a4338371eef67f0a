//! Time and memory of the insight engine: the engine the pages use, the plain static model and the
//! lexical baseline side by side (and round 2's and round 1's engines).
//!
//! `cargo bench -p coachkit-insight` runs every (case, method) in a child process of this same
//! binary, so that each peak RSS is that case's own, and prints a Markdown table of medians.
//! Cases: the similarity matrix of 9 texts alone, a 3x3 thread with its explanation, 8 challenges
//! (two organisations), 1,000 challenges from 40 organisations.
//! Timings measure; nothing here asserts on them.

use coachkit_insight::teams::{Challenge, Choices, suggest_teams};
use coachkit_insight::thread::{Advice, Expert, find_thread_in_context};
use coachkit_insight::{Engine, EngineOptions, Representation, StaticModel, TfIdf};
use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

const CASES: [&str; 4] = ["similarity-9", "thread-3x3", "challenges-8", "challenges-1000"];
const METHODS: [&str; 5] = ["engine", "round2", "round1", "static", "lexical"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == "--case") {
        Some(k) => child(&args[k + 1], args.get(k + 2).map_or("static", String::as_str)),
        None => parent(),
    }
}

/// Runs every case in a fresh process and prints the table.
fn parent() {
    let Ok(exe) = std::env::current_exe() else { return eprintln!("cannot find this benchmark's binary") };
    println!("| case | method | median | p90 | runs | peak RSS | result |");
    println!("|---|---|---|---|---|---|---|");
    for case in ["load"].into_iter().chain(CASES) {
        for method in METHODS {
            if case == "load" && method != "static" && method != "engine" {
                continue;
            }
            match Command::new(&exe).args(["--case", case, method]).output() {
                Ok(out) => print!("{}", String::from_utf8_lossy(&out.stdout)),
                Err(e) => eprintln!("{case} {method}: {e}"),
            }
        }
    }
}

/// Measures one case with one method and prints one table row.
fn child(case: &str, method: &str) {
    let started = Instant::now();
    let Ok(model) = StaticModel::embedded() else { return eprintln!("embedded model failed to load") };
    let load = started.elapsed();
    let engine = Engine::new(model, EngineOptions::CHOSEN);
    let round2 = Engine::new(model, EngineOptions::ROUND2);
    let round1 = Engine::new(model, EngineOptions::ROUND1);
    let rep: &dyn Representation = match method {
        "lexical" => &TfIdf,
        "engine" => &engine,
        "round2" => &round2,
        "round1" => &round1,
        _ => model,
    };
    let (times, result) = match case {
        "load" if method == "engine" => {
            // The engine's second table, the GloVe word vectors, loads on its first use.
            let started = Instant::now();
            let Ok(words) = coachkit_insight::embed::WordVectors::embedded() else {
                return eprintln!("embedded word vectors failed to load");
            };
            (vec![started.elapsed()], format!("word vectors, {}", words.word_rows("the team").len()))
        }
        "load" => (vec![load], format!("{} dims", model.dims())),
        "similarity-9" => {
            let experts = advice();
            let texts: Vec<&str> = experts.iter().flat_map(|e| e.advice.iter().map(|a| a.text.as_str())).collect();
            let times = repeat(5000, || {
                black_box(rep.similarities(black_box(&texts)));
            });
            (times, format!("{} texts", texts.len()))
        }
        "thread-3x3" => {
            let experts = advice();
            // With the leader's situation, as the mentoring reveal passes it.
            let situation = "Making decisions faster\nI sit on decisions for weeks and my team waits for me.";
            let times = repeat(2000, || {
                black_box(find_thread_in_context(rep, &experts, situation).ok());
            });
            let report = find_thread_in_context(rep, &experts, situation).ok();
            (
                times,
                report.map_or("error".into(), |r| {
                    r.thread.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>().join(" ")
                }),
            )
        }
        "challenges-8" | "challenges-1000" => {
            let challenges = if case == "challenges-8" { eight() } else { thousand() };
            let runs = if case == "challenges-8" { 1000 } else { 7 };
            let times = repeat(runs, || {
                black_box(suggest_teams(rep, &challenges, &Choices::default()).ok());
            });
            let s = suggest_teams(rep, &challenges, &Choices::default()).ok();
            (times, s.map_or("error".into(), |s| format!("{} teams, {} left out", s.teams.len(), s.unmatched.len())))
        }
        other => return eprintln!("unknown case {other}"),
    };
    let (median, p90) = percentiles(times.clone());
    println!(
        "| {case} | {method} | {} | {} | {} | {} | {result} |",
        show(median),
        show(p90),
        times.len(),
        peak_rss().unwrap_or_else(|| "n/a".into())
    );
}

fn repeat(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    f(); // warm-up: first use loads the model and fills caches
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect()
}

fn percentiles(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.9))
}

fn show(d: Duration) -> String {
    if d < Duration::from_millis(1) {
        format!("{:.1} µs", d.as_secs_f64() * 1e6)
    } else {
        format!("{:.2} ms", d.as_secs_f64() * 1e3)
    }
}

/// Peak resident set size of this process (Linux), e.g. "21.4 MB".
fn peak_rss() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.1} MB", kb / 1024.0))
}

fn advice() -> Vec<Expert> {
    let e = |name: &str, p: char, texts: [&str; 3]| Expert {
        name: name.into(),
        advice: texts
            .iter()
            .enumerate()
            .map(|(i, t)| Advice { id: format!("{p}{}", i + 1), text: (*t).into() })
            .collect(),
    };
    vec![
        e(
            "Expert A",
            'A',
            [
                "Most decisions can be undone. Ask yourself whether this one can, and if so make it today with what you already know.",
                "Keep a decision log with the date, the options and what you expected, so you can review your calls later.",
                "Ask your team to bring you a recommendation rather than a question.",
            ],
        ),
        e(
            "Expert B",
            'B',
            [
                "Waiting for the last piece of data is a decision too, usually the worst one. When you have about two thirds of what you would like to know, choose.",
                "Ask the team which decisions they think are stuck with you and how long they have been waiting.",
                "Sleep on the big ones if you must, but never for more than one night.",
            ],
        ),
        e(
            "Expert C",
            'C',
            [
                "Block thirty minutes every Friday to clear whatever is still waiting for your sign-off.",
                "Perfectionism is expensive. Get comfortable being wrong now and then: a quick choice you can correct beats a late, perfect one.",
                "Learn to tell the board a clear story with your numbers.",
            ],
        ),
    ]
}

const WHAT: [&str; 16] = [
    "Junior staff leave after two years.",
    "Getting senior people to adopt the new case system.",
    "Preparing to lead a team for the first time after a promotion.",
    "Winning clients in a new industry sector.",
    "Volunteers drop out after a few months.",
    "Staff keep using paper forms instead of the new database.",
    "Reducing the number of returns after a sale.",
    "Stepping up from doing the work to managing the people who do it.",
    "My managers escalate every small decision to me.",
    "People hide mistakes because they fear blame.",
    "Two senior colleagues are in a long-running feud.",
    "Planning rotas that people accept as fair.",
    "Recruiting specialists when every employer is short of them.",
    "Finding time for strategy while firefighting every day.",
    "Aligning two departments that blame each other.",
    "Keeping morale up through funding cuts.",
];
const WHY: [&str; 8] = [
    "We lose what we invested in them.",
    "Work stalls whenever I am away.",
    "Problems are found too late.",
    "It costs money and causes errors.",
    "The atmosphere is toxic.",
    "Customers notice the delays.",
    "I react instead of planning.",
    "Turnover keeps rising.",
];
const SUCCESS: [&str; 6] = [
    "Half of them still here in three years.",
    "Decisions made without me within agreed limits.",
    "Concerns raised early and openly.",
    "Everything recorded in the new system.",
    "One shared plan both sides accept.",
    "A protected afternoon a week for thinking.",
];

fn challenge(i: usize, orgs: usize) -> Challenge {
    // A fixed mixing of the parts so that texts vary without a random-number crate.
    Challenge {
        id: format!("C{i}"),
        org: format!("Org{}", i % orgs),
        person: format!("P{i}"),
        what: WHAT[i % WHAT.len()].into(),
        why: WHY[(i * 7 + i / 16) % WHY.len()].into(),
        success: SUCCESS[(i * 5 + i / 8) % SUCCESS.len()].into(),
    }
}

fn eight() -> Vec<Challenge> {
    (0..8).map(|i| challenge(i, 2)).collect()
}

fn thousand() -> Vec<Challenge> {
    (0..1000).map(|i| challenge(i, 40)).collect()
}
