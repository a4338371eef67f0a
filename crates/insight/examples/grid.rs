//! Pooled tuning grid: scores engine options over several labelled files at once and prints one
//! line per option set with the totals (threads right, F1; teams recovered, false, loners left
//! out). `cargo run --release -p coachkit-insight --example grid -- FILE...`; the grid comes from
//! environment variables (comma lists): CSLS, CTX, LEX, IDF, WEAK, AUTHOR, WORDS for threads; TLEX, TWORDS, TEAM, TK,
//! RELIEF, MSD, SKIP, PRUNE for teams. Advice and co-coaching files may be mixed.

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
    // The grid: every combination of the listed values, each option's default being the chosen one.
    let mut options = vec![c];
    let mut expand = |name: &str, default: f32, set: &dyn Fn(&mut EngineOptions, f32)| {
        options = options
            .iter()
            .flat_map(|o| {
                grid(name, &[default]).into_iter().map(move |v| {
                    let mut o = *o;
                    set(&mut o, v);
                    o
                })
            })
            .collect();
    };
    expand("CSLS", c.csls_k as f32, &|o, v| o.csls_k = v as usize);
    expand("CTX", c.context_weight, &|o, v| o.context_weight = v);
    expand("LEX", c.lexical_weight, &|o, v| o.lexical_weight = v);
    expand("IDF", c.request_idf, &|o, v| o.request_idf = v);
    expand("WEAK", c.weakest_pair, &|o, v| o.weakest_pair = v);
    expand("AUTHOR", c.author_centring, &|o, v| o.author_centring = v);
    expand("WORDS", c.word_weight, &|o, v| o.word_weight = v);
    expand("TWORDS", c.team_word_weight, &|o, v| o.team_word_weight = v);
    expand("TLEX", c.team_lexical_weight, &|o, v| o.team_lexical_weight = v);
    expand("TEAM", c.team_sd, &|o, v| o.team_sd = v);
    expand("TK", c.team_csls_k as f32, &|o, v| o.team_csls_k = v as usize);
    expand("RELIEF", f32::from(u8::from(c.team_mutual_relief)), &|o, v| o.team_mutual_relief = v > 0.0);
    expand("MSD", c.team_mutual_sd, &|o, v| o.team_mutual_sd = v);
    expand("SKIP", c.team_background_skip as f32, &|o, v| o.team_background_skip = v as usize);
    expand("PRUNE", c.team_prune_sd, &|o, v| o.team_prune_sd = v);
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
            "k{} ctx{} lex{} idf{} weak{} author{} words{} | tlex{} twords{} sd{} tk{} relief{} msd{} skip{} prune{} | {threads} {teams}",
            o.csls_k,
            o.context_weight,
            o.lexical_weight,
            o.request_idf,
            o.weakest_pair,
            o.author_centring,
            o.word_weight,
            o.team_lexical_weight,
            o.team_word_weight,
            o.team_sd,
            o.team_csls_k,
            o.team_mutual_relief,
            o.team_mutual_sd,
            o.team_background_skip,
            o.team_prune_sd
        );
    }
    Ok(())
}
