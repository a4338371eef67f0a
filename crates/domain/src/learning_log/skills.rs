//! The skills an answer can be tagged with, and how often each recurs across a person's cases.

/// A coaching skill an answer is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skill {
    OpenQuestions,
    Listening,
    Trust,
    Grow,
    Preparation,
    Feedback,
}

impl Skill {
    pub const ALL: [Skill; 6] =
        [Skill::OpenQuestions, Skill::Listening, Skill::Trust, Skill::Grow, Skill::Preparation, Skill::Feedback];

    pub fn as_str(self) -> &'static str {
        match self {
            Skill::OpenQuestions => "open_questions",
            Skill::Listening => "listening",
            Skill::Trust => "trust",
            Skill::Grow => "grow",
            Skill::Preparation => "preparation",
            Skill::Feedback => "feedback",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Skill::OpenQuestions => "Open questions",
            Skill::Listening => "Listening",
            Skill::Trust => "Trust and rapport",
            Skill::Grow => "Following GROW",
            Skill::Preparation => "Preparation",
            Skill::Feedback => "Feedback",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How many answers name each skill, most first (ties in the list's order); skills never named are left out.
pub fn recurring(tags: impl IntoIterator<Item = Skill>) -> Vec<(Skill, usize)> {
    let mut counts = [0usize; Skill::ALL.len()];
    for t in tags {
        if let Some(i) = Skill::ALL.iter().position(|s| *s == t) {
            counts[i] += 1;
        }
    }
    let mut out: Vec<_> = Skill::ALL.into_iter().zip(counts).filter(|(_, n)| *n > 0).collect();
    out.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_counts() {
        for s in Skill::ALL {
            assert_eq!(Skill::parse(s.as_str()), Some(s));
        }
        assert_eq!(Skill::parse("charisma"), None);
        let r = recurring([
            Skill::Listening,
            Skill::Grow,
            Skill::Listening,
            Skill::OpenQuestions,
            Skill::Grow,
            Skill::Grow,
        ]);
        assert_eq!(r, vec![(Skill::Grow, 3), (Skill::Listening, 2), (Skill::OpenQuestions, 1)]);
        assert!(recurring([]).is_empty());
    }
}
