//! The programme health view's rules: who is quiet in a programme or engagement, and the one thing
//! outstanding to say about them ("no session logged for 3 weeks"). Counts and dates only: the
//! facts below never hold a word anyone wrote. Who may see a programme's health is the privacy
//! policy's `can_see_programme_health`.

use crate::co_coaching::Stage;
use crate::learning_log::Progress;
use crate::time::Millis;
use serde::Serialize;

/// An invitation to an engagement unanswered this long is worth a word from the facilitator.
pub const NOT_JOINED_DAYS: i64 = 3;
/// A team member who wrote nothing in the team's space for this long has gone quiet (the same
/// week after which the scheduler mails a quiet team).
pub const TEAM_QUIET_DAYS: i64 = 7;
/// A learning-log participant whose last held session is this old is told as "no session for".
pub const SESSION_GAP_DAYS: i64 = 14;

/// What is outstanding for a quiet person: what the facilitator might ask them about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outstanding {
    /// Learning log: in the programme, no session held yet.
    NoSessionYet,
    /// Learning log: the last session held was this many days ago.
    NoSessionFor { days: i64 },
    /// Learning log: the Best and the Most Challenging are not both chosen.
    CasesNotChosen,
    /// Learning log: this many answers (of both cases) are still to write.
    AnswersToGo { left: i64 },
    /// Learning log: everything written, the coach-the-coach session not booked.
    CoachSessionNotBooked,
    /// Co-coaching: invited this many days ago and not joined.
    NotJoined { days: i64 },
    /// Co-coaching: joined, no challenge card submitted before the cards are read.
    NoCardSubmitted,
    /// Co-coaching: on a team, nothing written in its space for this many days.
    TeamSpaceQuiet { days: i64 },
}

impl Outstanding {
    /// The sentence the page shows.
    pub fn sentence(&self) -> String {
        match self {
            Self::NoSessionYet => "no session logged yet".into(),
            Self::NoSessionFor { days } => format!("no session logged for {}", span(*days)),
            Self::CasesNotChosen => "has not chosen the Best and the Most Challenging".into(),
            Self::AnswersToGo { left } => format!("{left} reflection answers to go"),
            Self::CoachSessionNotBooked => "coach-the-coach session not booked".into(),
            Self::NotJoined { days } => format!("invited {} ago, not joined yet", span(*days)),
            Self::NoCardSubmitted => "no challenge card submitted yet".into(),
            Self::TeamSpaceQuiet { days } => format!("nothing in the team's space for {}", span(*days)),
        }
    }
}

/// "3 weeks", "9 days", "1 day".
fn span(days: i64) -> String {
    match days {
        d if d >= 14 => format!("{} weeks", d / 7),
        1 => "1 day".into(),
        d => format!("{d} days"),
    }
}

fn days_since(at: Millis, now: Millis) -> i64 {
    (now.0 - at.0).max(0) / Millis::DAY
}

/// A learning-log participant's outstanding thing, when the cohort rule says they went quiet
/// (`Progress::quiet`); `last_held_on` is the date of their last held session.
pub fn learning_log_outstanding(progress: &Progress, last_held_on: Option<Millis>, now: Millis) -> Option<Outstanding> {
    if !progress.quiet {
        return None;
    }
    Some(match last_held_on {
        None => Outstanding::NoSessionYet,
        Some(at) if days_since(at, now) >= SESSION_GAP_DAYS => Outstanding::NoSessionFor { days: days_since(at, now) },
        Some(_) if progress.cases_chosen < 2 => Outstanding::CasesNotChosen,
        Some(_) if progress.answered < progress.answers_expected => {
            Outstanding::AnswersToGo { left: progress.answers_expected - progress.answered }
        }
        Some(_) => Outstanding::CoachSessionNotBooked,
    })
}

/// What the store counts about one co-coaching participant.
#[derive(Clone, Debug, Default)]
pub struct EngagementFacts {
    pub invited_at: Millis,
    pub joined: bool,
    pub cards_submitted: i64,
    /// When the team they are on was formed, if they are on one.
    pub team_formed_at: Option<Millis>,
    /// Their last entry in their team's space.
    pub last_team_entry_at: Option<Millis>,
}

