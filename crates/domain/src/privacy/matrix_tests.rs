//! The privacy matrix: every role against every kind of record and every audience, written out as
//! a table. The table is the specification; it is deliberately not computed from the rules.

use super::*;
use crate::time::Millis;
use crate::{CapabilityId, ProgrammeId, RecordId, RelationshipId, TeamId, UserId};

/// Column order of every row below.
const ROLES: &str = "OCMEBSFPTANG";
// O owner, C partner in relationship r1 (active), M another active coach (r2), E a coach whose
// relationship ended after the record was shared, B one that ended before it was shared, S a
// stranger, F facilitator of programme p, P member of programme p, T member of team t, A instance
// admin, N anonymous, G guest holding a link to some other advice request.

const AUDIENCES: [&str; 7] = ["private", "relationship", "all_my_coaches", "facilitators", "members", "team", "public"];

#[rustfmt::skip]
const EXPECTED: [(RecordKind, [&str; 7]); 17] = [
    //                              private        relationship   all_my_coaches facilitators   members        team           public
    (RecordKind::Session,          ["O...........", "OC..........", "O...........", "O...........", "O...........", "O...........", "O..........."]),
    (RecordKind::KillerQuestion,   ["O...........", "OC..........", "O...........", "O...........", "O...........", "O...........", "O..........."]),
    (RecordKind::SessionDetail,    ["O...........", "O...........", "O...........", "O...........", "O...........", "O...........", "O..........."]),
    (RecordKind::CoachNote,        ["O...........", "OC..........", "O...........", "O...........", "O...........", "O...........", "O..........."]),
    (RecordKind::Reflection,       ["O...........", "OC..........", "OCME........", "O...........", "O...........", "O...........", "OCMEBSFPTANG"]),
    (RecordKind::Action,           ["O...........", "OC..........", "OCME........", "O...........", "O...........", "O...........", "O..........."]),
    (RecordKind::OpenQuestion,     ["O...........", "OC..........", "OCME........", "O...........", "O...........", "O...........", "O..........."]),
    (RecordKind::Position,         ["O...........", "O...........", "O...........", "O...........", "O...........", "O...........", "OCMEBSFPTANG"]),
    (RecordKind::WheelAssessment,  ["O...........", "OC..........", "OCME........", "O...........", "O...........", "O...........", "O..........."]),
    (RecordKind::LearningLogEntry, ["O...........", "OC..........", "OCME........", "O.....F.....", "O...........", "O...........", "O..........."]),
    (RecordKind::CaseStudy,        ["O...........", "OC..........", "O...........", "O...........", "O...........", "O...........", "OCMEBSFPTANG"]),
    (RecordKind::Challenge,        ["O...........", "O...........", "O...........", "O...........", "O.....FP....", "O.......T...", "O..........."]),
    (RecordKind::TeamNote,         ["O...........", "O...........", "O...........", "O...........", "O...........", "O.......T...", "O..........."]),
    (RecordKind::ValueRecord,      ["O...........", "O...........", "O...........", "O...........", "O.....FP....", "O...........", "O..........."]),
    (RecordKind::AdviceRequest,    ["O...........", "OC..........", "OCME........", "O...........", "O...........", "O...........", "O..........."]),
    (RecordKind::AdviceItem,       ["O...........", "OC..........", "OCME........", "O...........", "O...........", "O...........", "O..........."]),
    // Read without the item it answers, a reply is its author's alone (see the reply matrix).
    (RecordKind::Reply,            ["O...........", "O...........", "O...........", "O...........", "O...........", "O...........", "O..........."]),
];

struct World {
    owner: UserId,
    r1: RelationshipId,
    p: ProgrammeId,
    t: TeamId,
    viewers: Vec<Viewer>,
}

fn tie(relationship: &RelationshipId, partner: &UserId, ended_at: Option<i64>) -> Tie {
    Tie {
        relationship: relationship.clone(),
        partner: partner.clone(),
        my_side: Side::Coach,
        ended_at: ended_at.map(Millis),
    }
}

