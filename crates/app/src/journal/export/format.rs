//! The export file, version 1: everything one person wrote, as JSON another coachkit instance can
//! import. Records carry the ids they had where they were written, only so that the file can refer
//! from one record to another (a reflection to its session) and so that importing it twice adds
//! nothing; the importing instance gives every record a new id. Relationships are named by the
//! partner's name and e-mail, because accounts do not carry across instances.
//!
//! Times are RFC 3339 text in UTC ("2026-11-01T10:00:00Z"). An audience is "private",
//! "all_my_coaches", "public", or "partner:<id of an entry in partners>".

use serde::{Deserialize, Serialize};

/// The value of `format` in every export file.
pub const FORMAT: &str = "coachkit-export";
/// The version this coachkit writes and reads.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ExportDocument {
    pub format: String,
    pub version: u32,
    #[serde(with = "rfc3339")]
    pub exported_at: i64,
    pub person: Person,
    /// Relationships the person was a party to (accepted at some point).
    #[serde(default)]
    pub partners: Vec<Partner>,
    /// Every theme of the person's vocabulary, used or not.
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub sessions: Vec<Session>,
    #[serde(default)]
    pub reflections: Vec<Reflection>,
    #[serde(default)]
    pub killer_questions: Vec<KillerQuestion>,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub open_questions: Vec<OpenQuestion>,
    #[serde(default)]
    pub positions: Vec<Position>,
    #[serde(default)]
    pub public_page: PublicPage,
    #[serde(default)]
    pub toolkit: Vec<ToolkitQuestion>,
    /// Replies the person wrote in the threads of reflections. Kept for the person to read; an
    /// import leaves them out (they answer a moment of a conversation, often someone else's record).
    #[serde(default)]
    pub replies: Vec<Reply>,
}

