//! The privacy matrix for practice 4, over HTTP on both backends. Every role's every reachable
//! co-coaching response (pages, API, calendar files, the dashboard, the admin page) is searched for
//! each record's marker, before the cards open and after the teams are at work. The expected
//! tables are written out by hand.

use super::{Cast, card, card_id, cast, client_for, participant};
use crate::on_each_backend;
use coachkit_app::co_coaching::{TeamItemInput, ValueInput};
use coachkit_testkit::{Client, TestApp};

/// Column order: participants of organisation A on team 1 and on team 2; of organisation B on
/// team 1 and team 2; the facilitator; another facilitator; the admins of A and of B; the
/// instance admin; nobody signed in.
const ROLES: [&str; 10] =
    ["a1", "a2", "b1", "b2", "facilitator", "other_facilitator", "admin_a", "admin_b", "instance_admin", "anonymous"];
const EMAILS: [&str; 9] = [
    "a1@a.example",
    "a2@a.example",
    "b1@b.example",
    "b2@b.example",
    "fay@example.org",
    "gus@example.org",
    "ann@a.example",
    "bob@b.example",
    "ada@example.org",
];

/// Before the cards open: each card is its author's alone; the engagement's brief reaches its
/// people only.
#[rustfmt::skip]
const BEFORE: [(&str, &str); 5] = [
    //                  a a b b F G A B I N
    ("zqbrief",        "YYYYY....."),
    ("zqcarda1",       "Y........."),
    ("zqcardb2",       "...Y......"),
    ("zqdraft",        ".Y........"),
    ("zqotherengagement", ".....Y...."),
];

/// Teams at work: submitted cards open to everyone in; the draft still its author's; each team's
/// notes its own; the facilitator's comment to team 1 reaches team 1; each organisation's value
/// its own and the facilitator's, until B shares.
#[rustfmt::skip]
const AT_WORK: [(&str, &str); 9] = [
    //                  a a b b F G A B I N
    ("zqbrief",        "YYYYY....."),
    ("zqcarda1",       "YYYYY....."),
    ("zqcardb2",       "YYYYY....."),
    ("zqdraft",        ".Y........"),
    ("zqnoteone",      "Y.Y......."),
    ("zqnotetwo",      ".Y.Y......"),
    ("zqcomment",      "Y.Y.Y....."),
    ("zqvaluea",       "YY..Y....."),
    ("zqvalueb",       "..YYY....."),
];

/// Organisation B chose to show its value to A.
#[rustfmt::skip]
const SHARED: [(&str, &str); 2] = [
    //                  a a b b F G A B I N
    ("zqvaluea",       "YY..Y....."),
    ("zqvalueb",       "YYYYY....."),
];

struct World {
    engagement: String,
    teams: Vec<String>,
}

async fn sees(client: Option<&Client>, app: &TestApp, w: &World) -> String {
    let anonymous = app.client();
    let client = client.unwrap_or(&anonymous);
    let mut paths = vec![
        "/co-coaching".to_owned(),
        format!("/co-coaching/{}", w.engagement),
        format!("/co-coaching/{}/teaming", w.engagement),
        format!("/co-coaching/{}/value", w.engagement),
        format!("/co-coaching/{}/sessions/1.ics", w.engagement),
        "/dashboard".to_owned(),
        "/admin".to_owned(),
        "/api/v1/co-coaching".to_owned(),
        format!("/api/v1/co-coaching/{}", w.engagement),
        format!("/api/v1/co-coaching/{}/teaming", w.engagement),
        format!("/api/v1/co-coaching/{}/value", w.engagement),
    ];
    for t in &w.teams {
        paths.push(format!("/co-coaching/{}/teams/{t}", w.engagement));
    }
    let mut out = String::new();
    for path in paths {
        let r = client.get(&path).await;
        assert!(!r.status().is_server_error(), "{path}: {}", r.status());
        out.push_str(&r.text().await.unwrap_or_default());
    }
    out
}

