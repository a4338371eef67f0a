//! The export as Markdown files in a zip, to read in any editor: one file per session, plus
//! reflections without a session, actions, questions, "what I think", a README, and the JSON file
//! for importing elsewhere. Written from the export document, so both formats hold exactly the same
//! records.

use super::format::{ExportDocument, Reflection, Session, rfc3339};
use crate::error::{AppError, AppResult};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;

/// The bundle's files as (path, text), in the order they go into the zip.
pub(super) fn files(doc: &ExportDocument, json: &str) -> Vec<(String, String)> {
    let book = Book::new(doc);
    let mut out = vec![("README.md".to_owned(), readme(doc))];
    let mut taken: HashMap<String, usize> = HashMap::new();
    for s in &doc.sessions {
        let base = format!("sessions/{}-with-{}", day(s.starts_at), slug(&book.partner_name(&s.partner)));
        let n = taken.entry(base.clone()).and_modify(|n| *n += 1).or_insert(1);
        let name = if *n == 1 { format!("{base}.md") } else { format!("{base}-{n}.md") };
        out.push((name, book.session(s)));
    }
    out.push(("reflections-without-session.md".into(), book.loose_reflections()));
    out.push(("actions.md".into(), book.actions()));
    out.push(("questions.md".into(), book.questions()));
    out.push(("what-i-think.md".into(), book.what_i_think()));
    out.push(("replies.md".into(), book.replies()));
    out.push(("coachkit-export.json".into(), json.to_owned()));
    out
}

/// Zips the files, deflated, each dated at the moment of the export.
pub(super) fn zip(doc: &ExportDocument, files: &[(String, String)]) -> AppResult<Vec<u8>> {
    let internal = |e: zip::result::ZipError| AppError::Internal(Box::new(e));
    let mut options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    if let Some(stamp) = zip_time(doc.exported_at) {
        options = options.last_modified_time(stamp);
    }
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in files {
        writer.start_file(name.as_str(), options).map_err(internal)?;
        writer.write_all(text.as_bytes()).map_err(|e| AppError::Internal(Box::new(e)))?;
    }
    Ok(writer.finish().map_err(internal)?.into_inner())
}

fn zip_time(ms: i64) -> Option<zip::DateTime> {
    let t = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).ok()?;
    let year = u16::try_from(t.year()).ok()?;
    zip::DateTime::from_date_and_time(year, t.month().into(), t.day(), t.hour(), t.minute(), t.second()).ok()
}

/// "2026-11-01".
fn day(ms: i64) -> String {
    rfc3339::format(ms).map(|t| t.chars().take(10).collect()).unwrap_or_else(|| "undated".into())
}

/// "1 Nov 2026".
fn date(ms: i64) -> String {
    let fmt = time::macros::format_description!("[day padding:none] [month repr:short] [year]");
    let t = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).ok();
    t.and_then(|t| t.format(&fmt).ok()).unwrap_or_else(|| "-".into())
}

/// "1 Nov 2026 10:00 UTC".
fn date_time(ms: i64) -> String {
    let fmt = time::macros::format_description!("[day padding:none] [month repr:short] [year] [hour]:[minute] UTC");
    let t = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).ok();
    t.and_then(|t| t.format(&fmt).ok()).unwrap_or_else(|| "-".into())
}

/// A file-name part from a name: lower case letters and digits joined by hyphens ("gareth-holloway").
fn slug(name: &str) -> String {
    let words: Vec<String> =
        name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).take(6).collect();
    if words.is_empty() { "partner".into() } else { words.join("-") }
}

/// Lookups shared by every file of the bundle.
struct Book<'a> {
    doc: &'a ExportDocument,
    partners: HashMap<&'a str, &'a super::format::Partner>,
    reflections: HashMap<&'a str, &'a Reflection>,
}

impl<'a> Book<'a> {
    fn new(doc: &'a ExportDocument) -> Self {
        Self {
            doc,
            partners: doc.partners.iter().map(|p| (p.id.as_str(), p)).collect(),
            reflections: doc.reflections.iter().map(|r| (r.id.as_str(), r)).collect(),
        }
    }

