//! Practice 2, the balance wheel. A coach draws a few areas of a leader's job; the client rates the
//! quality of their engagement in each from 1 to 9 and says how much time they spend there now
//! and how much they wish they did. The gap between the two, next to a low rating, shows where to
//! look first.
//!
//! Here live the parsed inputs (area names, templates of 2 to 12 areas, ratings, amounts of time,
//! assessments that may be partial) and the rules that read them (gaps, the place to look, a
//! comparison of two assessments, a trend over many). Pictures are drawn by `coachkit-wheelchart`.
//!
//! Units: an assessment records times either in hours a week (0 to 168 per area and per column)
//! or as shares of one's time (0 to 100% per area and per column). Readings, comparisons across
//! units and trends across units use shares; an hours assessment becomes shares of the larger of
//! its two weekly totals ([`Assessment::share_base_hours`]).

mod area;
mod assessment;
mod compare;
mod error;
mod rating;
mod reading;
mod time_amount;
mod trend;

#[cfg(test)]
mod proptests;

pub use area::{Area, AreaMeaning, AreaName, DEFAULT_AREAS, DEFAULT_TEMPLATE_NAME, RawArea, Template, TemplateName};
pub use assessment::{AreaEntry, AreaNote, Assessment, RawEntry, Totals};
pub use compare::{AreaDelta, AreaValues, Comparison, common_unit};
pub use error::{WheelErrors, WheelFieldError};
pub use rating::Rating;
pub use reading::{AreaReading, Reading};
pub use time_amount::{
    HOURS_IN_WEEK, TimeAmount, TimeUnit, WHOLE_SHARE, format_number, hours_to_share, share_to_hours,
};
pub use trend::{AreaTrend, TrendPoint, TrendSeries};
