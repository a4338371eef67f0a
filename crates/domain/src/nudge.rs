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
    /// A learning-log programme's window closes soon and my log is not finished (a week and two
    /// days before); a day before, its facilitators hear how many logs are unfinished.
    WindowClosing,
    /// Co-coaching: session one is near and I have not submitted a challenge card (five and two
    /// days before); a day before, the facilitator hears how many cards are missing.
    CardsDue,
    /// Co-coaching: my team's space has had nothing new for a week, then two; after three the
    /// facilitator hears.
    TeamQuiet,
    /// Someone replied on a reflection I can read (who, and where; never the reply's words).
    ReplyNotice,
    /// Just-in-time mentoring: the date I gave my experts has passed and some have not answered.
    /// The experts (who have no account) had their own reminders; this is the end of that
    /// escalation, for the leader.
    ExpertsSilent,
}

impl NudgeKind {
    pub const ALL: [NudgeKind; 9] = [
        NudgeKind::SessionReminder,
        NudgeKind::ActionOverdue,
        NudgeKind::InvitationUnanswered,
        NudgeKind::RelationshipQuiet,
        NudgeKind::WindowClosing,
        NudgeKind::CardsDue,
        NudgeKind::TeamQuiet,
        NudgeKind::ReplyNotice,
        NudgeKind::ExpertsSilent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NudgeKind::SessionReminder => "session_reminder",
            NudgeKind::ActionOverdue => "action_overdue",
            NudgeKind::InvitationUnanswered => "invitation_unanswered",
            NudgeKind::RelationshipQuiet => "relationship_quiet",
            NudgeKind::WindowClosing => "window_closing",
            NudgeKind::CardsDue => "cards_due",
            NudgeKind::TeamQuiet => "team_quiet",
            NudgeKind::ReplyNotice => "reply_notice",
            NudgeKind::ExpertsSilent => "experts_silent",
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
            NudgeKind::WindowClosing => "Learning logs whose window closes soon",
            NudgeKind::CardsDue => "Co-coaching cards still to write before session one",
            NudgeKind::TeamQuiet => "Co-coaching teams with nothing new for a while",
            NudgeKind::ReplyNotice => "Replies on reflections I can read",
            NudgeKind::ExpertsSilent => "Experts who have not answered by the date I gave",
        }
    }

    /// When this kind comes, in a sentence for the Settings page.
    pub fn when(self) -> &'static str {
        match self {
            NudgeKind::SessionReminder => "A day before a planned session, to both of you, with its calendar file.",
            NudgeKind::ActionOverdue => {
                "The day after an action's date, and once more a week later. Nobody else is told."
            }
            NudgeKind::InvitationUnanswered => {
                "After 3 and 7 days; after 10 days the person who invited you hears it is still open."
            }
            NudgeKind::RelationshipQuiet => {
                "When a relationship has had no session for some weeks, then a week later; a week after that the coach hears."
            }
            NudgeKind::WindowClosing => {
                "A week and two days before a programme's window closes, if your log is not finished; a day before, the facilitators hear how many logs are open."
            }
            NudgeKind::CardsDue => {
                "Five and two days before session one, if your card is not in; a day before, the facilitator hears how many are missing."
            }
            NudgeKind::TeamQuiet => {
                "When your team's space has had nothing new for a week, then two; after three weeks the facilitator hears."
            }
            NudgeKind::ReplyNotice => {
                "When someone replies on a reflection you can read: who replied and where, never the reply itself."
            }
            NudgeKind::ExpertsSilent => {
                "The day after the date you gave your experts, if some have not answered (they had up to three reminders of their own)."
            }
        }
    }

    /// What a person gets until they choose: a reminder for tomorrow's session is worth nothing in
    /// tomorrow's digest, so it comes at once, and so does a reply (a conversation goes on while
    /// it is fresh); everything else waits for the daily digest.
    pub fn default_delivery(self) -> Delivery {
        match self {
            NudgeKind::SessionReminder | NudgeKind::ReplyNotice => Delivery::Immediate,
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

/// One escalation's timetable, measured from the start of a silence: the person's own first and
/// second nudge, and (for kinds that have one) when someone else is told.
///
/// A run that comes late (the machine slept past several steps) never sends a burst: the person
/// gets only the latest of their own steps that is due ([`Escalation::own_step`]), and a newer
/// step replaces an older one still waiting. Nor does it skip the other party: their step is
/// still recorded, but held back ([`Escalation::other_due_at`]) so that it arrives no sooner
/// after the person's own latest nudge than the timetable meant it to, giving the person the
/// chance to act before someone else hears (and if they do act, it is never sent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Escalation {
    pub first: i64,
    pub second: i64,
    pub other: Option<i64>,
}

impl Escalation {
    /// The latest of the person's own steps reached `elapsed` after the start; `None` before the first.
    pub fn own_step(self, elapsed: i64) -> Option<Step> {
        if elapsed >= self.second {
            Some(Step::Second)
        } else if elapsed >= self.first {
            Some(Step::First)
        } else {
            None
        }
    }

    /// Whether the other party's step is reached `elapsed` after the start.
    pub fn tells_other(self, elapsed: i64) -> bool {
        self.other.is_some_and(|o| elapsed >= o)
    }

    /// The time the timetable leaves between the person's second nudge and the other party's.
    pub fn grace(self) -> i64 {
        self.other.map_or(0, |o| (o - self.second).max(0))
    }

    /// When the other party's nudge is due, found at `now`: now, unless the person's own latest
    /// nudge (`own_latest`, when it was due) is more recent than the grace allows.
    pub fn other_due_at(self, now: i64, own_latest: Option<i64>) -> i64 {
        own_latest.map_or(now, |own| now.max(own + self.grace()))
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
        let e = Escalation { first: 3 * d, second: 7 * d, other: Some(10 * d) };
        assert_eq!(e.own_step(2 * d), None);
        assert_eq!(e.own_step(3 * d), Some(Step::First));
        assert_eq!(e.own_step(8 * d), Some(Step::Second));
        // Past the other party's step the person's own latest step is still the second.
        assert_eq!(e.own_step(11 * d), Some(Step::Second));
        assert!(!e.tells_other(9 * d) && e.tells_other(10 * d));
        let lone = Escalation { first: d, second: 8 * d, other: None };
        assert_eq!(lone.own_step(30 * d), Some(Step::Second));
        assert!(!lone.tells_other(30 * d));
    }

    #[test]
    fn a_late_run_holds_the_other_party_back_by_the_grace() {
        let d = Millis::DAY;
        let e = Escalation { first: 3 * d, second: 7 * d, other: Some(10 * d) };
        assert_eq!(e.grace(), 3 * d);
        // On time: the second nudge went at day 7, the other party hears at day 10.
        assert_eq!(e.other_due_at(10 * d, Some(7 * d)), 10 * d);
        // Late: the person's second nudge goes at day 11 (this run), the other party at day 14.
        assert_eq!(e.other_due_at(11 * d, Some(11 * d)), 14 * d);
        // Nobody of the person's own side was nudged (no account to nudge): at once.
        assert_eq!(e.other_due_at(11 * d, None), 11 * d);
    }
}
