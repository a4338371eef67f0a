//! Practice 4, co-coaching between two organisations: a facilitator brings three or four willing
//! people from each of two organisations together for two sessions, four to six weeks apart.
//! Before the first, each participant writes one or two challenge cards; at the first, the cards
//! are teamed up across the two organisations; teams work together in a shared space until the
//! second, which concludes or starts co-venture projects; then each organisation says what the
//! work was worth to it, and the facilitator prices the work on that value, never on hours.
//!
//! The rules here need no I/O: the session dates ([`schedule`]), the size of each side
//! ([`roster`]), challenge cards ([`cards`]), what makes a team ([`teams`]), and value and fees
//! ([`value`]). Who may read what is `crate::privacy`'s: cards are `Challenge` records, the team
//! space is `TeamNote`, value is `ValueRecord`; an engagement is a programme, and each of its two
//! sides is a programme of its own (so "one organisation's participants and the facilitator" is
//! `ProgrammeMembers(side)` without a new audience).

pub mod cards;
pub mod roster;
pub mod schedule;
pub mod teams;
pub mod value;

/// Longest accepted text of each field, in characters.
pub mod limits {
    pub const COMMON_AREA: usize = 300;
    pub const BRIEF: usize = 10_000;
    pub const GROUND_RULES: usize = 3_000;
    pub const PLACE: usize = 500;
    pub const AGENDA: usize = 3_000;
    pub const CARD_WHAT: usize = 300;
    pub const CARD_WHY: usize = 1_000;
    pub const CARD_SUCCESS: usize = 1_000;
    pub const TEAM_ITEM: usize = 2_000;
    pub const URL: usize = 1_000;
    pub const OUTCOME: usize = 3_000;
    pub const PROJECT_NAME: usize = 200;
    pub const VALUE_OUTCOME: usize = 2_000;
    pub const UNIT: usize = 40;
    pub const FEE_NOTE: usize = 2_000;
}

/// One of the two organisations of an engagement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = EngagementSide)]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::A => "a",
            Side::B => "b",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "a" => Some(Side::A),
            "b" => Some(Side::B),
            _ => None,
        }
    }
    pub fn other(self) -> Self {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
}

/// Where an engagement stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Before session one: people join and write their cards (private drafts until submitted).
    Preparing,
    /// The facilitator opened the cards at session one: everyone in sees every submitted card,
    /// and teams are being formed.
    CardsOpen,
    /// Session one ended with at least one team: session two is the milestone.
    Teamed,
    /// Session one ended with no team: session two was cancelled for everyone.
    Cancelled,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Preparing => "preparing",
            Stage::CardsOpen => "cards_open",
            Stage::Teamed => "teamed",
            Stage::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "preparing" => Stage::Preparing,
            "cards_open" => Stage::CardsOpen,
            "teamed" => Stage::Teamed,
            "cancelled" => Stage::Cancelled,
            _ => return None,
        })
    }
    /// Cards can be read by everyone in the engagement from this stage on.
    pub fn cards_open(self) -> bool {
        !matches!(self, Stage::Preparing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for s in [Stage::Preparing, Stage::CardsOpen, Stage::Teamed, Stage::Cancelled] {
            assert_eq!(Stage::parse(s.as_str()), Some(s));
        }
        assert_eq!(Stage::parse("done"), None);
        assert_eq!(Side::parse("a").map(Side::other), Some(Side::B));
        assert!(!Stage::Preparing.cards_open() && Stage::Teamed.cards_open());
    }
}
