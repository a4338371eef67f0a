//! Practice 5, just-in-time mentoring, over HTTP on both backends: the privacy matrix with the
//! seal (every response searched for advice before it opens), refused inputs, and the roster's
//! changes (reminders, more time, declining, replacing, going on without someone).

mod flows;
mod inputs;
mod matrix;

use crate::relationships::account;
use coachkit_app::Actor;
use coachkit_app::mentoring::{AdviceInput, CreateOutcome, ItemInput, RequestInput};
use coachkit_domain::mentoring::RawExpert;
use coachkit_domain::relationship::Transition;
use coachkit_testkit::{Client, TestApp};
use reqwest::StatusCode;

/// A leader in an organisation (with another admin), their coach, a stranger, an instance admin.
pub struct Cast {
    pub leader: Actor,
    pub with_coach: String,
}

pub async fn cast(app: &TestApp) -> Cast {
    let leader = account(app, "Lena Leader", "leader@example.org").await;
    let coach = account(app, "Cora Coach", "coach@example.org").await;
    account(app, "Stan Stranger", "stranger@example.org").await;
    let org_admin = account(app, "Olga Orgadmin", "orgadmin@example.org").await;
    let admin = account(app, "Ada Admin", "admin@example.org").await;
    app.app.store.set_user_admin(&admin.id(), true).await.unwrap();
    let org = app.app.create_org(&org_admin, "Leader Org").await.unwrap();
    let org_id = coachkit_domain::OrgId::from_trusted(org.id);
    app.app.set_member(&org_admin, &org_id, "leader@example.org", "member").await.unwrap();
    let invite = app.app.invite(&leader, "coaching", "coach@example.org", "").await.unwrap();
    app.app.change_relationship(&coach, &invite.relationship.id, Transition::Accept).await.unwrap();
    Cast { with_coach: invite.relationship.id.to_string(), leader }
}

pub fn expert(name: &str, email: &str, placement: &str) -> RawExpert {
    RawExpert::vouched(name, email, placement)
}

/// Three experts: one inside (the leader's domain), two outside.
pub fn three() -> Vec<RawExpert> {
    vec![
        expert("Ines Inside", "ines@example.org", "inside"),
        expert("Otto Outside", "otto@elsewhere.example", "outside"),
        expert("Una Outside", "una@faraway.example", "outside"),
    ]
}

/// Creates and sends a request; returns its id.
pub async fn sent_request(app: &TestApp, leader: &Actor, capability: &str, experts: Vec<RawExpert>) -> String {
    let input = RequestInput {
        capability: capability.into(),
        context: "The team has doubled and I still decide everything myself.".into(),
        experts,
        confirm_count: true,
        ..Default::default()
    };
    let id = match app.app.create_advice_request(leader, &input).await.unwrap() {
        CreateOutcome::Created(id) => id,
        other => panic!("{other:?}"),
    };
    app.app.send_advice_request(leader, &id, &[]).await.unwrap();
    id
}

/// The newest expert link mailed to `email`.
pub async fn secret_for(app: &TestApp, email: &str) -> String {
    let mails = app.app.store.mail_to(email).await.unwrap();
    mails
        .iter()
        .find_map(|m| {
            let at = m.body.find("/expert/")? + "/expert/".len();
            m.body.get(at..at + 64).map(str::to_owned)
        })
        .unwrap_or_else(|| panic!("no expert link mailed to {email}"))
}

/// Three pieces of advice, each carrying `marker`.
pub fn advice(marker: &str, share: bool) -> AdviceInput {
    AdviceInput {
        items: [
            "Ask your people for their plan before you offer yours",
            "Hand over the outcome and keep out of the method",
            "Hold a short weekly review of results, not of tasks",
        ]
        .iter()
        .map(|t| ItemInput { text: format!("{t} {marker}"), example: String::new() })
        .collect(),
        share_with_coaches: share,
    }
}

/// A signed-in page client.
pub async fn client_for(app: &TestApp, email: &str) -> Client {
    let c = app.client();
    let r = c.sign_in(email, crate::PW).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "sign-in of {email}");
    c
}
