//! Secrets handed to people: session ids, API tokens, guest links, reset links.
//!
//! Only a SHA-256 hash of a secret is stored, so a copy of the database grants nothing. The secrets
//! carry 256 random bits, so a fast hash is enough (no need for argon2, which protects weak,
//! human-chosen passwords).

use sha2::{Digest, Sha256};

/// What a guest link lets its holder do; a link is good for exactly one purpose and one target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// Accept or decline a coaching invitation (target: the relationship).
    RelationshipInvite,
    /// Answer one advice request as an expert (target: the request record).
    ExpertAdvice,
    /// Set a new password (target: the user).
    PasswordReset,
    /// Join a learning-log programme as a participant (target: the programme).
    ProgrammeJoin,
    /// Join a co-coaching engagement, with or without an account (target: the invitation).
    EngagementInvite,
    /// Answer "did you meet?" on one relationship as one of its parties (target: the
    /// relationship; the party is the link's creator, `created_by`).
    RelationshipCheckin,
    /// Turn off one kind of nudge, or all of them, from a mail (target: "user id:kind" or "user id:all").
    Unsubscribe,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::RelationshipInvite => "relationship_invite",
            Purpose::ExpertAdvice => "expert_advice",
            Purpose::PasswordReset => "password_reset",
            Purpose::ProgrammeJoin => "programme_join",
            Purpose::EngagementInvite => "engagement_invite",
            Purpose::RelationshipCheckin => "relationship_checkin",
            Purpose::Unsubscribe => "unsubscribe",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "relationship_invite" => Purpose::RelationshipInvite,
            "expert_advice" => Purpose::ExpertAdvice,
            "password_reset" => Purpose::PasswordReset,
            "programme_join" => Purpose::ProgrammeJoin,
            "engagement_invite" => Purpose::EngagementInvite,
            "relationship_checkin" => Purpose::RelationshipCheckin,
            "unsubscribe" => Purpose::Unsubscribe,
            _ => return None,
        })
    }
}

/// A secret as handed to a person. Debug never prints it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps 32 random bytes (made by the caller, which owns the randomness) as URL-safe hex.
    pub fn from_random_bytes(bytes: [u8; 32]) -> Self {
        Self(hex::encode(bytes))
    }
    /// Wraps a secret presented by a client (cookie, header, link); only its hash is ever compared.
    pub fn presented(s: &str) -> Option<Self> {
        let s = s.trim();
        (s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())).then(|| Self(s.to_ascii_lowercase()))
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
    /// The only form that is stored.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_hash_stably_and_never_print() {
        let s = Secret::from_random_bytes([7; 32]);
        assert_eq!(s.hash(), Secret::presented(s.expose()).unwrap().hash());
        assert_ne!(s.hash(), s.expose());
        assert_eq!(format!("{s:?}"), "Secret(<redacted>)");
        assert!(Secret::presented("not-hex").is_none());
        assert!(Secret::presented(&"a".repeat(63)).is_none());
    }

    #[test]
    fn purposes_round_trip() {
        for p in [
            Purpose::RelationshipInvite,
            Purpose::ExpertAdvice,
            Purpose::PasswordReset,
            Purpose::ProgrammeJoin,
            Purpose::EngagementInvite,
            Purpose::RelationshipCheckin,
            Purpose::Unsubscribe,
        ] {
            assert_eq!(Purpose::parse(p.as_str()), Some(p));
        }
        assert_eq!(Purpose::parse("admin"), None);
    }
}
