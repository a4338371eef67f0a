//! Reading JSON bodies and path ids with errors a person can act on.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use coachkit_app::AppError;
use serde::de::DeserializeOwned;

/// A JSON body; malformed JSON, a wrong content type or a missing field is a 4xx saying which.
///
/// The body must be a JSON object (every body of this API is one). An integer may be written as a number with no fraction (`3.0`), as JSON Schema's `integer`
/// allows, so what the document accepts the handler reads too. Fields a body does not name are
/// ignored (the document allows them); the fields it names are parsed by the domain, which refuses
/// control characters in text (`coachkit_domain::text`, whose schemas say so).
pub struct Json<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for Json<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let value = match axum::Json::<serde_json::Value>::from_request(req, state).await {
            Ok(axum::Json(v)) => integral_floats_as_integers(v),
            Err(rejection) => return Err(rejected(rejection)),
        };
        // Every body of this API is an object; serde would also read a struct from an array of
        // its fields in order (`[null, null]`), which the document does not allow.
        if !value.is_object() {
            return Err(ApiError::BadRequest(
                StatusCode::UNPROCESSABLE_ENTITY,
                "the body must be a JSON object".into(),
            ));
        }
        // The path says which field is wrong ("questions: invalid type ..."), as axum's own does.
        serde_path_to_error::deserialize(value).map(Json).map_err(|e| {
            ApiError::BadRequest(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("the JSON does not have the expected fields: {e}"),
            )
        })
    }
}

/// A query string; one that is missing a parameter or has one of the wrong type is a 400 with our
/// JSON error body (axum's own answers plain text, which the document does not declare).
pub struct Query<T>(pub T);

impl<T: DeserializeOwned> FromRequestParts<AppState> for Query<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(Query(v)),
            Err(e) => Err(ApiError::BadRequest(
                StatusCode::BAD_REQUEST,
                format!(
                    "the query string is not what we expect: {}",
                    e.body_text().trim_start_matches("Failed to deserialize query string: ")
                ),
            )),
        }
    }
}

fn rejected(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => ApiError::BadRequest(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the body as JSON with Content-Type: application/json".into(),
        ),
        JsonRejection::JsonSyntaxError(_) | JsonRejection::JsonDataError(_) => {
            ApiError::BadRequest(StatusCode::BAD_REQUEST, "the body is not valid JSON".into())
        }
        JsonRejection::BytesRejection(_) => {
            ApiError::BadRequest(StatusCode::PAYLOAD_TOO_LARGE, "the body is larger than we accept".into())
        }
        _ => ApiError::BadRequest(StatusCode::BAD_REQUEST, "the body could not be read".into()),
    }
}

/// Turns numbers with no fraction (`3.0`) into integers, anywhere in a body, so a field typed
/// `integer` reads them; a float field reads an integer as well, so nothing else changes.
fn integral_floats_as_integers(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => match n.as_f64() {
            // Below 2^53 every integral float is exact, so the integer is the number that was sent.
            Some(f) if !n.is_i64() && !n.is_u64() && f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(integral_floats_as_integers).collect()),
        Value::Object(fields) => {
            Value::Object(fields.into_iter().map(|(k, v)| (k, integral_floats_as_integers(v))).collect())
        }
        other => other,
    }
}

/// Parses an id from a path; anything malformed is simply "not found".
pub fn id<T>(
    raw: &str,
    what: &'static str,
    parse: fn(&str) -> Result<T, coachkit_domain::text::FieldError>,
) -> Result<T, ApiError> {
    parse(raw).map_err(|_| ApiError::App(AppError::NotFound(what)))
}

#[cfg(test)]
mod tests {
    use super::integral_floats_as_integers;
    use serde_json::json;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Body {
        minutes: i64,
        share: f64,
    }

    #[test]
    fn an_integral_float_reads_as_an_integer() {
        let read = |v| serde_json::from_value::<Body>(integral_floats_as_integers(v));
        assert_eq!(read(json!({"minutes": 45.0, "share": 0.5})).unwrap(), Body { minutes: 45, share: 0.5 });
        assert_eq!(read(json!({"minutes": -5.0, "share": 1})).unwrap(), Body { minutes: -5, share: 1.0 });
        assert!(read(json!({"minutes": 45.5, "share": 0.5})).is_err(), "a fraction is still refused");
        assert!(read(json!({"minutes": 1e300, "share": 0.5})).is_err(), "so is a number out of range");
        assert!(read(json!({"minutes": "45", "share": 0.5})).is_err(), "and a string");
    }

    #[test]
    fn nested_numbers_are_read_too() {
        let v = integral_floats_as_integers(json!({"a": [1.0, {"b": 2.0}], "c": 2.5}));
        assert_eq!(v, json!({"a": [1, {"b": 2}], "c": 2.5}));
    }
}
