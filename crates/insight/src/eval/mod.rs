//! Evaluation on labelled sets: the figures `coachkit insight eval FILE` prints.
//!
//! The file is either schema of `shared/research/README.md`; the top-level key tells which
//! (`sets` for advice, `scenarios` for co-coaching). The representation is chosen by the caller so
//! that the static model and the lexical baseline run through exactly the same code.

mod advice;
mod cocoaching;
pub mod schema;

pub use advice::{AdviceScores, SetOutcome};
pub use cocoaching::{CoCoachingScores, Counts, ScenarioOutcome};

use crate::InsightError;
use crate::similarity::Representation;
use schema::{AdviceFile, CoCoachingFile};

/// A parsed evaluation file.
#[derive(Debug, Clone)]
pub enum EvalFile {
    Advice(AdviceFile),
    CoCoaching(CoCoachingFile),
}

/// The scores for one file and one representation.
#[derive(Debug, Clone)]
pub enum Scores {
    Advice(AdviceScores),
    CoCoaching(CoCoachingScores),
}

impl EvalFile {
    /// Reads either schema from JSON text.
    pub fn parse(json: &str) -> Result<Self, InsightError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| InsightError::EvalFile(format!("not JSON: {e}")))?;
        let bad = |e: serde_json::Error| InsightError::EvalFile(e.to_string());
        if value.get("sets").is_some() {
            Ok(Self::Advice(serde_json::from_value(value).map_err(bad)?))
        } else if value.get("scenarios").is_some() {
            Ok(Self::CoCoaching(serde_json::from_value(value).map_err(bad)?))
        } else {
            Err(InsightError::EvalFile("expected a top-level \"sets\" (advice) or \"scenarios\" (co-coaching)".into()))
        }
    }

    /// Scores the file with `rep`.
    pub fn score(&self, rep: &dyn Representation) -> Result<Scores, InsightError> {
        Ok(match self {
            Self::Advice(f) => Scores::Advice(advice::score(rep, &f.sets)?),
            Self::CoCoaching(f) => Scores::CoCoaching(cocoaching::score(rep, &f.scenarios)?),
        })
    }
}

impl Scores {
    /// The printed report.
    pub fn render(&self, verbose: bool) -> String {
        match self {
            Self::Advice(s) => s.render(verbose),
            Self::CoCoaching(s) => s.render(verbose),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{StaticModel, TfIdf};

    const OWN_ADVICE: &str = include_str!("../../eval/own_advice_sets.json");
    const OWN_COCOACHING: &str = include_str!("../../eval/own_cocoaching_sets.json");

    #[test]
    fn both_schemas_parse_and_score() {
        let model = StaticModel::embedded().unwrap();
        for json in [OWN_ADVICE, OWN_COCOACHING] {
            let file = EvalFile::parse(json).unwrap();
            for rep in [model as &dyn Representation, &TfIdf] {
                let text = file.score(rep).unwrap().render(true);
                assert!(text.contains("thread accuracy: ") || text.contains("gold teams recovered: "), "{text}");
            }
        }
    }

    #[test]
    fn other_json_is_refused_clearly() {
        assert!(EvalFile::parse("[]").unwrap_err().to_string().contains("\"sets\""));
        assert!(EvalFile::parse("{").unwrap_err().to_string().contains("not JSON"));
        assert!(EvalFile::parse(r#"{"sets": [{"id": 1}]}"#).is_err());
    }
}
