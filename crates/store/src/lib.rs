//! coachkit's storage: one API over SQLite and PostgreSQL.
//!
//! All queries go through `sqlx::Any` with portable SQL (`$1` placeholders work on both backends),
//! so there is one code path to test. Dialect-specific SQL is confined to [`db`] (connection set-up)
//! and marked where it appears. Each area of the product has its own module of `impl Store` blocks.

mod capabilities;
mod db;
mod error;
mod login_attempts;
mod orgs;
mod outbox;
mod relationships;
mod sessions;
mod tokens;
mod users;
mod viewer;

pub use capabilities::CapabilityRow;
pub use db::{Backend, Store, StoreOptions};
pub use error::DbError;
pub use orgs::{MemberRow, OrgRow};
pub use outbox::{MailRow, NewMail};
pub use relationships::{NewRelationship, RelationshipRow};
pub use sessions::SessionRow;
pub use tokens::TokenRow;
pub use users::{NewUser, UserRow};

/// Current time in milliseconds, the unit of every time column.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}