fn world() -> World {
    let owner = UserId::new();
    let (r1, r2, r3, r4) = (RelationshipId::new(), RelationshipId::new(), RelationshipId::new(), RelationshipId::new());
    let p = ProgrammeId::new();
    let t = TeamId::new();
    let member = |ties: Vec<Tie>| Member { ties, ..Member::alone(UserId::new()) };
    let viewers = vec![
        Viewer::Member(Member::alone(owner.clone())),
        Viewer::Member(member(vec![tie(&r1, &owner, None)])),
        Viewer::Member(member(vec![tie(&r2, &owner, None)])),
        Viewer::Member(member(vec![tie(&r3, &owner, Some(2_000))])),
        Viewer::Member(member(vec![tie(&r4, &owner, Some(500))])),
        Viewer::Member(member(vec![])),
        Viewer::Member(Member { facilitates: vec![p.clone()], ..member(vec![]) }),
        Viewer::Member(Member { programmes: vec![p.clone()], ..member(vec![]) }),
        Viewer::Member(Member { teams: vec![t.clone()], ..member(vec![]) }),
        Viewer::Member(Member { instance_admin: true, ..member(vec![]) }),
        Viewer::Anonymous,
        Viewer::Guest { capability: CapabilityId::new(), target: RecordId::new() },
    ];
    assert_eq!(viewers.len(), ROLES.len());
    World { owner, r1, p, t, viewers }
}

fn audience(w: &World, name: &str) -> Audience {
    match name {
        "private" => Audience::Private,
        "relationship" => Audience::Relationship(w.r1.clone()),
        "all_my_coaches" => Audience::AllMyCoaches,
        "facilitators" => Audience::ProgrammeFacilitators(w.p.clone()),
        "members" => Audience::ProgrammeMembers(w.p.clone()),
        "team" => Audience::Team(w.t.clone()),
        "public" => Audience::Public,
        other => panic!("unknown audience {other}"),
    }
}

#[test]
fn every_role_against_every_kind_and_audience() {
    let w = world();
    let mut failures = vec![];
    for (kind, row) in EXPECTED {
        for (a, expected) in AUDIENCES.iter().zip(row) {
            let record = RecordMeta::owned(kind, w.owner.clone(), audience(&w, a), Millis(1_000));
            let got: String = w
                .viewers
                .iter()
                .zip(ROLES.chars())
                .map(|(v, role)| if can_read(v, &record).allowed() { role } else { '.' })
                .collect();
            if got != expected {
                failures.push(format!("{kind:?} / {a}: expected {expected}, got {got}"));
            }
        }
    }
    assert!(failures.is_empty(), "privacy matrix mismatches:\n{}", failures.join("\n"));
}

#[test]
fn the_table_covers_every_kind() {
    for kind in RecordKind::ALL {
        assert!(EXPECTED.iter().any(|(k, _)| *k == kind), "{kind:?} has no row in the privacy matrix");
    }
}

#[test]
fn only_the_owner_writes_and_nobody_writes_frozen_records() {
    let w = world();
    let mut record = RecordMeta::owned(RecordKind::Reflection, w.owner.clone(), Audience::Public, Millis(1_000));
    let writers: String =
        w.viewers.iter().zip(ROLES.chars()).map(|(v, role)| if can_write(v, &record) { role } else { '.' }).collect();
    assert_eq!(writers, "O...........");
    record.frozen = true;
    assert!(w.viewers.iter().all(|v| !can_write(v, &record)));
}

#[test]
fn sealed_advice_is_hidden_even_from_the_owner_until_opened() {
    let w = world();
    let expert = CapabilityId::new();
    let request = RecordId::new();
    let guest = Viewer::Guest { capability: expert.clone(), target: request.clone() };
    let mut item = RecordMeta::owned(RecordKind::AdviceItem, w.owner.clone(), Audience::Private, Millis(1_000));
    item.guest_author = Some(expert.clone());
    item.sealed = true;
    for v in &w.viewers {
        assert!(!can_read(v, &item).allowed(), "{v:?} read sealed advice");
    }
    assert!(can_read(&guest, &item).allowed());
    assert!(can_write(&guest, &item));
    // Another expert on the same request sees neither the item nor can change it.
    let other = Viewer::Guest { capability: CapabilityId::new(), target: request.clone() };
    assert!(!can_read(&other, &item).allowed());
    assert!(!can_write(&other, &item));

    item.sealed = false;
    assert_eq!(can_read(&w.viewers[0], &item), Decision::Allow(Grant::Owner));
    assert!(!can_write(&guest, &item), "an opened answer is final");
    assert!(!can_write(&w.viewers[0], &item), "the leader cannot rewrite an expert's words");
}

