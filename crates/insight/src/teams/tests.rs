//! Constructed co-coaching groups: natural pairs, a trio, a challenge with no partner, and the
//! facilitator's choices.

use super::*;
use crate::embed::StaticModel;
use crate::lexical::TfIdf;

fn model() -> &'static StaticModel {
    StaticModel::embedded().unwrap()
}

fn ch(id: &str, org: &str, what: &str, why: &str, success: &str) -> Challenge {
    Challenge {
        id: id.into(),
        org: org.into(),
        person: id.trim_end_matches(['a', 'b']).into(),
        what: what.into(),
        why: why.into(),
        success: success.into(),
    }
}

fn group() -> Vec<Challenge> {
    vec![
        ch(
            "P1a",
            "Hospital",
            "Handing more decisions to my shift leads.",
            "I approve everything and burn out.",
            "Shift leads decide without me.",
        ),
        ch(
            "P2a",
            "Hospital",
            "Nurses do not report near misses because they fear blame.",
            "Hazards are found too late.",
            "Near misses reported every week.",
        ),
        ch(
            "P3a",
            "Hospital",
            "Two senior nurses in a long-running feud.",
            "The ward atmosphere is toxic.",
            "They can share a shift calmly.",
        ),
        ch("P4a", "Hospital", "Moving our paper rota to software.", "Printing costs and errors.", "All rotas digital."),
        ch(
            "P5a",
            "Software",
            "I can't let go of approving every code change.",
            "I am the bottleneck and work weekends.",
            "The team approves changes without me.",
        ),
        ch(
            "P6a",
            "Software",
            "Engineers hide problems until release because they fear blame.",
            "Bugs are found too late.",
            "Risks raised early in stand-ups.",
        ),
        ch(
            "P7a",
            "Software",
            "Two tech leads in a feud in every review.",
            "Decisions stall and juniors take sides.",
            "They disagree productively.",
        ),
    ]
}

fn team_ids(s: &TeamSuggestion) -> Vec<Vec<String>> {
    let mut teams: Vec<Vec<String>> = s
        .teams
        .iter()
        .map(|t| {
            let mut c = t.challenges.clone();
            c.sort();
            c
        })
        .collect();
    teams.sort();
    teams
}

#[test]
fn natural_pairs_are_found_and_the_odd_one_out_is_left_out() {
    let s = suggest_teams(model(), &group(), &Choices::default()).unwrap();
    assert_eq!(s.method, Method::Exact);
    assert_eq!(team_ids(&s), [vec!["P1a", "P5a"], vec!["P2a", "P6a"], vec!["P3a", "P7a"]], "{s:#?}");
    assert_eq!(s.unmatched.len(), 1);
    assert_eq!(s.unmatched[0].challenge, "P4a");
    assert!(s.unmatched[0].reason.contains("left out rather than forced"), "{}", s.unmatched[0].reason);
    for t in &s.teams {
        assert!(t.reason.contains("more alike") && t.similarity > s.threshold, "{}", t.reason);
    }
}

#[test]
fn a_leftover_that_fits_both_members_makes_a_trio() {
    let mut g = group();
    g.push(ch(
        "P8a",
        "Hospital",
        "My charge nurses wait for my approval on every decision.",
        "Work stops when I am away.",
        "Charge nurses decide within agreed limits.",
    ));
    let s = suggest_teams(model(), &g, &Choices::default()).unwrap();
    let trio = s.teams.iter().find(|t| t.challenges.len() == 3).expect("a trio");
    let mut members = trio.challenges.clone();
    members.sort();
    assert_eq!(members, ["P1a", "P5a", "P8a"], "{s:#?}");
    assert!(trio.reason.contains("trio"));
}

#[test]
fn facilitator_choices_are_honoured() {
    let choices = Choices {
        confirmed: vec![vec!["P4a".into(), "P7a".into()]],
        rejected: vec![("P1a".into(), "P5a".into())],
        one_team_per_person: false,
    };
    let s = suggest_teams(model(), &group(), &choices).unwrap();
    assert!(s.teams[0].confirmed && s.teams[0].challenges == ["P4a", "P7a"]);
    assert!(s.teams[0].reason.starts_with("Confirmed by the facilitator"));
    for t in &s.teams {
        assert!(
            !(t.challenges.contains(&"P1a".into()) && t.challenges.contains(&"P5a".into())),
            "rejected pair suggested"
        );
        if !t.confirmed {
            assert!(!t.challenges.contains(&"P4a".into()) && !t.challenges.contains(&"P7a".into()));
        }
    }
}

