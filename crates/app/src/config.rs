//! The settings the use cases need. The binary reads them from file, environment and flags.

use serde::{Deserialize, Serialize};

/// Who may create an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignupMode {
    /// Anyone who can reach the instance.
    Open,
    /// Only someone holding an invitation link (or an account made by an admin).
    InviteOnly,
}

/// An SMTP relay to deliver the outbox through.
#[derive(Clone, Serialize, Deserialize)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
    /// "starttls" (default), "tls" (implicit), or "none" (a relay on localhost only).
    #[serde(default = "default_security")]
    pub security: String,
}

fn default_security() -> String {
    "starttls".into()
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("security", &self.security)
            .finish()
    }
}

#[derive(Clone, Debug)]
pub struct AppConfig {
    /// The address people reach the instance at, used in mailed links (no trailing slash).
    pub base_url: String,
    pub signup: SignupMode,
    pub session_ttl_hours: i64,
    pub mail_from: String,
    pub smtp: Option<SmtpConfig>,
    /// Argon2 memory cost in KiB. Lowered only by tests, where hashing speed matters more.
    pub argon2_memory_kib: u32,
    /// How long this instance may remember who a session or token belongs to, and each person's
    /// relationship list (0 turns both off). Changes made here are seen at once; changes made
    /// through another instance sharing the database, after this long at most.
    pub auth_cache_ttl_ms: u64,
    /// Weeks without a session before a relationship's parties are nudged (1 to 52).
    pub quiet_weeks: i64,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            base_url: "http://127.0.0.1:8080".into(),
            signup: SignupMode::Open,
            session_ttl_hours: 24 * 14,
            mail_from: "coachkit <coachkit@localhost>".into(),
            smtp: None,
            argon2_memory_kib: 19 * 1024,
            auth_cache_ttl_ms: 5_000,
            quiet_weeks: 4,
        }
    }
}
