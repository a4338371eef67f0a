//! The "thinking so far" brief is Markdown. No Markdown renderer is in the build yet, so this is
//! the small part of it a brief needs, written to be safe by construction: every character of
//! the text is HTML-escaped first, and only then are the few marks (headings, lists, bold,
//! emphasis, links to http(s) addresses) turned into tags. Raw HTML in a brief shows as text.

/// Escapes the five characters that matter in HTML text and attributes.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Bold, emphasis and links inside one escaped line.
fn inline(escaped: &str) -> String {
    let bold = pairs(escaped, "**", "strong");
    let em = pairs(&bold, "*", "em");
    links(&em)
}

/// Replaces matched `mark…mark` with `<tag>…</tag>`; an unmatched mark stays as typed.
fn pairs(s: &str, mark: &str, tag: &str) -> String {
    let parts: Vec<&str> = s.split(mark).collect();
    if parts.len() < 3 {
        return s.to_owned();
    }
    let mut out = String::new();
    let closed = (parts.len() - 1) / 2 * 2;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            if i <= closed {
                out.push_str(&if i % 2 == 1 { format!("<{tag}>") } else { format!("</{tag}>") });
            } else {
                out.push_str(mark);
            }
        }
        out.push_str(p);
    }
    out
}

/// `[text](https://…)` as a link; other schemes (javascript:, data:) stay as text.
fn links(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else { break };
        let target_start = &after[close + 2..];
        let Some(end) = target_start.find(')') else { break };
        let (text, url) = (&after[..close], &target_start[..end]);
        out.push_str(&rest[..open]);
        if (url.starts_with("https://") || url.starts_with("http://")) && !url.contains(' ') {
            out.push_str(&format!("<a href=\"{url}\" rel=\"nofollow noopener\">{text}</a>"));
        } else {
            out.push_str(&rest[open..open + 1 + close + 2 + end + 1]);
        }
        rest = &target_start[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The brief as HTML, safe to put in a page as it is.
pub fn render(markdown: &str) -> String {
    let mut out = String::new();
    let mut list: Option<&str> = None;
    let mut paragraph: Vec<String> = vec![];
    let flush = |out: &mut String, paragraph: &mut Vec<String>| {
        if !paragraph.is_empty() {
            out.push_str(&format!("<p>{}</p>", paragraph.join(" ")));
            paragraph.clear();
        }
    };
    for raw in markdown.lines() {
        let line = raw.trim();
        let item = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")).map(|t| ("ul", t)).or_else(|| {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            (digits > 0).then(|| line[digits..].strip_prefix(". ").map(|t| ("ol", t))).flatten()
        });
        if let Some((kind, text)) = item {
            flush(&mut out, &mut paragraph);
            if list != Some(kind) {
                if let Some(open) = list {
                    out.push_str(&format!("</{open}>"));
                }
                out.push_str(&format!("<{kind}>"));
                list = Some(kind);
            }
            out.push_str(&format!("<li>{}</li>", inline(&escape(text))));
            continue;
        }
        if let Some(open) = list.take() {
            out.push_str(&format!("</{open}>"));
        }
        if line.is_empty() {
            flush(&mut out, &mut paragraph);
        } else if let Some(h) =
            line.strip_prefix("### ").or_else(|| line.strip_prefix("## ")).or_else(|| line.strip_prefix("# "))
        {
            flush(&mut out, &mut paragraph);
            out.push_str(&format!("<h3>{}</h3>", inline(&escape(h))));
        } else {
            paragraph.push(inline(&escape(line)));
        }
    }
    if let Some(open) = list {
        out.push_str(&format!("</{open}>"));
    }
    flush(&mut out, &mut paragraph);
    out
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn the_marks_a_brief_needs() {
        let html = render(
            "# Where we are\nTwo **very** different places,\n*one* problem.\n\n- first\n- second\n\n1. one\n2. two",
        );
        assert_eq!(
            html,
            "<h3>Where we are</h3><p>Two <strong>very</strong> different places, <em>one</em> problem.</p>\
             <ul><li>first</li><li>second</li></ul><ol><li>one</li><li>two</li></ol>"
        );
        assert_eq!(
            render("see [notes](https://example.org/a)"),
            "<p>see <a href=\"https://example.org/a\" rel=\"nofollow noopener\">notes</a></p>"
        );
    }

    #[test]
    fn nothing_typed_becomes_markup() {
        let html =
            render("<script>alert(1)</script> [x](javascript:alert(1)) [y](https://a.example/\"onmouseover=\"x)");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(!html.contains("\"onmouseover"), "{html}");
        assert_eq!(render("a * b"), "<p>a * b</p>");
    }
}
