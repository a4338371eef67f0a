//! Plain-text helpers shared by every method: length limits, words with their positions (for
//! highlighting), and the English stopword list.
//!
//! Words are found on the original text so that every highlight is a byte range the page can mark
//! without re-tokenising.

use crate::InsightError;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Longest text the engine reads, in characters. Static embeddings are linear in the length, so
/// this is not about speed: advice or a challenge longer than a few pages is a paste accident, and
/// refusing it with a clear message is kinder than finding a "thread" in a pasted document.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Refuses a text longer than [`MAX_TEXT_CHARS`].
pub fn check_length(id: &str, text: &str) -> Result<(), InsightError> {
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(InsightError::TextTooLong { id: id.to_owned(), chars, limit: MAX_TEXT_CHARS });
    }
    Ok(())
}

/// True when a text has nothing to read (empty or only whitespace).
pub fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// A word of a text: the slice and its byte range in the original string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// The words of a text: runs of letters and digits, keeping an apostrophe inside a word
/// ("don't", "team’s") so that contractions stay one word.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_apostrophe =
            (c == '\'' || c == '’') && start.is_some() && chars.peek().is_some_and(|(_, next)| next.is_alphanumeric());
        if c.is_alphanumeric() || inner_apostrophe {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Word { text: &text[s..i], start: s, end: i });
        }
    }
    if let Some(s) = start {
        out.push(Word { text: &text[s..], start: s, end: text.len() });
    }
    out
}

/// Lower-cased word with typographic apostrophes made plain, the form the word lists use.
pub fn fold(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

/// "a", "a and b", "a, b and c": a list in a sentence.
pub(crate) fn join_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {}", rest.join(", "), last),
    }
}

/// Each word in typographic double quotes, for sentences that name words.
pub(crate) fn quoted<S: AsRef<str>>(words: &[S]) -> Vec<String> {
    words.iter().map(|w| format!("\u{201c}{}\u{201d}", w.as_ref())).collect()
}

/// True for English function words that carry no theme ("the", "your", "would").
/// `word` must already be folded with [`fold`].
pub fn is_stopword(word: &str) -> bool {
    stopwords().contains(word)
}

// Function words, common adverbs and a few advice-giving fillers ("make sure", "try") that every
// expert uses and so say nothing about a theme. Kept as text so that the list reads as a list.
const STOPWORDS: &str = "\
a about above after again against all almost already also although always am an and any anything \
anyway are as at be because been before being below between both but by can can't could did do does \
doing don't down during e each eg either etc even ever every everyone everything few for from \
further g get gets getting go got had has have having he her here hers herself him himself his how \
however i i'm ie if in instead into is isn't it it's its itself just least less let lets like make \
makes many may me might more most much must my myself no nor not now of off often on once one only \
or other others our ours ourselves out over own perhaps quite rather really s same she should so \
some someone something still such sure t than that that's the their theirs them themselves then \
there these they they're thing things this those though through to too try under until up us \
usually very want was we were what whatever when whenever where whether which while who whoever \
whom why will with within without won't would yet you you'll you're your yours yourself yourselves";

fn stopwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.split_ascii_whitespace().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_folded_words() {
        assert!(stopwords().iter().all(|w| *w == fold(w) && !w.is_empty()));
        assert!(is_stopword("the") && is_stopword("don't") && !is_stopword("trust"));
    }

    #[test]
    fn words_keep_positions_and_contractions() {
        let text = "Don’t redo their work—trust them, 100%!";
        let found: Vec<&str> = words(text).iter().map(|w| w.text).collect();
        assert_eq!(found, ["Don’t", "redo", "their", "work", "trust", "them", "100"]);
        for w in words(text) {
            assert_eq!(&text[w.start..w.end], w.text);
        }
        assert_eq!(fold("Don’t"), "don't");
    }

    #[test]
    fn words_of_odd_text_do_not_panic() {
        assert!(words("").is_empty());
        assert!(words("🙂🙂 --- ''").is_empty());
        assert_eq!(words("日本語のテキスト").len(), 1);
        assert_eq!(words("'quoted'").iter().map(|w| w.text).collect::<Vec<_>>(), ["quoted"]);
    }

    #[test]
    fn length_limit_is_a_clear_error() {
        assert!(check_length("A1", &"a".repeat(MAX_TEXT_CHARS)).is_ok());
        let err = check_length("A1", &"a".repeat(MAX_TEXT_CHARS + 1)).unwrap_err();
        assert!(err.to_string().contains("A1") && err.to_string().contains("limit"));
    }
}