#[test]
fn a_guest_reads_exactly_the_request_its_link_names() {
    let w = world();
    let request = RecordMeta::owned(RecordKind::AdviceRequest, w.owner.clone(), Audience::Private, Millis(1));
    let guest = Viewer::Guest { capability: CapabilityId::new(), target: request.id.clone() };
    assert_eq!(can_read(&guest, &request), Decision::Allow(Grant::GuestScope));
    let reflection = RecordMeta {
        id: request.id.clone(),
        ..RecordMeta::owned(RecordKind::Reflection, w.owner.clone(), Audience::Private, Millis(1))
    };
    assert!(!can_read(&guest, &reflection).allowed(), "a link for advice opens nothing else, even with a matching id");
}

#[test]
fn a_leader_reads_a_coach_note_shared_with_them_and_only_then() {
    let coach = UserId::new();
    let leader = UserId::new();
    let r = RelationshipId::new();
    let leader_view = Viewer::Member(Member {
        ties: vec![Tie { relationship: r.clone(), partner: coach.clone(), my_side: Side::Leader, ended_at: None }],
        ..Member::alone(leader.clone())
    });
    let mut note = RecordMeta::owned(RecordKind::CoachNote, coach.clone(), Audience::Private, Millis(1));
    assert!(!can_read(&leader_view, &note).allowed());
    note.audience = Audience::Relationship(r);
    assert!(can_read(&leader_view, &note).allowed());
    // "All my coaches" is a leader's audience; a coach's note cannot use it to reach a leader.
    note.audience = Audience::AllMyCoaches;
    assert!(!can_read(&leader_view, &note).allowed());
}

#[test]
fn a_tie_to_someone_else_grants_nothing() {
    let w = world();
    let someone_else = UserId::new();
    let viewer = Viewer::Member(Member { ties: vec![tie(&w.r1, &someone_else, None)], ..Member::alone(UserId::new()) });
    let record =
        RecordMeta::owned(RecordKind::Reflection, w.owner.clone(), Audience::Relationship(w.r1.clone()), Millis(1));
    assert!(!can_read(&viewer, &record).allowed());
}

#[test]
fn account_level_rules() {
    use crate::org::OrgRole;
    let w = world();
    let admin = &w.viewers[9];
    let stranger = &w.viewers[5];
    assert!(can_administer(admin));
    assert!(!can_administer(stranger));
    assert!(!can_administer(&Viewer::Anonymous));
    assert!(can_manage_org(admin, None));
    assert!(can_manage_org(stranger, Some(OrgRole::Admin)));
    assert!(!can_manage_org(stranger, Some(OrgRole::Facilitator)));
    assert!(can_see_org(stranger, Some(OrgRole::Member)));
    assert!(!can_see_org(stranger, None));
    let coach = UserId::new();
    assert!(can_see_relationship(&w.viewers[0], &w.owner, &coach));
    assert!(!can_see_relationship(admin, &w.owner, &coach), "admins do not see who coaches whom");
    assert!(!can_see_relationship(&Viewer::Anonymous, &w.owner, &coach));
}

#[test]
fn only_a_programmes_facilitators_run_it() {
    // Roles in ROLES order; only F (facilitator of p) may see p's progress and manage it.
    let w = world();
    let allowed: String = w.viewers.iter().map(|v| if can_run_programme(v, &w.p) { 'Y' } else { '.' }).collect();
    assert_eq!(allowed, "......Y.....");
    let other = ProgrammeId::new();
    assert!(!can_run_programme(&w.viewers[6], &other), "facilitating one programme grants nothing on another");
}

#[test]
fn a_programmes_health_is_for_its_facilitators_and_its_organisations_admins() {
    // Roles in ROLES order, each asked twice: as an admin of the programme's organisation (the
    // store's fact), and not. F sees it as facilitator; anyone who is a member and admin of its
    // organisation sees it; the instance admin (A) gains nothing from being instance admin, and
    // anonymous visitors and guest links never see it, whatever the fact says.
    let w = world();
    let roles = |admin_of_its_org: bool| -> String {
        w.viewers
            .iter()
            .zip(ROLES.chars())
            .map(|(v, r)| if can_see_programme_health(v, &w.p, admin_of_its_org) { r } else { '.' })
            .collect()
    };
    assert_eq!(roles(false), "......F.....", "not an admin of its organisation");
    assert_eq!(roles(true), "OCMEBSFPTA..", "an admin of its organisation");
    let other = ProgrammeId::new();
    assert!(!can_see_programme_health(&w.viewers[6], &other, false), "facilitating p shows nothing of another");
    assert!(!can_see_programme_health(&w.viewers[7], &w.p, false), "a participant does not see the cohort's health");
    assert!(!can_see_programme_health(&w.viewers[9], &w.p, false), "the instance admin is not in it");
    assert!(!can_run_programme(&w.viewers[5], &w.p), "seeing health does not make an org admin its facilitator");
}

