//! Statuses that every operation of a kind can answer, declared once instead of on each handler.
//!
//! They come from layers the handlers never see: the JSON extractor (`extract::Json`: 400 for
//! malformed JSON, 413 for an oversized body, 415 without `Content-Type: application/json`, 422
//! for missing or mistyped fields), authentication (401 without a session or token) and the CSRF
//! check (403 for a change sent with a session cookie but no `X-CSRF-Token`). Declaring them here
//! keeps the document true for every new handler too (a query string axum's `Query` cannot read is
//! a 400); a handler that declares one itself keeps
//! its own description.

use utoipa::Modify;
use utoipa::openapi::path::Operation;
use utoipa::openapi::{OpenApi, Ref, RefOr, ResponseBuilder};

pub struct CommonResponses;

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                (&mut item.get, false),
                (&mut item.put, true),
                (&mut item.post, true),
                (&mut item.delete, true),
                (&mut item.patch, true),
            ];
            for (operation, changes) in operations {
                if let Some(operation) = operation.as_mut() {
                    declare(operation, changes);
                }
            }
        }
    }
}

fn declare(operation: &mut Operation, changes: bool) {
    if operation.request_body.is_some() {
        add(operation, "400", "The body is not valid JSON.");
        add(operation, "413", "The body is larger than we accept.");
        add(operation, "415", "The body was not sent as application/json.");
        add(
            operation,
            "422",
            "The body lacks a field, has one of the wrong type, a string with a control character, or a value we refuse.",
        );
    }
    let has_query = operation.parameters.as_ref().is_some_and(|params| {
        params.iter().any(|p| matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Query))
    });
    if has_query {
        add(operation, "400", "A query parameter is missing, or is not of its type or range.");
    }
    let signed_in = operation
        .security
        .as_ref()
        .is_some_and(|requirements| !requirements.is_empty() && requirements.iter().all(|r| !is_anonymous(r)));
    if signed_in {
        add(operation, "401", "Sign in, or send an API token.");
        if changes {
            add(operation, "403", "Not allowed, or a change sent with a session cookie but no X-CSRF-Token.");
        }
    }
}

/// An empty requirement (`security(())`) means the operation also works without signing in.
fn is_anonymous(requirement: &utoipa::openapi::security::SecurityRequirement) -> bool {
    serde_json::to_value(requirement).is_ok_and(|v| v.as_object().is_some_and(|o| o.is_empty()))
}

fn add(operation: &mut Operation, status: &str, description: &str) {
    operation.responses.responses.entry(status.to_owned()).or_insert_with(|| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    utoipa::openapi::ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build(),
                )
                .build(),
        )
    });
}
