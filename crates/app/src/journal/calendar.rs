//! Calendar files (RFC 5545) for planned sessions. Small enough to write by hand: one event, with
//! the text escaping and 75-octet line folding the standard asks for. Times are written in the
//! zone of the person who downloads the file (with its VTIMEZONE), so the event shows at the hour
//! they saw on the page; in UTC for anyone who has not chosen a zone.

use coachkit_domain::time::{Millis, Zone};

/// One event in a calendar file.
pub struct Event<'a> {
    pub uid: &'a str,
    pub starts_at_ms: i64,
    pub duration_minutes: i64,
    pub summary: &'a str,
    pub description: &'a str,
    pub stamp_ms: i64,
    /// The zone the start and end are written in.
    pub zone: &'a Zone,
}

fn utc(ms: i64) -> String {
    let fmt = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_default()
}

/// Escapes text values: backslash, semicolon, comma and newlines.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace("\r\n", "\\n").replace('\n', "\\n")
}

/// Folds a content line at 75 octets without splitting a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

pub fn ics(e: &Event<'_>) -> String {
    ics_revision(e, 0, false)
}

/// An event that may have changed since it was first sent: calendars replace the copy they hold
/// when `sequence` is higher (a date moved), and remove it when `cancelled` (METHOD:CANCEL with
/// STATUS:CANCELLED, which calendars only honour with a higher sequence than before).
pub fn ics_revision(e: &Event<'_>, sequence: i64, cancelled: bool) -> String {
    let method = if cancelled { "METHOD:CANCEL" } else { "METHOD:PUBLISH" };
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".into(),
        "PRODID:-//coachkit//sessions//EN".into(),
        method.into(),
    ];
    let ends_at_ms = e.starts_at_ms + e.duration_minutes * 60_000;
    let (start, end) = if e.zone.is_utc() {
        (format!("DTSTART:{}", utc(e.starts_at_ms)), format!("DTEND:{}", utc(ends_at_ms)))
    } else {
        lines.extend(e.zone.ics_vtimezone(Millis(e.starts_at_ms), Millis(ends_at_ms)));
        let tz = e.zone.name();
        (
            format!("DTSTART;TZID={tz}:{}", e.zone.ics_local(Millis(e.starts_at_ms))),
            format!("DTEND;TZID={tz}:{}", e.zone.ics_local(Millis(ends_at_ms))),
        )
    };
    lines.extend([
        "BEGIN:VEVENT".into(),
        format!("UID:{}@coachkit", e.uid),
        format!("SEQUENCE:{sequence}"),
        format!("DTSTAMP:{}", utc(e.stamp_ms)),
        start,
        end,
        format!("SUMMARY:{}", escape(e.summary)),
        format!("DESCRIPTION:{}", escape(e.description)),
    ]);
    if cancelled {
        lines.push("STATUS:CANCELLED".into());
    }
    lines.extend(["END:VEVENT".to_owned(), "END:VCALENDAR".into()]);
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_event() {
        let text = ics(&Event {
            uid: "abc",
            starts_at_ms: 1_796_135_400_000,
            duration_minutes: 60,
            summary: "Mentoring: Priya, Gareth",
            description: "Agenda; line one\nline two",
            stamp_ms: 0,
            zone: &Zone::utc(),
        });
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.contains("DTSTART:20261201T143000Z\r\n"));
        assert!(text.contains("DTEND:20261201T153000Z\r\n"));
        assert!(text.contains("SUMMARY:Mentoring: Priya\\, Gareth\r\n"));
        assert!(text.contains("DESCRIPTION:Agenda\\; line one\\nline two\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn a_moved_event_carries_its_sequence_and_a_cancelled_one_says_so() {
        let utc = Zone::utc();
        let e = Event {
            uid: "s2",
            starts_at_ms: 0,
            duration_minutes: 60,
            summary: "x",
            description: "",
            stamp_ms: 0,
            zone: &utc,
        };
        let moved = ics_revision(&e, 2, false);
        assert!(moved.contains("METHOD:PUBLISH\r\n") && moved.contains("SEQUENCE:2\r\n"));
        assert!(!moved.contains("CANCELLED"));
        let cancelled = ics_revision(&e, 3, true);
        assert!(cancelled.contains("METHOD:CANCEL\r\n") && cancelled.contains("STATUS:CANCELLED\r\n"));
        assert!(cancelled.contains("SEQUENCE:3\r\n"));
        assert!(ics(&e).contains("SEQUENCE:0\r\n"));
    }

    #[test]
    fn an_event_in_a_zone_carries_its_local_times_and_the_zone() {
        let paris = Zone::parse("Europe/Paris").unwrap();
        let text = ics(&Event {
            uid: "p1",
            starts_at_ms: 1_796_135_400_000, // 14:30 UTC, 15:30 in Paris
            duration_minutes: 60,
            summary: "Coaching",
            description: "",
            stamp_ms: 0,
            zone: &paris,
        });
        assert!(text.contains("DTSTART;TZID=Europe/Paris:20261201T153000\r\n"), "{text}");
        assert!(text.contains("DTEND;TZID=Europe/Paris:20261201T163000\r\n"), "{text}");
        // The zone is defined before the event that uses it.
        let (zone_at, event_at) = (text.find("BEGIN:VTIMEZONE").unwrap(), text.find("BEGIN:VEVENT").unwrap());
        assert!(zone_at < event_at && text.contains("TZID:Europe/Paris\r\n") && text.contains("TZOFFSETTO:+0100\r\n"));
        assert!(text.contains("DTSTAMP:19700101T000000Z\r\n"), "the stamp stays UTC as the standard asks");
    }

    #[test]
    fn long_lines_fold_at_75_octets_on_character_boundaries() {
        let folded = fold(&format!("DESCRIPTION:{}", "é".repeat(60)));
        for line in folded.split("\r\n") {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), format!("DESCRIPTION:{}", "é".repeat(60)));
    }
}
