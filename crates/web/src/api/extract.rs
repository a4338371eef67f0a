//! Reading JSON bodies and path ids with errors a person can act on.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use coachkit_app::AppError;
use serde::de::DeserializeOwned;

/// A JSON body; malformed JSON, a wrong content type or a missing field is a 400 saying which.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for Json<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Json(v)),
            Err(rejection) => Err(match rejection {
                JsonRejection::MissingJsonContentType(_) => ApiError::BadRequest(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "send the body as JSON with Content-Type: application/json".into(),
                ),
                JsonRejection::JsonSyntaxError(_) => {
                    ApiError::BadRequest(StatusCode::BAD_REQUEST, "the body is not valid JSON".into())
                }
                JsonRejection::JsonDataError(e) => ApiError::BadRequest(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!(
                        "the JSON does not have the expected fields: {}",
                        e.body_text().trim_start_matches("Failed to deserialize the JSON body into the target type: ")
                    ),
                ),
                JsonRejection::BytesRejection(_) => {
                    ApiError::BadRequest(StatusCode::PAYLOAD_TOO_LARGE, "the body is larger than we accept".into())
                }
                _ => ApiError::BadRequest(StatusCode::BAD_REQUEST, "the body could not be read".into()),
            }),
        }
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