    fn partner_name(&self, id: &str) -> String {
        self.partners.get(id).map(|p| p.name.clone()).unwrap_or_else(|| "a former partner".into())
    }

    fn audience(&self, raw: &str) -> String {
        match raw {
            "private" => "only me".into(),
            "all_my_coaches" => "all my coaches and mentors".into(),
            "public" => "everyone (public)".into(),
            other => other.strip_prefix("partner:").map(|p| self.partner_name(p)).unwrap_or_else(|| "only me".into()),
        }
    }

    /// A reflection's name in lists: its title, else its first words.
    fn reflection_name(&self, id: &str) -> String {
        match self.reflections.get(id) {
            Some(r) => match &r.title {
                Some(t) => format!("{t} ({})", date(r.created_at)),
                None => format!("{} ({})", excerpt(&r.body, 60), date(r.created_at)),
            },
            None => "a reflection".into(),
        }
    }

    fn session(&self, s: &Session) -> String {
        let partner = self.partners.get(s.partner.as_str());
        let name = self.partner_name(&s.partner);
        let mut md = format!("# Session with {name}, {}\n\n", date(s.starts_at));
        let _ = writeln!(md, "- When: {}, {} minutes", date_time(s.starts_at), s.duration_minutes);
        let _ = writeln!(md, "- Status: {}", s.status);
        if let Some(p) = partner {
            let role = if p.my_side == "leader" {
                format!("{name} was your {}", if p.kind == "coaching" { "coach" } else { "mentor" })
            } else {
                format!("you were {name}'s {}", if p.kind == "coaching" { "coach" } else { "mentor" })
            };
            let _ = writeln!(md, "- Relationship: {role}");
        }
        if !s.themes.is_empty() {
            let _ = writeln!(md, "- Themes: {}", s.themes.join(", "));
        }
        match &s.shared_record {
            Some(r) => {
                section(&mut md, "Agenda", r.agenda.as_deref());
                let grow = [("Goal", &r.goal), ("Reality", &r.reality), ("Options", &r.options)];
                if grow.iter().any(|(_, v)| v.is_some()) || r.way_forward.is_some() {
                    md.push_str("\n## GROW\n");
                    for (title, value) in grow.into_iter().chain([("Way forward", &r.way_forward)]) {
                        if let Some(v) = value {
                            let _ = write!(md, "\n### {title}\n\n{v}\n");
                        }
                    }
                }
            }
            None => {
                let _ = write!(
                    md,
                    "\nThe agenda and GROW notes of this session were written by {name}; they are in {name}'s \
                     journal, not in your export.\n"
                );
            }
        }
        section(&mut md, "My private detail", s.my_detail.as_deref());
        if let Some(note) = &s.my_coach_note {
            let shared = if note.shared_with_partner { format!("shared with {name}") } else { "only me".into() };
            let _ = write!(md, "\n## My coach's note ({shared})\n\n{}\n", note.body);
        }
        let mine: Vec<&Reflection> =
            self.doc.reflections.iter().filter(|r| r.session.as_deref() == Some(&s.id)).collect();
        if !mine.is_empty() {
            md.push_str("\n## My reflections\n");
            for r in mine {
                self.reflection(&mut md, r, "###");
            }
        }
        let killer: Vec<&str> = self
            .doc
            .killer_questions
            .iter()
            .filter(|k| k.session.as_deref() == Some(&s.id))
            .map(|k| k.text.as_str())
            .collect();
        if !killer.is_empty() {
            md.push_str("\n## Killer questions\n\n");
            for k in killer {
                let _ = writeln!(md, "- {k}");
            }
        }
        let actions: Vec<&super::format::Action> =
            self.doc.actions.iter().filter(|a| a.session.as_deref() == Some(&s.id)).collect();
        if !actions.is_empty() {
            md.push_str("\n## Actions\n\n");
            for a in actions {
                action_line(&mut md, a);
            }
        }
        md
    }

