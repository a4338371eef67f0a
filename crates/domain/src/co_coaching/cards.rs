//! Challenge cards: what the challenge is, why it matters to the person, what success would look
//! like. One or two per participant; parsed here so a card that exists is a card that fits.

use super::limits;
use crate::text::{FieldError, bounded, optional_bounded};

/// Most cards one participant brings.
pub const MAX_PER_PERSON: usize = 2;

/// A card's text, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardText {
    pub what: String,
    pub why: String,
    pub success: String,
}

impl CardText {
    /// Parses the three fields; `what` is required, the other two may wait while it is a draft
    /// but not when it is submitted (the teaming reads all three).
    pub fn parse(what: &str, why: &str, success: &str, submitting: bool) -> Result<Self, Vec<FieldError>> {
        let mut errors = vec![];
        let what = bounded("what", what, limits::CARD_WHAT).map_err(|e| errors.push(e)).ok();
        let mut optional = |field: &'static str, raw: &str, max: usize| match optional_bounded(field, raw, max) {
            Ok(Some(v)) => Some(v),
            Ok(None) if submitting => {
                errors.push(FieldError::new(field, "must be filled in before you submit the card"));
                None
            }
            Ok(None) => Some(String::new()),
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let why = optional("why", why, limits::CARD_WHY);
        let success = optional("success", success, limits::CARD_SUCCESS);
        match (what, why, success) {
            (Some(what), Some(why), Some(success)) if errors.is_empty() => Ok(Self { what, why, success }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_may_be_partial_a_submitted_card_may_not() {
        assert!(CardText::parse("Keeping drivers", "", "", false).is_ok());
        let e = CardText::parse("Keeping drivers", "", "Turnover halves", true).unwrap_err();
        assert_eq!(e.iter().map(|f| f.field).collect::<Vec<_>>(), ["why"]);
        assert_eq!(CardText::parse("", "a", "b", false).unwrap_err()[0].field, "what");
    }

    #[test]
    fn over_the_limit_is_refused_with_the_count() {
        let long = "x".repeat(limits::CARD_WHAT + 1);
        let e = CardText::parse(&long, "a", "b", true).unwrap_err();
        assert!(e[0].message.contains("at most 300"), "{}", e[0].message);
    }
}
