//! The audience choices a leader sees on a reflection or action form, and how a choice becomes an
//! [`Audience`] the policy understands.

use crate::RelationshipId;
use crate::privacy::{Audience, RecordKind};
use crate::text::FieldError;

/// One choice on a form: its value (submitted) and its label (shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AudienceChoice {
    pub value: String,
    pub label: String,
}

impl AudienceChoice {
    /// The choices for `kind`, given the leader's current coaches and mentors as (relationship, name).
    pub fn for_kind(kind: RecordKind, partners: &[(RelationshipId, String)]) -> Vec<Self> {
        let mut choices = vec![AudienceChoice { value: "private".into(), label: "Only me".into() }];
        if kind.permits(&Audience::Relationship(RelationshipId::new())) {
            for (r, name) in partners {
                choices.push(AudienceChoice { value: format!("relationship:{r}"), label: format!("{name} only") });
            }
        }
        if kind.permits(&Audience::AllMyCoaches) && !partners.is_empty() {
            choices.push(AudienceChoice { value: "all_my_coaches".into(), label: "All my coaches and mentors".into() });
        }
        if kind.permits(&Audience::Public) {
            choices.push(AudienceChoice { value: "public".into(), label: "Public (anyone with the link)".into() });
        }
        choices
    }
}

/// Parses a submitted choice. A relationship must be one of `mine` (the author's own), and the
/// audience must be one `kind` permits: anything else is refused, never widened or guessed.
pub fn parse_audience(raw: &str, kind: RecordKind, mine: &[RelationshipId]) -> Result<Audience, FieldError> {
    let audience = match raw.trim() {
        "" | "private" => Audience::Private,
        "all_my_coaches" => Audience::AllMyCoaches,
        "public" => Audience::Public,
        other => match other.strip_prefix("relationship:") {
            Some(id) => {
                let id =
                    RelationshipId::parse(id).map_err(|_| FieldError::new("audience", "is not one of the choices"))?;
                if !mine.contains(&id) {
                    return Err(FieldError::not_found("audience", "names a coach or mentor you do not work with"));
                }
                Audience::Relationship(id)
            }
            None => return Err(FieldError::new("audience", "is not one of the choices")),
        },
    };
    if !kind.permits(&audience) {
        return Err(FieldError::new("audience", "is not allowed for this kind of note"));
    }
    Ok(audience)
}

/// OpenAPI schemas for an `audience` field, from what [`parse_audience`] accepts for each kind:
/// the words the kind permits (the empty string meaning "private"), or `relationship:<id>`. A
/// relationship that is not the author's answers 404 (it names something not there for them).
pub mod schema {
    use super::{Audience, RecordKind};
    use crate::RelationshipId;
    use crate::text::schema::{UUID, words};
    use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, Schema, Type};

    /// `relationship:<id>`, the id as `RelationshipId::parse` reads it.
    fn relationship() -> ObjectBuilder {
        ObjectBuilder::new().schema_type(Type::String).pattern(Some(format!("^relationship:{UUID}$")))
    }

    pub fn for_kind(kind: RecordKind) -> Schema {
        let mut choices = vec!["", "private"];
        if kind.permits(&Audience::AllMyCoaches) {
            choices.push("all_my_coaches");
        }
        if kind.permits(&Audience::Public) {
            choices.push("public");
        }
        let mut any = AnyOfBuilder::new().item(words(choices));
        if kind.permits(&Audience::Relationship(RelationshipId::new())) {
            any = any.item(relationship());
        }
        any.build().into()
    }

    /// Like [`for_kind`], for an `Option<String>` field that may also be `null` ("private").
    pub fn nullable(kind: RecordKind) -> Schema {
        AnyOfBuilder::new().item(for_kind(kind)).item(ObjectBuilder::new().schema_type(Type::Null)).build().into()
    }

    /// A reply's audience: empty (the narrowest offered), "item_readers" or `relationship:<id>`.
    pub fn reply() -> Schema {
        AnyOfBuilder::new().item(words(["", "item_readers"])).item(relationship()).build().into()
    }

    pub fn reflection() -> Schema {
        for_kind(RecordKind::Reflection)
    }
    pub fn action() -> Schema {
        for_kind(RecordKind::Action)
    }
    pub fn open_question() -> Schema {
        for_kind(RecordKind::OpenQuestion)
    }
    pub fn nullable_wheel_assessment() -> Schema {
        nullable(RecordKind::WheelAssessment)
    }
    pub fn advice_request() -> Schema {
        for_kind(RecordKind::AdviceRequest)
    }
    pub fn nullable_advice_request() -> Schema {
        nullable(RecordKind::AdviceRequest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_lists_what_the_parser_accepts() {
        let action = serde_json::to_value(schema::action()).unwrap();
        let words: Vec<&str> =
            action["anyOf"][0]["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        for w in &words {
            assert!(parse_audience(w, RecordKind::Action, &[]).is_ok(), "{w}");
        }
        assert!(!words.contains(&"public"), "actions are never public");
        let r = RelationshipId::new();
        let pattern = action["anyOf"][1]["pattern"].as_str().unwrap();
        assert!(pattern.starts_with("^relationship:"));
        assert!(parse_audience(&format!("relationship:{r}"), RecordKind::Action, std::slice::from_ref(&r)).is_ok());
        let stranger = parse_audience(&format!("relationship:{r}"), RecordKind::Action, &[]).unwrap_err();
        assert_eq!(stranger.refusal, crate::text::Refusal::NotFound, "someone else's relationship is not found");
        let reflection = serde_json::to_value(schema::reflection()).unwrap();
        assert!(reflection["anyOf"][0]["enum"].as_array().unwrap().contains(&serde_json::json!("public")));
    }

    #[test]
    fn choices_follow_what_the_kind_permits() {
        let r = RelationshipId::new();
        let partners = vec![(r.clone(), "Gareth".to_owned())];
        let reflection: Vec<String> =
            AudienceChoice::for_kind(RecordKind::Reflection, &partners).into_iter().map(|c| c.value).collect();
        assert_eq!(
            reflection,
            vec!["private".to_owned(), format!("relationship:{r}"), "all_my_coaches".into(), "public".into()]
        );
        let action: Vec<String> =
            AudienceChoice::for_kind(RecordKind::Action, &partners).into_iter().map(|c| c.value).collect();
        assert!(!action.contains(&"public".to_owned()), "actions are never public");
        let alone: Vec<String> =
            AudienceChoice::for_kind(RecordKind::Reflection, &[]).into_iter().map(|c| c.value).collect();
        assert_eq!(alone, vec!["private", "public"]);
    }

    #[test]
    fn parsing_refuses_what_is_not_offered() {
        let mine = RelationshipId::new();
        let theirs = RelationshipId::new();
        assert_eq!(parse_audience("private", RecordKind::Reflection, &[]).unwrap(), Audience::Private);
        assert_eq!(
            parse_audience(&format!("relationship:{mine}"), RecordKind::Reflection, std::slice::from_ref(&mine))
                .unwrap(),
            Audience::Relationship(mine.clone())
        );
        assert!(parse_audience(&format!("relationship:{theirs}"), RecordKind::Reflection, &[mine]).is_err());
        assert!(parse_audience("public", RecordKind::Action, &[]).is_err());
        assert!(parse_audience("everyone", RecordKind::Reflection, &[]).is_err());
        assert!(parse_audience("relationship:1 OR 1=1", RecordKind::Reflection, &[]).is_err());
    }
}
