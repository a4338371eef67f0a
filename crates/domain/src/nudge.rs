//! Nudges against going quiet: which kinds exist, how each person wants them delivered, when a
//! nudge escalates, and the quiet hours in the person's own time zone. Pure rules; the scheduler
//! in the app layer finds the facts and the outbox sends the mail.

use crate::time::{Millis, Zone};
use serde::{Deserialize, Serialize};

/// A kind of nudge. Each person chooses a [`Delivery`] per kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = NudgeKind)]
pub enum NudgeKind {
    /// A planned session starts within a day (both parties).
    SessionReminder,
    /// An open action of mine is past its due date.
    ActionOverdue,
    /// An invitation to me has waited 3, then 7 days; at 10 days its sender hears it is still open.
    InvitationUnanswered,
    /// A relationship has had no session for the configured number of weeks.
    RelationshipQuiet,
}

impl NudgeKind {
    pub const ALL: [NudgeKind; 4] = [
        NudgeKind::SessionReminder,
        NudgeKind::ActionOverdue,
        NudgeKind::InvitationUnanswered,
        NudgeKind::RelationshipQuiet,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NudgeKind::SessionReminder => "session_reminder",
            NudgeKind::ActionOverdue => "action_overdue",
            NudgeKind::InvitationUnanswered => "invitation_unanswered",
            NudgeKind::RelationshipQuiet => "relationship_quiet",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// How the Settings page and the mail name the kind.
    pub fn label(self) -> &'static str {
        match self {
            NudgeKind::SessionReminder => "Sessions coming up tomorrow",
            NudgeKind::ActionOverdue => "My actions past their due date",
            NudgeKind::InvitationUnanswered => "Invitations still waiting for an answer",
            NudgeKind::RelationshipQuiet => "Relationships with no session for a while",
        }
    }

    /// What a person gets until they choose: a reminder for tomorrow's session is worth nothing in
    /// tomorrow's digest, so it comes at once; everything else waits for the daily digest.
    pub fn default_delivery(self) -> Delivery {
        match self {
            NudgeKind::SessionReminder => Delivery::Immediate,
            _ => Delivery::Daily,
        }
    }
}

/// How a person wants one kind of nudge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = NudgeDelivery)]
pub enum Delivery {
    /// A mail of its own as soon as it is due (outside quiet hours).
    Immediate,
    /// Folded into the one digest a day.
    Daily,
    /// Folded into a digest at most once a week.
    Weekly,
    /// Never.
    Off,
}

impl Delivery {
    pub const ALL: [Delivery; 4] = [Delivery::Immediate, Delivery::Daily, Delivery::Weekly, Delivery::Off];

    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Immediate => "immediate",
            Delivery::Daily => "daily",
            Delivery::Weekly => "weekly",
            Delivery::Off => "off",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Delivery::Immediate => "As it happens",
            Delivery::Daily => "In my daily digest",
            Delivery::Weekly => "In a weekly digest",
            Delivery::Off => "Off",
        }
    }
}

/// Local hours in which nothing is sent: from 21:00 until 08:00.
pub const QUIET_FROM_HOUR: i8 = 21;
pub const QUIET_UNTIL_HOUR: i8 = 8;

/// True while it is quiet time for someone in `zone`: a nudge due now waits until morning.
pub fn in_quiet_hours(now: Millis, zone: &Zone) -> bool {
    let hour = zone.local_hour(now);
    !(QUIET_UNTIL_HOUR..QUIET_FROM_HOUR).contains(&hour)
}

/// The earliest a digest may follow the previous one: never two in a day.
pub const DIGEST_GAP_MS: i64 = Millis::DAY - Millis::HOUR;
/// A weekly digest's items wait this long after the last weekly fold.
pub const WEEKLY_GAP_MS: i64 = 7 * Millis::DAY - Millis::HOUR;

/// The steps of one escalation: a first nudge, a second, then the other party is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    First,
    Second,
    /// Someone else (the other party) hears that things have gone quiet.
    OtherParty,
}

impl Step {
    pub fn number(self) -> i64 {
        match self {
            Step::First => 1,
            Step::Second => 2,
            Step::OtherParty => 3,
        }
    }
}

/// The step reached `elapsed` after the start of a silence, for an escalation whose steps begin
/// at `first`, `second` and (optionally) `other` after that start. `None` before the first.
pub fn step_reached(elapsed: i64, first: i64, second: i64, other: Option<i64>) -> Option<Step> {
    match other {
        Some(o) if elapsed >= o => Some(Step::OtherParty),
        _ if elapsed >= second => Some(Step::Second),
        _ if elapsed >= first => Some(Step::First),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_deliveries_round_trip() {
        for k in NudgeKind::ALL {
            assert_eq!(NudgeKind::parse(k.as_str()), Some(k));
        }
        for d in Delivery::ALL {
            assert_eq!(Delivery::parse(d.as_str()), Some(d));
        }
        assert_eq!(NudgeKind::parse("spam"), None);
        assert_eq!(Delivery::parse("hourly"), None);
    }

    #[test]
    fn quiet_hours_follow_the_local_clock() {
        // 2026-12-03 12:00 UTC is 13:00 in Paris, 04:00 in Los Angeles, 01:00 next day in Auckland.
        let noon_utc = Millis(1_796_299_200_000);
        assert!(!in_quiet_hours(noon_utc, &Zone::utc()));
        assert!(!in_quiet_hours(noon_utc, &Zone::parse("Europe/Paris").unwrap()));
        assert!(in_quiet_hours(noon_utc, &Zone::parse("America/Los_Angeles").unwrap()));
        assert!(in_quiet_hours(noon_utc, &Zone::parse("Pacific/Auckland").unwrap()));
        // The edges: 08:00 is awake, 21:00 is quiet.
        assert!(!in_quiet_hours(Millis(noon_utc.0 - 4 * Millis::HOUR), &Zone::utc()));
        assert!(in_quiet_hours(Millis(noon_utc.0 - 4 * Millis::HOUR - 1), &Zone::utc()));
        assert!(in_quiet_hours(Millis(noon_utc.0 + 9 * Millis::HOUR), &Zone::utc()));
        assert!(!in_quiet_hours(Millis(noon_utc.0 + 9 * Millis::HOUR - 1), &Zone::utc()));
    }

    #[test]
    fn escalation_steps() {
        let d = Millis::DAY;
        assert_eq!(step_reached(2 * d, 3 * d, 7 * d, Some(10 * d)), None);
        assert_eq!(step_reached(3 * d, 3 * d, 7 * d, Some(10 * d)), Some(Step::First));
        assert_eq!(step_reached(8 * d, 3 * d, 7 * d, Some(10 * d)), Some(Step::Second));
        assert_eq!(step_reached(11 * d, 3 * d, 7 * d, Some(10 * d)), Some(Step::OtherParty));
        assert_eq!(step_reached(30 * d, 3 * d, 7 * d, None), Some(Step::Second));
    }
}
