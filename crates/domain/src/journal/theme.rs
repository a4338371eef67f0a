//! Theme names. People type the same theme many ways ("Letting go", "letting  go", "Letting Go");
//! a normalised key makes them one theme while the first spelling is kept as its label.

use crate::text::{FieldError, bounded};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ThemeName {
    key: String,
    label: String,
}

impl ThemeName {
    pub const MAX: usize = 80;

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let label = bounded(
            "themes",
            collapsed.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace()),
            Self::MAX,
        )
        .map_err(|e| FieldError::new("themes", format!("each theme {}", e.message)))?;
        let key = normalise(&label);
        if key.is_empty() {
            return Err(FieldError::new("themes", "each theme needs at least one letter or digit"));
        }
        Ok(Self { key, label })
    }

    pub fn from_trusted(key: String, label: String) -> Self {
        Self { key, label }
    }

    /// The form used to find the same theme again: lower case, single spaces, each word singular.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The spelling shown to people.
    pub fn label(&self) -> &str {
        &self.label
    }
}

/// Lower-cases, keeps letters, digits and inner hyphens/apostrophes, and makes each word singular
/// with a few English rules (enough for "movements"/"movement", "priorities"/"priority").
pub fn normalise(label: &str) -> String {
    label
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(singular)
        .collect::<Vec<_>>()
        .join(" ")
}

fn singular(word: &str) -> String {
    let n = word.chars().count();
    if n > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..word.len() - 3]);
    }
    if n > 4 && (word.ends_with("sses") || word.ends_with("shes") || word.ends_with("ches") || word.ends_with("xes")) {
        return word[..word.len() - 2].to_owned();
    }
    let keeps_s = word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") || word.ends_with("'s");
    if n > 3 && word.ends_with('s') && !keeps_s {
        return word[..word.len() - 1].to_owned();
    }
    word.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_theme_share_a_key() {
        let same = ["Letting go", "letting  go", " Letting Go. ", "LETTING GO"];
        for s in same {
            assert_eq!(ThemeName::parse(s).unwrap().key(), "letting go", "{s}");
        }
        assert_eq!(ThemeName::parse("Grassroots movements").unwrap().key(), "grassroot movement");
        assert_eq!(ThemeName::parse("Grassroots movement").unwrap().key(), "grassroot movement");
        assert_eq!(ThemeName::parse("Priorities").unwrap().key(), "priority");
        assert_eq!(ThemeName::parse("Processes").unwrap().key(), "process");
        assert_eq!(ThemeName::parse("Focus").unwrap().key(), "focus");
        assert_eq!(ThemeName::parse("Analysis").unwrap().key(), "analysis");
        assert_eq!(ThemeName::parse("Bus").unwrap().key(), "bus");
        assert_eq!(ThemeName::parse("Letting go").unwrap().label(), "Letting go");
    }

    #[test]
    fn bad_themes_are_refused() {
        assert!(ThemeName::parse("   ").is_err());
        assert!(ThemeName::parse("!!!").is_err());
        assert!(ThemeName::parse(&"a".repeat(81)).is_err());
        assert_eq!(ThemeName::parse("Zusammenarbeit über Grenzen").unwrap().key(), "zusammenarbeit über grenzen");
    }
}
