//! Hints on the capability a leader names. The method asks for one specific ability; a whole
//! field ("leadership") or a list ("delegation and strategy") blurs the thread the experts'
//! advice can have. These are hints shown beside the field, never refusals.

use super::words::words;

/// Words that each name a whole field rather than one ability.
const FIELDS: &[&str] = &[
    "leadership",
    "management",
    "communication",
    "communicating",
    "skills",
    "confidence",
    "strategy",
    "people",
    "growth",
    "influence",
    "productivity",
    "performance",
    "effectiveness",
    "success",
    "teamwork",
    "everything",
    "career",
    "myself",
    "improvement",
];

/// Hints for `capability`, most important first; empty when it reads as one specific ability.
pub fn hints(capability: &str) -> Vec<String> {
    let mut out = vec![];
    let w = words(capability);
    let lower = capability.to_lowercase();
    let joined = [" and ", " & ", " as well as ", " plus ", ", ", "/", " or "]
        .iter()
        .find(|j| lower.contains(*j))
        .map(|j| j.trim());
    if let Some(j) = joined {
        let parts: Vec<&str> =
            lower.split(if j.is_empty() { " " } else { j }).map(str::trim).filter(|p| !p.is_empty()).collect();
        if parts.len() >= 2 && parts.iter().all(|p| words(p).len() <= 4) {
            out.push(format!(
                "This names several things (\"{}\" and \"{}\"). Choose the one that would change the most in the next 6 to 12 months; the others can wait for another round.",
                parts[0], parts[1]
            ));
        }
    }
    let content: Vec<&String> = w
        .iter()
        .filter(|x| {
            !["my", "the", "a", "an", "of", "be", "better", "more", "good", "at", "to", "being"].contains(&x.as_str())
        })
        .collect();
    if content.len() <= 2 && content.iter().all(|x| FIELDS.contains(&x.as_str())) && !content.is_empty() {
        out.push(format!(
            "\"{}\" is a whole field. Name the one ability within it you would lift first, as something you could watch yourself do: for example \"ending meetings with a decision and an owner\".",
            capability.trim()
        ));
    } else if w.len() < 2 {
        out.push("One word rarely says which ability you mean. Say it as something you do: \"giving feedback that lands\", not \"feedback\".".to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::hints;

    #[test]
    fn a_specific_ability_gets_no_hint() {
        assert!(hints("Delegating work I am attached to").is_empty());
        assert!(hints("Running a meeting that ends in a decision").is_empty());
    }

    #[test]
    fn a_whole_field_is_named_as_such() {
        let h = hints("Leadership");
        assert_eq!(h.len(), 1);
        assert!(h[0].contains("is a whole field"), "{h:?}");
        assert!(hints("better communication")[0].contains("whole field"));
    }

    #[test]
    fn several_things_are_named_as_such() {
        let h = hints("delegation and strategy");
        assert!(h[0].contains("several things") && h[0].contains("\"delegation\""), "{h:?}");
        assert!(hints("networking, decision making")[0].contains("several things"));
    }

    #[test]
    fn a_single_vague_word_gets_a_hint() {
        assert!(hints("feedback")[0].contains("One word"));
    }
}
