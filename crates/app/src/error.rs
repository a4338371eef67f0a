//! What a use case can refuse, in words a person can act on. The web layer maps each kind to a
//! status; `Internal` carries the cause for the log only.

use coachkit_domain::text::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// One or more fields were not acceptable; shown next to the fields.
    #[error("some fields need attention")]
    Invalid(Vec<FieldError>),
    /// Not signed in, or the credentials were wrong.
    #[error("{0}")]
    Unauthorized(&'static str),
    /// Signed in, but this is not theirs to do. Used only where revealing existence is harmless;
    /// records the person may not see are reported as `NotFound`.
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The request clashes with the current state (taken e-mail, already answered invitation).
    #[error("{0}")]
    Conflict(String),
    #[error("too many attempts; please wait {minutes} minutes and try again")]
    RateLimited { minutes: i64 },
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl AppError {
    pub fn field(field: &'static str, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldError::new(field, message)])
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Invalid(vec![e])
    }
}

impl From<coachkit_store::DbError> for AppError {
    fn from(e: coachkit_store::DbError) -> Self {
        match e {
            coachkit_store::DbError::Conflict => AppError::Conflict("that already exists".into()),
            other => AppError::Internal(Box::new(other)),
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
