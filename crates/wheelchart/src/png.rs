//! PNG from SVG, rendered in Rust with resvg. Text uses only the font bundled in this crate
//! (DejaVu Sans), never the machine's fonts, so a picture comes out the same on every server.
//! External references (images, files) are never followed.

use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// The bundled font; its licence is `fonts/LICENSE-DejaVu.txt` beside it.
const FONT: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
/// The family name inside the font file.
const FAMILY: &str = "DejaVu Sans";

/// Narrowest and widest PNG we make: below, nothing is legible; above, memory grows with no gain.
pub const MIN_WIDTH: u32 = 64;
pub const MAX_WIDTH: u32 = 4096;

/// Why a PNG could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("the width must be {MIN_WIDTH} to {MAX_WIDTH} pixels, not {0}")]
    Width(u32),
    #[error("the picture could not be read: {0}")]
    Svg(String),
    #[error("the picture has no size")]
    Empty,
    #[error("the PNG could not be encoded: {0}")]
    Encode(String),
}

fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(FONT.to_vec());
            // Whatever family a picture names, the bundled face is what it gets.
            db.set_sans_serif_family(FAMILY);
            db.set_serif_family(FAMILY);
            db.set_monospace_family(FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// Renders `svg` to a PNG `width` pixels wide, keeping its proportions. Pictures made with
/// [`crate::Theme::Light`], [`crate::Theme::Dark`] or [`crate::Theme::Print`] carry their
/// background; an [`crate::Theme::Auto`] picture renders in its light colours on a transparent
/// background.
pub fn wheel_png(svg: &str, width: u32) -> Result<Vec<u8>, PngError> {
    if !(MIN_WIDTH..=MAX_WIDTH).contains(&width) {
        return Err(PngError::Width(width));
    }
    let mut options = usvg::Options { font_family: FAMILY.to_owned(), fontdb: fonts(), ..usvg::Options::default() };
    options.image_href_resolver =
        usvg::ImageHrefResolver { resolve_data: Box::new(|_, _, _| None), resolve_string: Box::new(|_, _| None) };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let scale = width as f32 / size.width();
    let height = (size.height() * scale).ceil();
    // Heights follow the picture's proportions; a very tall picture is refused rather than
    // allocating without bound.
    if !(1.0..=(MAX_WIDTH as f32 * 4.0)).contains(&height) {
        return Err(PngError::Empty);
    }
    let mut pixmap = tiny_skia::Pixmap::new(width, height as u32).ok_or(PngError::Empty)?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| PngError::Encode(e.to_string()))
}
