//! The one privacy policy. Every read and write of a person's record is decided here and nowhere
//! else; the store only loads the facts ([`Viewer`], [`RecordMeta`]) and the app asks.
//!
//! Principles (from PRODUCT.md): a record has an owner and an audience the owner chose; some kinds
//! can never leave their author (the private detail of a session); advice is sealed until every
//! expert has answered; a relationship that ended keeps what was shared while it lasted and sees
//! nothing shared after; admins manage accounts and organisations and never read notes.

mod audience;
mod record;
mod viewer;

#[cfg(test)]
mod matrix_tests;

pub use audience::Audience;
pub use record::{RecordKind, RecordMeta};
pub use viewer::{Member, Tie, Viewer};

use crate::relationship::Side;

/// Why access was granted or refused: the app logs it, tests assert on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Allow(Grant),
    Deny,
}

/// Which rule granted access.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grant {
    Owner,
    Public,
    Partner,
    Facilitator,
    ProgrammeMember,
    TeamMember,
    GuestScope,
}

impl Decision {
    pub fn allowed(self) -> bool {
        matches!(self, Decision::Allow(_))
    }
}

/// May `viewer` read `record`?
pub fn can_read(viewer: &Viewer, record: &RecordMeta) -> Decision {
    // Sealed advice is shown to nobody but the expert who wrote it, not even the owner: the
    // practice says nothing is looked at until all answers are in.
    if record.sealed {
        return match viewer {
            Viewer::Guest { capability, .. } if record.guest_author.as_ref() == Some(capability) => {
                Decision::Allow(Grant::GuestScope)
            }
            _ => Decision::Deny,
        };
    }
    // An audience the kind does not permit (a bug or an old row) is treated as private: fail closed.
    let audience = if record.kind.permits(&record.audience) { &record.audience } else { &Audience::Private };

    if let Viewer::Member(m) = viewer
        && m.id == record.owner
    {
        return Decision::Allow(Grant::Owner);
    }
    if *audience == Audience::Public {
        return Decision::Allow(Grant::Public);
    }
    match viewer {
        Viewer::Anonymous => Decision::Deny,
        Viewer::Guest { capability, target } => {
            let own_item = record.guest_author.as_ref() == Some(capability);
            let the_request = record.kind == RecordKind::AdviceRequest && record.id == *target;
            if own_item || the_request { Decision::Allow(Grant::GuestScope) } else { Decision::Deny }
        }
        // Note: `m.instance_admin` is deliberately never consulted below.
        Viewer::Member(m) => match audience {
            // A reply read without the record it answers: nobody but its author.
            _ if record.kind == RecordKind::Reply => Decision::Deny,
            Audience::Private | Audience::Public | Audience::ItemReaders => Decision::Deny,
            Audience::Relationship(r) => {
                let ok = m.ties.iter().any(|t| &t.relationship == r && t.partner == record.owner && t.covers(record));
                if ok { Decision::Allow(Grant::Partner) } else { Decision::Deny }
            }
            Audience::AllMyCoaches => {
                let ok =
                    m.ties.iter().any(|t| t.partner == record.owner && t.my_side == Side::Coach && t.covers(record));
                if ok { Decision::Allow(Grant::Partner) } else { Decision::Deny }
            }
            Audience::ProgrammeFacilitators(p) => {
                if m.facilitates.contains(p) {
                    Decision::Allow(Grant::Facilitator)
                } else {
                    Decision::Deny
                }
            }
            Audience::ProgrammeMembers(p) => {
                if m.facilitates.contains(p) {
                    Decision::Allow(Grant::Facilitator)
                } else if m.programmes.contains(p) {
                    Decision::Allow(Grant::ProgrammeMember)
                } else {
                    Decision::Deny
                }
            }
            Audience::Team(t) => {
                if m.teams.contains(t) {
                    Decision::Allow(Grant::TeamMember)
                } else {
                    Decision::Deny
                }
            }
        },
    }
}

