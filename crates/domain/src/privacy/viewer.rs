//! Who is asking, with the facts about them the policy needs (loaded once per request).

use crate::relationship::Side;
use crate::time::Millis;
use crate::{CapabilityId, ProgrammeId, RecordId, RelationshipId, TeamId, UserId};

/// The person (or link holder) asking to see something.
#[derive(Clone, Debug)]
pub enum Viewer {
    /// No account, no link: sees public records only.
    Anonymous,
    /// Someone holding a guest link for one purpose (an expert answering one advice request).
    Guest { capability: CapabilityId, target: RecordId },
    /// A signed-in person.
    Member(Member),
}

/// A signed-in person and where they stand.
#[derive(Clone, Debug)]
pub struct Member {
    pub id: UserId,
    /// Runs the instance. Grants account management, never reading notes.
    pub instance_admin: bool,
    /// Relationships this person is a party to, that were accepted at some point.
    pub ties: Vec<Tie>,
    /// Programmes this person facilitates.
    pub facilitates: Vec<ProgrammeId>,
    /// Programmes this person takes part in.
    pub programmes: Vec<ProgrammeId>,
    /// Co-coaching teams this person is on.
    pub teams: Vec<TeamId>,
}

impl Member {
    /// A member with no relationships, programmes or teams.
    pub fn alone(id: UserId) -> Self {
        Self { id, instance_admin: false, ties: vec![], facilitates: vec![], programmes: vec![], teams: vec![] }
    }
}

/// One relationship seen from the viewer's side.
#[derive(Clone, Debug)]
pub struct Tie {
    pub relationship: RelationshipId,
    /// The other party.
    pub partner: UserId,
    /// The viewer's side in it.
    pub my_side: Side,
    /// When the relationship ended, if it has.
    pub ended_at: Option<Millis>,
}

impl Tie {
    /// An ended relationship keeps what was shared while it lasted, nothing after.
    pub(super) fn covers(&self, record: &super::RecordMeta) -> bool {
        match self.ended_at {
            None => true,
            Some(ended) => record.shared_at < ended,
        }
    }
}
