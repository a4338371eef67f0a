//! Practice 1 over HTTP: sessions, reflections, themes, killer questions, actions, questions, the
//! public page, preparation, search, export and import, and its privacy matrix.

mod api;
mod export;
mod flows;
mod matrix;
mod public_page;
mod replies;
mod search;
mod zones;

use crate::relationships::account;
use coachkit_app::Actor;
use coachkit_app::journal::{ReflectionInput, SessionInput};
use coachkit_domain::relationship::Transition;
use coachkit_testkit::TestApp;

/// A leader with two mentors (two relationships), plus a stranger, an instance admin, and a
/// facilitator of an organisation the leader belongs to.
pub struct Cast {
    pub leader: Actor,
    pub mentor: Actor,
    pub other_mentor: Actor,
    pub with_mentor: String,
    pub with_other: String,
}

pub async fn cast(app: &TestApp) -> Cast {
    let leader = account(app, "Lena Leader", "leader@example.org").await;
    let mentor = account(app, "Mo Mentor", "mentor@example.org").await;
    let other_mentor = account(app, "Otto Other", "other@example.org").await;
    // A stranger, a facilitator and an admin exist only to be looked at through their own eyes.
    account(app, "Stan Stranger", "stranger@example.org").await;
    let facilitator = account(app, "Fran Facilitator", "facilitator@example.org").await;
    let mut admin = account(app, "Ada Admin", "admin@example.org").await;
    app.app.store.set_user_admin(&admin.id(), true).await.unwrap();
    admin.user.is_admin = 1;
    let org = app.app.create_org(&facilitator, "Programme Org").await.unwrap();
    let org_id = coachkit_domain::OrgId::from_trusted(org.id);
    app.app.set_member(&facilitator, &org_id, "leader@example.org", "member").await.unwrap();
    let mut ids = vec![];
    for m in [&mentor, &other_mentor] {
        let invite = app.app.invite(&leader, "mentoring", &m.user.email, "").await.unwrap();
        app.app.change_relationship(m, &invite.relationship.id, Transition::Accept).await.unwrap();
        ids.push(invite.relationship.id.to_string());
    }
    Cast { with_mentor: ids[0].clone(), with_other: ids[1].clone(), leader, mentor, other_mentor }
}

pub async fn session(app: &TestApp, leader: &Actor, relationship: &str, agenda: &str) -> String {
    let rid = coachkit_domain::RelationshipId::from_trusted(relationship.to_owned());
    app.app
        .plan_session(
            leader,
            &rid,
            &SessionInput {
                starts_at: "2026-11-01T10:00".into(),
                status: "held".into(),
                agenda: agenda.into(),
                ..Default::default()
            },
        )
        .await
        .unwrap()
}

pub async fn reflection(
    app: &TestApp,
    leader: &Actor,
    session: Option<&str>,
    body: &str,
    audience: &str,
    themes: &str,
) -> String {
    app.app
        .write_reflection(
            leader,
            &ReflectionInput {
                title: String::new(),
                body: body.into(),
                audience: audience.into(),
                themes: themes.into(),
                session_id: session.map(str::to_owned),
            },
        )
        .await
        .unwrap()
}

/// A signed-in page client for an account made with `account`.
pub async fn client_for(app: &TestApp, email: &str) -> coachkit_testkit::Client {
    let c = app.client();
    let r = c.sign_in(email, crate::PW).await;
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER, "sign-in of {email}");
    c
}
