//! Pooled tuning grid: scores engine options over several labelled files at once and prints one
//! line per option set with the totals (threads right, F1; teams recovered, false, loners left
//! out). `cargo run --release -p coachkit-insight --example grid -- FILE...`; the grid comes from
//! environment variables (comma lists): CSLS, CTX, LEX, IDF, WEAK, AUTHOR for threads; TLEX, TEAM, TK,
//! RELIEF, SKIP, PRUNE for teams. Advice and co-coaching files may be mixed.

use coachkit_insight::eval::{EvalFile, Scores};
use coachkit_insight::{Engine, EngineOptions, StaticModel};

fn grid(name: &str, default: &[f32]) -> Vec<f32> {
    std::env::var(name)
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.parse::<f32>().ok()).collect())
        .unwrap_or_else(|| default.to_vec())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let model = StaticModel::embedded()?;
    let files: Vec<EvalFile> = std::env::args()
        .skip(1)
        .map(|p| EvalFile::parse(&std::fs::read_to_string(p)?).map_err(Into::into))
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    let c = EngineOptions::CHOSEN;
    let mut options = Vec::new();
    for csls in grid("CSLS", &[c.csls_k as f32]) {
        for ctx in grid("CTX", &[c.context_weight]) {
            for lex in grid("LEX", &[c.lexical_weight]) {
                for idf in grid("IDF", &[c.request_idf]) {
                    for weak in grid("WEAK", &[c.weakest_pair]) {
                        for tlex in grid("TLEX", &[c.team_lexical_weight]) {
                            for team in grid("TEAM", &[c.team_sd]) {
                                for tk in grid("TK", &[c.team_csls_k as f32]) {
                                    for relief in grid("RELIEF", &[1.0]) {
                                        for skip in grid("SKIP", &[0.0]) {
                                            for prune in grid("PRUNE", &[-1.0]) {
                                                for author in grid("AUTHOR", &[0.0]) {
                                                    options.push(EngineOptions {
                                                        csls_k: csls as usize,
                                                        context_weight: ctx,
                                                        lexical_weight: lex,
                                                        request_idf: idf,
                                                        weakest_pair: weak,
                                                        team_lexical_weight: tlex,
                                                        team_sd: team,
                                                        team_csls_k: tk as usize,
                                                        team_mutual_relief: relief > 0.0,
                                                        center: false,
                                                        team_background_skip: skip as usize,
                                                        team_prune_sd: prune,
                                                        author_centring: author,
                                                    });
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    for o in options {
        let engine = Engine::new(model, o);
        let (mut sets, mut right, mut top2, mut f1) = (0, 0, 0, 0.0);
        let (mut gold, mut rec, mut sugg, mut fals, mut loners, mut out) = (0, 0, 0, 0, 0, 0);
        for f in &files {
            match f.score(&engine)? {
                Scores::Advice(a) => {
                    for s in &a.sets {
                        sets += 1;
                        right += usize::from(s.correct);
                        top2 += usize::from(s.runner_up_correct);
                        f1 += s.f1;
                    }
                }
                Scores::CoCoaching(t) => {
                    let n = t.total();
                    gold += n.gold_teams;
                    rec += n.recovered;
                    sugg += n.suggested;
                    fals += n.false_teams;
                    loners += n.gold_unmatched;
                    out += n.unmatched_left_out;
                }
            }
        }
        let threads = if sets > 0 {
            format!("threads {right}/{sets} top2 {top2} F1 {:.3}", f1 / sets as f32)
        } else {
            String::new()
        };
        let teams = if gold > 0 {
            format!("teams {rec}/{gold} false {fals}/{sugg} loners {out}/{loners}")
        } else {
            String::new()
        };
        println!(
            "k{} ctx{} lex{} idf{} weak{} author{} | tlex{} sd{} tk{} relief{} skip{} prune{} | {threads} {teams}",
            o.csls_k,
            o.context_weight,
            o.lexical_weight,
            o.request_idf,
            o.weakest_pair,
            o.author_centring,
            o.team_lexical_weight,
            o.team_sd,
            o.team_csls_k,
            o.team_mutual_relief,
            o.team_background_skip,
            o.team_prune_sd
        );
    }
    Ok(())
}
