//! `coachkit insight ...`: the insight engine from the command line. Needs no configuration or
//! database, so it runs before either is read.

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use coachkit_insight::eval::EvalFile;
use coachkit_insight::{Representation, TfIdf};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum InsightAction {
    /// Score the engine on a labelled file: advice sets (prints "thread accuracy: X" and item F1;
    /// each set's capability and context are passed as the situation) or co-coaching scenarios
    /// (gold teams recovered, false teams, unmatched handled).
    Eval {
        /// JSON file in either schema of the research notes ({"sets": ...} or {"scenarios": ...}).
        file: PathBuf,
        /// Which method to score: the engine the pages use, round 2's and round 1's engines, the
        /// plain static model, the lexical baseline; `both` is the engine and the lexical
        /// baseline, `all` is all five in turn.
        #[arg(long, value_enum, default_value_t = Method::Engine)]
        method: Method,
        /// Also print one line per set or scenario.
        #[arg(long)]
        verbose: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Method {
    Engine,
    Round2,
    Round1,
    Static,
    Lexical,
    Both,
    All,
}

pub fn run(action: &InsightAction) -> anyhow::Result<()> {
    match action {
        InsightAction::Eval { file, method, verbose } => {
            let json = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
            let parsed = EvalFile::parse(&json)?;
            let model = coachkit_insight::model()?;
            let engine = coachkit_insight::engine()?;
            let round2 = coachkit_insight::Engine::new(model, coachkit_insight::EngineOptions::ROUND2);
            let round1 = coachkit_insight::Engine::new(model, coachkit_insight::EngineOptions::ROUND1);
            let methods: Vec<&dyn Representation> = match method {
                Method::Engine => vec![&engine],
                Method::Round2 => vec![&round2],
                Method::Round1 => vec![&round1],
                Method::Static => vec![model],
                Method::Lexical => vec![&TfIdf],
                Method::Both => vec![&engine, &TfIdf],
                Method::All => vec![&engine, &round2, &round1, model, &TfIdf],
            };
            for (k, rep) in methods.into_iter().enumerate() {
                if k > 0 {
                    println!();
                }
                print!("{}", parsed.score(rep)?.render(*verbose));
            }
            Ok(())
        }
    }
}
