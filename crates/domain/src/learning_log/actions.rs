//! Turning an answer into journal actions: "stop, start, continue" becomes up to three actions,
//! one for each verb the participant used; any other answer becomes one.

use crate::journal::limits::ACTION;

const VERBS: [&str; 3] = ["stop", "start", "continue"];

/// The actions an answer proposes, each trimmed, capitalised and within the action's length.
pub fn actions_from_answer(answer: &str) -> Vec<String> {
    let starts = clause_starts(answer);
    let pieces: Vec<&str> = if starts.len() >= 2 {
        starts
            .iter()
            .enumerate()
            .map(|(i, &s)| &answer[s..starts.get(i + 1).copied().unwrap_or(answer.len())])
            .collect()
    } else {
        vec![answer]
    };
    pieces.into_iter().map(tidy).filter(|p| !p.is_empty()).collect()
}

/// Byte offsets where a clause opens with one of the three verbs: at the start, or after a
/// comma, semicolon, full stop, newline or "and".
fn clause_starts(text: &str) -> Vec<usize> {
    let lower = text.to_lowercase();
    // Lowercasing can change byte lengths outside ASCII; then fall back to one action.
    if lower.len() != text.len() {
        return vec![];
    }
    let mut out = vec![];
    for verb in VERBS {
        let mut from = 0;
        while let Some(i) = lower[from..].find(verb).map(|i| i + from) {
            let before = lower[..i].trim_end_matches([' ', '\t']);
            let after = lower[i + verb.len()..].chars().next();
            let opens = before.is_empty()
                || before.ends_with([',', ';', '.', ':', '\n', '-'])
                || before.ends_with(" and")
                || before.trim_end().is_empty()
                || before == "and";
            let whole_word = after.is_none_or(|c| !c.is_alphanumeric());
            if opens && whole_word {
                out.push(i);
            }
            from = i + verb.len();
        }
    }
    out.sort_unstable();
    out
}

fn tidy(piece: &str) -> String {
    let mut p = piece.trim().trim_end_matches([',', ';', '.', ' ', '\n']).trim();
    if let Some(rest) = p.strip_suffix(" and") {
        p = rest.trim_end_matches([',', ' ']);
    }
    let mut chars = p.chars();
    let s: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
    if s.chars().count() > ACTION { s.chars().take(ACTION - 1).collect::<String>() + "…" } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_verbs_make_three_actions() {
        let a = actions_from_answer(
            "Stop giving my own answer first, start asking what she has already tried, and continue closing with a next step.",
        );
        assert_eq!(
            a,
            [
                "Stop giving my own answer first",
                "Start asking what she has already tried",
                "Continue closing with a next step"
            ]
        );
    }

    #[test]
    fn verbs_inside_words_or_mid_clause_do_not_split() {
        let a = actions_from_answer("I will restart the weekly one-to-ones and not stop them when it gets busy.");
        assert_eq!(a, ["I will restart the weekly one-to-ones and not stop them when it gets busy"]);
        let a = actions_from_answer("stop: interrupting\nstart: summarising\n");
        assert_eq!(a, ["Stop: interrupting", "Start: summarising"]);
        assert!(actions_from_answer("   ").is_empty());
    }

    #[test]
    fn long_answers_are_cut_to_an_action() {
        let long = "x".repeat(ACTION + 50);
        let a = actions_from_answer(&long);
        assert_eq!(a[0].chars().count(), ACTION);
    }
}