#[test]
fn teams_always_span_organisations_and_people() {
    let mut g = group();
    // P1's second challenge is close to P1's first and to P5a; it must not join P1a's team.
    g.push(Challenge {
        person: "P1".into(),
        ..ch("P1b", "Hospital", "Letting my shift leads approve decisions.", "", "")
    });
    for choices in [Choices::default(), Choices { one_team_per_person: true, ..Choices::default() }] {
        let s = suggest_teams(model(), &g, &choices).unwrap();
        let org = |id: &str| g.iter().find(|c| c.id == id).map(|c| (c.org.clone(), c.person.clone())).unwrap();
        for t in &s.teams {
            let orgs: std::collections::HashSet<String> = t.challenges.iter().map(|c| org(c).0).collect();
            let people: std::collections::HashSet<String> = t.challenges.iter().map(|c| org(c).1).collect();
            assert!(orgs.len() >= 2 && people.len() == t.challenges.len(), "{t:?}");
        }
        if choices.one_team_per_person {
            let p1 = s.teams.iter().filter(|t| t.challenges.iter().any(|c| c.starts_with("P1"))).count();
            assert!(p1 <= 1);
        }
    }
}

#[test]
fn one_organisation_or_nothing_gives_no_teams() {
    let same: Vec<Challenge> = group().into_iter().filter(|c| c.org == "Hospital").collect();
    let s = suggest_teams(model(), &same, &Choices::default()).unwrap();
    assert!(s.teams.is_empty() && s.unmatched.len() == same.len());
    assert!(s.unmatched[0].reason.contains("No challenge from another organisation"));
    let s = suggest_teams(model(), &[], &Choices::default()).unwrap();
    assert!(s.teams.is_empty() && s.unmatched.is_empty());
}

#[test]
fn bad_choices_and_ids_are_refused() {
    let unknown = Choices { rejected: vec![("P1a".into(), "P9z".into())], ..Choices::default() };
    assert!(matches!(suggest_teams(model(), &group(), &unknown), Err(InsightError::InvalidChoice(_))));
    let one_org = Choices { confirmed: vec![vec!["P1a".into(), "P2a".into()]], ..Choices::default() };
    assert!(matches!(suggest_teams(model(), &group(), &one_org), Err(InsightError::InvalidChoice(_))));
    let mut dup = group();
    dup[1].id = "P1a".into();
    assert_eq!(suggest_teams(model(), &dup, &Choices::default()).unwrap_err(), InsightError::DuplicateId("P1a".into()));
}

#[test]
fn a_thousand_challenges_from_many_organisations() {
    let topics = [
        "delegating decisions",
        "giving feedback",
        "team conflict",
        "hiring engineers",
        "board budget",
        "remote trust",
        "change resistance",
        "burnout and hours",
        "retaining staff",
        "strategy focus",
    ];
    let challenges: Vec<Challenge> = (0..1000)
        .map(|i| {
            let t = topics[i % topics.len()];
            Challenge {
                id: format!("C{i}"),
                org: format!("Org{}", i % 37),
                person: format!("P{}", i / 2),
                what: format!("Challenge {i} about {t} in my unit"),
                why: format!("It matters because {t} keeps coming back"),
                success: "Things improve".into(),
            }
        })
        .collect();
    for rep in [model() as &dyn Representation, &TfIdf] {
        let s = suggest_teams(rep, &challenges, &Choices::default()).unwrap();
        assert_eq!(s.method, Method::Greedy);
        let placed: usize = s.teams.iter().map(|t| t.challenges.len()).sum();
        assert_eq!(placed + s.unmatched.len(), 1000);
        assert!(s.teams.len() > 300, "{}: {} teams", rep.name(), s.teams.len());
    }
}

/// A representation with a fixed similarity matrix, to test the team rules on exact numbers.
struct Fixed {
    sim: similarity::SimilarityMatrix,
    sd: f32,
    relief: bool,
    mutual_sd: f32,
    skip: usize,
    prune: Option<f32>,
}

impl Representation for Fixed {
    fn name(&self) -> &'static str {
        "fixed"
    }
    fn similarities(&self, _: &[&str]) -> similarity::SimilarityMatrix {
        self.sim.clone()
    }
    fn natural_pair_sd(&self) -> f32 {
        self.sd
    }
    fn mutual_relief(&self) -> bool {
        self.relief
    }
    fn mutual_pair_sd(&self) -> f32 {
        self.mutual_sd
    }
    fn background_skips_nearest(&self) -> usize {
        self.skip
    }
    fn prune_weak_pairs_sd(&self) -> Option<f32> {
        self.prune
    }
}

