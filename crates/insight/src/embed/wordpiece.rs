//! BERT's uncased WordPiece tokenizer, enough of it to read the vocabulary of all-MiniLM-L6-v2.
//!
//! Written here rather than pulled in with the `tokenizers` crate: the part a static model needs is
//! about a hundred lines (clean, split on whitespace and punctuation, strip accents, lower-case,
//! greedy longest-match), while the crate brings regex engines, rayon and several MB of code.
//! `tests/wordpiece_golden.json`, made with the reference tokenizer by
//! `scripts/insight/wordpiece_golden.py`, checks that both agree.

use crate::InsightError;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// BERT's limit: a longer "word" becomes `[UNK]` (and costs nothing to skip).
const MAX_WORD_CHARS: usize = 100;

/// A piece of text after BERT's basic tokenisation, with its byte range in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreToken {
    pub start: usize,
    pub end: usize,
    /// Lower-cased, accents stripped: the form looked up in the vocabulary.
    pub normalized: String,
}

/// The vocabulary: whole-word pieces and "##" continuation pieces, each mapped to its row.
#[derive(Debug)]
pub struct WordPiece {
    words: HashMap<&'static str, u32>,
    suffixes: HashMap<&'static str, u32>,
}

impl WordPiece {
    /// One token per line, row number = line number. Special tokens (`[CLS]`, `[PAD]`, ...) are
    /// kept out of the maps: they never come out of tokenising text, and a static model gives
    /// them no meaning.
    pub fn parse(vocab: &'static str, rows: usize) -> Result<Self, InsightError> {
        let lines: Vec<&'static str> = vocab.lines().collect();
        if lines.len() != rows {
            return Err(InsightError::Model(format!("vocabulary has {} lines for {rows} vectors", lines.len())));
        }
        let mut words = HashMap::with_capacity(rows);
        let mut suffixes = HashMap::new();
        for (row, token) in lines.into_iter().enumerate() {
            let row = u32::try_from(row).map_err(|_| InsightError::Model("vocabulary too large".into()))?;
            if token.starts_with('[') && token.ends_with(']') && token.len() > 2 {
                continue;
            }
            match token.strip_prefix("##") {
                Some(rest) if !rest.is_empty() => suffixes.insert(rest, row),
                _ => words.insert(token, row),
            };
        }
        Ok(Self { words, suffixes })
    }

    /// Appends the rows of every known piece of `text`. Unknown words are skipped, which is what
    /// `[UNK]` would mean to a static model anyway.
    pub fn token_ids(&self, text: &str, out: &mut Vec<u32>) {
        for token in pre_tokens(text) {
            self.word_ids(&token.normalized, out);
        }
    }

    /// Greedy longest-match-first split of one normalised word; appends nothing when any part of
    /// the word is not in the vocabulary (BERT then emits a single `[UNK]`).
    pub fn word_ids(&self, word: &str, out: &mut Vec<u32>) -> bool {
        let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).chain([word.len()]).collect();
        if bounds.len() - 1 > MAX_WORD_CHARS || word.is_empty() {
            return false;
        }
        let before = out.len();
        let mut start = 0; // index into bounds
        while start < bounds.len() - 1 {
            let map = if start == 0 { &self.words } else { &self.suffixes };
            let found = (start + 1..bounds.len())
                .rev()
                .find_map(|end| map.get(&word[bounds[start]..bounds[end]]).map(|&id| (end, id)));
            match found {
                Some((end, id)) => {
                    out.push(id);
                    start = end;
                }
                None => {
                    out.truncate(before);
                    return false;
                }
            }
        }
        true
    }
}