/// Whose export this is.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub display_name: String,
    pub email: String,
    pub handle: String,
    #[serde(default)]
    pub headline: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Partner {
    pub id: String,
    pub name: String,
    pub email: String,
    /// "coaching" or "mentoring".
    pub kind: String,
    /// "leader" (the partner was the person's coach or mentor) or "coach" (the other way round).
    pub my_side: String,
    /// "active" or "ended".
    pub status: String,
    #[serde(default, with = "rfc3339::option")]
    pub started_at: Option<i64>,
    #[serde(default, with = "rfc3339::option")]
    pub ended_at: Option<i64>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    /// The `partners` entry of its relationship.
    pub partner: String,
    #[serde(with = "rfc3339")]
    pub starts_at: i64,
    pub duration_minutes: i64,
    /// "planned" or "held".
    pub status: String,
    /// The agenda and GROW notes both parties keep. Absent when the other party wrote them (the
    /// person was the coach and did not create the session): then only the person's own notes
    /// on it are exported.
    #[serde(default)]
    pub shared_record: Option<SharedRecord>,
    /// The person's own themes on it (leaders only).
    #[serde(default)]
    pub themes: Vec<String>,
    /// The person's private detail of the conversation.
    #[serde(default)]
    pub my_detail: Option<String>,
    /// The person's note as coach or mentor.
    #[serde(default)]
    pub my_coach_note: Option<CoachNote>,
    #[serde(with = "rfc3339")]
    pub created_at: i64,
    #[serde(with = "rfc3339")]
    pub updated_at: i64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SharedRecord {
    pub agenda: Option<String>,
    pub goal: Option<String>,
    pub reality: Option<String>,
    pub options: Option<String>,
    pub way_forward: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CoachNote {
    pub body: String,
    pub shared_with_partner: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Reflection {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    pub body: String,
    pub audience: String,
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub session: Option<String>,
    #[serde(default)]
    pub partner: Option<String>,
    #[serde(with = "rfc3339")]
    pub created_at: i64,
    #[serde(with = "rfc3339")]
    pub updated_at: i64,
}

/// A question a mentor asked that made the person stop and think; asked by that `partner`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct KillerQuestion {
    pub id: String,
    pub text: String,
    pub partner: String,
    #[serde(default)]
    pub session: Option<String>,
    #[serde(with = "rfc3339")]
    pub created_at: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Action {
    pub id: String,
    pub text: String,
    /// "open", "done" or "dropped".
    pub status: String,
    pub audience: String,
    /// "me", "partner" or "nobody".
    pub assigned_to: String,
    #[serde(default, with = "rfc3339::option")]
    pub due: Option<i64>,
    #[serde(default)]
    pub partner: Option<String>,
    #[serde(default)]
    pub session: Option<String>,
    #[serde(default)]
    pub reflection: Option<String>,
    #[serde(with = "rfc3339")]
    pub created_at: i64,
    #[serde(with = "rfc3339")]
    pub updated_at: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OpenQuestion {
    pub id: String,
    pub text: String,
    /// "open", "answered" or "dropped".
    pub status: String,
    pub audience: String,
    /// Reflections that moved it on, oldest first.
    #[serde(default)]
    pub progress: Vec<String>,
    #[serde(with = "rfc3339")]
    pub created_at: i64,
    #[serde(with = "rfc3339")]
    pub updated_at: i64,
}

/// A position on the "what I think" page, in the person's order.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Position {
    pub id: String,
    pub statement: String,
    #[serde(default)]
    pub explanation: Option<String>,
    pub listed: bool,
    #[serde(default)]
    pub themes: Vec<String>,
    /// Reflections that back it.
    #[serde(default)]
    pub evidence: Vec<String>,
    #[serde(with = "rfc3339")]
    pub updated_at: i64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PublicPage {
    pub published: bool,
    pub indexable: bool,
    pub current_version: i64,
    #[serde(default)]
    pub versions: Vec<PageVersion>,
}

/// One published version: the positions as they were published.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PageVersion {
    pub version: i64,
    #[serde(with = "rfc3339")]
    pub published_at: i64,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub positions: Vec<PagePosition>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PagePosition {
    pub statement: String,
    #[serde(default)]
    pub explanation: Option<String>,
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// A reply the person wrote on a reflection.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Reply {
    pub id: String,
    /// The reflection answered, when it is in this file (the person wrote it).
    #[serde(default)]
    pub reflection: Option<String>,
    /// Which reflection it answered, in words: "Priya Nandakumar's reflection “Letting go”, 3 Nov 2026".
    pub answering: String,
    pub body: String,
    /// "item_readers" (everyone who could read the reflection), "partner:<id>" (one relationship in
    /// this file) or "one_relationship" (one whose history is not in the file).
    pub audience: String,
    #[serde(with = "rfc3339")]
    pub created_at: i64,
}

/// A question of the person's own coaching toolkit.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ToolkitQuestion {
    pub id: String,
    pub text: String,
    #[serde(with = "rfc3339")]
    pub created_at: i64,
}

/// Milliseconds since the epoch as RFC 3339 text, for people reading the file.
pub mod rfc3339 {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    pub fn format(ms: i64) -> Option<String> {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()?.format(&Rfc3339).ok()
    }

    pub fn parse(text: &str) -> Option<i64> {
        let t = OffsetDateTime::parse(text, &Rfc3339).ok()?;
        i64::try_from(t.unix_timestamp_nanos() / 1_000_000).ok()
    }

    pub fn serialize<S: Serializer>(ms: &i64, s: S) -> Result<S::Ok, S::Error> {
        let text = format(*ms).ok_or_else(|| serde::ser::Error::custom(format!("time {ms} is out of range")))?;
        s.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not a time like 2026-11-01T10:00:00Z")))
    }

    /// The same for optional times (`null` when absent).
    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(ms: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
            match ms {
                Some(ms) => super::serialize(ms, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
            match Option::<std::borrow::Cow<str>>::deserialize(d)? {
                Some(text) => super::parse(&text).map(Some).ok_or_else(|| {
                    serde::de::Error::custom(format!("{text:?} is not a time like 2026-11-01T10:00:00Z"))
                }),
                None => Ok(None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::rfc3339;

    #[test]
    fn times_read_back_to_the_millisecond() {
        for ms in [0, 1_793_527_200_000, 1_793_527_200_123] {
            let text = rfc3339::format(ms).unwrap_or_default();
            assert_eq!(rfc3339::parse(&text), Some(ms), "{text}");
        }
        assert_eq!(rfc3339::format(1_793_527_200_000).as_deref(), Some("2026-11-01T10:00:00Z"));
        assert_eq!(rfc3339::parse("2026-11-01 10:00"), None);
    }
}
