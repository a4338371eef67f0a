//! Who the owner of a record chose to show it to.

use crate::{ProgrammeId, RelationshipId, TeamId};

/// The audience of a record, as chosen by its owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Audience {
    /// The owner alone.
    Private,
    /// The other party of one relationship ("this mentor").
    Relationship(RelationshipId),
    /// Every coach or mentor the owner works with ("all my mentors").
    AllMyCoaches,
    /// The facilitators of one programme: only what the programme needs, e.g. a learning-log entry.
    ProgrammeFacilitators(ProgrammeId),
    /// Everyone in one programme, e.g. co-coaching challenges brought to the first session.
    ProgrammeMembers(ProgrammeId),
    /// The members of one small team, e.g. a co-coaching team's shared space.
    Team(TeamId),
    /// Anyone with the link, signed in or not.
    Public,
    /// Whoever may read the record this one answers (a reply's "everyone it is shared with").
    /// It means nothing on its own: only [`super::can_read_reply`] gives it readers.
    ItemReaders,
}

impl Audience {
    /// The stored form: a word and, where the audience names something, its id.
    pub fn to_parts(&self) -> (&'static str, Option<&str>) {
        match self {
            Audience::Private => ("private", None),
            Audience::Relationship(r) => ("relationship", Some(r.as_str())),
            Audience::AllMyCoaches => ("all_my_coaches", None),
            Audience::ProgrammeFacilitators(p) => ("programme_facilitators", Some(p.as_str())),
            Audience::ProgrammeMembers(p) => ("programme_members", Some(p.as_str())),
            Audience::Team(t) => ("team", Some(t.as_str())),
            Audience::Public => ("public", None),
            Audience::ItemReaders => ("item_readers", None),
        }
    }

    /// Reads the stored form back. Anything unknown becomes `Private`: an audience we cannot
    /// understand must never widen who sees a record.
    pub fn from_parts(word: &str, target: Option<String>) -> Self {
        match (word, target) {
            ("relationship", Some(t)) => Audience::Relationship(RelationshipId::from_trusted(t)),
            ("all_my_coaches", _) => Audience::AllMyCoaches,
            ("programme_facilitators", Some(t)) => Audience::ProgrammeFacilitators(ProgrammeId::from_trusted(t)),
            ("programme_members", Some(t)) => Audience::ProgrammeMembers(ProgrammeId::from_trusted(t)),
            ("team", Some(t)) => Audience::Team(TeamId::from_trusted(t)),
            ("public", _) => Audience::Public,
            ("item_readers", _) => Audience::ItemReaders,
            _ => Audience::Private,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_form_round_trips_and_unknown_is_private() {
        let all = [
            Audience::Private,
            Audience::Relationship(RelationshipId::new()),
            Audience::AllMyCoaches,
            Audience::ProgrammeFacilitators(ProgrammeId::new()),
            Audience::ProgrammeMembers(ProgrammeId::new()),
            Audience::Team(TeamId::new()),
            Audience::Public,
            Audience::ItemReaders,
        ];
        for a in all {
            let (w, t) = a.to_parts();
            assert_eq!(Audience::from_parts(w, t.map(str::to_owned)), a);
        }
        assert_eq!(Audience::from_parts("everyone", None), Audience::Private);
        assert_eq!(Audience::from_parts("relationship", None), Audience::Private);
    }
}
