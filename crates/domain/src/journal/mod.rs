//! Practice 1, reflection across mentors: the words and rules of sessions, reflections, themes,
//! killer questions, actions, open questions and the public "what I think" page.

mod audience;
mod theme;

pub use audience::{AudienceChoice, parse_audience};
pub use theme::ThemeName;

use crate::text::{FieldError, bounded, optional_bounded};
use serde::{Deserialize, Serialize};

/// Whether a session is still ahead or has happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    Planned,
    Held,
}

impl SessionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Held => "held",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "planned" => Some(Self::Planned),
            "held" => Some(Self::Held),
            _ => None,
        }
    }
}

/// Where an action stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    Done,
    Dropped,
}

impl ActionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Done => "done",
            Self::Dropped => "dropped",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(Self::Open),
            "done" => Some(Self::Done),
            "dropped" => Some(Self::Dropped),
            _ => None,
        }
    }
}

/// Where an open question stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionStatus {
    Open,
    Answered,
    Dropped,
}

impl QuestionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Answered => "answered",
            Self::Dropped => "dropped",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(Self::Open),
            "answered" => Some(Self::Answered),
            "dropped" => Some(Self::Dropped),
            _ => None,
        }
    }
}

/// Field limits, chosen so a page can show them and a person never hits them by accident.
pub mod limits {
    pub const AGENDA: usize = 4_000;
    pub const GROW_FIELD: usize = 4_000;
    pub const DETAIL: usize = 50_000;
    pub const REFLECTION_TITLE: usize = 160;
    pub const REFLECTION_BODY: usize = 20_000;
    pub const QUESTION: usize = 500;
    pub const REPLY: usize = 4_000;
    pub const ACTION: usize = 500;
    pub const POSITION_STATEMENT: usize = 280;
    pub const POSITION_EXPLANATION: usize = 4_000;
    pub const THEMES_PER_ITEM: usize = 12;
}

/// The GROW structure of a session (Goal, Reality, Options, Way forward); every part optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Grow {
    pub goal: Option<String>,
    pub reality: Option<String>,
    pub options: Option<String>,
    pub way_forward: Option<String>,
}

impl Grow {
    pub fn parse(goal: &str, reality: &str, options: &str, way_forward: &str) -> Result<Self, Vec<FieldError>> {
        let mut errors = vec![];
        let mut field = |name: &'static str, raw: &str| {
            optional_bounded(name, raw, limits::GROW_FIELD).map_err(|e| errors.push(e)).ok().flatten()
        };
        let grow = Grow {
            goal: field("goal", goal),
            reality: field("reality", reality),
            options: field("options", options),
            way_forward: field("way_forward", way_forward),
        };
        if errors.is_empty() { Ok(grow) } else { Err(errors) }
    }
}

/// Parses a list of theme names typed as "one, two; three" (or one per line). Duplicates after
/// normalisation collapse into one; at most [`limits::THEMES_PER_ITEM`].
pub fn parse_theme_list(raw: &str) -> Result<Vec<ThemeName>, FieldError> {
    let mut themes: Vec<ThemeName> = Vec::new();
    for part in raw.split([',', ';', '\n']) {
        if part.trim().is_empty() {
            continue;
        }
        let theme = ThemeName::parse(part)?;
        if !themes.iter().any(|t| t.key() == theme.key()) {
            themes.push(theme);
        }
    }
    if themes.len() > limits::THEMES_PER_ITEM {
        return Err(FieldError::new("themes", format!("can have at most {} themes", limits::THEMES_PER_ITEM)));
    }
    Ok(themes)
}

/// A short statement for the public page: what the leader thinks, in a sentence or two.
pub fn parse_statement(raw: &str) -> Result<String, FieldError> {
    bounded("statement", raw, limits::POSITION_STATEMENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_lists_split_normalise_and_dedupe() {
        let themes = parse_theme_list("Focusing on local, focus on locals;  Letting go\n\n").unwrap();
        let keys: Vec<&str> = themes.iter().map(ThemeName::key).collect();
        assert_eq!(keys, vec!["focusing on local", "focus on local", "letting go"]);
        let themes = parse_theme_list("Grassroots movements, grassroots movement").unwrap();
        assert_eq!(themes.len(), 1);
        assert!(parse_theme_list(&(0..13).map(|i| format!("t{i}")).collect::<Vec<_>>().join(",")).is_err());
        assert!(parse_theme_list("").unwrap().is_empty());
    }

    #[test]
    fn grow_fields_are_optional_and_bounded() {
        let g = Grow::parse("Lead the change", "", " ", "Write it down").unwrap();
        assert_eq!(g.goal.as_deref(), Some("Lead the change"));
        assert_eq!(g.reality, None);
        let err = Grow::parse(&"x".repeat(limits::GROW_FIELD + 1), "", "", "").unwrap_err();
        assert_eq!(err[0].field, "goal");
    }

    #[test]
    fn statuses_round_trip() {
        for s in [ActionStatus::Open, ActionStatus::Done, ActionStatus::Dropped] {
            assert_eq!(ActionStatus::parse(s.as_str()), Some(s));
        }
        for s in [QuestionStatus::Open, QuestionStatus::Answered, QuestionStatus::Dropped] {
            assert_eq!(QuestionStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(SessionStatus::parse("held"), Some(SessionStatus::Held));
        assert_eq!(SessionStatus::parse("cancelled"), None);
    }
}
