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

/// An offset as calendar files write it: "+0100", "-0330", "+053000" when it has seconds.
fn ics_offset(o: jiff::tz::Offset) -> String {
    let total = o.seconds();
    let sign = if total < 0 { '-' } else { '+' };
    let (h, m, s) = (total.abs() / 3600, total.abs() % 3600 / 60, total.abs() % 60);
    if s == 0 { format!("{sign}{h:02}{m:02}") } else { format!("{sign}{h:02}{m:02}{s:02}") }
}

/// A person's time zone: an IANA name ("Europe/Paris") checked against the tz database bundled
/// into the binary (jiff's copy), so a zone works the same offline on every machine.
#[derive(Clone, Debug)]
pub struct Zone {
    name: String,
    tz: jiff::tz::TimeZone,
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Zone {
    /// UTC, the zone of anyone who has not chosen one.
    pub fn utc() -> Self {
        Self { name: "UTC".into(), tz: jiff::tz::TimeZone::UTC }
    }

    /// Parses an IANA zone name; `None` for anything the tz database does not know.
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.trim();
        if name.is_empty() || name.len() > 64 {
            return None;
        }
        let tz = jiff::tz::db().get(name).ok()?;
        let canonical = tz.iana_name().unwrap_or(name).to_owned();
        Some(Self { name: canonical, tz })
    }

