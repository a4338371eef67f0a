//! Text in pictures: escaping for XML, the width a string takes in the bundled font, and wrapping
//! to a width. Widths come from the advance table of DejaVu Sans (the font the PNG renderer uses
//! and the first the SVG asks for); DejaVu is among the widest sans-serif faces, so text laid out
//! for it also fits in the narrower faces a browser may fall back to.

/// Escapes text for XML content and attribute values, and replaces characters XML 1.0 cannot
/// carry (most control characters) with U+FFFD, so no input can break the document.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Units per em of the advance tables below.
const UNITS_PER_EM: f64 = 2048.0;
/// Browsers round and kern differently; a few percent of room keeps measured text inside its box.
const SLACK: f64 = 1.04;

/// Advances of U+0020..=U+007E in DejaVu Sans.
const ASCII: [u16; 95] = [
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303, 1303, 1303,
    1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587,
    1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403,
    799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298,
    1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
];

/// Advances of U+00A0..=U+00FF in DejaVu Sans.
const LATIN1: [u16; 96] = [
    651, 821, 1303, 1303, 1303, 1303, 690, 1024, 1024, 2048, 965, 1253, 1716, 739, 2048, 1024, 1024, 1716, 821, 821,
    1024, 1303, 1303, 651, 1024, 821, 965, 1253, 1985, 1985, 1985, 1087, 1401, 1401, 1401, 1401, 1401, 1401, 1995,
    1430, 1294, 1294, 1294, 1294, 604, 604, 604, 604, 1587, 1532, 1612, 1612, 1612, 1612, 1612, 1716, 1612, 1499, 1499,
    1499, 1499, 1251, 1239, 1290, 1255, 1255, 1255, 1255, 1255, 1255, 2011, 1126, 1260, 1260, 1260, 1260, 569, 569,
    569, 569, 1253, 1298, 1253, 1253, 1253, 1253, 1253, 1716, 1253, 1298, 1298, 1298, 1298, 1212, 1300, 1212,
];

/// Other letters (Latin extended, Greek, Cyrillic) average about 1300-1420 units in DejaVu Sans;
/// this is on the wide side of that.
const OTHER: u16 = 1500;
/// Ideographs, Hangul and full-width forms take a whole em.
const WIDE: u16 = 2048;

fn advance(c: char) -> u16 {
    let code = c as u32;
    match code {
        0x20..=0x7E => ASCII[(code - 0x20) as usize],
        0xA0..=0xFF => LATIN1[(code - 0xA0) as usize],
        // Combining marks sit on the previous letter.
        0x0300..=0x036F => 0,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 => {
            WIDE
        }
        0x1F300..=0x1FAFF | 0x20000..=0x3FFFD => WIDE,
        _ => OTHER,
    }
}

/// The width of `text` at `font_size`, in the same units as the font size.
pub fn text_width(text: &str, font_size: f64) -> f64 {
    let units: u32 = text.chars().map(|c| u32::from(advance(c))).sum();
    f64::from(units) / UNITS_PER_EM * font_size * SLACK
}

/// Splits `text` into at most `max_lines` lines no wider than `max_width`. Words wrap at spaces;
/// a word too long for a line breaks after a hyphen or slash if it has one, otherwise anywhere,
/// with a hyphen added. Text that still does not fit ends with "…" (the full text is always in
/// the picture's description and table).
pub fn wrap(text: &str, font_size: f64, max_width: f64, max_lines: usize) -> Vec<String> {
    let fits = |s: &str| text_width(s, font_size) <= max_width;
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() { word.to_owned() } else { format!("{current} {word}") };
        if fits(&candidate) {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        let mut rest = word;
        while !fits(rest) {
            let (head, tail) = split_word(rest, &fits);
            lines.push(head);
            rest = tail;
        }
        current = rest.to_owned();
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = with_ellipsis(last, &fits);
        }
    }
    lines
}

/// The longest head of `word` that fits, preferring a break after '-' or '/'.
fn split_word<'a>(word: &'a str, fits: &dyn Fn(&str) -> bool) -> (String, &'a str) {
    let boundaries: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(1).collect();
    let natural = boundaries
        .iter()
        .rev()
        .find(|&&i| word[..i].ends_with(['-', '/']) && fits(&word[..i]))
        .map(|&i| (word[..i].to_owned(), &word[i..]));
    if let Some(split) = natural {
        return split;
    }
    let forced = boundaries.iter().rev().find(|&&i| fits(&format!("{}-", &word[..i])));
    match forced {
        Some(&i) => (format!("{}-", &word[..i]), &word[i..]),
        // Not even one letter and a hyphen fit: take one letter so the loop always advances.
        None => {
            let first = boundaries.first().copied().unwrap_or(word.len());
            (word[..first].to_owned(), &word[first..])
        }
    }
}

fn with_ellipsis(line: &str, fits: &dyn Fn(&str) -> bool) -> String {
    let mut kept: String = line.trim_end_matches('-').to_owned();
    loop {
        let candidate = format!("{}…", kept.trim_end());
        if fits(&candidate) || kept.is_empty() {
            return candidate;
        }
        kept.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\nd"), "a\u{FFFD}b\u{FFFD}c d");
        assert_eq!(escape("Ünïcødé ✓ 中文"), "Ünïcødé ✓ 中文");
    }

    #[test]
    fn widths_follow_the_font() {
        assert!(text_width("WWW", 10.0) > text_width("iii", 10.0) * 2.0);
        assert!((text_width("x", 2048.0 / SLACK) - 1212.0).abs() < 1e-6);
        assert_eq!(text_width("", 14.0), 0.0);
        assert!(text_width("中", 10.0) > text_width("a", 10.0));
    }

    #[test]
    fn wraps_words_and_breaks_long_ones() {
        let lines = wrap("Developing the vision of tomorrow", 14.0, 120.0, 3);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 14.0) <= 120.0), "{lines:?}");
        assert_eq!(lines.join(" "), "Developing the vision of tomorrow");

        let lines = wrap(&"W".repeat(40), 14.0, 120.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[0].ends_with('-'));
        assert!(lines[2].ends_with('…'));
        assert!(lines.iter().all(|l| text_width(l, 14.0) <= 120.0), "{lines:?}");

        let lines = wrap("Stakeholder-relations/partnerships", 14.0, 130.0, 3);
        assert_eq!(lines[0], "Stakeholder-");

        assert_eq!(wrap("Vision", 14.0, 120.0, 3), ["Vision"]);
        assert!(wrap("   ", 14.0, 120.0, 3).is_empty());
        // A width narrower than one letter still terminates.
        assert_eq!(wrap("abc", 14.0, 1.0, 9).len(), 3);
    }
}
