//! Small word tools shared by the capability hint and the SMART checker: lower-cased words and a
//! crude stem, enough to tell whether two short texts talk about the same thing. (The insight
//! crate has a real stemmer; the domain stays free of it, and these checks only need "same root".)

/// Lower-cased words of `text` (letters, digits and inner apostrophes).
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Words too common to say what a text is about.
const STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "my", "me", "i",
    "i'm", "we", "our", "us", "you", "your", "it", "its", "is", "are", "be", "been", "being", "was", "were", "will",
    "would", "should", "can", "could", "do", "does", "did", "have", "has", "had", "this", "that", "these", "those",
    "so", "as", "more", "most", "less", "than", "then", "into", "out", "up", "about", "over", "each", "every", "all",
    "any", "some", "no", "not", "how", "what", "when", "who", "which", "why", "where", "get", "make", "better",
    "really", "very", "just", "also", "own", "one", "two", "three", "them", "they", "their", "he", "she", "his", "her",
    "week", "weeks", "month", "months", "day", "days", "time", "end", "next", "least", "by",
];

/// Content words of `text`, stemmed.
pub(crate) fn content_stems(text: &str) -> Vec<String> {
    words(text).into_iter().filter(|w| !STOP.contains(&w.as_str()) && w.len() > 2).map(|w| stem(&w)).collect()
}

/// A crude stem: common English endings off, then at most five letters ("delegating",
/// "delegation" and "delegate" all become "deleg"). Good enough to match roots, never shown.
pub(crate) fn stem(word: &str) -> String {
    let mut w = word.to_lowercase();
    for suffix in
        ["ations", "ation", "ings", "ing", "ions", "ion", "ments", "ment", "ness", "ies", "ied", "ed", "es", "ly", "s"]
    {
        if w.len() > suffix.len() + 3 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            break;
        }
    }
    w.chars().take(5).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_match_across_forms() {
        assert_eq!(stem("delegating"), stem("delegation"));
        assert_eq!(stem("delegate"), stem("delegated"));
        assert_eq!(stem("feedback"), stem("Feedback"));
        assert_eq!(words("Don't stop, it's 2 o’clock!"), vec!["don't", "stop", "it's", "2", "o’clock"]);
        assert_eq!(content_stems("The art of delegating"), vec!["art".to_owned(), "deleg".to_owned()]);
    }
}
