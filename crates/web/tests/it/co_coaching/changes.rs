//! Changing what was decided or written, through the pages on both backends: the facilitator
//! splits a card out of a team (and a split that would leave no team is refused); withdraws an
//! invitation (its link then says so, and nobody can join with it); team members edit and delete
//! their own entries and value records, never someone else's; and every role is tried against
//! each kind's edit and delete over the API, where only the author succeeds.

use super::{Cast, card, card_id, cast, client_for, participant, secret_for};
use crate::on_each_backend;
use coachkit_app::Actor;
use coachkit_app::co_coaching::{InviteInput, TeamItemInput, ValueInput};
use coachkit_testkit::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::json;

/// Four joined people with a submitted card each (A: Aya, Abe; B: Bea, Ben), cards open.
async fn open_four(app: &TestApp, c: &Cast) -> Vec<Actor> {
    let e = &c.engagement;
    let mut people = vec![];
    for (side, name, email, what) in [
        ("a", "Aya One", "a1@a.example", "New drivers leave early"),
        ("a", "Abe Two", "a2@a.example", "New officers leave in year one"),
        ("b", "Bea One", "b1@b.example", "Night shift people quit in months"),
        ("b", "Ben Two", "b2@b.example", "Operatives leave after training"),
    ] {
        let who = participant(app, c, side, name, email).await;
        app.app.save_card(&who, e, &card(what, true)).await.unwrap();
        people.push(who);
    }
    app.app.open_cards(&c.facilitator, e).await.unwrap();
    people
}

