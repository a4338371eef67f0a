//! An offline SMART checker for the goal a leader writes from the thread. It reads the goal the
//! way a coach would on a first pass and says, concretely, which of specific, measurable,
//! achievable, relevant and time-bound look missing, and how to fix each. It is a prompt to
//! sharpen, not a judge: each finding names the words it rests on so the leader can disagree.

use super::words::{content_stems, words};
use serde::Serialize;

/// The five letters, plus "one goal, not several".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    Specific,
    Measurable,
    Achievable,
    Relevant,
    TimeBound,
    OneGoal,
}

impl Criterion {
    pub fn label(self) -> &'static str {
        match self {
            Self::Specific => "Specific",
            Self::Measurable => "Measurable",
            Self::Achievable => "Achievable",
            Self::Relevant => "Relevant",
            Self::TimeBound => "Time-bound",
            Self::OneGoal => "One goal",
        }
    }
}

/// What the checker found for one criterion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Finding {
    pub criterion: Criterion,
    pub ok: bool,
    /// Why, in a sentence that quotes the goal's words.
    pub message: String,
    /// How to fix it (empty when ok).
    pub fix: String,
}

/// Every criterion's finding, in SMART order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SmartReport {
    pub findings: Vec<Finding>,
    /// True when nothing looks missing.
    pub accepted: bool,
}

const VAGUE: &[&str] = &[
    "improve",
    "get better",
    "be better",
    "work on",
    "try to",
    "try and",
    "focus on",
    "develop my",
    "enhance",
    "look at",
    "think about",
    "be more",
    "learn about",
    "explore",
    "understand",
    "consider",
    "aim to",
    "strive",
    "grow my",
    "work towards",
];
const ABSOLUTE: &[&str] = &[
    "always",
    "never",
    "every single",
    "100%",
    "perfect",
    "perfectly",
    "everyone",
    "everybody",
    "all the time",
    "without fail",
];
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "once",
    "twice",
    "half",
    "every",
    "each",
    "weekly",
    "daily",
    "fortnightly",
    "monthly",
    "per",
    "%",
];
const OBSERVABLE: &[&str] = &[
    "so that",
    "measured by",
    "as shown by",
    "feedback from",
    "score",
    "rated",
    "survey",
    "until",
    "without me",
    "on my own",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
const DEADLINES: &[&str] = &[
    "by the end",
    "by end",
    "end of",
    "within",
    "before",
    "until",
    "deadline",
    "next week",
    "next month",
    "next quarter",
    "this quarter",
    "this month",
    "by friday",
    "by monday",
    "q1",
    "q2",
    "q3",
    "q4",
    "weeks",
    "months",
    "days",
];

fn first_found<'a>(haystack: &str, needles: &'a [&str]) -> Option<&'a str> {
    let padded = format!(" {haystack} ");
    needles
        .iter()
        .find(|n| {
            let n = n.to_lowercase();
            if n.chars().all(char::is_alphanumeric) {
                padded.split(|c: char| !c.is_alphanumeric() && c != '%').any(|w| w == n)
            } else {
                padded.contains(&n)
            }
        })
        .copied()
}

fn has_date(text: &str, w: &[String]) -> bool {
    let iso = text.as_bytes().windows(10).any(|b| {
        b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    });
    let slashed = text.split_whitespace().any(|t| {
        let parts: Vec<&str> = t.trim_matches(|c: char| !c.is_ascii_digit()).split('/').collect();
        parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    });
    iso || slashed || w.iter().any(|x| MONTHS.contains(&x.as_str()))
}

/// Sentences (or semicolon-separated clauses) that each carry a goal of their own.
fn goal_clauses(text: &str) -> usize {
    text.split(['.', ';', '!', '?', '\n']).map(str::trim).filter(|c| words(c).len() >= 4).count()
}

