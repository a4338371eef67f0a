//! Practice 1, reflection across mentors: the words and rules of sessions, reflections, themes,
//! killer questions, actions, open questions and the public "what I think" page.

mod audience;
mod theme;

pub use audience::{AudienceChoice, parse_audience, schema as audience_schema};
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

/// The OpenAPI schema of a theme list as [`parse_theme_list`] reads it: parts split on `,` `;`
/// or line breaks, each blank (skipped) or a theme with a letter or digit, at most
/// [`limits::THEMES_PER_ITEM`] themes. Narrower than the parser where a pattern cannot follow
/// it (a theme here is at most 80 characters before trimming, and only Unicode letters and
/// digits as `[^\W_]` knows them count), so whatever it allows the parser accepts.
pub fn theme_list_schema() -> utoipa::openapi::schema::Object {
    let refused = crate::text::schema::REFUSED;
    let half = ThemeName::MAX / 2;
    let part = format!("[^,;\n{refused}]");
    let theme = format!("{part}{{0,{half}}}[^\\W_]{part}{{0,{}}}", ThemeName::MAX - half - 1);
    let blank = "[ \t\r]*";
    let more = limits::THEMES_PER_ITEM - 1;
    let pattern = format!(
        "^({blank}([,;\n]{blank})*|({blank}[,;\n])*{theme}([,;\n]{blank})*([,;\n]{theme}([,;\n]{blank})*){{0,{more}}})$"
    );
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .pattern(Some(pattern))
        .build()
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
    fn every_theme_list_the_schema_allows_parses() {
        let pattern = serde_json::to_value(theme_list_schema()).unwrap()["pattern"].as_str().unwrap().to_owned();
        let re = regex::Regex::new(&pattern).unwrap();
        for ok in ["", " , ;", "Letting go", "a, b;c\n\nd", "Équipe, 2027"] {
            assert!(re.is_match(ok), "{ok:?}");
        }
        let thirteen = (0..13).map(|i| format!("t{i}")).collect::<Vec<_>>().join(",");
        for refused in ["}", "a, !?", "a\u{1}", &thirteen, &"x".repeat(ThemeName::MAX + 1)] {
            assert!(!re.is_match(refused), "{refused:?}");
        }
        crate::text::pattern_check::every_text_parses(&pattern, |text| {
            parse_theme_list(text).map(drop).map_err(|e| e.to_string())
        });
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
