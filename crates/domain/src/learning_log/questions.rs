//! The reflection questions: our default sixteen, and a programme's own copy of them.
//!
//! A programme keeps the questions it was given when it was set up, each with a stable key, so an
//! answer always sits beside the exact wording that was asked. The keys let the app find the
//! questions whose answers become actions ("stop, start, continue", "what next") and the one that
//! becomes the coach-the-coach agenda, whatever the facilitator did to their wording.

use super::limits;
use crate::text::{FieldError, optional_bounded};

/// One question as a programme asks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// Stable across copies: one of the default keys, or `custom` for one the facilitator added.
    pub key: String,
    pub prompt: String,
}

/// The key of a question the facilitator added.
pub const CUSTOM: &str = "custom";
/// The keys whose answers can become journal actions with one click.
pub const ACTION_KEYS: [&str; 2] = ["stop_start_continue", "next"];
/// The key whose answer becomes the coach-the-coach session's agenda.
pub const AGENDA_KEY: &str = "bring_to_coach";
/// The most questions a programme may ask about each case.
pub const MAX_QUESTIONS: usize = 24;

/// Our default question set, in the order it is asked: what happened, how it went, what I learn
/// from it, and what I take forward.
pub const DEFAULT_QUESTIONS: [(&str, &str); 16] = [
    ("did", "What did I actually do in this session?"),
    ("think_feel", "Looking back, what do I think and feel about it now?"),
    ("planned_not_done", "What had I planned to do as a leader that did not happen?"),
    ("could_have_done", "What else could I have done as a leader that I did not?"),
    ("how_well", "How well, or how poorly, did it go, and how can I tell?"),
    ("learned", "What did I learn from it?"),
    ("stop_start_continue", "What will I stop, start and continue doing next time?"),
    ("differently", "How, in practice, will I go about it differently?"),
    ("business", "What has it achieved for the business so far?"),
    ("growth", "What has it done for my growth as a leader?"),
    ("myself", "What did it show me about myself as a leader?"),
    ("theory", "Which ideas from the training did I use, and how did they hold up?"),
    ("skill", "Which leadership skill is this building, and how?"),
    ("next", "What will I do next because of it?"),
    ("new_learning", "What do I want to learn or practise next, and how?"),
    ("bring_to_coach", "What do I want to bring to my session with my own coach?"),
];

/// A programme's questions: at least one, at most [`MAX_QUESTIONS`], each bounded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionSet(Vec<Question>);

impl QuestionSet {
    /// The default sixteen.
    pub fn default_set() -> Self {
        Self(DEFAULT_QUESTIONS.iter().map(|(k, p)| Question { key: (*k).into(), prompt: (*p).into() }).collect())
    }

    /// An edited copy, from the form's (key, prompt) pairs in order. An emptied prompt drops that
    /// question; a key we do not know becomes [`CUSTOM`]; a default key used twice keeps only its first.
    pub fn parse(pairs: &[(String, String)]) -> Result<Self, FieldError> {
        let mut out: Vec<Question> = vec![];
        for (key, prompt) in pairs {
            let Some(prompt) = optional_bounded("questions", prompt, limits::QUESTION)? else { continue };
            let known = DEFAULT_QUESTIONS.iter().any(|(k, _)| k == key);
            let key = if known && !out.iter().any(|q| &q.key == key) { key.clone() } else { CUSTOM.into() };
            out.push(Question { key, prompt });
        }
        if out.is_empty() {
            return Err(FieldError::new("questions", "must keep at least one question"));
        }
        if out.len() > MAX_QUESTIONS {
            return Err(FieldError::new(
                "questions",
                format!("are too many ({}; at most {MAX_QUESTIONS} for each case)", out.len()),
            ));
        }
        Ok(Self(out))
    }

    pub fn questions(&self) -> &[Question] {
        &self.0
    }

    pub fn into_questions(self) -> Vec<Question> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(k, p)| ((*k).into(), (*p).into())).collect()
    }

    #[test]
    fn the_default_set_has_sixteen_distinct_keys_and_the_special_ones() {
        let set = QuestionSet::default_set();
        assert_eq!(set.questions().len(), 16);
        let mut keys: Vec<_> = set.questions().iter().map(|q| q.key.as_str()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 16);
        for k in ACTION_KEYS.iter().chain([&AGENDA_KEY]) {
            assert!(keys.contains(k), "{k}");
        }
    }

    #[test]
    fn an_edited_copy_keeps_keys_drops_empties_and_marks_additions() {
        let set = QuestionSet::parse(&pairs(&[
            ("did", "What did I do?"),
            ("think_feel", "  "),
            ("did", "Again?"),
            ("", "What surprised me?"),
            ("nonsense", "Anything else?"),
        ]))
        .unwrap();
        let keys: Vec<_> = set.questions().iter().map(|q| q.key.as_str()).collect();
        assert_eq!(keys, ["did", "custom", "custom", "custom"]);
        assert_eq!(set.questions()[0].prompt, "What did I do?");
    }

    #[test]
    fn none_too_many_or_too_long_is_refused() {
        assert!(QuestionSet::parse(&pairs(&[("did", " ")])).is_err());
        let many: Vec<_> = (0..25).map(|i| (String::new(), format!("Q{i}?"))).collect();
        assert!(QuestionSet::parse(&many).unwrap_err().message.contains("at most 24"));
        let long = "x".repeat(limits::QUESTION + 1);
        assert!(QuestionSet::parse(&pairs(&[("did", &long)])).is_err());
    }
}
