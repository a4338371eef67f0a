//! `coachkit insight ...`: the insight engine from the command line. Needs no configuration or
//! database, so it runs before either is read.

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use coachkit_insight::eval::EvalFile;
use coachkit_insight::{Representation, TfIdf};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum InsightAction {
    /// Score the engine on a labelled file: advice sets (prints "thread accuracy: X" and item F1)
    /// or co-coaching scenarios (gold teams recovered, false teams, unmatched handled).
    Eval {
        /// JSON file in either schema of the research notes ({"sets": ...} or {"scenarios": ...}).
        file: PathBuf,
        /// Which method to score: the static model, the lexical baseline, or both in turn.
        #[arg(long, value_enum, default_value_t = Method::Static)]
        method: Method,
        /// Also print one line per set or scenario.
        #[arg(long)]
        verbose: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Method {
    Static,
    Lexical,
    Both,
}

pub fn run(action: &InsightAction) -> anyhow::Result<()> {
    match action {
        InsightAction::Eval { file, method, verbose } => {
            let json = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
            let parsed = EvalFile::parse(&json)?;
            let model = coachkit_insight::model()?;
            let methods: Vec<&dyn Representation> = match method {
                Method::Static => vec![model],
                Method::Lexical => vec![&TfIdf],
                Method::Both => vec![model, &TfIdf],
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
