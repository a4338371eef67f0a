//! coachkit's domain: the words of the product as types, and the rules that need no I/O.
//!
//! Everything here is pure so it can be unit-tested exhaustively; the store loads facts, the app asks
//! these rules, the web layer only renders what the app returns.

pub mod account;
pub mod capability;
pub mod co_coaching;
pub mod ids;
pub mod journal;
pub mod learning_log;
pub mod mentoring;
pub mod next_steps;
pub mod nudge;
pub mod org;
pub mod privacy;
pub mod programme_health;
pub mod relationship;
pub mod text;
pub mod time;
pub mod wheel;

pub use ids::*;
