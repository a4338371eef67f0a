//! Typed identifiers. Every id is a UUIDv7 stored as TEXT (sortable by creation time, portable across
//! SQLite and PostgreSQL); the newtypes stop a user id being passed where a relationship id is meant.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(transparent)]
        #[schema(value_type = String)]
        pub struct $name(String);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }
            /// Parses an id that came from outside (a URL, a form, JSON). Anything that is not a
            /// UUID is refused here, so it never reaches a query.
            pub fn parse(s: &str) -> Result<Self, crate::text::FieldError> {
                uuid::Uuid::parse_str(s.trim())
                    .map(|u| Self(u.hyphenated().to_string()))
                    .map_err(|_| crate::text::FieldError::new("id", "is not a valid identifier"))
            }
            /// Wraps an id read back from our own database.
            pub fn from_trusted(s: String) -> Self {
                Self(s)
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

id_type!(
    /// A person with an account.
    UserId,
    /// An organisation people belong to.
    OrgId,
    /// A coaching or mentoring relationship between a leader and a coach.
    RelationshipId,
    /// A programme run by a facilitator (a learning-log cohort, a co-coaching experiment).
    ProgrammeId,
    /// A small team inside a programme (co-coaching teams).
    TeamId,
    /// Any record a person writes (reflection, assessment, challenge, advice...).
    RecordId,
    /// A guest capability link.
    CapabilityId,
    /// A message in the outbox.
    MailId,
    /// A personal API token.
    TokenId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_reject_garbage() {
        let id = UserId::new();
        assert_eq!(UserId::parse(id.as_str()).unwrap(), id);
        assert!(UserId::parse("1 OR 1=1").is_err());
        assert!(UserId::parse("").is_err());
    }

    #[test]
    fn ids_sort_by_creation() {
        let a = RecordId::new();
        let b = RecordId::new();
        assert!(a < b);
    }
}