#[test]
fn co_coaching_value_stays_with_its_organisation_until_shared() {
    // An engagement is a programme, and each of its two sides is one too: a participant is in the
    // engagement's and their own side's; the facilitator facilitates all three.
    let (engagement, side_a, side_b) = (ProgrammeId::new(), ProgrammeId::new(), ProgrammeId::new());
    let author = UserId::new();
    let in_side = |side: &ProgrammeId| {
        Viewer::Member(Member { programmes: vec![engagement.clone(), side.clone()], ..Member::alone(UserId::new()) })
    };
    let (colleague, other_org) = (in_side(&side_a), in_side(&side_b));
    let facilitator = Viewer::Member(Member {
        facilitates: vec![engagement.clone(), side_a.clone(), side_b.clone()],
        ..Member::alone(UserId::new())
    });
    let other_facilitator =
        Viewer::Member(Member { facilitates: vec![ProgrammeId::new()], ..Member::alone(UserId::new()) });
    let mut value =
        RecordMeta::owned(RecordKind::ValueRecord, author, Audience::ProgrammeMembers(side_a.clone()), Millis(1));
    let sees = |v: &Viewer, r: &RecordMeta| can_read(v, r).allowed();
    assert!(sees(&colleague, &value) && sees(&facilitator, &value));
    assert!(!sees(&other_org, &value) && !sees(&other_facilitator, &value));
    value.audience = Audience::ProgrammeMembers(engagement.clone());
    assert!(sees(&other_org, &value), "shared by choice with the other organisation");
    assert!(!sees(&other_facilitator, &value));
    value.audience = Audience::Team(TeamId::new());
    assert!(!sees(&colleague, &value), "a team audience is not one value may have: private");
}

#[test]
fn programme_pages_and_teams_open_to_their_people_only() {
    let w = world();
    let roles = |f: &dyn Fn(&Viewer) -> bool| -> String {
        w.viewers.iter().zip(ROLES.chars()).map(|(v, r)| if f(v) { r } else { '.' }).collect()
    };
    assert_eq!(roles(&|v| can_see_programme(v, &w.p)), "......FP....");
    assert_eq!(roles(&|v| on_team(v, &w.t)), "........T...");
}

#[test]
fn co_coaching_entries_and_value_are_changed_by_their_author_alone() {
    // A team entry (a member's note or the facilitator's comment: both `TeamNote`, audience the
    // team) and a value record, in every audience they may have: only the owner writes.
    let w = world();
    for (kind, audiences) in [
        (RecordKind::TeamNote, vec![Audience::Team(w.t.clone()), Audience::Private]),
        (RecordKind::ValueRecord, vec![Audience::ProgrammeMembers(w.p.clone()), Audience::Private]),
    ] {
        for audience in audiences {
            let record = RecordMeta::owned(kind, w.owner.clone(), audience.clone(), Millis(1));
            let writers: String =
                w.viewers.iter().zip(ROLES.chars()).map(|(v, r)| if can_write(v, &record) { r } else { '.' }).collect();
            assert_eq!(writers, "O...........", "{kind:?} {audience:?}");
        }
    }
}

/// Column order of the reply matrix: L the leader who owns the item, C the mentor of r1, M the
/// mentor of r2 (active), E the mentor of r3 (ended at 2 000), B the mentor of r4 (ended at 500),
/// S a stranger, A the instance admin, N anonymous, G a guest link.
const REPLY_ROLES: &str = "LCMEBSANG";