/// a1..a3 from org A (indices 0..2), b1..b3 from org B (3..5). a1-b1 is a strong pair; a2-b2 is
/// each other's closest but only moderately alike; a3-b3 is as alike as a2-b2, but a3's closest
/// is b1. Typical cross-organisation pair 0.513, standard deviation 0.139.
fn six(sd: f32) -> (Fixed, Vec<Challenge>) {
    let sim = similarity::SimilarityMatrix::from_fn(6, |i, j| match (i.min(j), i.max(j)) {
        (a, b) if a == b => 1.0,
        (0, 3) => 0.80,
        (1, 4) | (2, 5) => 0.60,
        (2, 3) => 0.62,
        (a, b) if (a < 3) == (b < 3) => 0.30,
        _ => 0.40,
    });
    let names = ["a1", "a2", "a3", "b1", "b2", "b3"];
    let challenges = names.iter().map(|n| ch(n, &n[..1].to_uppercase(), "some challenge", "", "")).collect();
    (Fixed { sim, sd, relief: true, mutual_sd: 0.0, skip: 0, prune: None }, challenges)
}

#[test]
fn the_threshold_is_standard_deviations_above_the_typical_pair() {
    let bg = similarity::Background { mean: 0.5, sd: 0.1 };
    assert!((natural_threshold(bg, 0.75, f32::MIN) - 0.575).abs() < 1e-6);
    assert_eq!(natural_threshold(bg, 0.0, 0.6), 0.6, "never below the floor");
}

#[test]
fn each_others_closest_need_only_beat_the_typical_pair() {
    let (rep, challenges) = six(0.75);
    let s = suggest_teams(&rep, &challenges, &Choices::default()).unwrap();
    assert!((s.threshold - 0.617).abs() < 1e-3, "{}", s.threshold);
    // a2-b2 (0.60) is below the threshold but mutual; a3-b3 (0.60) is not mutual.
    assert_eq!(team_ids(&s), [vec!["a1", "b1"], vec!["a2", "b2"]], "{s:#?}");
    let mutual = s.teams.iter().find(|t| t.challenges.contains(&"a2".to_owned())).unwrap();
    assert!(mutual.reason.contains("each other's closest match"), "{}", mutual.reason);
    let b3 = s.unmatched.iter().find(|u| u.challenge == "b3").unwrap();
    assert!(b3.reason.contains("a3 (0.60), has a closer match of its own"), "{}", b3.reason);
}

#[test]
fn with_no_margin_the_old_rule_pairs_every_pair_above_typical() {
    let (rep, challenges) = six(0.0);
    let s = suggest_teams(&rep, &challenges, &Choices::default()).unwrap();
    assert_eq!(team_ids(&s), [vec!["a1", "b1"], vec!["a2", "b2"], vec!["a3", "b3"]], "{s:#?}");
}

#[test]
fn a_challenge_whose_best_partner_is_weak_is_left_out() {
    // b2's best partner is a2 at 0.60; make every b2 pair weaker than typical.
    let (mut rep, challenges) = six(0.75);
    rep.sim = similarity::SimilarityMatrix::from_fn(6, |i, j| match (i.min(j), i.max(j)) {
        (1, 4) => 0.35,
        (a, b) => rep.sim.get(a, b),
    });
    let s = suggest_teams(&rep, &challenges, &Choices::default()).unwrap();
    assert!(s.teams.iter().all(|t| !t.challenges.contains(&"b2".to_owned())), "{s:#?}");
    let b2 = s.unmatched.iter().find(|u| u.challenge == "b2").unwrap();
    assert!(b2.reason.contains("no more alike than this group's typical pair"), "{}", b2.reason);
}

#[test]
fn the_engine_suggests_the_same_natural_pairs_in_the_constructed_group() {
    let engine = crate::engine().unwrap();
    let s = suggest_teams(&engine, &group(), &Choices::default()).unwrap();
    for pair in [["P1a", "P5a"], ["P2a", "P6a"]] {
        assert!(team_ids(&s).contains(&pair.map(String::from).to_vec()), "{s:#?}");
    }
    assert!(s.unmatched.iter().any(|u| u.challenge == "P4a"), "{s:#?}");
}

