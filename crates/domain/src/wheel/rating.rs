//! The quality of engagement in one area, as the client rates it: a whole number from 1 (least
//! satisfied) to 9 (most). On the wheel it is an arc whose radius grows with the number.

use crate::text::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A rating from 1 to 9. Deserializing checks the range too, so JSON cannot smuggle in a 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Rating(u8);

impl Rating {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 9;
    /// Ratings up to this one count as low engagement for the "place to look" (the lower half of
    /// the scale: below the middle value 5).
    pub const LOW_MAX: u8 = 4;

    const FIELD: &'static str = "rating";

    pub fn new(value: u8) -> Result<Self, FieldError> {
        if (Self::MIN..=Self::MAX).contains(&value) { Ok(Self(value)) } else { Err(Self::out_of_range()) }
    }

    /// Parses what a person typed or picked. Only whole numbers 1 to 9 are accepted: "7.5" is
    /// refused rather than rounded, because a rating is a choice of one of nine arcs.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(FieldError::new(Self::FIELD, "must be chosen, from 1 to 9"));
        }
        // At most a few characters can be a rating; anything longer is refused before parsing.
        if value.len() > 3 || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Self::out_of_range());
        }
        value.parse::<u8>().map_err(|_| Self::out_of_range()).and_then(Self::new)
    }

    /// Like [`Rating::parse`], but empty input means "not rated yet" (a partial assessment).
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, FieldError> {
        if raw.trim().is_empty() { Ok(None) } else { Self::parse(raw).map(Some) }
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// True for 1 to [`Rating::LOW_MAX`].
    pub fn is_low(self) -> bool {
        self.0 <= Self::LOW_MAX
    }

    /// All nine ratings, smallest first (for ring guides and pickers).
    pub fn all() -> impl Iterator<Item = Rating> {
        (Self::MIN..=Self::MAX).map(Rating)
    }

    fn out_of_range() -> FieldError {
        FieldError::new(Self::FIELD, "must be a whole number from 1 to 9")
    }
}

impl TryFrom<u8> for Rating {
    type Error = FieldError;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Rating> for u8 {
    fn from(rating: Rating) -> Self {
        rating.0
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_one_to_nine_only() {
        for n in 1..=9u8 {
            assert_eq!(Rating::parse(&format!(" {n} ")).unwrap().get(), n);
        }
        for bad in ["0", "10", "-1", "7.5", "seven", "", "  ", "+5", "0009", "٣"] {
            assert!(Rating::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(Rating::parse_optional(" ").unwrap(), None);
        assert!(Rating::parse_optional("12").is_err());
        assert_eq!(Rating::all().count(), 9);
    }

    #[test]
    fn conversions_check_the_range_too() {
        // Deserializing goes through `TryFrom<u8>` (`serde(try_from)`), so this is what JSON meets.
        assert!(Rating::try_from(0).is_err());
        assert!(Rating::try_from(10).is_err());
        assert_eq!(u8::from(Rating::try_from(4).unwrap()), 4);
    }

    #[test]
    fn low_is_the_lower_half() {
        assert!(Rating(4).is_low());
        assert!(!Rating(5).is_low());
    }
}
