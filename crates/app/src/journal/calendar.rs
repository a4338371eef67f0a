//! Calendar files (RFC 5545) for planned sessions. Small enough to write by hand: one event, with
//! the text escaping and 75-octet line folding the standard asks for.

/// One event in a calendar file.
pub struct Event<'a> {
    pub uid: &'a str,
    pub starts_at_ms: i64,
    pub duration_minutes: i64,
    pub summary: &'a str,
    pub description: &'a str,
    pub stamp_ms: i64,
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
        "BEGIN:VEVENT".into(),
        format!("UID:{}@coachkit", e.uid),
        format!("SEQUENCE:{sequence}"),
        format!("DTSTAMP:{}", utc(e.stamp_ms)),
        format!("DTSTART:{}", utc(e.starts_at_ms)),
        format!("DTEND:{}", utc(e.starts_at_ms + e.duration_minutes * 60_000)),
        format!("SUMMARY:{}", escape(e.summary)),
        format!("DESCRIPTION:{}", escape(e.description)),
    ];
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
        let e = Event { uid: "s2", starts_at_ms: 0, duration_minutes: 60, summary: "x", description: "", stamp_ms: 0 };
        let moved = ics_revision(&e, 2, false);
        assert!(moved.contains("METHOD:PUBLISH\r\n") && moved.contains("SEQUENCE:2\r\n"));
        assert!(!moved.contains("CANCELLED"));
        let cancelled = ics_revision(&e, 3, true);
        assert!(cancelled.contains("METHOD:CANCEL\r\n") && cancelled.contains("STATUS:CANCELLED\r\n"));
        assert!(cancelled.contains("SEQUENCE:3\r\n"));
        assert!(ics(&e).contains("SEQUENCE:0\r\n"));
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