/// Checks `goal` against the capability it should serve (and the thread's texts, whose words
/// also count as relevant).
pub fn check_goal(goal: &str, capability: &str, thread: &[&str]) -> SmartReport {
    let lower = goal.to_lowercase();
    let w = words(goal);
    let mut findings = vec![];

    let vague = first_found(&lower, VAGUE);
    let specific_ok = vague.is_none() && w.len() >= 6;
    findings.push(Finding {
        criterion: Criterion::Specific,
        ok: specific_ok,
        message: match vague {
            Some(v) => format!("\"{v}\" says what should change, not what you will do."),
            None if w.len() < 6 => "The goal is too short to say what you will actually do.".to_owned(),
            None => "It names what you will do.".to_owned(),
        },
        fix: if specific_ok {
            String::new()
        } else {
            "Name the action someone could watch you take: ask, hand over, hold, write, stop, say no to.".to_owned()
        },
    });

    let has_digit = goal.chars().any(|c| c.is_ascii_digit());
    let number_word = first_found(&lower, NUMBER_WORDS);
    let observable = first_found(&lower, OBSERVABLE);
    let measurable_ok = has_digit || number_word.is_some() || observable.is_some();
    findings.push(Finding {
        criterion: Criterion::Measurable,
        ok: measurable_ok,
        message: if measurable_ok {
            "It has a number or a sign you could check.".to_owned()
        } else {
            "Nothing in it says how you would know it happened: no number, no observable sign.".to_owned()
        },
        fix: if measurable_ok {
            String::new()
        } else {
            "Add how many or how often (\"in three of my next four one-to-ones\"), or what someone else would notice."
                .to_owned()
        },
    });

    let absolute = first_found(&lower, ABSOLUTE);
    findings.push(Finding {
        criterion: Criterion::Achievable,
        ok: absolute.is_none(),
        message: match absolute {
            Some(a) => format!("\"{a}\" sets a bar that a single slip breaks."),
            None => "Nothing in it asks for perfection.".to_owned(),
        },
        fix: if absolute.is_some() {
            "Name a level you can keep up, such as \"four meetings out of five\", and raise it once it holds."
                .to_owned()
        } else {
            String::new()
        },
    });

    let goal_stems = content_stems(goal);
    let mut about: Vec<String> = content_stems(capability);
    for t in thread {
        about.extend(content_stems(t));
    }
    let shared: Vec<&String> = goal_stems.iter().filter(|s| about.contains(s)).collect();
    let relevant_ok = !shared.is_empty();
    findings.push(Finding {
        criterion: Criterion::Relevant,
        ok: relevant_ok,
        message: if relevant_ok {
            "It speaks of the capability you asked your experts about.".to_owned()
        } else {
            format!("It does not mention \"{}\" or anything the thread says.", capability.trim())
        },
        fix: if relevant_ok {
            String::new()
        } else {
            "Tie it to the capability and to the thread you chose, in their words.".to_owned()
        },
    });

    let deadline = first_found(&lower, DEADLINES);
    let time_ok = has_date(goal, &w) || deadline.is_some() || lower.contains(" by ");
    findings.push(Finding {
        criterion: Criterion::TimeBound,
        ok: time_ok,
        message: if time_ok { "It says by when.".to_owned() } else { "It has no date or deadline.".to_owned() },
        fix: if time_ok {
            String::new()
        } else {
            "Add when: a date (\"by 31 March\") or a span (\"within six weeks\").".to_owned()
        },
    });

    let clauses = goal_clauses(goal);
    let joined = first_found(&lower, &[" and also ", " as well as ", " plus ", " in addition "]);
    let one_ok = clauses <= 1 && joined.is_none();
    findings.push(Finding {
        criterion: Criterion::OneGoal,
        ok: one_ok,
        message: if one_ok {
            "It is one goal.".to_owned()
        } else if clauses > 1 {
            format!("This reads as {clauses} goals in one.")
        } else {
            format!("\"{}\" joins a second goal to the first.", joined.unwrap_or("").trim())
        },
        fix: if one_ok {
            String::new()
        } else {
            "Keep the one the thread points to; move the rest into the action plan as steps.".to_owned()
        },
    });

    let accepted = findings.iter().all(|f| f.ok);
    SmartReport { findings, accepted }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing(goal: &str) -> Vec<Criterion> {
        check_goal(goal, "delegating work I am attached to", &[])
            .findings
            .into_iter()
            .filter(|f| !f.ok)
            .map(|f| f.criterion)
            .collect()
    }

    #[test]
    fn a_sharp_goal_passes() {
        let g = "By 31 March, hand over two pieces of work I am attached to each month and let the owner present the outcome without me.";
        assert!(missing(g).is_empty(), "{:?}", check_goal(g, "delegating work I am attached to", &[]));
    }

    #[test]
    fn each_missing_letter_is_named() {
        assert_eq!(
            missing("Get better at delegating"),
            vec![Criterion::Specific, Criterion::Measurable, Criterion::TimeBound]
        );
        let no_date = missing("Hand over two reports I am attached to every month and stay out of them");
        assert_eq!(no_date, vec![Criterion::TimeBound]);
        assert!(
            missing("Always hand over the work I am attached to, within six weeks, in all 5 teams")
                .contains(&Criterion::Achievable)
        );
        assert_eq!(
            missing("By June, run three budget reviews with the finance team and publish the minutes"),
            vec![Criterion::Relevant]
        );
    }

    #[test]
    fn several_goals_in_one_are_named() {
        let g =
            "By May, hand over two pieces of work each month. Also read three books on strategy and mentor a graduate.";
        assert!(missing(g).contains(&Criterion::OneGoal));
        let report = check_goal(g, "delegating", &[]);
        assert!(report.findings.iter().any(|f| f.message.contains("2 goals")));
    }

    #[test]
    fn the_threads_words_count_as_relevant() {
        let g = "Within six weeks, ask the team for their plan first in four of my five one-to-ones";
        assert!(missing(g).contains(&Criterion::Relevant));
        let thread = ["Ask them for their plan before you give yours"];
        let r = check_goal(g, "delegating", &thread);
        assert!(r.accepted, "{r:?}");
    }

    #[test]
    fn dates_in_several_forms_count() {
        for g in [
            "hand over two reports I am attached to on 2027-03-01",
            "hand over two reports I am attached to, 1/3",
            "hand over two reports I am attached to in April",
        ] {
            assert!(!missing(g).contains(&Criterion::TimeBound), "{g}");
        }
    }
}
