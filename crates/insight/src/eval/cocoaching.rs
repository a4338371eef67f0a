//! Scores team suggestions on labelled co-coaching scenarios.
//!
//! Gold teams recovered: the share of gold teams suggested exactly. False teams: the share of
//! suggested teams that are not gold teams. Unmatched handled: the share of challenges labelled as
//! having no partner that were left out. Gold pairs recovered (partial credit for trios): the share
//! of pairs inside gold teams that ended up in one suggested team.

use super::schema::Scenario;
use crate::InsightError;
use crate::similarity::Representation;
use crate::teams::{Challenge, Choices, suggest_teams};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Counts for one scenario (or summed over all).
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub gold_teams: usize,
    pub recovered: usize,
    pub suggested: usize,
    pub false_teams: usize,
    pub gold_unmatched: usize,
    pub unmatched_left_out: usize,
    pub gold_pairs: usize,
    pub pairs_recovered: usize,
}

#[derive(Debug, Clone)]
pub struct ScenarioOutcome {
    pub id: String,
    pub counts: Counts,
    pub suggested: Vec<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct CoCoachingScores {
    pub method: &'static str,
    pub scenarios: Vec<ScenarioOutcome>,
}

/// Runs the team suggestion on every scenario.
pub fn score(rep: &dyn Representation, scenarios: &[Scenario]) -> Result<CoCoachingScores, InsightError> {
    let scenarios = scenarios.iter().map(|s| score_scenario(rep, s)).collect::<Result<Vec<_>, _>>()?;
    Ok(CoCoachingScores { method: rep.name(), scenarios })
}

fn score_scenario(rep: &dyn Representation, s: &Scenario) -> Result<ScenarioOutcome, InsightError> {
    let challenges: Vec<Challenge> = s
        .participants
        .iter()
        .flat_map(|p| {
            p.challenges.iter().map(move |c| Challenge {
                id: c.id.clone(),
                org: p.org.clone(),
                person: p.id.clone(),
                what: c.what.clone(),
                why: c.why.clone().unwrap_or_default(),
                success: c.success.clone().unwrap_or_default(),
            })
        })
        .collect();
    let suggestion = suggest_teams(rep, &challenges, &Choices::default())
        .map_err(|e| InsightError::EvalFile(format!("scenario {}: {e}", s.id)))?;
    let as_set = |t: &[String]| t.iter().cloned().collect::<BTreeSet<String>>();
    let suggested: Vec<BTreeSet<String>> = suggestion.teams.iter().map(|t| as_set(&t.challenges)).collect();
    let gold: Vec<BTreeSet<String>> = s.gold_teams.iter().map(|t| as_set(t)).collect();
    let placed: BTreeSet<&String> = suggested.iter().flatten().collect();
    let unmatched = s.unmatched.clone().unwrap_or_default();
    let gold_pairs: Vec<(&String, &String)> = gold
        .iter()
        .flat_map(|t| t.iter().flat_map(move |a| t.iter().filter(move |b| a < *b).map(move |b| (a, b))))
        .collect();
    let counts = Counts {
        gold_teams: gold.len(),
        recovered: gold.iter().filter(|g| suggested.contains(g)).count(),
        suggested: suggested.len(),
        false_teams: suggested.iter().filter(|t| !gold.contains(t)).count(),
        gold_unmatched: unmatched.len(),
        unmatched_left_out: unmatched.iter().filter(|u| !placed.contains(u)).count(),
        gold_pairs: gold_pairs.len(),
        pairs_recovered: gold_pairs
            .iter()
            .filter(|(a, b)| suggested.iter().any(|t| t.contains(*a) && t.contains(*b)))
            .count(),
    };
    Ok(ScenarioOutcome {
        id: s.id.clone(),
        counts,
        suggested: suggested.into_iter().map(|t| t.into_iter().collect()).collect(),
    })
}

fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        format!("n/a ({part}/{whole})")
    } else {
        format!("{:.3} ({part}/{whole})", part as f32 / whole as f32)
    }
}

impl CoCoachingScores {
    /// Sum of all scenarios' counts.
    pub fn total(&self) -> Counts {
        self.scenarios.iter().fold(Counts::default(), |mut t, s| {
            let c = &s.counts;
            t.gold_teams += c.gold_teams;
            t.recovered += c.recovered;
            t.suggested += c.suggested;
            t.false_teams += c.false_teams;
            t.gold_unmatched += c.gold_unmatched;
            t.unmatched_left_out += c.unmatched_left_out;
            t.gold_pairs += c.gold_pairs;
            t.pairs_recovered += c.pairs_recovered;
            t
        })
    }

    /// The report the CLI prints; `verbose` adds the suggested teams per scenario.
    pub fn render(&self, verbose: bool) -> String {
        let t = self.total();
        let mut out = String::new();
        let _ = writeln!(out, "method: {}", self.method);
        let _ = writeln!(out, "scenarios: {}", self.scenarios.len());
        let _ = writeln!(out, "gold teams recovered: {}", share(t.recovered, t.gold_teams));
        let _ = writeln!(out, "false teams: {}", share(t.false_teams, t.suggested));
        let _ = writeln!(out, "unmatched handled: {}", share(t.unmatched_left_out, t.gold_unmatched));
        let _ = writeln!(out, "gold pairs recovered: {}", share(t.pairs_recovered, t.gold_pairs));
        if verbose {
            for s in &self.scenarios {
                let teams: Vec<String> = s.suggested.iter().map(|t| format!("[{}]", t.join(" "))).collect();
                let _ = writeln!(
                    out,
                    "  {} recovered {}/{} false {}/{} unmatched {}/{}: {}",
                    s.id,
                    s.counts.recovered,
                    s.counts.gold_teams,
                    s.counts.false_teams,
                    s.counts.suggested,
                    s.counts.unmatched_left_out,
                    s.counts.gold_unmatched,
                    teams.join(" ")
                );
            }
        }
        out
    }
}