/// (who writes the reply, the item's audience, the reply's audience, when the reply is written,
/// who may read the reply). The item is always shared at 1 000.
#[rustfmt::skip]
const REPLY_EXPECTED: [(char, &str, &str, i64, &str); 16] = [
    ('C', "relationship:r1", "relationship:r1", 1_500, "LC......."),
    ('C', "relationship:r1", "item_readers",    1_500, "LC......."),
    ('C', "all_my_coaches",  "relationship:r1", 1_500, "LC......."),
    ('C', "all_my_coaches",  "item_readers",    1_500, "LCME....."),
    // E's relationship ended before this reply was written: E keeps the item, not the reply.
    ('C', "all_my_coaches",  "item_readers",    3_000, "LCM......"),
    ('C', "public",          "relationship:r1", 1_500, "LC......."),
    // A thread on a public item stays within the leader's coaches and mentors.
    ('C', "public",          "item_readers",    1_500, "LCME....."),
    ('C', "all_my_coaches",  "private",         1_500, ".C......."),
    // An audience a reply may not have is private.
    ('C', "all_my_coaches",  "all_my_coaches",  1_500, ".C......."),
    ('C', "all_my_coaches",  "public",          1_500, ".C......."),
    // r2 is M's relationship with L, not C's: it names nobody for C's reply.
    ('C', "all_my_coaches",  "relationship:r2", 1_500, ".C......."),
    ('L', "all_my_coaches",  "relationship:r2", 1_500, "L.M......"),
    ('L', "all_my_coaches",  "item_readers",    1_500, "LCME....."),
    // The leader cannot reach a mentor through a reply on an item that mentor may not read.
    ('L', "relationship:r1", "relationship:r2", 1_500, "L........"),
    ('L', "private",         "item_readers",    1_500, "L........"),
    ('E', "all_my_coaches",  "item_readers",    1_500, "LCME....."),
];

#[test]
fn replies_reach_exactly_the_part_of_the_items_readers_their_author_chose() {
    let leader = UserId::new();
    let rels: Vec<RelationshipId> = (0..4).map(|_| RelationshipId::new()).collect();
    let ended = [None, None, Some(2_000), Some(500)];
    let mentors: Vec<UserId> = (0..4).map(|_| UserId::new()).collect();
    let leader_ties = (0..4)
        .map(|i| Tie {
            relationship: rels[i].clone(),
            partner: mentors[i].clone(),
            my_side: Side::Leader,
            ended_at: ended[i].map(Millis),
        })
        .collect();
    let mut viewers = vec![Viewer::Member(Member { ties: leader_ties, ..Member::alone(leader.clone()) })];
    for i in 0..4 {
        let t = Tie {
            relationship: rels[i].clone(),
            partner: leader.clone(),
            my_side: Side::Coach,
            ended_at: ended[i].map(Millis),
        };
        viewers.push(Viewer::Member(Member { ties: vec![t], ..Member::alone(mentors[i].clone()) }));
    }
    viewers.push(Viewer::Member(Member::alone(UserId::new())));
    viewers.push(Viewer::Member(Member { instance_admin: true, ..Member::alone(UserId::new()) }));
    viewers.push(Viewer::Anonymous);
    viewers.push(Viewer::Guest { capability: CapabilityId::new(), target: RecordId::new() });
    assert_eq!(viewers.len(), REPLY_ROLES.len());

    let audience = |name: &str| match name {
        "private" => Audience::Private,
        "relationship:r1" => Audience::Relationship(rels[0].clone()),
        "relationship:r2" => Audience::Relationship(rels[1].clone()),
        "all_my_coaches" => Audience::AllMyCoaches,
        "public" => Audience::Public,
        "item_readers" => Audience::ItemReaders,
        other => panic!("unknown audience {other}"),
    };
    let author_of = |c: char| match c {
        'L' => leader.clone(),
        'C' => mentors[0].clone(),
        'E' => mentors[2].clone(),
        other => panic!("unknown author {other}"),
    };
    let mut failures = vec![];
    for (author, item_audience, reply_audience, written_at, expected) in REPLY_EXPECTED {
        let item = RecordMeta::owned(RecordKind::Reflection, leader.clone(), audience(item_audience), Millis(1_000));
        let reply =
            RecordMeta::owned(RecordKind::Reply, author_of(author), audience(reply_audience), Millis(written_at));
        let got: String = viewers
            .iter()
            .zip(REPLY_ROLES.chars())
            .map(|(v, role)| if can_read_reply(v, &reply, &item).allowed() { role } else { '.' })
            .collect();
        if got != expected {
            failures.push(format!(
                "{author} on {item_audience} to {reply_audience} at {written_at}: expected {expected}, got {got}"
            ));
        }
    }
    assert!(failures.is_empty(), "reply matrix mismatches:\n{}", failures.join("\n"));
}

#[test]
fn only_a_replys_author_changes_it() {
    let author = UserId::new();
    let reply = RecordMeta::owned(RecordKind::Reply, author.clone(), Audience::ItemReaders, Millis(1));
    assert!(can_write(&Viewer::Member(Member::alone(author)), &reply));
    assert!(!can_write(&Viewer::Member(Member::alone(UserId::new())), &reply));
}
