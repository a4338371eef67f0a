//! Time as milliseconds since the Unix epoch: a BIGINT in both databases, sortable and comparable in
//! SQL without dialect functions. Formatting for people happens in the web layer.

use serde::{Deserialize, Serialize};

/// An instant, in milliseconds since 1970-01-01T00:00:00Z.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
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

/// The UTC calendar day of an instant as "3 Nov 2026" (as the pages write dates), for messages the domain writes itself
/// (a refusal that names the window it refers to). Howard Hinnant's days-to-civil algorithm.
pub fn day_label(at: Millis) -> String {
    let z = at.0.div_euclid(Millis::DAY) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let name = MONTHS[usize::try_from(month - 1).unwrap_or(0)];
    format!("{day} {name} {year}")
}

/// How long ago `then` was, seen at `now`, as a person would say it: "today", "yesterday",
/// "3 days ago", "3 weeks ago", "2 months ago", "over a year ago". A future `then` (clocks of two
/// instances a little apart) reads as "today".
pub fn ago(now: Millis, then: Millis) -> String {
    let days = (now.0 - then.0).max(0) / Millis::DAY;
    match days {
        0 => "today".into(),
        1 => "yesterday".into(),
        2..=13 => format!("{days} days ago"),
        14..=59 => format!("{} weeks ago", days / 7),
        60..=364 => format!("{} months ago", days / 30),
        _ => "over a year ago".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ago_reads_like_speech() {
        let now = Millis(1_796_135_400_000);
        let back = |d: i64| ago(now, now.minus(d * Millis::DAY));
        assert_eq!(ago(now, now.plus(Millis::HOUR)), "today");
        assert_eq!(ago(now, now.minus(Millis::HOUR)), "today");
        assert_eq!(back(1), "yesterday");
        assert_eq!(back(3), "3 days ago");
        assert_eq!(back(13), "13 days ago");
        assert_eq!(back(21), "3 weeks ago");
        assert_eq!(back(59), "8 weeks ago");
        assert_eq!(back(60), "2 months ago");
        assert_eq!(back(364), "12 months ago");
        assert_eq!(back(400), "over a year ago");
    }

    #[test]
    fn day_labels() {
        assert_eq!(day_label(Millis(0)), "1 Jan 1970");
        assert_eq!(day_label(Millis(1_796_135_400_000)), "1 Dec 2026");
        assert_eq!(day_label(Millis(951_782_400_000)), "29 Feb 2000");
        assert_eq!(day_label(Millis(-1)), "31 Dec 1969");
    }
}