async fn check(app: &TestApp, w: &World, clients: &[Client], table: &[(&str, &str)], when: &str) {
    let mut seen = vec![];
    for c in clients {
        seen.push(sees(Some(c), app, w).await);
    }
    seen.push(sees(None, app, w).await);
    let mut failures = vec![];
    for (marker, expected) in table {
        let got: String = seen.iter().map(|s| if s.contains(marker) { 'Y' } else { '.' }).collect();
        if got != *expected {
            failures.push(format!("{when} {marker}: expected {expected}, got {got} ({ROLES:?})"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

async fn arrange(app: &TestApp, c: &Cast) -> (World, Vec<coachkit_app::Actor>) {
    let a1 = participant(app, c, "a", "Aya One", "a1@a.example").await;
    let a2 = participant(app, c, "a", "Abe Two", "a2@a.example").await;
    let b1 = participant(app, c, "b", "Bea One", "b1@b.example").await;
    let b2 = participant(app, c, "b", "Ben Two", "b2@b.example").await;
    let e = &c.engagement;
    app.app.save_card(&a1, e, &card("New drivers leave early zqcarda1", true)).await.unwrap();
    app.app.save_card(&a2, e, &card("New officers leave in year one", true)).await.unwrap();
    app.app
        .save_card(
            &a2,
            e,
            &coachkit_app::co_coaching::CardInput { position: 2, ..card("Budget spreadsheets zqdraft", false) },
        )
        .await
        .unwrap();
    app.app.save_card(&b1, e, &card("Night shift people quit in months", true)).await.unwrap();
    app.app.save_card(&b2, e, &card("Operatives leave after training zqcardb2", true)).await.unwrap();
    (World { engagement: e.clone(), teams: vec![] }, vec![a1, a2, b1, b2])
}

#[tokio::test]
async fn every_role_against_cards_team_space_and_value() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let (mut w, people) = arrange(&app, &c).await;
        let mut clients = vec![];
        for email in EMAILS {
            clients.push(client_for(&app, email).await);
        }
        check(&app, &w, &clients, &BEFORE, "before").await;

        let e = w.engagement.clone();
        app.app.open_cards(&c.facilitator, &e).await.unwrap();
        let team1 = vec![card_id(&app, &c, "Aya One").await, card_id(&app, &c, "Bea One").await];
        let team2 = vec![card_id(&app, &c, "Abe Two").await, card_id(&app, &c, "Ben Two").await];
        let t1 = app.app.confirm_team(&c.facilitator, &e, &team1, "").await.unwrap();
        let t2 = app.app.confirm_team(&c.facilitator, &e, &team2, "").await.unwrap();
        app.app.close_session_one(&c.facilitator, &e).await.unwrap();
        w.teams = vec![t1.clone(), t2.clone()];
        let note = |text: &str| TeamItemInput { kind: "note".into(), text: text.into(), ..Default::default() };
        app.app.add_team_item(&people[0], &e, &t1, &note("We both lose people at week six zqnoteone")).await.unwrap();
        app.app.add_team_item(&people[3], &e, &t2, &note("Exit questions compared zqnotetwo")).await.unwrap();
        let comment = TeamItemInput {
            kind: "comment".into(),
            text: "Bring one thing to stop zqcomment".into(),
            ..Default::default()
        };
        app.app.add_team_item(&c.facilitator, &e, &t1, &comment).await.unwrap();
        let value = |outcome: &str| ValueInput {
            outcome: outcome.into(),
            measure: "money".into(),
            amount: "40000".into(),
            confidence: "medium".into(),
            ..Default::default()
        };
        app.app.add_value(&people[1], &e, &value("Fewer leavers zqvaluea")).await.unwrap();
        app.app.add_value(&people[2], &e, &value("Less agency cover zqvalueb")).await.unwrap();
        check(&app, &w, &clients, &AT_WORK, "at work").await;

        app.app.share_value(&people[3], &e, true).await.unwrap();
        check(&app, &w, &clients, &SHARED, "shared").await;

        // Nothing leaks through the outbox either: no mail carries a card, note or value.
        for m in app.app.store.recent_mail(500).await.unwrap() {
            for marker in
                ["zqcarda1", "zqcardb2", "zqdraft", "zqnoteone", "zqnotetwo", "zqcomment", "zqvaluea", "zqvalueb"]
            {
                assert!(!m.body.contains(marker), "{marker} in a mail to {}", m.to_addr);
            }
        }
        let _ = &c.other_facilitator;
        let _ = &c.other_engagement;
        app.stop().await;
    })
    .await;
}

/// What the policy knows of each person (`member_facts`, one statement since 7 Dec) names exactly
/// the engagement, the sides and the teams each role holds: the facilitator runs the engagement
/// and both sides, a participant who joined takes part in the engagement and their own side and
/// is on their team, and another engagement's facilitator holds nothing of this one.
#[tokio::test]
async fn the_policys_facts_name_each_engagement_side_and_team() {
    use coachkit_domain::{ProgrammeId, TeamId};
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let (w, people) = arrange(&app, &c).await;
        let e = w.engagement.clone();
        app.app.open_cards(&c.facilitator, &e).await.unwrap();
        let team1 = vec![card_id(&app, &c, "Aya One").await, card_id(&app, &c, "Bea One").await];
        let t1 = app.app.confirm_team(&c.facilitator, &e, &team1, "").await.unwrap();
        let row = app.app.store.engagement(&e).await.unwrap().unwrap();
        let other = app.app.store.engagement(&c.other_engagement).await.unwrap().unwrap();
        let ids = |v: &[&str]| v.iter().map(|s| ProgrammeId::from_trusted(s.to_string())).collect::<Vec<_>>();
        let sorted = |mut v: Vec<ProgrammeId>| {
            v.sort();
            v
        };

        let fay = app.app.store.member_facts(&c.facilitator.user).await.unwrap();
        assert_eq!(sorted(fay.facilitates), sorted(ids(&[&e, &row.side_a_id, &row.side_b_id])));
        assert!(fay.programmes.is_empty() && fay.teams.is_empty() && fay.ties.is_empty());

        let aya = app.app.store.member_facts(&people[0].user).await.unwrap();
        assert_eq!(sorted(aya.programmes), sorted(ids(&[&e, &row.side_a_id])));
        assert_eq!(aya.teams, vec![TeamId::from_trusted(t1.clone())]);
        assert!(aya.facilitates.is_empty());
        let bea = app.app.store.member_facts(&people[2].user).await.unwrap();
        assert_eq!(sorted(bea.programmes), sorted(ids(&[&e, &row.side_b_id])));
        assert_eq!(bea.teams, vec![TeamId::from_trusted(t1)]);
        let abe = app.app.store.member_facts(&people[1].user).await.unwrap();
        assert!(abe.teams.is_empty(), "Abe's card is on no team yet");

        let gus = app.app.store.member_facts(&c.other_facilitator.user).await.unwrap();
        assert_eq!(sorted(gus.facilitates), sorted(ids(&[&c.other_engagement, &other.side_a_id, &other.side_b_id])));
        app.stop().await;
    })
    .await;
}