#[test]
fn without_the_relief_each_others_closest_must_clear_the_same_bar() {
    let (mut rep, challenges) = six(0.75);
    rep.relief = false;
    let s = suggest_teams(&rep, &challenges, &Choices::default()).unwrap();
    // a2-b2 (0.60) is mutual but below the bar (0.617): with no relief it is left out.
    assert_eq!(team_ids(&s), [vec!["a1", "b1"]], "{s:#?}");
    let b2 = s.unmatched.iter().find(|u| u.challenge == "b2").unwrap();
    assert!(b2.reason.contains("a2 (0.60), is more alike than this group's typical pair (0.51)"), "{}", b2.reason);
    assert!(b2.reason.contains("not by the margin a natural pair needs here (0.62)"), "{}", b2.reason);
}

#[test]
fn the_nearest_cut_is_each_challenges_kth_closest_possible_partner() {
    let sim = similarity::SimilarityMatrix::from_fn(4, |i, j| match (i.min(j), i.max(j)) {
        (a, b) if a == b => 1.0,
        (0, 1) => 0.9,
        (0, 2) => 0.5,
        (0, 3) => 0.7,
        (1, 2) => 0.4,
        (1, 3) => 0.3,
        _ => 0.2,
    });
    let all = |_: usize, _: usize| true;
    let one = nearest_cut(&sim, 1, all);
    assert_eq!(one, [0.9, 0.9, 0.5, 0.7]);
    let two = nearest_cut(&sim, 2, all);
    assert_eq!(two, [0.7, 0.4, 0.4, 0.3]);
    assert!(nearest_cut(&sim, 0, all).iter().all(|&c| c == f32::MAX), "k = 0: every pair counts");
    let none = nearest_cut(&sim, 1, |_: usize, _: usize| false);
    assert!(none.iter().all(|&c| c == f32::MAX), "no possible partner: every pair counts");
}

#[test]
fn leaving_the_closest_partners_out_of_the_yardstick_lowers_the_typical_pair() {
    // In `six`, a1-b1 (0.80) and the other best matches raise the typical pair; without them the
    // typical pair is the unrelated 0.40 pairs.
    let (mut rep, challenges) = six(0.0);
    let all_pairs = suggest_teams(&rep, &challenges, &Choices::default()).unwrap();
    rep.skip = 1;
    let skipped = suggest_teams(&rep, &challenges, &Choices::default()).unwrap();
    assert!((all_pairs.typical_similarity - 0.513).abs() < 1e-3, "{}", all_pairs.typical_similarity);
    assert!((skipped.typical_similarity - 0.40).abs() < 1e-3, "{}", skipped.typical_similarity);
}

#[test]
fn weak_pairs_that_are_not_each_others_closest_are_pruned_after_pairing() {
    // At the typical-pair bar all three pairs form; pruning at 0.75 sd (0.617) drops a3-b3 (0.60,
    // a3's closest is b1) and keeps a2-b2 (0.60, each other's closest).
    let (mut rep, challenges) = six(0.0);
    rep.prune = Some(0.75);
    let s = suggest_teams(&rep, &challenges, &Choices::default()).unwrap();
    assert_eq!(team_ids(&s), [vec!["a1", "b1"], vec!["a2", "b2"]], "{s:#?}");
    assert!(s.unmatched.iter().any(|u| u.challenge == "a3") && s.unmatched.iter().any(|u| u.challenge == "b3"));
}

#[test]
fn each_others_closest_may_be_asked_for_a_margin_of_their_own() {
    // Typical pair 0.513, sd 0.139: each other's closest need 0.513 + 0.5 * 0.139 = 0.582 (a2-b2 at
    // 0.60 passes) or, at 0.75 sd, 0.617 like everyone (a2-b2 fails).
    let (mut rep, challenges) = six(0.75);
    rep.mutual_sd = 0.5;
    let s = suggest_teams(&rep, &challenges, &Choices::default()).unwrap();
    assert_eq!(team_ids(&s), [vec!["a1", "b1"], vec!["a2", "b2"]], "{s:#?}");
    let mutual = s.teams.iter().find(|t| t.challenges.contains(&"a2".to_owned())).unwrap();
    assert!(mutual.reason.contains("above the bar 0.58 for such pairs"), "{}", mutual.reason);
    rep.mutual_sd = 0.75;
    let s = suggest_teams(&rep, &challenges, &Choices::default()).unwrap();
    assert_eq!(team_ids(&s), [vec!["a1", "b1"]], "{s:#?}");
}
