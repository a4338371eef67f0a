//! Pictures of the balance wheel (practice 2): the wheel of one assessment, a comparison of two,
//! and a trend over many, as SVG made on the server, plus PNG rendered in Rust with a bundled font
//! (no browser, no system fonts). Pictures carry a title, a description and CSS classes for light,
//! dark and print; [`wheel_table`] and [`comparison_table`] give the same numbers as rows for the
//! page's text fallback.
//!
//! The layout is pure geometry ([`geometry`], [`labels`]) with unit tests: radii grow strictly
//! with the rating, sectors cover the circle once, labels never overlap for 2 to 12 areas.

mod compare;
pub mod geometry;
pub mod labels;
mod legend;
mod png;
mod svg;
mod table;
pub mod text;
mod theme;
mod trend;
mod wheel;

pub use compare::{ComparisonOptions, comparison_svg};
pub use png::{MAX_WIDTH, MIN_WIDTH, PngError, wheel_png};
pub use table::{
    DeltaCells, DeltaRow, WheelRow, WheelTable, amount_text, change_text, comparison_table, unit_text, wheel_table,
};
pub use theme::Theme;
pub use trend::{TrendOptions, trend_svg};
pub use wheel::{WheelOptions, wheel_svg};