#[tokio::test]
async fn the_facilitator_splits_a_card_out_on_the_teaming_page() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let e = c.engagement.clone();
        open_four(&app, &c).await;
        let ids = [
            card_id(&app, &c, "Aya One").await,
            card_id(&app, &c, "Abe Two").await,
            card_id(&app, &c, "Bea One").await,
        ];
        let team = app.app.confirm_team(&c.facilitator, &e, &ids, "").await.unwrap();
        let fay = client_for(&app, "fay@example.org").await;
        let page = format!("/co-coaching/{e}/teaming");
        assert!(fay.page(&page, StatusCode::OK).await.contains("Split that card out"));
        // Splitting Bea out would leave only organisation A: refused, with the reason, nothing changed.
        let action = format!("/co-coaching/{e}/teaming/{team}/split");
        let r = fay.submit(&page, &action, &[("card", ids[2].as_str())]).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.unwrap();
        assert!(html.contains("both organisations") && html.contains("Take the team apart instead"), "{html}");
        let t = app.app.teaming_page(&c.facilitator, &e).await.unwrap();
        assert_eq!(t.confirmed[0].cards.len(), 3);
        // Abe out: the team of Aya and Bea stays confirmed; Abe is free, and never suggested with them again.
        let r = fay.submit(&page, &action, &[("card", ids[1].as_str())]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let t = app.app.teaming_page(&c.facilitator, &e).await.unwrap();
        assert_eq!(t.confirmed.len(), 1);
        let kept: Vec<&str> = t.confirmed[0].cards.iter().map(|l| l.card.id.as_str()).collect();
        assert!(kept.contains(&ids[0].as_str()) && kept.contains(&ids[2].as_str()) && kept.len() == 2);
        assert!(t.free.iter().any(|l| l.card.id == ids[1]));
        let rejected = app.app.store.rejected_pairs(&e).await.unwrap();
        for other in [&ids[0], &ids[2]] {
            let pair = if ids[1] <= *other { (ids[1].clone(), other.clone()) } else { (other.clone(), ids[1].clone()) };
            assert!(rejected.contains(&pair), "the split is remembered as the facilitator's choice");
        }
        for s in &t.suggested {
            assert!(!(s.key.contains(&ids[1]) && (s.key.contains(&ids[0]) || s.key.contains(&ids[2]))), "{}", s.key);
        }
        // Someone else cannot split: not found (they cannot see the teaming page at all).
        let aya = client_for(&app, "a1@a.example").await;
        let r = aya.post_form_raw(&action, &[("card", ids[0].as_str())]).await;
        assert!(r.status().is_client_error(), "{}", r.status());
        assert_eq!(app.app.teaming_page(&c.facilitator, &e).await.unwrap().confirmed[0].cards.len(), 2);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_withdrawn_invitation_link_says_so_and_cannot_be_used() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let e = c.engagement.clone();
        let invite = InviteInput { side: "a".into(), name: "Wyn Withdrawn".into(), email: "wyn@a.example".into() };
        app.app.invite_participant(&c.facilitator, &e, &invite).await.unwrap();
        let secret = secret_for(&app, "wyn@a.example").await;
        let link = format!("/co-coaching/join/{secret}");
        assert_eq!(app.client().get(&link).await.status(), StatusCode::OK);
        let fay = client_for(&app, "fay@example.org").await;
        let page = fay.page(&format!("/co-coaching/{e}"), StatusCode::OK).await;
        assert!(page.contains("Withdraw the invitation to Wyn Withdrawn"), "{page}");
        let id =
            app.app.store.participants(&e).await.unwrap().into_iter().find(|p| p.name == "Wyn Withdrawn").unwrap().id;
        let r =
            fay.submit(&format!("/co-coaching/{e}"), &format!("/co-coaching/{e}/invitations/{id}/withdraw"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(!fay.page(&format!("/co-coaching/{e}"), StatusCode::OK).await.contains("Wyn Withdrawn"));

        // The link: a clear message, for someone signed out and someone signed in alike.
        let nobody = app.client();
        let r = nobody.get(&link).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(r.text().await.unwrap().contains("withdrew this invitation"));
        let csrf = nobody.csrf_from("/signin").await;
        let r = nobody
            .post_form_raw(
                &link,
                &[("csrf", csrf.as_str()), ("display_name", "Wyn"), ("password", crate::PW), ("agree", "1")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(r.text().await.unwrap().contains("withdrew this invitation"));
        assert!(app.app.store.user_by_email("wyn@a.example").await.unwrap().is_none(), "no account made");
        let wyn = crate::relationships::account(&app, "Wyn Withdrawn", "wyn@a.example").await;
        let err = app.app.join_engagement(&wyn, &secret, true).await.unwrap_err();
        assert!(err.to_string().contains("withdrew this invitation"), "{err}");
        assert!(app.app.engagement_page(&wyn, &e).await.is_err(), "Wyn did not join");

        // Invited again, a new link works; the old one stays dead.
        app.app.invite_participant(&c.facilitator, &e, &invite).await.unwrap();
        let mails = app.app.store.mail_to("wyn@a.example").await.unwrap();
        let fresh = mails
            .iter()
            .filter_map(|m| {
                let at = m.body.find("/co-coaching/join/")? + "/co-coaching/join/".len();
                m.body.get(at..at + 64).map(str::to_owned)
            })
            .find(|s| *s != secret)
            .expect("a second invitation");
        assert!(app.app.join_engagement(&wyn, &secret, true).await.is_err());
        app.app.join_engagement(&wyn, &fresh, true).await.unwrap();
        assert!(app.app.engagement_page(&wyn, &e).await.is_ok());
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn members_edit_and_delete_their_own_entries_and_value_on_the_pages() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let e = c.engagement.clone();
        let people = open_four(&app, &c).await;
        let pair = [card_id(&app, &c, "Aya One").await, card_id(&app, &c, "Bea One").await];
        let team = app.app.confirm_team(&c.facilitator, &e, &pair, "").await.unwrap();
        app.app.close_session_one(&c.facilitator, &e).await.unwrap();
        let note =
            TeamItemInput { kind: "note".into(), text: "Exit questions side by side".into(), ..Default::default() };
        app.app.add_team_item(&people[0], &e, &team, &note).await.unwrap();
        let item = app.app.team_page(&people[0], &e, &team).await.unwrap().items[0].id.clone();
        let team_page = format!("/co-coaching/{e}/teams/{team}");

        let aya = client_for(&app, "a1@a.example").await;
        let bea = client_for(&app, "b1@b.example").await;
        assert!(aya.page(&team_page, StatusCode::OK).await.contains("Edit or delete"));
        assert!(!bea.page(&team_page, StatusCode::OK).await.contains("Edit or delete"), "not Bea's entry");
        let edit = format!("{team_page}/items/{item}/edit");
        let r = bea.submit(&team_page, &edit, &[("text", "Bea rewrote it")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = aya.submit(&team_page, &edit, &[("text", "x".repeat(2_001).as_str())]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            app.app.team_page(&people[0], &e, &team).await.unwrap().items[0].text,
            "Exit questions side by side"
        );
        let r = aya.submit(&team_page, &edit, &[("text", "Exit questions compared")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(bea.page(&team_page, StatusCode::OK).await.contains("Exit questions compared"));
        let delete = format!("{team_page}/items/{item}/delete");
        assert_eq!(bea.submit(&team_page, &delete, &[]).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(aya.submit(&team_page, &delete, &[]).await.status(), StatusCode::SEE_OTHER);
        assert!(app.app.team_page(&people[0], &e, &team).await.unwrap().items.is_empty());

        let value = ValueInput {
            outcome: "Fewer leavers".into(),
            measure: "money".into(),
            amount: "20000".into(),
            confidence: "low".into(),
            ..Default::default()
        };
        app.app.add_value(&people[0], &e, &value).await.unwrap();
        let rec = app.app.value_page(&people[0], &e).await.unwrap().records[0].id.clone();
        let value_page = format!("/co-coaching/{e}/value");
        let abe = client_for(&app, "a2@a.example").await;
        assert!(aya.page(&value_page, StatusCode::OK).await.contains("Delete this record"));
        assert!(!abe.page(&value_page, StatusCode::OK).await.contains("Delete this record"));
        let fields = |amount: &'static str| {
            vec![
                ("outcome", "Fewer leavers, sooner"),
                ("measure", "money"),
                ("amount", amount),
                ("unit", ""),
                ("confidence", "high"),
            ]
        };
        let edit = format!("{value_page}/{rec}/edit");
        assert_eq!(abe.submit(&value_page, &edit, &fields("25000")).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(aya.submit(&value_page, &edit, &fields("-5")).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.app.value_page(&people[0], &e).await.unwrap().records[0].amount, 20000);
        assert_eq!(aya.submit(&value_page, &edit, &fields("25000")).await.status(), StatusCode::SEE_OTHER);
        let shown = app.app.value_page(&people[1], &e).await.unwrap();
        assert_eq!((shown.records[0].amount, shown.records[0].outcome.as_str()), (25000, "Fewer leavers, sooner"));
        let delete = format!("{value_page}/{rec}/delete");
        assert_eq!(abe.submit(&value_page, &delete, &[]).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(aya.submit(&value_page, &delete, &[]).await.status(), StatusCode::SEE_OTHER);
        assert!(app.app.value_page(&people[0], &e).await.unwrap().records.is_empty());
        app.stop().await;
    })
    .await;
}

/// Column order as in the read matrix: a1, a2, b1, b2 (a1 and b1 on team 1), the facilitator,
/// another facilitator, the admins of A and B, the instance admin, nobody signed in.
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

/// Who may edit and delete each kind: its author alone (a1's note, the facilitator's comment,
/// a2's value record for organisation A, shared with B or not).
#[rustfmt::skip]
const WRITES: [(&str, &str); 3] = [
    //             a a b b F G A B I N
    ("note",      "Y........."),
    ("comment",   "....Y....."),
    ("value",     ".Y........"),
];

#[tokio::test]
async fn only_the_author_edits_or_deletes_each_kind() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let e = c.engagement.clone();
        let people = open_four(&app, &c).await;
        let t1 = app
            .app
            .confirm_team(
                &c.facilitator,
                &e,
                &[card_id(&app, &c, "Aya One").await, card_id(&app, &c, "Bea One").await],
                "",
            )
            .await
            .unwrap();
        app.app
            .confirm_team(
                &c.facilitator,
                &e,
                &[card_id(&app, &c, "Abe Two").await, card_id(&app, &c, "Ben Two").await],
                "",
            )
            .await
            .unwrap();
        app.app.close_session_one(&c.facilitator, &e).await.unwrap();
        let item = |kind: &str| TeamItemInput { kind: kind.into(), text: format!("the {kind}"), ..Default::default() };
        app.app.add_team_item(&people[0], &e, &t1, &item("note")).await.unwrap();
        app.app.add_team_item(&c.facilitator, &e, &t1, &item("comment")).await.unwrap();
        let value = ValueInput {
            outcome: "Fewer leavers".into(),
            measure: "time".into(),
            amount: "300".into(),
            confidence: "medium".into(),
            ..Default::default()
        };
        app.app.add_value(&people[1], &e, &value).await.unwrap();
        app.app.share_value(&people[1], &e, true).await.unwrap();
        let note = app
            .app
            .team_page(&people[0], &e, &t1)
            .await
            .unwrap()
            .items
            .iter()
            .find(|i| i.kind == "note")
            .unwrap()
            .id
            .clone();
        let comment = app
            .app
            .team_page(&c.facilitator, &e, &t1)
            .await
            .unwrap()
            .items
            .iter()
            .find(|i| i.kind == "comment")
            .unwrap()
            .id
            .clone();
        let rec = app.app.value_page(&people[1], &e).await.unwrap().records[0].id.clone();
        let targets = [
            ("note", format!("/api/v1/co-coaching/{e}/teams/{t1}/items/{note}"), json!({"text": "changed"})),
            ("comment", format!("/api/v1/co-coaching/{e}/teams/{t1}/items/{comment}"), json!({"text": "changed"})),
            (
                "value",
                format!("/api/v1/co-coaching/{e}/value/{rec}"),
                json!({"outcome": "changed", "measure": "time", "amount": "1", "confidence": "low"}),
            ),
        ];
        let mut clients = vec![];
        for email in EMAILS {
            let client = client_for(&app, email).await;
            let csrf = client.api_csrf().await;
            clients.push((Some(client), csrf));
        }
        clients.push((None, String::new()));
        let anonymous = app.client();
        let mut failures = vec![];
        for (kind, path, body) in &targets {
            let mut edits = String::new();
            for (client, csrf) in &clients {
                let client = client.as_ref().unwrap_or(&anonymous);
                let (status, _) = client.json(Method::PUT, path, Some(body.clone()), &[("x-csrf-token", csrf)]).await;
                assert!(!status.is_server_error(), "{kind} {path}: {status}");
                edits.push(if status == StatusCode::NO_CONTENT { 'Y' } else { '.' });
            }
            // Deleting: everyone but the author is refused; then the author deletes it.
            let mut deletes = String::new();
            for (client, csrf) in clients.iter().rev() {
                let client = client.as_ref().unwrap_or(&anonymous);
                let (status, _) = client.json(Method::DELETE, path, None, &[("x-csrf-token", csrf)]).await;
                assert!(!status.is_server_error(), "{kind} {path}: {status}");
                deletes.insert(0, if status == StatusCode::NO_CONTENT { 'Y' } else { '.' });
            }
            let expected = WRITES.iter().find(|(k, _)| k == kind).unwrap().1;
            if edits != expected || deletes != expected {
                failures.push(format!("{kind}: expected {expected}, edits {edits}, deletes {deletes}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        app.stop().await;
    })
    .await;
}
