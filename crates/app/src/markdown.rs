//! Markdown written by people (an engagement's "thinking so far" brief) turned into HTML that is
//! safe to put in a page as it is. Parsing is pulldown-cmark's (CommonMark, maintained, no
//! network); what we decide is what may come out of it:
//! - raw HTML typed in the text (blocks or inline) is shown as text, escaped, never passed through;
//! - links keep their target only for http(s) and mailto addresses; any other target (javascript:,
//!   data:, relative paths) leaves just the link's words;
//! - images show their description only, so a page never loads an address someone typed;
//! - headings start at level 3, under the page's own title and sections.
//!
//! Every place that shows Markdown calls [`to_safe_html`], so there is one set of rules.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};

/// Whether a link may keep its target: web and mail addresses only.
fn allowed_target(link_type: LinkType, url: &str) -> bool {
    if link_type == LinkType::Email {
        // An autolinked address (`<someone@example.org>`): the writer adds the mailto: itself.
        return true;
    }
    let url = url.trim().to_ascii_lowercase();
    url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:")
}

/// Headings one to six become three to six.
fn demoted(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// The Markdown as HTML with the rules above.
pub fn to_safe_html(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    // Links and images nest; for each one open, whether its end tag is kept.
    let mut open_links: Vec<bool> = vec![];
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        // A block of raw HTML reads as a paragraph of text.
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let keep = allowed_target(link_type, &dest_url);
            open_links.push(keep);
            keep.then_some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
        }
        Event::End(TagEnd::Link) => open_links.pop().unwrap_or(false).then_some(Event::End(TagEnd::Link)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Some(Event::Start(Tag::Heading { level: demoted(level), id, classes, attrs }))
        }
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(demoted(level)))),
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn the_marks_a_brief_needs() {
        let html = to_safe_html("# Where we are\nTwo **very** different places, *one* problem.\n\n- first\n- second");
        assert_eq!(
            html,
            "<h3>Where we are</h3>\n<p>Two <strong>very</strong> different places, <em>one</em> problem.</p>\n\
             <ul>\n<li>first</li>\n<li>second</li>\n</ul>\n"
        );
        assert_eq!(
            to_safe_html("see [notes](https://example.org/a) or <mailto:team@example.org>"),
            "<p>see <a href=\"https://example.org/a\">notes</a> or <a href=\"mailto:team@example.org\">mailto:team@example.org</a></p>\n"
        );
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_safe_html("<script>alert(1)</script>\n\nHello <img src=x onerror=alert(1)> there");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "{html}");
    }

    #[test]
    fn only_web_and_mail_links_keep_their_target() {
        for hostile in [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x]( javascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "[x](vbscript:msgbox)",
            "[x](/relative/path)",
            "<javascript:alert(1)>",
        ] {
            let html = to_safe_html(hostile);
            assert!(!html.contains("<a"), "{hostile} gave {html}");
            assert!(!html.to_lowercase().contains("href"), "{hostile} gave {html}");
        }
        // The words of a refused link stay.
        assert_eq!(to_safe_html("[the plan](javascript:go())"), "<p>the plan</p>\n");
    }

    #[test]
    fn attributes_cannot_be_smuggled_in() {
        let html =
            to_safe_html("[y](https://a.example/\"onmouseover=\"x) [z](https://a.example/ \"t\\\" onclick=\\\"x\")");
        assert!(!html.contains("\"onmouseover"), "{html}");
        assert!(!html.contains("\" onclick"), "{html}");
        // Images never load: only their description is shown.
        assert_eq!(to_safe_html("![a chart](https://tracker.example/p.png)"), "<p>a chart</p>\n");
        // Heading attributes are not read (the option is off).
        assert!(!to_safe_html("# Title {#x onclick=y}").contains("id="));
    }
}
