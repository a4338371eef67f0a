//! A case study drawn from a log: what it takes to publish one, and anonymising the coachee.

/// What is missing before a case study may be published, in words for its author; empty when it may.
pub fn publish_blockers(
    author_consented: bool,
    coachee_has_account: bool,
    coachee_consented: bool,
) -> Vec<&'static str> {
    let mut out = vec![];
    if !author_consented {
        out.push("you have not yet agreed to publish it");
    }
    if coachee_has_account && !coachee_consented {
        out.push("your coachee has not yet agreed to it");
    }
    out
}

/// Replaces the coachee's full name, and then each part of it of three letters or more, with
/// `alias`, matching whole words regardless of case. A name the author wrote differently (a
/// nickname) is theirs to catch: the draft is shown before anything is published.
pub fn anonymise(text: &str, name: &str, alias: &str) -> String {
    let mut out = replace_word(text, name.trim(), alias);
    for part in name.split_whitespace().filter(|p| p.chars().count() >= 3) {
        out = replace_word(&out, part, alias);
    }
    out
}

fn replace_word(text: &str, word: &str, alias: &str) -> String {
    if word.is_empty() {
        return text.to_owned();
    }
    let lower = text.to_lowercase();
    let target = word.to_lowercase();
    if lower.len() != text.len() {
        // Byte offsets would not line up; match case-sensitively instead.
        return text.replace(word, alias);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut from = 0;
    while let Some(i) = lower[from..].find(&target).map(|i| i + from) {
        let end = i + target.len();
        let before_ok = text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            out.push_str(&text[last..i]);
            out.push_str(&at_sentence_start(&text[..i], alias));
            last = end;
        }
        from = end;
    }
    out.push_str(&text[last..]);
    out
}

/// The alias with a capital letter where it opens a sentence ("An account manager asked...").
fn at_sentence_start(before: &str, alias: &str) -> String {
    let opens =
        before.trim_end_matches([' ', '\t']).chars().next_back().is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n'));
    let mut chars = alias.chars();
    match chars.next() {
        Some(first) if opens => first.to_uppercase().chain(chars).collect(),
        _ => alias.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_rules() {
        assert!(publish_blockers(true, false, false).is_empty());
        assert!(publish_blockers(true, true, true).is_empty());
        assert_eq!(publish_blockers(true, true, false).len(), 1);
        assert_eq!(publish_blockers(false, true, false).len(), 2);
    }

    #[test]
    fn names_become_the_alias_as_whole_words() {
        let t = "Mei Lin asked. Later mei said Lin's plan worked; Linnea stayed.";
        assert_eq!(
            anonymise(t, "Mei Lin", "my coachee"),
            "My coachee asked. Later my coachee said my coachee's plan worked; Linnea stayed."
        );
        assert_eq!(
            anonymise("Then. Mei left.\nMei came back.", "Mei", "an analyst"),
            "Then. An analyst left.\nAn analyst came back."
        );
        assert_eq!(anonymise("Dana Kowalski was there", "Dana Kowalski", "A."), "A. was there");
        assert_eq!(anonymise("no name", "", "x"), "no name");
    }
}
