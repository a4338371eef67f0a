//! coachkit's storage: one API over SQLite and PostgreSQL.
//!
//! All queries go through `sqlx::Any` with portable SQL (`$1` placeholders work on both backends),
//! so there is one code path to test. Dialect-specific SQL is confined to [`db`] (connection set-up)
//! and marked where it appears. Each area of the product has its own module of `impl Store` blocks.

mod capabilities;
mod checkins;
pub mod co_coaching;
mod db;
mod demo_dates;
mod error;
mod instance;
pub mod journal;
pub mod learning_log;
pub mod leaving;
mod list_cache;
mod login_attempts;
pub mod mentoring;
pub mod next_steps;
pub mod nudge_facts;
pub mod nudges;
mod orgs;
mod outbox;
pub mod programme_health;
mod relationships;
mod scheduler;
mod sessions;
mod tokens;
mod users;
mod viewer;
pub mod wheel;

pub use capabilities::CapabilityRow;
pub use checkins::{CheckinRow, HeldSession, NewCheckin};
pub use db::{Backend, Store, StoreOptions};
pub use error::DbError;
pub use orgs::{MemberRow, OrgRow};
pub use outbox::{MailRow, NewMail};
pub use relationships::{NewRelationship, RelationshipRow};
pub use sessions::SessionRow;
pub use tokens::TokenRow;
pub use users::{NewUser, UserRow};
pub use viewer::MEMBER_FACTS_SQL;

/// Current time in milliseconds, the unit of every time column. Strictly increasing within a
/// process: two events one after the other never share a millisecond, so "shared before the
/// relationship ended" and "newest first" are never ambiguous for writes made in order.
pub fn now_ms() -> i64 {
    use std::sync::atomic::{AtomicI64, Ordering};
    static LAST: AtomicI64 = AtomicI64::new(0);
    let wall =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    let mut last = LAST.load(Ordering::Relaxed);
    loop {
        let next = wall.max(last + 1);
        match LAST.compare_exchange_weak(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(seen) => last = seen,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_clock_never_repeats() {
        let mut prev = super::now_ms();
        for _ in 0..10_000 {
            let t = super::now_ms();
            assert!(t > prev);
            prev = t;
        }
    }
}
