//! Rules that tie two fields of one body together, which a field's own schema cannot say: an
//! invitation names its person by e-mail or by name, a toolkit question is typed or taken from a
//! session, a programme's resource has a title or a link (or is left blank and skipped), an
//! advice request has three experts or confirms another number and says why it overrides the
//! mix, an engagement chooses or names each organisation.
//!
//! Each rule wraps the body's component schema as `allOf: [the fields, anyOf: [ways to be
//! complete], ...]`, built from the same limits and schemas the parsers use, so that a client (or
//! a generator) reading the document sends only bodies the use case accepts. What no schema can
//! say (the clock, what is stored, one item against another) is listed in
//! `scripts/api_check_hooks.py`, which the API check uses to keep its valid examples valid.

use coachkit_domain::text::schema::{must_be, required, words};
use utoipa::Modify;
use utoipa::openapi::schema::{AllOfBuilder, AnyOfBuilder, ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::{OpenApi, RefOr};

pub struct CrossFieldRules;

impl Modify for CrossFieldRules {
    fn modify(&self, openapi: &mut OpenApi) {
        let Some(components) = openapi.components.as_mut() else { return };
        let mut names: Vec<&str> = rules().iter().map(|(name, _)| *name).collect();
        names.dedup();
        for name in names {
            let Some(fields) = components.schemas.remove(name) else { continue };
            let wrapped = rules()
                .into_iter()
                .filter(|(n, _)| *n == name)
                .fold(AllOfBuilder::new().item(fields), |all, (_, ways)| {
                    all.item(ways.into_iter().fold(AnyOfBuilder::new(), |any, way| any.item(way)))
                });
            components.schemas.insert(name.to_owned(), RefOr::T(Schema::AllOf(wrapped.build())));
        }
    }
}

/// The component's name and the ways a body of it is complete; one of them must hold. A
/// component may have several rules (the rules of one component are listed together).
fn rules() -> Vec<(&'static str, Vec<Schema>)> {
    use coachkit_domain::account::Email;
    use coachkit_domain::journal::limits as journal;
    use coachkit_domain::learning_log::limits as log;
    use coachkit_domain::mentoring::limits as mentoring;
    use coachkit_domain::mentoring::roster::METHOD_EXPERTS;
    use coachkit_domain::org::OrgName;
    let exactly = |n: usize| ArrayBuilder::new().min_items(Some(n)).max_items(Some(n)).into();
    let uuid = || coachkit_domain::text::schema::uuid().into();
    vec![
        // `check_roster`: a number of experts other than the method's three needs confirming.
        (
            "NewAdviceRequest",
            vec![given("experts", exactly(METHOD_EXPERTS)), given("confirm_count", must_be(true).into())],
        ),
        // `create_advice_request`: going without the inside/outside mix needs a reason.
        (
            "NewAdviceRequest",
            vec![
                ObjectBuilder::new().property("override_mix", must_be(false)).into(),
                given("override_reason", required::<{ mentoring::OVERRIDE_REASON }>().into()),
            ],
        ),
        // `Fee::parse`: a share is a percentage from 1 to 100; a fixed or success fee a sum.
        (
            "CoCoachingFee",
            vec![
                ObjectBuilder::new()
                    .property("model", words(["share"]))
                    .property("number", whole(1, 100))
                    .required("model")
                    .required("number")
                    .into(),
                ObjectBuilder::new()
                    .property("model", words(["fixed", "success"]))
                    .property("number", whole(0, 999_999_999_999))
                    .required("model")
                    .required("number")
                    .into(),
            ],
        ),
        // `create_engagement`: each side is an organisation chosen by id, or one named anew.
        ("EngagementInput", vec![given("org_a", uuid()), given("org_a_new", required::<{ OrgName::MAX }>().into())]),
        ("EngagementInput", vec![given("org_b", uuid()), given("org_b_new", required::<{ OrgName::MAX }>().into())]),
        // `App::invite`: "email or their name is needed: say whom the invitation is for".
        (
            "InviteRequest",
            vec![
                given("email", Email::schema().into()),
                given("name", required::<{ coachkit_app::INVITEE_NAME_MAX }>().into()),
            ],
        ),
        // `add_to_toolkit`: a non-empty `from_killer_question` wins; otherwise `text` is the question.
        (
            "ToolkitInput",
            vec![
                given("text", required::<{ journal::QUESTION }>().into()),
                given(
                    "from_killer_question",
                    ObjectBuilder::new().schema_type(Type::String).min_length(Some(1)).into(),
                ),
            ],
        ),
        // `learning_log::programmes::resources`: a text needs a title, a link stands as its own.
        (
            "ResourceInput",
            vec![
                given("title", required::<{ log::RESOURCE_TITLE }>().into()),
                given("url", ObjectBuilder::new().schema_type(Type::String).pattern(Some("^https?://")).into()),
                blank(&["title", "body", "url"]),
            ],
        ),
    ]
}

/// A whole number from `lo` to `hi`, as a JSON integer or as the digits of one: each number as
/// text for a short range, or (from 0) any digits shorter than `hi`'s.
fn whole(lo: i64, hi: i64) -> Schema {
    let text = if hi - lo <= 200 {
        let words: Vec<String> = (lo..=hi).map(|n| n.to_string()).collect();
        ObjectBuilder::new().schema_type(Type::String).enum_values(Some(words))
    } else {
        debug_assert_eq!(lo, 0, "a long range starts at 0");
        let digits = hi.to_string().len() - 1;
        ObjectBuilder::new().schema_type(Type::String).pattern(Some(format!("^[0-9]{{1,{digits}}}$")))
    };
    AnyOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(lo as f64)).maximum(Some(hi as f64)))
        .item(text)
        .into()
}

/// A body where `field` is present and matches `schema`.
fn given(field: &str, schema: Schema) -> Schema {
    ObjectBuilder::new().property(field, schema).required(field).into()
}

/// A body whose `fields` are all blank (left out, or only spaces and line breaks): skipped.
fn blank(fields: &[&str]) -> Schema {
    let blank = || ObjectBuilder::new().schema_type(Type::String).pattern(Some("^[ \\t\\n\\r]*$"));
    fields.iter().fold(ObjectBuilder::new(), |o, f| o.property(*f, blank())).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_wraps_a_component_the_document_has() {
        let doc: serde_json::Value = serde_json::from_str(&crate::api::openapi_json()).unwrap();
        for (name, _) in rules() {
            let schema = &doc["components"]["schemas"][name];
            let count = rules().iter().filter(|(n, _)| *n == name).count();
            assert_eq!(schema["allOf"].as_array().map(Vec::len), Some(1 + count), "{name}");
            assert!(schema["allOf"][0]["properties"].is_object(), "{name} keeps its fields");
            assert!(schema["allOf"][1]["anyOf"].is_array(), "{name}");
        }
    }
}
