//! Organisations and the roles people hold in them. Practices 4 and 5 care which organisation a
//! person is in (co-coaching pairs across two; advice from inside and outside one's own).

use crate::text::{FieldError, bounded};
use serde::{Deserialize, Serialize};

/// An organisation's name as shown on pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct OrgName(String);

impl OrgName {
    pub const MAX: usize = 120;
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        bounded("name", raw, Self::MAX).map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's role inside one organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrgRole {
    /// Belongs to the organisation.
    Member,
    /// Runs programmes for the organisation; sees progress, not private notes.
    Facilitator,
    /// Manages the organisation's memberships; reads no one's notes.
    Admin,
}

impl OrgRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Facilitator => "facilitator",
            Self::Admin => "admin",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "member" => Self::Member,
            "facilitator" => Self::Facilitator,
            "admin" => Self::Admin,
            _ => return None,
        })
    }
}