/// May `viewer` read `reply`, written in the thread of `item`? Its author always. Anyone else
/// only as a member who may read `item` as if it had been shared when the reply was written (so
/// a relationship that ended before the reply never sees it), and then only if the reply's
/// audience names them: `Relationship(r)` is the author's partner in `r`, `ItemReaders` is every
/// such reader of the item. Anonymous visitors and guest links never read replies, even on a
/// public item.
pub fn can_read_reply(viewer: &Viewer, reply: &RecordMeta, item: &RecordMeta) -> Decision {
    let Viewer::Member(m) = viewer else { return Decision::Deny };
    if m.id == reply.owner {
        return Decision::Allow(Grant::Owner);
    }
    if reply.kind != RecordKind::Reply || !reply.kind.permits(&reply.audience) {
        return Decision::Deny;
    }
    // A thread is a conversation between a leader and their coaches and mentors, never with the
    // public: on a public item, "everyone it is shared with" means everyone in that circle.
    // The item's audience is first checked against its own kind (fail closed); what remains is
    // read with the reflection's rules, which know every audience a thread can have.
    let audience = match item.kind.permits(&item.audience).then_some(&item.audience) {
        Some(Audience::Public) => Audience::AllMyCoaches,
        Some(a) => a.clone(),
        None => Audience::Private,
    };
    let item_then = RecordMeta {
        kind: RecordKind::Reflection,
        audience,
        shared_at: item.shared_at.max(reply.shared_at),
        ..item.clone()
    };
    let Decision::Allow(grant) = can_read(viewer, &item_then) else { return Decision::Deny };
    match &reply.audience {
        Audience::ItemReaders => Decision::Allow(grant),
        Audience::Relationship(r) => {
            let ok = m.ties.iter().any(|t| &t.relationship == r && t.partner == reply.owner && t.covers(reply));
            if ok { Decision::Allow(Grant::Partner) } else { Decision::Deny }
        }
        _ => Decision::Deny,
    }
}

/// May `viewer` change `record` (edit, delete, change its audience)? Only its owner, and only while
/// it is not frozen (it belongs to an ended relationship). A guest expert may change their own
/// advice while it is still sealed.
pub fn can_write(viewer: &Viewer, record: &RecordMeta) -> bool {
    if record.frozen {
        return false;
    }
    match viewer {
        Viewer::Member(m) => m.id == record.owner && record.guest_author.is_none(),
        Viewer::Guest { capability, .. } => record.sealed && record.guest_author.as_ref() == Some(capability),
        Viewer::Anonymous => false,
    }
}

/// May `viewer` see a relationship (its parties, status and dates)? Only its two parties. An instance
/// admin manages accounts, not who coaches whom.
pub fn can_see_relationship(viewer: &Viewer, leader: &crate::UserId, coach: &crate::UserId) -> bool {
    matches!(viewer, Viewer::Member(m) if &m.id == leader || &m.id == coach)
}

/// May `viewer` see a programme's progress (who is in it, counts and dates, never what anyone
/// wrote) and manage it (a learning-log cohort; a co-coaching engagement's sessions, teams and
/// fee)? Its facilitators only: not its participants, not an organisation's admins, not the
/// instance admin.
pub fn can_run_programme(viewer: &Viewer, programme: &crate::ProgrammeId) -> bool {
    matches!(viewer, Viewer::Member(m) if m.facilitates.contains(programme))
}

/// May `viewer` see a programme's health (who is in it, counts and dates, who has gone quiet and
/// what they have not done yet; never a word anyone wrote)? Its facilitators, and the admins of
/// the organisation(s) it belongs to: `admin_of_its_org` is the store's fact that the viewer holds
/// the admin role in one of them (a learning-log programme's organisation, either organisation
/// of a co-coaching engagement). Not its participants, not another organisation's admins, not the
/// instance admin: an organisation's admin answers for its programmes, the instance admin only
/// runs the software. Seeing health grants nothing else: running the programme stays
/// [`can_run_programme`].
pub fn can_see_programme_health(viewer: &Viewer, programme: &crate::ProgrammeId, admin_of_its_org: bool) -> bool {
    matches!(viewer, Viewer::Member(m) if m.facilitates.contains(programme) || admin_of_its_org)
}

/// May `viewer` manage an organisation's memberships? Its admins, and the instance admin.
pub fn can_manage_org(viewer: &Viewer, role_in_org: Option<crate::org::OrgRole>) -> bool {
    match viewer {
        Viewer::Member(m) => m.instance_admin || role_in_org == Some(crate::org::OrgRole::Admin),
        _ => false,
    }
}

/// May `viewer` see an organisation's page (name, members)? Its members, and the instance admin.
pub fn can_see_org(viewer: &Viewer, role_in_org: Option<crate::org::OrgRole>) -> bool {
    match viewer {
        Viewer::Member(m) => m.instance_admin || role_in_org.is_some(),
        _ => false,
    }
}

/// May `viewer` administer the instance (accounts, the outbox of a mail-less install)?
pub fn can_administer(viewer: &Viewer) -> bool {
    matches!(viewer, Viewer::Member(m) if m.instance_admin)
}

/// May `viewer` see a programme's own page (a co-coaching engagement's brief, sessions and who
/// takes part)? Its facilitators and its members; an instance or organisation admin gains nothing.
pub fn can_see_programme(viewer: &Viewer, programme: &crate::ProgrammeId) -> bool {
    matches!(viewer, Viewer::Member(m) if m.facilitates.contains(programme) || m.programmes.contains(programme))
}

/// Is `viewer` on this team (and so may write in its shared space)?
pub fn on_team(viewer: &Viewer, team: &crate::TeamId) -> bool {
    matches!(viewer, Viewer::Member(m) if m.teams.contains(team))
}