    fn reflection(&self, md: &mut String, r: &Reflection, heading: &str) {
        let title = r.title.clone().unwrap_or_else(|| format!("Reflection of {}", date(r.created_at)));
        let _ = write!(md, "\n{heading} {title}\n\n");
        let mut facts =
            vec![format!("Written {}", date(r.created_at)), format!("shared with {}", self.audience(&r.audience))];
        if !r.themes.is_empty() {
            facts.push(format!("themes: {}", r.themes.join(", ")));
        }
        let _ = write!(md, "_{}_\n\n{}\n", facts.join(" · "), r.body);
    }

    fn loose_reflections(&self) -> String {
        let mut md = "# Reflections without a session\n".to_owned();
        let loose: Vec<&Reflection> = self.doc.reflections.iter().filter(|r| r.session.is_none()).collect();
        if loose.is_empty() {
            md.push_str("\nNone.\n");
        }
        for r in loose {
            self.reflection(&mut md, r, "##");
        }
        md
    }

    fn actions(&self) -> String {
        let mut md = "# Actions\n".to_owned();
        for (status, title) in [("open", "Open"), ("done", "Done"), ("dropped", "Dropped")] {
            let list: Vec<&super::format::Action> = self.doc.actions.iter().filter(|a| a.status == status).collect();
            if list.is_empty() {
                continue;
            }
            let _ = write!(md, "\n## {title}\n\n");
            for a in list {
                action_line(&mut md, a);
                let mut facts = vec![format!("shared with {}", self.audience(&a.audience))];
                if let Some(p) = &a.partner {
                    facts.push(format!("with {}", self.partner_name(p)));
                }
                if let Some(r) = &a.reflection {
                    facts.push(format!("from {}", self.reflection_name(r)));
                }
                let _ = writeln!(md, "  - {}", facts.join(" · "));
            }
        }
        if self.doc.actions.is_empty() {
            md.push_str("\nNone.\n");
        }
        md
    }

    fn questions(&self) -> String {
        let mut md = "# Questions\n\n## Open questions I must answer for myself\n".to_owned();
        if self.doc.open_questions.is_empty() {
            md.push_str("\nNone.\n");
        }
        for q in &self.doc.open_questions {
            let _ = write!(md, "\n### {}\n\n", q.text);
            let _ = writeln!(
                md,
                "_{} · asked {} · shared with {}_",
                q.status,
                date(q.created_at),
                self.audience(&q.audience)
            );
            if !q.progress.is_empty() {
                md.push_str("\nReflections that moved it on:\n\n");
                for r in &q.progress {
                    let _ = writeln!(md, "- {}", self.reflection_name(r));
                }
            }
        }
        md.push_str("\n## Killer questions my coaches and mentors asked\n\n");
        if self.doc.killer_questions.is_empty() {
            md.push_str("None.\n");
        }
        for k in &self.doc.killer_questions {
            let _ = writeln!(md, "- {} (asked by {}, {})", k.text, self.partner_name(&k.partner), date(k.created_at));
        }
        md.push_str("\n## My coaching toolkit\n\n");
        if self.doc.toolkit.is_empty() {
            md.push_str("None.\n");
        }
        for t in &self.doc.toolkit {
            let _ = writeln!(md, "- {}", t.text);
        }
        md
    }

    fn replies(&self) -> String {
        let mut md = "# My replies\n".to_owned();
        if self.doc.replies.is_empty() {
            md.push_str("\nNone.\n");
        }
        for r in &self.doc.replies {
            let to = match r.audience.strip_prefix("partner:") {
                Some(p) => format!("for {}", self.partner_name(p)),
                None if r.audience == "item_readers" => "for everyone who could read it".to_owned(),
                None => "for one relationship".to_owned(),
            };
            let _ = write!(md, "\n## On {}\n\n_{} · {to}_\n\n{}\n", r.answering, date(r.created_at), r.body);
        }
        md
    }

