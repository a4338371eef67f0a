//! Colours. Every mark carries a CSS class *and* presentation attributes with concrete colours:
//!
//! - [`Theme::Auto`] is for pages and SVG downloads. Attributes hold the light colours; a style
//!   sheet inside the SVG maps the classes to custom properties (`--ck-fg`, `--ck-arc`...) that
//!   change with `prefers-color-scheme: dark` and for print, and that a page may override. Browsers
//!   let CSS win over attributes. The rules sit inside `@media` blocks, which the PNG renderer
//!   skips, so it falls back to the attributes instead of guessing at `var()`.
//! - [`Theme::Light`], [`Theme::Dark`] and [`Theme::Print`] fix the colours in attributes only:
//!   for PNG files, which have no media queries.
//!
//! Every picture paints its own background (class `ck-bg`), so light text never lands on a white
//! page in dark mode when the SVG is opened on its own; a page that embeds it may set
//! `--ck-bg: transparent`.
//!
//! Time spent and time wished differ by shape as well as colour (solid against outlined), so they
//! stay apart in print and for readers who do not tell the colours apart.

/// Which colours a picture uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follows the reader's light or dark preference and prints in black and white.
    #[default]
    Auto,
    Light,
    Dark,
    /// Black on white, for paper.
    Print,
}

/// The colours of one theme, as CSS colour strings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Palette {
    pub bg: &'static str,
    pub fg: &'static str,
    pub muted: &'static str,
    pub grid: &'static str,
    pub disk: &'static str,
    pub arc: &'static str,
    pub badge_text: &'static str,
    pub spent: &'static str,
    pub wished: &'static str,
    pub wished_fill: &'static str,
    pub look: &'static str,
}

const LIGHT: Palette = Palette {
    bg: "#ffffff",
    fg: "#1c2430",
    muted: "#4f5966",
    grid: "#c8ced6",
    disk: "#f3f5f8",
    arc: "#2b59c3",
    badge_text: "#ffffff",
    spent: "#0b7468",
    wished: "#a94f0b",
    wished_fill: "#fdf1e6",
    look: "#b0124a",
};

const DARK: Palette = Palette {
    bg: "#14181e",
    fg: "#e8ecf1",
    muted: "#a9b2be",
    grid: "#3b434e",
    disk: "#1d232b",
    arc: "#7ea6f8",
    badge_text: "#0e1217",
    spent: "#3ccab8",
    wished: "#f5a35c",
    wished_fill: "#3a2a1b",
    look: "#ff7ea8",
};

const PRINT: Palette = Palette {
    bg: "#ffffff",
    fg: "#000000",
    muted: "#333333",
    grid: "#9a9a9a",
    disk: "#f2f2f2",
    arc: "#000000",
    badge_text: "#ffffff",
    spent: "#444444",
    wished: "#000000",
    wished_fill: "#ffffff",
    look: "#000000",
};

impl Theme {
    /// The colours written into attributes.
    pub(crate) fn palette(self) -> Palette {
        match self {
            Self::Auto | Self::Light => LIGHT,
            Self::Dark => DARK,
            Self::Print => PRINT,
        }
    }

    /// The `<style>` element of an `Auto` picture; empty for fixed themes.
    pub(crate) fn style_element(self) -> String {
        if self != Self::Auto {
            return String::new();
        }
        format!(
            "<style>@media all{{.ck-chart{{{}}}{RULES}}}\
             @media (prefers-color-scheme:dark){{.ck-chart{{{}}}}}\
             @media print{{.ck-chart{{{}}}}}</style>",
            properties(&LIGHT),
            properties(&DARK),
            properties(&PRINT),
        )
    }
}

/// Which class paints what, through the custom properties.
const RULES: &str = ".ck-chart .ck-bg{fill:var(--ck-bg)}\
.ck-chart .ck-fg{fill:var(--ck-fg)}\
.ck-chart .ck-muted{fill:var(--ck-muted)}\
.ck-chart .ck-grid{stroke:var(--ck-grid)}\
.ck-chart .ck-disk{fill:var(--ck-disk)}\
.ck-chart .ck-ring-label{fill:var(--ck-muted);stroke:var(--ck-disk)}\
.ck-chart .ck-wedge{fill:var(--ck-arc)}\
.ck-chart .ck-arc{stroke:var(--ck-arc)}\
.ck-chart .ck-badge{fill:var(--ck-arc)}\
.ck-chart .ck-badge-text{fill:var(--ck-badge-text)}\
.ck-chart .ck-spent{fill:var(--ck-spent);stroke:var(--ck-spent)}\
.ck-chart .ck-spent-text{fill:var(--ck-spent)}\
.ck-chart .ck-spent-line{stroke:var(--ck-spent)}\
.ck-chart .ck-wished{fill:var(--ck-wished-fill);stroke:var(--ck-wished)}\
.ck-chart .ck-wished-text{fill:var(--ck-wished)}\
.ck-chart .ck-wished-line{stroke:var(--ck-wished)}\
.ck-chart .ck-look{fill:var(--ck-look)}\
.ck-chart .ck-look-line{stroke:var(--ck-look)}";

fn properties(p: &Palette) -> String {
    format!(
        "--ck-bg:{};--ck-fg:{};--ck-muted:{};--ck-grid:{};--ck-disk:{};--ck-arc:{};--ck-badge-text:{};\
         --ck-spent:{};--ck-wished:{};--ck-wished-fill:{};--ck-look:{}",
        p.bg, p.fg, p.muted, p.grid, p.disk, p.arc, p.badge_text, p.spent, p.wished, p.wished_fill, p.look
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_auto_carries_a_style_sheet_and_it_hides_inside_media_blocks() {
        for theme in [Theme::Light, Theme::Dark, Theme::Print] {
            assert!(theme.style_element().is_empty());
        }
        let style = Theme::Auto.style_element();
        assert!(style.starts_with("<style>@media all{"));
        assert!(style.contains("prefers-color-scheme:dark"));
        assert!(style.contains("@media print"));
        // Every rule is inside an @media block: at the top level there are only the blocks' heads.
        let body = style.trim_start_matches("<style>").trim_end_matches("</style>");
        let mut depth = 0;
        let mut top_level = String::new();
        for c in body.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ if depth == 0 => top_level.push(c),
                _ => {}
            }
        }
        assert_eq!(top_level, "@media all@media (prefers-color-scheme:dark)@media print");
    }
}
