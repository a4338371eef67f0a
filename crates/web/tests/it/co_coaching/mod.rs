//! Practice 4, co-coaching, over HTTP on both backends: the privacy matrix of every new kind
//! (cards, team space, value) against every role, refused inputs, and the flows (joining by
//! link without an account, reminders, moving dates, session two cancelled, the demo).

mod changes;
mod flows;
mod inputs;
mod matrix;

use crate::relationships::account;
use coachkit_app::Actor;
use coachkit_app::co_coaching::{CardInput, EngagementInput, InviteInput, SessionDates};
use coachkit_app::journal::time::to_datetime_local;
use coachkit_domain::time::Millis;
use coachkit_store::now_ms;
use coachkit_testkit::{Client, TestApp};
use reqwest::StatusCode;

/// The facilitator, another facilitator (of their own engagement), the admins of the two
/// organisations, an instance admin; and the engagement, with no participant yet.
pub struct Cast {
    pub facilitator: Actor,
    pub other_facilitator: Actor,
    pub engagement: String,
    pub other_engagement: String,
}

/// Dates that pass the rules: session one in 10 days, session two 5 weeks later.
pub fn dates(gap_days: i64) -> SessionDates {
    let one = now_ms() + 10 * Millis::DAY;
    SessionDates {
        session_one_at: to_datetime_local(one),
        session_one_place: "Room 2".into(),
        session_two_at: to_datetime_local(one + gap_days * Millis::DAY),
        session_two_place: "https://call.example/x".into(),
    }
}

pub async fn cast(app: &TestApp) -> Cast {
    let facilitator = account(app, "Fay Facilitator", "fay@example.org").await;
    let other_facilitator = account(app, "Gus Facilitator", "gus@example.org").await;
    let admin_a = account(app, "Ann Admin", "ann@a.example").await;
    let admin_b = account(app, "Bob Admin", "bob@b.example").await;
    let admin = account(app, "Ada Instance", "ada@example.org").await;
    app.app.store.set_user_admin(&admin.id(), true).await.unwrap();
    let org_a = app.app.create_org(&admin_a, "Alpha Housing").await.unwrap();
    let org_b = app.app.create_org(&admin_b, "Beta Freight").await.unwrap();
    for (admin, org) in [(&admin_a, &org_a), (&admin_b, &org_b)] {
        let id = coachkit_domain::OrgId::from_trusted(org.id.clone());
        app.app.set_member(admin, &id, "fay@example.org", "facilitator").await.unwrap();
    }
    let input = EngagementInput {
        org_a: org_a.id.clone(),
        org_b: org_b.id.clone(),
        common_area: "Keeping new starters".into(),
        brief: "# So far\nBoth lose **new staff** early zqbrief.".into(),
        ground_rules: "Open minds; what is said stays here.".into(),
        sessions: dates(35),
        ..Default::default()
    };
    let (engagement, _) = app.app.create_engagement(&facilitator, &input).await.unwrap();
    let other = EngagementInput {
        org_a_new: "Gamma Trust".into(),
        org_b_new: "Delta Mills".into(),
        common_area: "Another engagement zqotherengagement".into(),
        ground_rules: "Be kind.".into(),
        sessions: dates(30),
        ..Default::default()
    };
    let (other_engagement, _) = app.app.create_engagement(&other_facilitator, &other).await.unwrap();
    Cast { facilitator, other_facilitator, engagement, other_engagement }
}

/// The invitation link's secret mailed to `email`.
pub async fn secret_for(app: &TestApp, email: &str) -> String {
    let mails = app.app.store.mail_to(email).await.unwrap();
    mails
        .iter()
        .find_map(|m| {
            let at = m.body.find("/co-coaching/join/")? + "/co-coaching/join/".len();
            m.body.get(at..at + 64).map(str::to_owned)
        })
        .unwrap_or_else(|| panic!("no invitation mailed to {email}"))
}

/// Invites a person with an account to one side and has them join.
pub async fn participant(app: &TestApp, c: &Cast, side: &str, name: &str, email: &str) -> Actor {
    let who = account(app, name, email).await;
    let input = InviteInput { side: side.into(), name: name.into(), email: email.into() };
    app.app.invite_participant(&c.facilitator, &c.engagement, &input).await.unwrap();
    app.app.join_engagement(&who, &secret_for(app, email).await, true).await.unwrap();
    who
}

pub fn card(what: &str, submit: bool) -> CardInput {
    CardInput {
        position: 1,
        what: what.into(),
        why: "It costs us people and money every month.".into(),
        success: "Half as many leave in their first year.".into(),
        submit,
    }
}

/// The id of `author`'s card (by display name) among the cards the facilitator may team.
pub async fn card_id(app: &TestApp, c: &Cast, author: &str) -> String {
    let page = app.app.teaming_page(&c.facilitator, &c.engagement).await.unwrap();
    page.free
        .iter()
        .chain(page.confirmed.iter().flat_map(|t| t.cards.iter()))
        .find(|l| l.card.author == author)
        .map(|l| l.card.id.clone())
        .unwrap_or_else(|| panic!("no card by {author}"))
}

/// A signed-in page client.
pub async fn client_for(app: &TestApp, email: &str) -> Client {
    let c = app.client();
    let r = c.sign_in(email, crate::PW).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "sign-in of {email}");
    c
}
