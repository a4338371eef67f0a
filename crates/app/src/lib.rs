//! coachkit's use cases. Each function takes the acting person, checks what they may do through
//! the privacy policy in `coachkit_domain::privacy`, and calls the store. Nothing here knows HTTP.

mod accounts;
mod admin;
mod auth_cache;
mod capabilities;
mod checkins;
pub mod co_coaching;
mod config;
pub mod demo;
mod error;
pub mod journal;
pub mod learning_log;
mod leaving;
pub mod mail;
pub mod markdown;
pub mod mentoring;
pub mod next_steps;
pub mod nudges;
mod orgs;
mod passwords;
pub mod programme_health;
mod relationships;
pub mod scheduler;
mod tokens;
pub mod wheel;

pub use accounts::HEADLINE_MAX;
pub use accounts::{Actor, SignedIn};
pub use capabilities::IssuedLink;
pub use checkins::{CheckinOutcome, CheckinView};
pub use config::{AppConfig, SignupMode, SmtpConfig};
pub use error::{AppError, AppResult};
pub use journal::PUBLISH_NOTE_MAX;
pub use leaving::Leaver;
pub use relationships::{
    INVITATION_MESSAGE_MAX, INVITEE_NAME_MAX, InviteInput, InviteMail, InviteOutcome, RelationshipView,
};
pub use tokens::TOKEN_NAME_MAX;

use coachkit_store::Store;

/// The application: configuration and storage, shared by every request. Cheap to clone.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    pub config: std::sync::Arc<AppConfig>,
    pub(crate) auth_cache: std::sync::Arc<auth_cache::AuthCache>,
}

impl App {
    pub fn new(store: Store, config: AppConfig) -> Self {
        let ttl = std::time::Duration::from_millis(config.auth_cache_ttl_ms);
        // The same bound for relationship lists: how late this instance may see another's change.
        store.keep_lists_for(ttl);
        Self {
            store,
            config: std::sync::Arc::new(config),
            auth_cache: std::sync::Arc::new(auth_cache::AuthCache::new(ttl, 50_000)),
        }
    }
}
