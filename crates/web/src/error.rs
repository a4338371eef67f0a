//! The two error types of the web layer: `ApiError` answers JSON (`{"code","message"}`),
//! `PageError` answers an HTML page. Both come from `AppError`, so a use case's refusal reads the
//! same in both. A 5xx never carries its cause: the cause is logged with the request id, and the
//! response (filled in by `middleware::finish_internal_errors`) shows only that id.

use crate::view;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::AppError;
use coachkit_domain::text::{FieldError, Refusal};
use serde::Serialize;

/// Marks a response as an internal error whose body the middleware writes (it knows the request id).
#[derive(Clone, Copy, Debug)]
pub struct InternalErrorBody {
    pub json: bool,
}

fn status_of(e: &AppError) -> (StatusCode, &'static str) {
    match e {
        AppError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
        AppError::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized"),
        AppError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
        AppError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
        AppError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
        AppError::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
        AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
    }
}

/// The API's status: as [`status_of`], except that refused fields that all name something not
/// there (or all clash with what is stored) answer 404 (or 409), as a path id would; the body
/// still lists them. Pages keep 422 and show each message next to its field.
fn api_status_of(e: &AppError) -> (StatusCode, &'static str) {
    match e {
        AppError::Invalid(fields) => status_of_refusals(fields.iter().map(|f| f.refusal)),
        other => status_of(other),
    }
}

/// The API's status for a list of refused fields (of any form, the wheel's too): 404 when every
/// one names something not there, 409 when every one clashes with what is stored, else 422.
pub(crate) fn status_of_refusals(refusals: impl IntoIterator<Item = Refusal>) -> (StatusCode, &'static str) {
    let mut refusals = refusals.into_iter();
    let Some(first) = refusals.next() else { return (StatusCode::UNPROCESSABLE_ENTITY, "invalid") };
    match (first, refusals.all(|r| r == first)) {
        (Refusal::NotFound, true) => (StatusCode::NOT_FOUND, "not_found"),
        (Refusal::Conflict, true) => (StatusCode::CONFLICT, "conflict"),
        _ => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
    }
}

pub(crate) fn message_of(e: &AppError) -> String {
    match e {
        AppError::Invalid(fields) => fields.iter().map(|f| f.to_string()).collect::<Vec<_>>().join("; "),
        AppError::Internal(_) => "something went wrong on our side".into(),
        other => {
            let s = other.to_string();
            let mut c = s.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or(s)
        }
    }
}

fn log_internal(e: &AppError) {
    if let AppError::Internal(cause) = e {
        let mut chain = cause.to_string();
        let mut source = cause.source();
        while let Some(s) = source {
            chain.push_str(": ");
            chain.push_str(&s.to_string());
            source = s.source();
        }
        tracing::error!(error = %chain, "internal error");
    }
}

/// The JSON body of every API error.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A stable word for programs: invalid, unauthorized, forbidden, not_found, conflict,
    /// rate_limited, bad_request, too_large, internal.
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// Per-field problems, for `invalid`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldProblem>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

/// An error answered as JSON.
#[derive(Debug)]
pub enum ApiError {
    App(AppError),
    /// The request itself could not be read (malformed JSON, wrong content type, too large).
    BadRequest(StatusCode, String),
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError::App(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ApiError::BadRequest(status, message) => {
                let code = if status == StatusCode::PAYLOAD_TOO_LARGE { "too_large" } else { "bad_request" };
                (status, ErrorBody { code: code.into(), message, fields: vec![] })
            }
            ApiError::App(e) => {
                let (status, code) = api_status_of(&e);
                if status.is_server_error() {
                    log_internal(&e);
                    let mut r = status.into_response();
                    r.extensions_mut().insert(InternalErrorBody { json: true });
                    return r;
                }
                let fields = match &e {
                    AppError::Invalid(f) => {
                        f.iter().map(|f| FieldProblem { field: f.field.into(), message: f.message.clone() }).collect()
                    }
                    _ => vec![],
                };
                (status, ErrorBody { code: code.into(), message: message_of(&e), fields })
            }
        };
        (status, axum::Json(body)).into_response()
    }
}

/// An error answered as an HTML page.
#[derive(Debug)]
pub enum PageError {
    App(AppError),
    /// Not signed in: go to sign-in and come back.
    SignIn {
        next: String,
    },
    BadRequest(StatusCode, String),
}

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        PageError::App(e)
    }
}

impl PageError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        PageError::BadRequest(StatusCode::BAD_REQUEST, message.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::SignIn { next } => {
                Redirect::to(&format!("/signin?next={}", view::url_encode(&next))).into_response()
            }
            PageError::BadRequest(status, message) => view::error_page(status, "That did not work", &message),
            PageError::App(e) => {
                let (status, _) = status_of(&e);
                if status.is_server_error() {
                    log_internal(&e);
                    let mut r = status.into_response();
                    r.extensions_mut().insert(InternalErrorBody { json: false });
                    return r;
                }
                let title = match status {
                    StatusCode::NOT_FOUND => "Not found",
                    StatusCode::FORBIDDEN => "Not yours to do",
                    StatusCode::TOO_MANY_REQUESTS => "Please wait",
                    StatusCode::CONFLICT => "That cannot be done now",
                    _ => "That did not work",
                };
                view::error_page(status, title, &message_of(&e))
            }
        }
    }
}

/// Field errors by field name, for forms that show each message next to its field.
#[derive(Default, Debug, Clone)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn from_app(e: &AppError) -> Option<Self> {
        match e {
            AppError::Invalid(f) => Some(Self(f.clone())),
            _ => None,
        }
    }
    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|f| f.field == field).map(|f| f.message.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_naming_what_is_not_there_answer_404_in_the_api_only() {
        let missing = AppError::Invalid(vec![FieldError::not_found("audience", "names a coach you do not work with")]);
        assert_eq!(api_status_of(&missing).0, StatusCode::NOT_FOUND);
        assert_eq!(status_of(&missing).0, StatusCode::UNPROCESSABLE_ENTITY, "pages keep the form's 422");
        let taken = AppError::Invalid(vec![FieldError::conflict("email", "already has an account")]);
        assert_eq!(api_status_of(&taken).0, StatusCode::CONFLICT);
        let mixed = AppError::Invalid(vec![
            FieldError::not_found("audience", "names a coach you do not work with"),
            FieldError::new("text", "must not be empty"),
        ]);
        assert_eq!(api_status_of(&mixed).0, StatusCode::UNPROCESSABLE_ENTITY, "a bad value is still a 422");
        assert_eq!(api_status_of(&AppError::Invalid(vec![])).0, StatusCode::UNPROCESSABLE_ENTITY);
    }
}