/// A co-coaching participant's outstanding thing at this stage of the engagement, if any.
pub fn engagement_outstanding(stage: Stage, facts: &EngagementFacts, now: Millis) -> Option<Outstanding> {
    match stage {
        Stage::Cancelled => None,
        Stage::Preparing | Stage::CardsOpen if !facts.joined => {
            let days = days_since(facts.invited_at, now);
            (days >= NOT_JOINED_DAYS).then_some(Outstanding::NotJoined { days })
        }
        Stage::Preparing | Stage::CardsOpen => (facts.cards_submitted == 0).then_some(Outstanding::NoCardSubmitted),
        Stage::Teamed => {
            let since = facts.last_team_entry_at.or(facts.team_formed_at)?;
            let days = days_since(since, now);
            (days >= TEAM_QUIET_DAYS).then_some(Outstanding::TeamSpaceQuiet { days })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning_log::{ProgressFacts, Window};

    const DAY: i64 = Millis::DAY;

    #[test]
    fn a_quiet_participant_is_told_the_first_thing_outstanding() {
        let window = Window { starts_at: Millis(0), weeks: 6 };
        let now = Millis(30 * DAY);
        let facts = ProgressFacts { last_active_at: Millis(DAY), ..Default::default() };
        let p = Progress::of(&facts, 16, window, now);
        assert_eq!(learning_log_outstanding(&p, None, now), Some(Outstanding::NoSessionYet));
        let held = ProgressFacts { planned: 2, held: 2, ..facts.clone() };
        let p = Progress::of(&held, 16, window, now);
        let gap = learning_log_outstanding(&p, Some(Millis(9 * DAY)), now).unwrap();
        assert_eq!(gap, Outstanding::NoSessionFor { days: 21 });
        assert_eq!(gap.sentence(), "no session logged for 3 weeks");
        assert_eq!(learning_log_outstanding(&p, Some(Millis(25 * DAY)), now), Some(Outstanding::CasesNotChosen));
        let cases = ProgressFacts { best_chosen: true, hardest_chosen: true, answered: 30, ..held };
        let p = Progress::of(&cases, 16, window, now);
        let left = learning_log_outstanding(&p, Some(Millis(25 * DAY)), now).unwrap();
        assert_eq!(left.sentence(), "2 reflection answers to go");
        let active = ProgressFacts { last_active_at: Millis(29 * DAY), ..facts };
        assert_eq!(learning_log_outstanding(&Progress::of(&active, 16, window, now), None, now), None, "not quiet");
    }

    #[test]
    fn co_coaching_quiet_follows_the_stage() {
        let now = Millis(20 * DAY);
        let invited = EngagementFacts { invited_at: Millis(15 * DAY), ..Default::default() };
        assert_eq!(engagement_outstanding(Stage::Preparing, &invited, now), Some(Outstanding::NotJoined { days: 5 }));
        let fresh = EngagementFacts { invited_at: Millis(19 * DAY), ..Default::default() };
        assert_eq!(engagement_outstanding(Stage::Preparing, &fresh, now), None, "invited yesterday");
        let joined = EngagementFacts { joined: true, ..invited.clone() };
        assert_eq!(engagement_outstanding(Stage::CardsOpen, &joined, now), Some(Outstanding::NoCardSubmitted));
        let carded = EngagementFacts { cards_submitted: 1, ..joined.clone() };
        assert_eq!(engagement_outstanding(Stage::Preparing, &carded, now), None);
        let teamed = EngagementFacts { team_formed_at: Some(Millis(5 * DAY)), ..carded.clone() };
        let quiet = engagement_outstanding(Stage::Teamed, &teamed, now).unwrap();
        assert_eq!(quiet.sentence(), "nothing in the team's space for 2 weeks");
        let wrote = EngagementFacts { last_team_entry_at: Some(Millis(18 * DAY)), ..teamed };
        assert_eq!(engagement_outstanding(Stage::Teamed, &wrote, now), None);
        assert_eq!(engagement_outstanding(Stage::Teamed, &carded, now), None, "on no team");
        assert_eq!(engagement_outstanding(Stage::Cancelled, &invited, now), None);
    }
}
