//! When the advice may be read. "Do nothing until you have responses from all three": the seal
//! opens only when every expert still in the request has answered, and at least two have (one
//! voice is advice, not a thread). An expert who declined or went quiet keeps it closed until the
//! leader either replaces them (the newcomer must answer too) or goes on without them.

use super::ExpertStatus;

/// Where the seal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SealState {
    /// Still closed: `waiting` experts have not answered (declined ones included until the leader
    /// decides), `answered` have.
    Sealed { answered: usize, waiting: usize },
    /// Everyone still in has answered.
    Open { answered: usize },
}

impl SealState {
    pub fn is_open(self) -> bool {
        matches!(self, SealState::Open { .. })
    }
}

/// The seal for experts in these states.
pub fn seal_state(statuses: &[ExpertStatus]) -> SealState {
    let remaining = statuses.iter().filter(|s| **s != ExpertStatus::Withdrawn);
    let answered = remaining.clone().filter(|s| **s == ExpertStatus::Answered).count();
    let waiting = remaining.filter(|s| **s != ExpertStatus::Answered).count();
    if waiting == 0 && answered >= super::roster::EXPERTS.0 {
        SealState::Open { answered }
    } else {
        SealState::Sealed { answered, waiting }
    }
}

/// Whether the leader may go on with those who answered: at least two must have.
pub fn can_go_on_without_the_rest(statuses: &[ExpertStatus]) -> bool {
    statuses.iter().filter(|s| **s == ExpertStatus::Answered).count() >= super::roster::EXPERTS.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use ExpertStatus::*;

    #[test]
    fn opens_only_when_everyone_still_in_has_answered() {
        assert_eq!(seal_state(&[Answered, Answered, Drafting]), SealState::Sealed { answered: 2, waiting: 1 });
        assert_eq!(seal_state(&[Answered, Answered, Answered]), SealState::Open { answered: 3 });
        // A decline holds the seal until the leader decides.
        assert_eq!(seal_state(&[Answered, Answered, Declined]), SealState::Sealed { answered: 2, waiting: 1 });
        // Going on without them (or replacing them, once the newcomer answers) opens it.
        assert!(seal_state(&[Answered, Answered, Withdrawn]).is_open());
        assert!(!seal_state(&[Answered, Answered, Withdrawn, MoreTime]).is_open());
        assert!(seal_state(&[Answered, Answered, Withdrawn, Answered]).is_open());
    }

    #[test]
    fn one_answer_alone_never_opens_it() {
        assert!(!seal_state(&[Answered, Withdrawn, Withdrawn]).is_open());
        assert!(!seal_state(&[]).is_open());
        assert!(!can_go_on_without_the_rest(&[Answered, Declined, Invited]));
        assert!(can_go_on_without_the_rest(&[Answered, Answered, Declined]));
    }
}
