//! Coaching and mentoring relationships: a leader invites a coach or mentor, who accepts or
//! declines; either party may end it. An ended relationship keeps its history, read-only.

use serde::{Deserialize, Serialize};

/// What the leader calls the other person; it changes wording, not rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipKind {
    Coaching,
    Mentoring,
}

impl RelationshipKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Coaching => "coaching",
            Self::Mentoring => "mentoring",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "coaching" => Some(Self::Coaching),
            "mentoring" => Some(Self::Mentoring),
            _ => None,
        }
    }
    /// The other party's title, for pages ("coach", "mentor").
    pub fn partner_title(self) -> &'static str {
        match self {
            Self::Coaching => "coach",
            Self::Mentoring => "mentor",
        }
    }
    /// What the coach side calls the leader, on every page: a coach's "client", a mentor's
    /// "mentee". One word per kind, so one relationship is never named two ways.
    pub fn leader_title(self) -> &'static str {
        match self {
            Self::Coaching => "client",
            Self::Mentoring => "mentee",
        }
    }
}

/// Where a relationship stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipStatus {
    /// Invited, not yet answered.
    Pending,
    Active,
    Declined,
    /// Ended by either party; history stays readable to both, nothing new can be added.
    Ended,
}

impl RelationshipStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Active => "active",
            Self::Declined => "declined",
            Self::Ended => "ended",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending" => Self::Pending,
            "active" => Self::Active,
            "declined" => Self::Declined,
            "ended" => Self::Ended,
            _ => return None,
        })
    }
}

/// One party's answer to "did you meet?". What each leads to is the app's: "met" records a
/// held session, "not yet" offers to plan one, "stopped" offers to end the relationship.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = CheckinAnswer)]
pub enum CheckinAnswer {
    Met,
    NotYet,
    Stopped,
}

impl CheckinAnswer {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::NotYet => "not_yet",
            Self::Stopped => "stopped",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "met" => Self::Met,
            "not_yet" => Self::NotYet,
            "stopped" => Self::Stopped,
            _ => return None,
        })
    }
    /// The answer in the words the pages use.
    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "yes, we met",
            Self::NotYet => "not yet",
            Self::Stopped => "we have stopped",
        }
    }
}

/// Which side of a relationship a person is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Leader,
    Coach,
}

/// Something a party asks to do to a relationship.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    Accept,
    Decline,
    End,
}

/// Why a transition is refused; each maps to a sentence a person understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("only the person invited can answer an invitation")]
    NotTheInvitee,
    #[error("this invitation has already been answered")]
    AlreadyAnswered,
    #[error("this relationship has already ended")]
    AlreadyEnded,
    #[error("an invitation that was never accepted cannot be ended; it can be declined")]
    NotStarted,
}

/// The rule for every status change. `actor` is the side of the person asking; the leader is the
/// one who invited, so only the coach side answers an invitation.
pub fn transition(
    current: RelationshipStatus,
    actor: Side,
    wanted: Transition,
) -> Result<RelationshipStatus, TransitionError> {
    use RelationshipStatus as S;
    match (current, wanted) {
        (S::Pending, Transition::Accept | Transition::Decline) if actor != Side::Coach => {
            Err(TransitionError::NotTheInvitee)
        }
        (S::Pending, Transition::Accept) => Ok(S::Active),
        (S::Pending, Transition::Decline) => Ok(S::Declined),
        (S::Pending, Transition::End) if actor == Side::Leader => Ok(S::Ended), // withdraw the invitation
        (S::Pending, Transition::End) => Err(TransitionError::NotStarted),
        (S::Active, Transition::End) => Ok(S::Ended),
        (S::Active | S::Declined, _) => Err(TransitionError::AlreadyAnswered),
        (S::Ended, _) => Err(TransitionError::AlreadyEnded),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RelationshipStatus as S;

    #[test]
    fn every_status_transition_by_every_side() {
        // (from, side, wanted) -> expected; written out in full so the table is the specification.
        let table = [
            (S::Pending, Side::Coach, Transition::Accept, Ok(S::Active)),
            (S::Pending, Side::Coach, Transition::Decline, Ok(S::Declined)),
            (S::Pending, Side::Coach, Transition::End, Err(TransitionError::NotStarted)),
            (S::Pending, Side::Leader, Transition::Accept, Err(TransitionError::NotTheInvitee)),
            (S::Pending, Side::Leader, Transition::Decline, Err(TransitionError::NotTheInvitee)),
            (S::Pending, Side::Leader, Transition::End, Ok(S::Ended)),
            (S::Active, Side::Coach, Transition::Accept, Err(TransitionError::AlreadyAnswered)),
            (S::Active, Side::Leader, Transition::Decline, Err(TransitionError::AlreadyAnswered)),
            (S::Active, Side::Coach, Transition::End, Ok(S::Ended)),
            (S::Active, Side::Leader, Transition::End, Ok(S::Ended)),
            (S::Declined, Side::Coach, Transition::Accept, Err(TransitionError::AlreadyAnswered)),
            (S::Declined, Side::Leader, Transition::End, Err(TransitionError::AlreadyAnswered)),
            (S::Ended, Side::Coach, Transition::Accept, Err(TransitionError::AlreadyEnded)),
            (S::Ended, Side::Leader, Transition::End, Err(TransitionError::AlreadyEnded)),
        ];
        for (from, side, wanted, expected) in table {
            assert_eq!(transition(from, side, wanted), expected, "{from:?} {side:?} {wanted:?}");
        }
    }

    #[test]
    fn strings_round_trip() {
        for a in [CheckinAnswer::Met, CheckinAnswer::NotYet, CheckinAnswer::Stopped] {
            assert_eq!(CheckinAnswer::parse(a.as_str()), Some(a));
        }
        assert_eq!(CheckinAnswer::parse("maybe"), None);
        for s in [S::Pending, S::Active, S::Declined, S::Ended] {
            assert_eq!(RelationshipStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(RelationshipKind::parse("mentoring"), Some(RelationshipKind::Mentoring));
        assert_eq!(RelationshipKind::parse("therapy"), None);
    }
}
