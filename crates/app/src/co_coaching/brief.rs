//! The "thinking so far" brief is Markdown, shown to every participant: rendered by the one
//! Markdown function of the app (`crate::markdown`), which escapes raw HTML and keeps only web
//! and mail links.

/// The brief as HTML, safe to put in a page as it is.
pub fn render(markdown: &str) -> String {
    crate::markdown::to_safe_html(markdown)
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn a_hostile_brief_renders_harmless() {
        let html = render("## Plan\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) **ok**");
        assert!(html.starts_with("<h3>Plan</h3>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("<strong>ok</strong>"), "{html}");
    }
}
