//! A small SVG writer. Every piece of text that may come from a person passes through
//! [`escape`] here, in one place; attribute values other than text are numbers and constants of
//! this crate.

use crate::geometry::{Rect, n};
use crate::labels::Anchor;
use crate::text::escape;
use crate::theme::{Palette, Theme};

/// The font stack: the bundled face first (the PNG renderer has only it), then faces of similar
/// width a browser is likely to have.
pub(crate) const FONT_FAMILY: &str = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif";
/// Line height as a multiple of the font size.
pub(crate) const LINE_HEIGHT: f64 = 1.25;
/// From the top of a line box to its baseline, as a multiple of the font size (DejaVu's ascent,
/// centred in the line height).
const BASELINE: f64 = 0.97;

/// A colour role: a CSS class for `Auto` pictures and a fixed colour for the attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tone {
    Fg,
    Muted,
    Spent,
    Wished,
    Look,
    BadgeText,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Self::Fg => "ck-fg",
            Self::Muted => "ck-muted",
            Self::Spent => "ck-spent-text",
            Self::Wished => "ck-wished-text",
            Self::Look => "ck-look",
            Self::BadgeText => "ck-badge-text",
        }
    }

    fn colour(self, p: &Palette) -> &'static str {
        match self {
            Self::Fg => p.fg,
            Self::Muted => p.muted,
            Self::Spent => p.spent,
            Self::Wished => p.wished,
            Self::Look => p.look,
            Self::BadgeText => p.badge_text,
        }
    }
}

/// A run of text in one tone.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Span {
    pub text: String,
    pub tone: Tone,
}

impl Span {
    pub fn new(text: impl Into<String>, tone: Tone) -> Self {
        Self { text: text.into(), tone }
    }
}

/// One line of a text block.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Line {
    pub spans: Vec<Span>,
    pub size: f64,
}

impl Line {
    pub fn plain(text: impl Into<String>, tone: Tone, size: f64) -> Self {
        Self { spans: vec![Span::new(text, tone)], size }
    }

    pub fn width(&self) -> f64 {
        self.spans.iter().map(|s| crate::text::text_width(&s.text, self.size)).sum()
    }

    pub fn height(&self) -> f64 {
        self.size * LINE_HEIGHT
    }
}

/// The size of a block of lines.
pub(crate) fn block_size(lines: &[Line]) -> (f64, f64) {
    (lines.iter().map(Line::width).fold(0.0, f64::max), lines.iter().map(Line::height).sum())
}

/// Writes SVG elements into a string.
pub(crate) struct Writer {
    out: String,
    pub palette: Palette,
}

impl Writer {
    pub fn new(theme: Theme) -> Self {
        Self { out: String::new(), palette: theme.palette() }
    }

    pub fn finish(self) -> String {
        self.out
    }

    /// Appends markup built by this crate (never text from a person).
    pub fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// A `<path>`; `attrs` are further constant attributes of this crate.
    pub fn path(&mut self, class: &str, d: &str, attrs: &str) {
        self.out.push_str(&format!("<path class=\"{class}\" d=\"{d}\" {attrs}/>"));
    }

    pub fn circle(&mut self, class: &str, cx: f64, cy: f64, r: f64, attrs: &str) {
        self.out.push_str(&format!(
            "<circle class=\"{class}\" cx=\"{}\" cy=\"{}\" r=\"{}\" {attrs}/>",
            n(cx),
            n(cy),
            n(r)
        ));
    }

    pub fn line(&mut self, class: &str, from: (f64, f64), to: (f64, f64), attrs: &str) {
        self.out.push_str(&format!(
            "<line class=\"{class}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {attrs}/>",
            n(from.0),
            n(from.1),
            n(to.0),
            n(to.1)
        ));
    }

    pub fn rect(&mut self, class: &str, r: &Rect, attrs: &str) {
        self.out.push_str(&format!(
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {attrs}/>",
            n(r.x),
            n(r.y),
            n(r.w),
            n(r.h)
        ));
    }

    /// One line of text with its baseline at `y`; `extra` adds constant attributes.
    pub fn text(&mut self, x: f64, y: f64, anchor: Anchor, line: &Line, extra: &str) {
        let mut spans = String::new();
        for span in &line.spans {
            spans.push_str(&format!(
                "<tspan class=\"{}\" fill=\"{}\">{}</tspan>",
                span.tone.class(),
                span.tone.colour(&self.palette),
                escape(&span.text)
            ));
        }
        self.out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{}\" {extra}>{spans}</text>",
            n(x),
            n(y),
            n(line.size),
            anchor.as_str()
        ));
    }

    /// A block of lines laid out from the top of `rect`, anchored as `anchor` says.
    pub fn block(&mut self, rect: &Rect, anchor: Anchor, lines: &[Line]) {
        let x = anchor.x_in(rect);
        let mut top = rect.y;
        for line in lines {
            self.text(x, top + line.size * BASELINE, anchor, line, "");
            top += line.height();
        }
    }
}

/// Keeps only characters safe in an XML id, so a caller's prefix cannot break the markup, and
/// makes sure it starts with a letter.
pub(crate) fn id_prefix(raw: &str) -> String {
    let cleaned: String =
        raw.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).take(40).collect();
    if cleaned.starts_with(|c: char| c.is_ascii_alphabetic()) { cleaned } else { format!("ck-{cleaned}") }
}

/// The opening of a picture: root element with its accessible name and description, the style
/// sheet of an `Auto` picture, and the background. The frame is widened to whole pixels.
pub(crate) fn open_root(w: &mut Writer, theme: Theme, frame: &Rect, ids: &str, title: &str, desc: &str, kind: &str) {
    let (x, y) = (frame.x.floor(), frame.y.floor());
    let frame = Rect::new(x, y, (frame.right() - x).ceil(), (frame.bottom() - y).ceil());
    w.raw(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ck-chart {kind}\" role=\"img\" \
         aria-labelledby=\"{ids}-title {ids}-desc\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\" \
         font-family=\"{FONT_FAMILY}\">",
        n(frame.x),
        n(frame.y),
        n(frame.w),
        n(frame.h),
        n(frame.w),
        n(frame.h)
    ));
    w.raw(&format!("<title id=\"{ids}-title\">{}</title>", escape(title)));
    w.raw(&format!("<desc id=\"{ids}-desc\">{}</desc>", escape(desc)));
    w.raw(&theme.style_element());
    let bg = w.palette.bg;
    w.rect("ck-bg", &frame, &format!("fill=\"{bg}\""));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_made_safe() {
        assert_eq!(id_prefix("wheel-2"), "wheel-2");
        assert_eq!(id_prefix("\"><script>"), "script");
        assert_eq!(id_prefix("9x"), "ck-9x");
        assert_eq!(id_prefix(""), "ck-");
    }

    #[test]
    fn text_is_escaped_in_spans() {
        let mut w = Writer::new(Theme::Light);
        w.text(0.0, 0.0, Anchor::Start, &Line::plain("<b>&'\"", Tone::Fg, 12.0), "");
        let out = w.finish();
        assert!(out.contains("&lt;b&gt;&amp;&apos;&quot;"), "{out}");
        assert!(!out.contains("<b>"));
    }
}
