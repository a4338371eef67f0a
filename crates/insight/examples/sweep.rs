//! Scores every method side by side on labelled files, one summary line per (file, method):
//! `cargo run -p coachkit-insight --example sweep -- FILE...`. The tuning harness: methods are
//! compared here on the tuning half; `coachkit insight eval` prints the full reports.

use coachkit_insight::eval::{EvalFile, Scores};
use coachkit_insight::{Engine, EngineOptions, Representation, StaticModel, TfIdf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let model = StaticModel::embedded()?;
    let mut variants: Vec<(String, Engine<'_>)> = Vec::new();
    let grid = |name: &str| {
        std::env::var(name).ok().map(|v| v.split(',').filter_map(|x| x.parse::<f32>().ok()).collect::<Vec<_>>())
    };
    let lex = grid("LEX").unwrap_or(vec![0.0, 0.25, 0.5, 1.0]);
    let idf = grid("IDF").unwrap_or(vec![0.0, 1.0]);
    let csls = grid("CSLS").unwrap_or(vec![0.0, 3.0]);
    let team = grid("TEAM").unwrap_or(vec![0.0]);
    let center = grid("CENTER").unwrap_or(vec![0.0]);
    let ctx = grid("CTX").unwrap_or(vec![1.0]);
    let team_lex = grid("TLEX").unwrap_or(vec![0.0]);
    for &lexical_weight in &lex {
        for &request_idf in &idf {
            for &c in &center {
                for &k in &csls {
                    for &team_sd in &team {
                        for &context_weight in &ctx {
                            for &team_lexical_weight in &team_lex {
                                let o = EngineOptions {
                                    lexical_weight,
                                    team_lexical_weight,
                                    request_idf,
                                    center: c > 0.0,
                                    csls_k: k as usize,
                                    context_weight,
                                    team_sd,
                                    team_csls_k: k as usize,
                                    team_mutual_relief: true,
                                    team_mutual_sd: 0.0,
                                    weakest_pair: 0.0,
                                    team_background_skip: 0,
                                    team_prune_sd: -1.0,
                                    author_centring: 0.0,
                                    word_weight: 0.0,
                                    team_word_weight: 0.0,
                                };
                                let name = format!(
                                    "lex{lexical_weight}/{team_lexical_weight} idf{request_idf} c{c} k{k} x{context_weight} t{team_sd}"
                                );
                                variants.push((name, Engine::new(model, o)));
                            }
                        }
                    }
                }
            }
        }
    }
    let only: Option<String> = std::env::var("SWEEP_ONLY").ok();
    for path in std::env::args().skip(1) {
        let file = EvalFile::parse(&std::fs::read_to_string(&path)?)?;
        let short = path.rsplit('/').next().unwrap_or(&path).to_owned();
        let chosen = Engine::new(model, EngineOptions::CHOSEN);
        let tried = Engine::new(model, EngineOptions::TEAMS_TRIED);
        let round2 = Engine::new(model, EngineOptions::ROUND2);
        let round1 = Engine::new(model, EngineOptions::ROUND1);
        let mut methods: Vec<(String, &dyn Representation)> = vec![
            ("engine".into(), &chosen),
            ("round2".into(), &round2),
            ("round1".into(), &round1),
            ("teams-tried".into(), &tried),
            ("static".into(), model),
            ("lexical".into(), &TfIdf),
        ];
        methods.extend(variants.iter().map(|(n, h)| (n.clone(), h as &dyn Representation)));
        for (name, rep) in methods {
            if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
                continue;
            }
            let scores = file.score(rep)?;
            println!("{short:<24} {name:<26} {}", line(&scores));
            if std::env::var("VERBOSE").is_ok() {
                print!("{}", scores.render(true));
            }
        }
    }
    Ok(())
}

fn line(scores: &Scores) -> String {
    let text = scores.render(false);
    text.lines()
        .skip(2)
        .filter(|l| !l.starts_with(' ') && !l.starts_with("by "))
        .map(|l| {
            l.split(" (precision")
                .next()
                .unwrap_or(l)
                .replace("thread accuracy", "acc")
                .replace("thread or runner-up all gold", "top2")
        })
        .collect::<Vec<_>>()
        .join(" | ")
}
