//! The one error type of the insight engine: input that cannot be read as asked, or a damaged model.
//!
//! Every variant carries what a person needs to fix their input; none carries internals.

use thiserror::Error;

/// Why an insight request was refused.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum InsightError {
    /// Too few or too many of something (experts, items, challenges).
    #[error("{what}: expected {min} to {max}, got {got}")]
    Count { what: &'static str, min: usize, max: usize, got: usize },
    /// A text longer than the engine reads; the caller should shorten it.
    #[error("text {id} is {chars} characters long; the limit is {limit}")]
    TextTooLong { id: String, chars: usize, limit: usize },
    /// An expert whose every item is blank, so no thread can run through them.
    #[error("expert {expert} has no advice with any text in it")]
    NoAdvice { expert: String },
    /// Two items or challenges share an id, so results could not be told apart.
    #[error("the id {0} is used more than once")]
    DuplicateId(String),
    /// A facilitator's confirmed or rejected team names a challenge that is not in the request,
    /// or a confirmed team that does not span two organisations.
    #[error("facilitator's choice cannot be used: {0}")]
    InvalidChoice(String),
    /// An evaluation file that is neither of the two schemas.
    #[error("evaluation file: {0}")]
    EvalFile(String),
    /// The model compiled into the binary failed its own checks (a build problem, not user input).
    #[error("the embedded text model is damaged: {0}")]
    Model(String),
}