    fn what_i_think(&self) -> String {
        let mut md = "# What I think\n".to_owned();
        if self.doc.positions.is_empty() {
            md.push_str("\nNo positions yet.\n");
        }
        for p in &self.doc.positions {
            let draft = if p.listed { "" } else { " (not listed)" };
            let _ = write!(md, "\n## {}{draft}\n", p.statement);
            if let Some(e) = &p.explanation {
                let _ = write!(md, "\n{e}\n");
            }
            if !p.themes.is_empty() {
                let _ = write!(md, "\n_Themes: {}_\n", p.themes.join(", "));
            }
            if !p.evidence.is_empty() {
                md.push_str("\nWhat backs it:\n\n");
                for r in &p.evidence {
                    let _ = writeln!(md, "- {}", self.reflection_name(r));
                }
            }
        }
        let page = &self.doc.public_page;
        md.push_str("\n## My public page\n\n");
        if page.versions.is_empty() {
            md.push_str("Never published.\n");
        } else {
            let state = if page.published { "up" } else { "not up" };
            let _ = write!(
                md,
                "The page was {state} at the time of this export, showing version {}.\n\n",
                page.current_version
            );
            for v in &page.versions {
                let note = v.note.as_deref().map(|n| format!(": {n}")).unwrap_or_default();
                let _ = writeln!(md, "- Version {}, published {}{note}", v.version, date(v.published_at));
            }
        }
        md
    }
}

fn section(md: &mut String, title: &str, body: Option<&str>) {
    if let Some(b) = body {
        let _ = write!(md, "\n## {title}\n\n{b}\n");
    }
}

fn action_line(md: &mut String, a: &super::format::Action) {
    let due = a.due.map(|d| format!(" (due {})", date(d))).unwrap_or_default();
    let _ = match a.status.as_str() {
        "done" => writeln!(md, "- [x] {}{due}", a.text),
        "dropped" => writeln!(md, "- [ ] ~~{}~~{due} (dropped)", a.text),
        _ => writeln!(md, "- [ ] {}{due}", a.text),
    };
}

fn excerpt(s: &str, n: usize) -> String {
    let first = s.lines().next().unwrap_or_default();
    if first.chars().count() <= n {
        first.to_owned()
    } else {
        format!("{}…", first.chars().take(n).collect::<String>().trim_end())
    }
}

fn readme(doc: &ExportDocument) -> String {
    let p = &doc.person;
    format!(
        "# The coachkit journal of {name}\n\n\
         Exported {when} for {name} <{email}>.\n\n\
         This bundle holds everything you wrote in coachkit, as plain Markdown files that open in any editor:\n\n\
         - `sessions/`: one file per session, named by its date and the other person: the agenda and GROW notes \
         (for sessions you led or created), your private detail, your coach's note, your reflections on it, the \
         killer questions and the actions from it.\n\
         - `reflections-without-session.md`: reflections not tied to a session.\n\
         - `actions.md`: every action, open, done or dropped.\n\
         - `questions.md`: your open questions and what moved them on, the killer questions you recorded, \
         your coaching toolkit.\n\
         - `what-i-think.md`: your positions and the versions of your public page.\n\
         - `coachkit-export.json`: the same, complete, for importing into another coachkit instance \
         (`coachkit import --email you@example.org coachkit-export.json`).\n\n\
         It holds only what you wrote. What others wrote and let you see (a mentor's shared note, the other \
         person's private detail or reflections) stays in their own journals and is not here.\n\n\
         Times are in UTC.\n",
        name = p.display_name,
        email = p.email,
        when = date_time(doc.exported_at),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_name_parts() {
        assert_eq!(slug("Gareth Holloway"), "gareth-holloway");
        assert_eq!(slug("Zoë O'Neil-Smith"), "zoë-o-neil-smith");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("!!!"), "partner");
    }

    #[test]
    fn zip_times_cover_the_zip_range() {
        assert!(zip_time(1_793_527_200_000).is_some());
        assert!(zip_time(0).is_none(), "zip cannot say 1970");
    }
}
