//! Scores every method side by side on labelled files, one summary line per (file, method):
//! `cargo run -p coachkit-insight --example sweep -- FILE...`. The tuning harness: methods are
//! compared here on the tuning half; `coachkit insight eval` prints the full reports.

use coachkit_insight::eval::{EvalFile, Scores};
use coachkit_insight::{Representation, StaticModel, TfIdf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let model = StaticModel::embedded()?;
    let methods: Vec<(&str, &dyn Representation)> = vec![("static", model), ("lexical", &TfIdf)];
    for path in std::env::args().skip(1) {
        let file = EvalFile::parse(&std::fs::read_to_string(&path)?)?;
        for (name, rep) in &methods {
            let scores = file.score(*rep)?;
            println!("{path} {name:<10} {}", line(&scores));
        }
    }
    Ok(())
}

fn line(scores: &Scores) -> String {
    let text = scores.render(false);
    text.lines().skip(2).filter(|l| !l.starts_with(' ') && !l.starts_with("by ")).collect::<Vec<_>>().join(" | ")
}
