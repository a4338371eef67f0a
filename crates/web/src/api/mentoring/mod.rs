//! Practice 5 over JSON: just-in-time mentoring. The leader's side (`leader`) needs an account;
//! the expert's side (`expert`) is reached by the secret of the expert's link alone. Both call the
//! use cases of `coachkit_app::mentoring`, which ask the privacy policy and keep the seal: the
//! handlers only read bodies and paths and shape answers.

pub mod expert;
pub mod leader;

use super::extract::Json;
use crate::error::ApiError;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use coachkit_domain::RecordId;
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

/// The id of what was just created.
#[derive(Serialize, ToSchema)]
pub struct AdviceCreated {
    id: String,
}

/// A request or expert id from the path; anything malformed is "not found", like an unknown id.
fn record(raw: &str, what: &'static str) -> Result<String, ApiError> {
    super::extract::id(raw, what, RecordId::parse).map(|r| r.to_string())
}

/// A JSON body whose fields are all optional, so the body itself may be left out: no body (and
/// no content type) reads as `{}`. A body that is there goes through `Json` and its errors.
pub struct OptionalJson<T>(pub T);

impl<T: DeserializeOwned + Default> FromRequest<AppState> for OptionalJson<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let bytes = axum::body::to_bytes(body, state.web.max_body_bytes).await.map_err(|_| {
            ApiError::BadRequest(StatusCode::PAYLOAD_TOO_LARGE, "the body is larger than we accept".into())
        })?;
        // No body, or JSON's `null` (the document allows it), means "nothing to add".
        let given = bytes.trim_ascii();
        if given.is_empty() || given == b"null" {
            return Ok(OptionalJson(T::default()));
        }
        // Anything else is read as `Json` reads it (and refused as it refuses, e.g. without
        // saying it is JSON).
        let req = Request::from_parts(parts, Body::from(bytes));
        Json::<T>::from_request(req, state).await.map(|Json(v)| OptionalJson(v))
    }
}
