//! Occurrences of the later practices' nudge kinds for the nudges tests: a learning log whose
//! window closes in a week, a co-coaching card missing five days before session one, a team
//! quiet a week after session one, and a reply on a shared reflection. Each makes fresh people,
//! so one test can make several occurrences side by side.

use crate::relationships::account;
use coachkit_app::Actor;
use coachkit_app::co_coaching::{CardInput, EngagementInput, InviteInput};
use coachkit_app::journal::{ReflectionInput, ReplyInput};
use coachkit_app::learning_log::ProgrammeInput;
use coachkit_domain::relationship::Transition;
use coachkit_domain::time::Millis;
use coachkit_testkit::TestApp;

const DAY: i64 = Millis::DAY;

/// A programme of one week starting today, run by a fresh facilitator; `participant` joins it.
/// Returns the facilitator.
pub async fn closing_programme(app: &TestApp, n: &str, participant: &Actor) -> Actor {
    let fac = account(app, &format!("Facilitator {n}"), &format!("ll-fac-{n}@example.org")).await;
    let input = ProgrammeInput { name: format!("Spring cohort {n}"), weeks: "1".into(), ..Default::default() };
    let id = app.app.create_ll_programme(&fac, &input).await.unwrap();
    let url = app.app.ll_invitation_link(&fac, &id).await.unwrap();
    let secret = url.rsplit('/').next().unwrap().to_owned();
    app.app.join_ll_programme(participant, &secret).await.unwrap();
    fac
}

/// An engagement between two new organisations, session one in ten days, run by a fresh
/// facilitator. Returns the facilitator and the engagement's id.
pub async fn engagement(app: &TestApp, n: &str) -> (Actor, String) {
    let fac = account(app, &format!("Fay {n}"), &format!("cc-fac-{n}@example.org")).await;
    let input = EngagementInput {
        org_a_new: format!("Alpha {n}"),
        org_b_new: format!("Beta {n}"),
        common_area: format!("Keeping new starters {n}"),
        ground_rules: "Be kind.".into(),
        sessions: crate::co_coaching::dates(35),
        ..Default::default()
    };
    let (id, _) = app.app.create_engagement(&fac, &input).await.unwrap();
    (fac, id)
}

/// Invites `who` to one side of `engagement` and has them join.
pub async fn join(app: &TestApp, fac: &Actor, engagement: &str, side: &str, who: &Actor) {
    let input = InviteInput { side: side.into(), name: who.user.display_name.clone(), email: who.user.email.clone() };
    let url = app.app.invite_participant(fac, engagement, &input).await.unwrap();
    let secret = url.rsplit('/').next().unwrap().to_owned();
    app.app.join_engagement(who, &secret, true).await.unwrap();
}

pub fn card(what: &str) -> CardInput {
    CardInput {
        position: 1,
        what: what.into(),
        why: "It costs us people every month.".into(),
        success: "Half as many leave.".into(),
        submit: true,
    }
}

/// A team of `who` (side a) and a fresh partner (side b) in a new engagement whose session one
/// (ten days ahead) has been ended by the sweep; returns the facilitator.
pub async fn quiet_team(app: &TestApp, n: &str, who: &Actor) -> Actor {
    let (fac, e) = engagement(app, n).await;
    let partner = account(app, &format!("Partner {n}"), &format!("partner-{n}@example.org")).await;
    join(app, &fac, &e, "a", who).await;
    join(app, &fac, &e, "b", &partner).await;
    app.app.save_card(who, &e, &card("New drivers leave early")).await.unwrap();
    app.app.save_card(&partner, &e, &card("New officers leave early")).await.unwrap();
    app.app.open_cards(&fac, &e).await.unwrap();
    let page = app.app.teaming_page(&fac, &e).await.unwrap();
    let cards: Vec<String> = page.free.iter().map(|l| l.card.id.clone()).collect();
    app.app.confirm_team(&fac, &e, &cards, "").await.unwrap();
    let one = app.app.store.engagement(&e).await.unwrap().unwrap().session_one_at;
    app.app.sweep_co_coaching_at(one + 2 * DAY).await.unwrap();
    assert_eq!(app.app.store.engagement(&e).await.unwrap().unwrap().stage, "teamed");
    fac
}

/// A mentor of `leader` replies on a reflection `leader` shared with them; returns the mentor.
pub async fn reply_to(app: &TestApp, n: &str, leader: &Actor) -> Actor {
    let mentor = account(app, &format!("Replier {n}"), &format!("replier-{n}@example.org")).await;
    let invite = app.app.invite(leader, "mentoring", &mentor.user.email, "").await.unwrap();
    app.app.change_relationship(&mentor, &invite.relationship.id, Transition::Accept).await.unwrap();
    let input = ReflectionInput {
        title: format!("Saying no {n}"),
        body: "I said yes again when I meant no.".into(),
        audience: format!("relationship:{}", invite.relationship.id),
        ..Default::default()
    };
    let r = app.app.write_reflection(leader, &input).await.unwrap();
    let reply = ReplyInput { body: "zqsecretreply what did the yes cost you?".into(), audience: String::new() };
    app.app.reply_to_reflection(&mentor, &r, &reply).await.unwrap();
    mentor
}
