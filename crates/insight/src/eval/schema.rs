//! The two labelled-data schemas of `shared/research/README.md`, read tolerantly: unknown fields
//! are ignored and null fields are unknown.

use serde::Deserialize;

/// `{"sets": [...]}`: advice sets with the gold thread.
#[derive(Debug, Clone, Deserialize)]
pub struct AdviceFile {
    pub sets: Vec<AdviceSet>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AdviceSet {
    pub id: String,
    #[serde(default)]
    pub capability: Option<String>,
    #[serde(default)]
    pub context: Option<String>,
    #[serde(default)]
    pub difficulty: Option<String>,
    pub experts: Vec<LabelledExpert>,
    /// Items that carry the theme all experts raised.
    pub gold: Vec<String>,
    /// Items related to it: neither required nor penalised.
    #[serde(default)]
    pub related: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LabelledExpert {
    pub name: String,
    pub advice: Vec<LabelledAdvice>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LabelledAdvice {
    pub id: String,
    pub text: String,
}

/// `{"scenarios": [...]}`: co-coaching groups with the gold teams.
#[derive(Debug, Clone, Deserialize)]
pub struct CoCoachingFile {
    pub scenarios: Vec<Scenario>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Scenario {
    pub id: String,
    pub participants: Vec<Participant>,
    pub gold_teams: Vec<Vec<String>>,
    #[serde(default)]
    pub unmatched: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Participant {
    pub id: String,
    pub org: String,
    pub challenges: Vec<LabelledChallenge>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LabelledChallenge {
    pub id: String,
    pub what: String,
    #[serde(default)]
    pub why: Option<String>,
    #[serde(default)]
    pub success: Option<String>,
}