/// BERT's basic tokeniser: drop control characters, split on whitespace, make every punctuation
/// mark and every CJK ideograph its own token, strip accents and lower-case.
pub fn pre_tokens(text: &str) -> Vec<PreToken> {
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    let flush = |run: &mut Option<usize>, end: usize, out: &mut Vec<PreToken>| {
        if let Some(start) = run.take() {
            push_normalized(text, start, end, out);
        }
    };
    for (i, c) in text.char_indices() {
        if is_ignored(c) {
            // Deleted, not a separator: "zero\u{200B}width" is one word, as in BERT.
            continue;
        } else if is_whitespace(c) {
            flush(&mut run, i, &mut out);
        } else if is_punctuation(c) || is_cjk(c) {
            flush(&mut run, i, &mut out);
            push_normalized(text, i, i + c.len_utf8(), &mut out);
        } else {
            run.get_or_insert(i);
        }
    }
    flush(&mut run, text.len(), &mut out);
    out
}

fn push_normalized(text: &str, start: usize, end: usize, out: &mut Vec<PreToken>) {
    // Control characters inside a run were skipped for the split; drop them from the word too.
    let normalized: String = text[start..end]
        .chars()
        .filter(|&c| !is_ignored(c))
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .flat_map(char::to_lowercase)
        .collect();
    if !normalized.is_empty() {
        out.push(PreToken { start, end, normalized });
    }
}

fn is_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r') || (c.is_whitespace() && !c.is_control())
}

/// Characters BERT deletes: NUL, the replacement character, control and invisible format
/// characters (zero-width joiners, soft hyphens, direction marks, byte-order marks).
fn is_ignored(c: char) -> bool {
    matches!(c, '\0' | '\u{FFFD}' | '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}')
        || matches!(c, '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}')
        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// ASCII symbols count as punctuation for BERT (so "$" and "+" split words), plus the Unicode
/// punctuation blocks that occur in English text: typographic quotes and dashes, ellipsis,
/// guillemets, inverted marks, CJK and full-width punctuation.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '\u{A1}' | '\u{A7}' | '\u{AB}' | '\u{B6}' | '\u{B7}' | '\u{BB}' | '\u{BF}' | '\u{37E}' | '\u{387}'
        )
        || matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{2043}' | '\u{2045}'..='\u{2051}' | '\u{2053}'..='\u{205E}')
        || matches!(c, '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301F}' | '\u{30FB}')
        || matches!(c, '\u{FE50}'..='\u{FE6B}' | '\u{FF01}'..='\u{FF03}' | '\u{FF05}'..='\u{FF0A}' | '\u{FF0C}'..='\u{FF0F}')
        || matches!(c, '\u{FF1A}' | '\u{FF1B}' | '\u{FF1F}' | '\u{FF20}' | '\u{FF3B}'..='\u{FF3D}' | '\u{FF3F}')
        || matches!(c, '\u{FF5B}' | '\u{FF5D}' | '\u{FF5F}'..='\u{FF65}')
}

/// CJK Unified Ideographs and their extensions, as in BERT's `_is_chinese_char`.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F | 0x2B820..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(text: &str) -> Vec<String> {
        pre_tokens(text).into_iter().map(|t| t.normalized).collect()
    }

    #[test]
    fn basic_tokens_split_punctuation_and_strip_accents() {
        assert_eq!(normalized("Don't  PANIC—café, naïve!"), ["don", "'", "t", "panic", "—", "cafe", ",", "naive", "!"]);
        assert_eq!(normalized("日本語 ok"), ["日", "本", "語", "ok"]);
        assert_eq!(normalized("zero\u{200B}width"), ["zerowidth"]);
        let text = "Héllo, world";
        for t in pre_tokens(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
    }

    #[test]
    fn greedy_longest_match() {
        let vocab: &'static str = "[PAD]\nun\n##want\n##wanted\nwant\n##ed\n[UNK]\n";
        let wp = WordPiece::parse(vocab, 7).unwrap();
        let mut ids = Vec::new();
        assert!(wp.word_ids("unwanted", &mut ids));
        assert_eq!(ids, [1, 3]);
        ids.clear();
        assert!(!wp.word_ids("unwantedx", &mut ids));
        assert!(ids.is_empty(), "a word with an unknown part contributes nothing");
        assert!(!wp.word_ids(&"a".repeat(101), &mut ids));
        assert!(WordPiece::parse(vocab, 8).is_err());
    }
}