    /// A stored name, falling back to UTC if it ever stops parsing (a zone removed from the database).
    pub fn from_stored(name: &str) -> Self {
        Self::parse(name).unwrap_or_else(Self::utc)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Every zone name the bundled database knows, sorted (for the Settings page's suggestions).
    pub fn all_names() -> Vec<String> {
        let mut names: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
        names.sort();
        names
    }

    /// The OpenAPI schema of a zone field that may be left out (`null`): one of [`Self::all_names`],
    /// each of which [`Self::parse`] accepts.
    pub fn nullable_schema() -> utoipa::openapi::schema::Schema {
        use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, Type};
        AnyOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::String).enum_values(Some(Self::all_names())))
            .item(ObjectBuilder::new().schema_type(Type::Null))
            .build()
            .into()
    }

    fn zoned(&self, at: Millis) -> Option<jiff::Zoned> {
        jiff::Timestamp::from_millisecond(at.0).ok().map(|t| t.to_zoned(self.tz.clone()))
    }

    /// The local hour (0-23) at an instant.
    pub fn local_hour(&self, at: Millis) -> i8 {
        self.zoned(at).map(|z| z.hour()).unwrap_or(0)
    }

    /// "21 Nov 2026": the day an instant falls on where the person is (a reflection written at
    /// 23:30 in Auckland belongs to that day, not to the UTC one).
    pub fn date(&self, at: Millis) -> String {
        self.zoned(at).map(|z| z.strftime("%-d %b %Y").to_string()).unwrap_or_else(|| "-".into())
    }

    /// Whether this is UTC itself (calendar files then write plain `...Z` times).
    pub fn is_utc(&self) -> bool {
        self.name == "UTC"
    }

    /// An instant as calendar files write local time in this zone: "20261203T140000".
    pub fn ics_local(&self, at: Millis) -> String {
        self.zoned(at).map(|z| z.strftime("%Y%m%dT%H%M%S").to_string()).unwrap_or_default()
    }

    /// The VTIMEZONE lines (RFC 5545 3.6.5) a calendar file needs to read local times between `from`
    /// and `until` in this zone: the observance in force at `from` and every change up to `until`,
    /// each with a fixed DTSTART (no recurrence rules: the file only has to cover its own events).
    pub fn ics_vtimezone(&self, from: Millis, until: Millis) -> Vec<String> {
        let (Ok(start), Ok(end)) =
            (jiff::Timestamp::from_millisecond(from.0), jiff::Timestamp::from_millisecond(until.0))
        else {
            return Vec::new();
        };
        let offset_at = |t: jiff::Timestamp| self.tz.to_offset_info(t);
        let mut lines = vec!["BEGIN:VTIMEZONE".to_owned(), format!("TZID:{}", self.name)];
        let mut observance =
            |at: jiff::Timestamp, before: jiff::tz::Offset, after: &jiff::tz::TimeZoneOffsetInfo<'_>| {
                let kind = if after.dst().is_dst() { "DAYLIGHT" } else { "STANDARD" };
                // An observance's DTSTART is the local time of the change, read on the clock before it.
                let local = before.to_datetime(at).strftime("%Y%m%dT%H%M%S").to_string();
                lines.push(format!("BEGIN:{kind}"));
                lines.push(format!("DTSTART:{local}"));
                lines.push(format!("TZOFFSETFROM:{}", ics_offset(before)));
                lines.push(format!("TZOFFSETTO:{}", ics_offset(after.offset())));
                lines.push(format!("TZNAME:{}", after.abbreviation()));
                lines.push(format!("END:{kind}"));
            };
        // The change that put `from` under its offset (or, for a zone that never changed, 1970).
        let in_force = offset_at(start);
        match self.tz.preceding(start.checked_add(jiff::SignedDuration::from_secs(1)).unwrap_or(start)).next() {
            Some(t) => {
                let before = self
                    .tz
                    .to_offset(t.timestamp().checked_sub(jiff::SignedDuration::from_secs(1)).unwrap_or(t.timestamp()));
                observance(t.timestamp(), before, &in_force);
            }
            None => observance(jiff::Timestamp::UNIX_EPOCH, in_force.offset(), &in_force),
        }
        let mut before = in_force.offset();
        for t in self.tz.following(start).take_while(|t| t.timestamp() <= end).take(8) {
            let after = offset_at(t.timestamp());
            observance(t.timestamp(), before, &after);
            before = after.offset();
        }
        lines.push("END:VTIMEZONE".into());
        lines
    }

    /// "21 Nov 2026 14:05 CET": the one way pages and mail write a moment for a person.
    pub fn date_time(&self, at: Millis) -> String {
        self.zoned(at).map(|z| z.strftime("%-d %b %Y %H:%M %Z").to_string()).unwrap_or_else(|| "-".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_zone_the_schema_lists_parses() {
        let names = Zone::all_names();
        assert!(names.len() > 300 && names.contains(&"Europe/Paris".to_owned()));
        for name in &names {
            assert!(Zone::parse(name).is_some(), "{name}");
        }
        let schema = serde_json::to_value(Zone::nullable_schema()).unwrap();
        assert_eq!(schema["anyOf"][0]["enum"].as_array().unwrap().len(), names.len());
    }

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

    #[test]
    fn calendar_files_carry_the_zone_and_its_changes() {
        let paris = Zone::parse("Europe/Paris").unwrap();
        let at = Millis(1_796_299_200_000); // 2026-12-03 12:00 UTC, 13:00 in Paris
        assert_eq!(paris.ics_local(at), "20261203T130000");
        // From December to the next April: winter time in force, then the change to summer time.
        let lines = paris.ics_vtimezone(at, at.plus(130 * Millis::DAY));
        let text = lines.join("\n");
        assert!(
            text.starts_with("BEGIN:VTIMEZONE\nTZID:Europe/Paris\nBEGIN:STANDARD\nDTSTART:20261025T030000\n"),
            "{text}"
        );
        assert!(text.contains("TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET\nEND:STANDARD"), "{text}");
        assert!(
            text.contains("BEGIN:DAYLIGHT\nDTSTART:20270328T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST"),
            "{text}"
        );
        assert!(text.ends_with("END:VTIMEZONE"));
        // A zone with no changes at all still gets one observance.
        let fixed = Zone::parse("Etc/GMT-3").unwrap().ics_vtimezone(at, at.plus(Millis::DAY)).join("\n");
        assert!(
            fixed.contains("BEGIN:STANDARD\nDTSTART:19700101T030000\nTZOFFSETFROM:+0300\nTZOFFSETTO:+0300"),
            "{fixed}"
        );
        assert!(Zone::utc().is_utc() && !paris.is_utc());
    }

    #[test]
    fn zones_parse_and_format_in_local_time() {
        let paris = Zone::parse("Europe/Paris").unwrap();
        assert_eq!(paris.name(), "Europe/Paris");
        // 2026-12-03 12:00 UTC: winter time in Paris, summer time in Auckland.
        let at = Millis(1_796_299_200_000);
        assert_eq!(paris.date_time(at), "3 Dec 2026 13:00 CET");
        assert_eq!(Zone::utc().date_time(at), "3 Dec 2026 12:00 UTC");
        assert_eq!(Zone::parse("Pacific/Auckland").unwrap().date_time(at), "4 Dec 2026 01:00 NZDT");
        assert_eq!(paris.local_hour(at), 13);
        // The day depends on the zone: late on the 3rd in UTC is already the 4th in Auckland.
        let late = Millis(1_796_335_200_000); // 2026-12-03 22:00 UTC
        assert_eq!(Zone::utc().date(late), "3 Dec 2026");
        assert_eq!(Zone::parse("Pacific/Auckland").unwrap().date(late), "4 Dec 2026");
        assert!(Zone::parse("Mars/Olympus_Mons").is_none());
        assert!(Zone::parse("").is_none());
        assert_eq!(Zone::from_stored("nonsense"), Zone::utc());
        assert!(Zone::all_names().iter().any(|n| n == "America/Sao_Paulo"));
    }
}
