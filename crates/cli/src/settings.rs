//! Settings: built-in defaults, then a TOML file, then `COACHKIT_*` environment variables (nested
//! keys with `__`, e.g. `COACHKIT_SMTP__HOST`), then command-line flags. One struct, passed down.

use coachkit_app::{AppConfig, SignupMode, SmtpConfig};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub bind: String,
    pub data_dir: PathBuf,
    /// Empty means the SQLite file `<data_dir>/coachkit.db`.
    pub database_url: String,
    pub max_connections: u32,
    pub base_url: String,
    pub signup: SignupMode,
    pub session_ttl_hours: i64,
    pub secure_cookies: bool,
    pub trust_forwarded_for: bool,
    pub max_body_bytes: usize,
    pub mail_from: String,
    pub smtp: Option<SmtpConfig>,
    /// "text" or "json".
    pub log_format: String,
    /// Weeks without a session before a relationship's parties are nudged.
    pub quiet_weeks: i64,
}

impl Default for Settings {
    fn default() -> Self {
        let app = AppConfig::default();
        Self {
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            database_url: String::new(),
            max_connections: 8,
            base_url: String::new(),
            signup: app.signup,
            session_ttl_hours: app.session_ttl_hours,
            secure_cookies: false,
            trust_forwarded_for: false,
            max_body_bytes: 256 * 1024,
            mail_from: app.mail_from,
            smtp: None,
            log_format: "text".into(),
            quiet_weeks: app.quiet_weeks,
        }
    }
}

/// Values given as flags; only those present override the file and environment.
#[derive(Default, Serialize)]
pub struct FlagOverrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
}

const KNOWN_KEYS: [&str; 15] = [
    "bind",
    "data_dir",
    "database_url",
    "max_connections",
    "base_url",
    "signup",
    "session_ttl_hours",
    "secure_cookies",
    "trust_forwarded_for",
    "max_body_bytes",
    "mail_from",
    "smtp",
    "log_format",
    "quiet_weeks",
    "demo",
];

impl Settings {
    pub fn load(file: Option<&Path>, flags: FlagOverrides) -> anyhow::Result<Self> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        match file {
            Some(path) if !path.exists() => anyhow::bail!("config file {} does not exist", path.display()),
            Some(path) => figment = figment.merge(Toml::file(path)),
            None if Path::new("coachkit.toml").exists() => figment = figment.merge(Toml::file("coachkit.toml")),
            None => {}
        }
        let figment = figment
            .merge(Env::prefixed("COACHKIT_").split("__").filter(|key| {
                // Only our settings: other COACHKIT_* variables (the test suite's, say) are not config.
                let top = key.as_str().split('.').next().unwrap_or_default();
                KNOWN_KEYS.contains(&top)
            }))
            .merge(Serialized::defaults(flags));
        let settings: Settings = figment.extract().map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
        Ok(settings)
    }

    pub fn database_url(&self) -> String {
        if self.database_url.is_empty() {
            format!("sqlite://{}", self.data_dir.join("coachkit.db").display())
        } else {
            self.database_url.clone()
        }
    }

    pub fn base_url(&self) -> String {
        if self.base_url.is_empty() {
            format!("http://{}", self.bind)
        } else {
            self.base_url.trim_end_matches('/').to_owned()
        }
    }

    pub fn app_config(&self) -> AppConfig {
        AppConfig {
            base_url: self.base_url(),
            signup: self.signup,
            session_ttl_hours: self.session_ttl_hours,
            mail_from: self.mail_from.clone(),
            smtp: self.smtp.clone(),
            quiet_weeks: self.quiet_weeks.clamp(1, 52),
            ..AppConfig::default()
        }
    }

    pub fn web_config(&self) -> coachkit_web::WebConfig {
        coachkit_web::WebConfig {
            secure_cookies: self.secure_cookies,
            max_body_bytes: self.max_body_bytes,
            trust_forwarded_for: self.trust_forwarded_for,
        }
    }
}

/// The fully commented example printed by `coachkit config default`.
pub const EXAMPLE: &str = include_str!("../coachkit.example.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_config_parses_to_the_defaults() {
        let dir = std::env::temp_dir().join(format!("coachkit-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("example.toml");
        std::fs::write(&path, EXAMPLE).unwrap();
        let from_file: Settings =
            Figment::from(Serialized::defaults(Settings::default())).merge(Toml::file(&path)).extract().unwrap();
        let defaults = Settings::default();
        assert_eq!(from_file.bind, defaults.bind);
        assert_eq!(from_file.database_url(), defaults.database_url());
        assert_eq!(from_file.signup, defaults.signup);
        assert!(from_file.smtp.is_none());
    }

    #[test]
    fn flags_override_file_values() {
        let dir = std::env::temp_dir().join(format!("coachkit-cfg2-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("c.toml");
        std::fs::write(&path, "bind = \"127.0.0.1:9000\"\ndata_dir = \"/tmp/x\"\n").unwrap();
        let s =
            Settings::load(Some(&path), FlagOverrides { bind: Some("127.0.0.1:9100".into()), ..Default::default() })
                .unwrap();
        assert_eq!(s.bind, "127.0.0.1:9100");
        assert_eq!(s.data_dir, PathBuf::from("/tmp/x"));
        assert!(Settings::load(Some(Path::new("/nonexistent/coachkit.toml")), FlagOverrides::default()).is_err());
    }
}
