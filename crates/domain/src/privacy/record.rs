//! The kinds of record people write, across all five practices, and the facts about one record
//! that the policy needs.

use super::Audience;
use crate::time::Millis;
use crate::{CapabilityId, RecordId, UserId};

/// Every kind of personal record in coachkit. The practices add pages and tables for these; the
/// rules for who may see each are fixed here, in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordKind {
    // Practice 1: reflection across mentors.
    /// A session of a relationship (date, agenda, GROW): the two parties' shared record.
    Session,
    /// The question a mentor asked that made the leader stop and think: the leader's record,
    /// visible to the mentor who asked it and to no other mentor.
    KillerQuestion,
    /// The private detail of a session's conversation: its author alone, always.
    SessionDetail,
    /// A coach's own notes on a client: theirs alone unless shared with that client.
    CoachNote,
    /// A leader's reflection after a session.
    Reflection,
    /// An action from a session, reflection or reframing.
    Action,
    /// A question the leader must answer for themselves.
    OpenQuestion,
    /// A position on the leader's "what I think" page (a draft until public).
    Position,
    // Practice 2: the balance wheel.
    WheelAssessment,
    // Practice 3: the Leadership Learning Log.
    /// A participant's log in one programme: their sessions, the two cases and the answers.
    LearningLogEntry,
    /// A case study drawn from a log: a draft, shown to the coachee for consent, then public.
    CaseStudy,
    // Practice 4: co-coaching.
    Challenge,
    /// A note in a co-coaching team's shared space.
    TeamNote,
    /// What the co-coaching work was worth to one organisation: its participants and the
    /// facilitator see it (the audience is that side's programme), the other organisation only
    /// if it chooses to share (the audience becomes the whole engagement's programme).
    ValueRecord,
    // Practice 5: just-in-time mentoring.
    /// The leader's request: the capability and the context the experts read.
    AdviceRequest,
    /// One expert's three pieces of advice; sealed until every expert has answered.
    AdviceItem,
    // Across practices.
    /// A reply in the thread of another record (a coach answering a shared reflection): its
    /// readers are the part of that record's readers its author chose, never more.
    Reply,
}

impl RecordKind {
    pub const ALL: [RecordKind; 17] = [
        RecordKind::Session,
        RecordKind::KillerQuestion,
        RecordKind::SessionDetail,
        RecordKind::CoachNote,
        RecordKind::Reflection,
        RecordKind::Action,
        RecordKind::OpenQuestion,
        RecordKind::Position,
        RecordKind::WheelAssessment,
        RecordKind::LearningLogEntry,
        RecordKind::CaseStudy,
        RecordKind::Challenge,
        RecordKind::TeamNote,
        RecordKind::ValueRecord,
        RecordKind::AdviceRequest,
        RecordKind::AdviceItem,
        RecordKind::Reply,
    ];

    /// Which audiences a kind may be given. The product's promises live here: a session's private
    /// detail is never shared, coach notes go at most to that one client, advice never leaves the leader's own coaches.
    pub fn permits(self, audience: &Audience) -> bool {
        use Audience as A;
        use RecordKind as K;
        match self {
            K::SessionDetail => matches!(audience, A::Private),
            K::Session | K::KillerQuestion => matches!(audience, A::Private | A::Relationship(_)),
            K::CoachNote => matches!(audience, A::Private | A::Relationship(_)),
            K::Reflection => matches!(audience, A::Private | A::Relationship(_) | A::AllMyCoaches | A::Public),
            K::Action | K::OpenQuestion | K::WheelAssessment => {
                matches!(audience, A::Private | A::Relationship(_) | A::AllMyCoaches)
            }
            K::Position => matches!(audience, A::Private | A::Public),
            K::LearningLogEntry => {
                matches!(audience, A::Private | A::Relationship(_) | A::AllMyCoaches | A::ProgrammeFacilitators(_))
            }
            // The coachee (the other party of the relationship the session was held in) reads a
            // draft to consent to it; the public reads it once both have.
            K::CaseStudy => matches!(audience, A::Private | A::Relationship(_) | A::Public),
            K::Challenge => matches!(audience, A::Private | A::ProgrammeMembers(_) | A::Team(_)),
            K::TeamNote => matches!(audience, A::Private | A::Team(_)),
            K::ValueRecord => matches!(audience, A::Private | A::ProgrammeMembers(_)),
            // A leader may show their request (and, where an expert agreed, that expert's advice,
            // once the seal has opened) to their own coaches; never to a programme or the public.
            K::AdviceRequest | K::AdviceItem => matches!(audience, A::Private | A::Relationship(_) | A::AllMyCoaches),
            // One person across a relationship, or everyone who may read the record answered.
            K::Reply => matches!(audience, A::Private | A::Relationship(_) | A::ItemReaders),
        }
    }
}

/// What the policy needs to know about one record.
#[derive(Clone, Debug)]
pub struct RecordMeta {
    pub id: RecordId,
    pub kind: RecordKind,
    /// Whose journal the record lives in (for advice items: the leader who asked).
    pub owner: UserId,
    pub audience: Audience,
    /// When the audience was last set. A relationship that ended before this moment never sees it.
    pub shared_at: Millis,
    /// Advice not yet complete: hidden from everyone but the expert who wrote it.
    pub sealed: bool,
    /// Set when an expert wrote the record through a guest link.
    pub guest_author: Option<CapabilityId>,
    /// The record belongs to an ended relationship: readable as before, changeable by nobody.
    pub frozen: bool,
}

impl RecordMeta {
    /// A plain record written by its owner.
    pub fn owned(kind: RecordKind, owner: UserId, audience: Audience, shared_at: Millis) -> Self {
        Self { id: RecordId::new(), kind, owner, audience, shared_at, sealed: false, guest_author: None, frozen: false }
    }
}
