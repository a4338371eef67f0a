//! The two cases a participant reflects on: their Best session and their Most Challenging one.

use crate::text::FieldError;

/// Which of the two cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CaseKind {
    Best,
    Hardest,
}

impl CaseKind {
    pub const BOTH: [CaseKind; 2] = [CaseKind::Best, CaseKind::Hardest];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseKind::Best => "best",
            CaseKind::Hardest => "hardest",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CaseKind::Best => "Best",
            CaseKind::Hardest => "Most challenging",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "best" => Some(Self::Best),
            "hardest" => Some(Self::Hardest),
            _ => None,
        }
    }
}

/// The choice of the two cases: each, if given, must be a held session of this log, and they must
/// be two different sessions (one session cannot be both the best and the hardest).
pub fn check_cases(best: Option<&str>, hardest: Option<&str>, held: &[&str]) -> Result<(), Vec<FieldError>> {
    let mut errors = vec![];
    for (field, id) in [("best", best), ("hardest", hardest)] {
        if let Some(id) = id
            && !held.contains(&id)
        {
            errors.push(FieldError::new(field, "must be one of your sessions recorded as held"));
        }
    }
    if best.is_some() && best == hardest {
        errors.push(FieldError::new(
            "hardest",
            "must be a different session from the best: choose the one that stretched you most",
        ));
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_different_held_sessions() {
        let held = ["a", "b"];
        assert!(check_cases(Some("a"), Some("b"), &held).is_ok());
        assert!(check_cases(Some("a"), None, &held).is_ok());
        assert!(check_cases(None, None, &held).is_ok());
        let errs = check_cases(Some("a"), Some("a"), &held).unwrap_err();
        assert_eq!(errs[0].field, "hardest");
        let errs = check_cases(Some("planned"), Some("b"), &held).unwrap_err();
        assert_eq!(errs[0].field, "best");
        for k in CaseKind::BOTH {
            assert_eq!(CaseKind::parse(k.as_str()), Some(k));
        }
    }
}
