//! Time as milliseconds since the Unix epoch: a BIGINT in both databases, sortable and comparable in
//! SQL without dialect functions. Formatting for people happens in the web layer.

use serde::{Deserialize, Serialize};

/// An instant, in milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct Millis(pub i64);

impl Millis {
    pub const SECOND: i64 = 1_000;
    pub const MINUTE: i64 = 60 * Self::SECOND;
    pub const HOUR: i64 = 60 * Self::MINUTE;
    pub const DAY: i64 = 24 * Self::HOUR;

    pub fn plus(self, ms: i64) -> Self {
        Self(self.0.saturating_add(ms))
    }
    pub fn minus(self, ms: i64) -> Self {
        Self(self.0.saturating_sub(ms))
    }
}
