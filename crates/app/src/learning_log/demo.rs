//! The demo's part for practice 3, in our own words. Grace, a trainer, runs a learning-log
//! programme after her coaching master class. Daniel, a sales team leader, is in it: he has held
//! four sessions with people he leads (a fifth is planned), chosen his best and his hardest,
//! answered the questions about both, shared his pack, and Grace has booked his coach-the-coach
//! session and keeps her own note on it. Marcus joined too and has not started. Daniel drafted a
//! case study of his hardest session, waiting for Mina's agreement, and started the same
//! programme for his three managers, two of whom have joined.

use super::{AnswerInput, ProgrammeInput, SessionInput};
use crate::error::{AppError, AppResult};
use crate::journal::time::to_date;
use crate::{Actor, App};
use coachkit_domain::time::Millis;
use coachkit_store::now_ms;

const BEST: [&str; 16] = [
    "Rui and I spent forty minutes on his plan for the port authority account. I asked, he talked; I wrote down his options instead of mine.",
    "Pleased, and a little surprised at how much he already knew. I had expected to do more of the work.",
    "I meant to summarise his way forward back to him at the end and ran out of time.",
    "I could have asked who else in the team has won a tender like this one, so he had someone to lean on besides me.",
    "Well. He left with three steps and a date, and he chose all of them.",
    "Silence is useful. When I waited, he filled it with something better than my suggestion.",
    "Stop filling pauses, start closing with a summary in his words, continue asking what else before moving on.",
    "I will keep ten minutes at the end for the way forward, and put it in the invitation so we both hold to it.",
    "He booked the site visit the next day; the authority has asked us to quote for the second terminal.",
    "I trust my questions more than I did. I do not need to have the answer to be useful.",
    "I am more patient in a planned conversation than in a corridor one. The planning is what makes the difference.",
    "GROW in order, with the goal agreed first, and listening for what he meant, not only what he said.",
    "Open questions. I counted afterwards: most of mine started with what or how.",
    "Next session with Rui: check the three steps, and ask what got in the way of any of them.",
    "I want to practise summarising, because it is the step I keep dropping when time runs short.",
    "How to keep the summary when a session overruns, and whether I should send it in writing after.",
];

const HARDEST: [&str; 16] = [
    "Mina brought a client who keeps delaying a decision. I told her what worked with my own clients for most of the hour.",
    "Frustrated with myself. She was polite, but she took notes rather than thinking.",
    "I had a page of open questions ready and used two of them.",
    "I should have asked what she had already tried, and what the client might be afraid of.",
    "Badly, as coaching. As advice it was fine, which is not what the session was for.",
    "When I feel the clock, I switch to telling. Her client is not my client, and my examples did not fit.",
    "Stop giving my own examples first, start with what she has already tried, continue using the GROW steps to keep us on track.",
    "Prepare three questions about her client, not about mine, and keep my own stories for when she asks for them.",
    "Not yet. At the next session she brought her own plan for the client, which is the result I wanted the first time.",
    "I noticed the habit, which is the first step. I tell when I am anxious about results.",
    "My wish to help quickly gets in the way of her learning. I need to trust her to find it.",
    "I knew the theory of listening at depth; in the moment I listened only for my chance to speak.",
    "Listening: waiting longer, and saying back what I heard before asking the next question.",
    "Book a follow-up with Mina in two weeks and let her lead it.",
    "I want to learn how to notice the moment I start telling, and what to say instead.",
    "What to do in the moment I catch myself giving advice, and how to hand the conversation back without losing face.",
];

const SKILLS: [(usize, &str); 6] =
    [(5, "listening"), (6, "grow"), (11, "grow"), (12, "open_questions"), (10, "trust"), (7, "preparation")];

fn day(offset_days: i64) -> String {
    to_date(now_ms() + offset_days * Millis::DAY)
}

fn session(day_offset: i64, relationship: &str, name: &str, topic: &str, plan_goal: &str) -> SessionInput {
    SessionInput {
        held_on: day(day_offset),
        relationship_id: relationship.into(),
        coachee_name: name.into(),
        topic: topic.into(),
        goal: plan_goal.into(),
        ..Default::default()
    }
}

fn notes(goal: &str, reality: &str, options: &str, way: &str) -> SessionInput {
    SessionInput {
        goal: goal.into(),
        reality: reality.into(),
        options: options.into(),
        way_forward: way.into(),
        ..Default::default()
    }
}

/// The invitation link's secret as it sits in the outbox for `email`.
async fn join_secret(app: &App, email: &str) -> AppResult<String> {
    let mails = app.store.mail_to(email).await?;
    mails
        .iter()
        .rev()
        .find_map(|m| {
            let at = m.body.find(super::JOIN_PATH)? + super::JOIN_PATH.len();
            m.body.get(at..at + 64).map(str::to_owned)
        })
        .ok_or(AppError::NotFound("demo invitation link"))
}

/// The relationship in which Daniel coaches this manager (empty if there is none: the session is
/// then with a name only).
async fn coaching(app: &App, daniel: &Actor, manager: Option<&Actor>) -> AppResult<String> {
    let Some(manager) = manager else { return Ok(String::new()) };
    Ok(app
        .relationships(daniel)
        .await?
        .into_iter()
        .find(|r| {
            r.leader_id.as_str() == manager.user.id
                && r.coach_id.as_ref().map(|c| c.as_str()) == Some(daniel.user.id.as_str())
        })
        .map(|r| r.id.to_string())
        .unwrap_or_default())
}

pub async fn story(app: &App, grace: &Actor, daniel: &Actor, marcus: &Actor, managers: &[Actor]) -> AppResult<()> {
    let input = ProgrammeInput {
        name: "Coaching master class: looking back".into(),
        training: "the two-day coaching master class".into(),
        starts_on: day(-30),
        weeks: "6".into(),
        session_cap: "5".into(),
        toolkit: ["grow", "preparation", "listening", "questions"].map(String::from).to_vec(),
        ..Default::default()
    };
    let programme = app.create_ll_programme(grace, &input).await?;
    app.invite_to_ll_programme(grace, &programme, &format!("{}\n{}", daniel.user.email, marcus.user.email), "").await?;
    for who in [daniel, marcus] {
        let secret = join_secret(app, &who.user.email).await?;
        app.join_ll_programme(who, &secret).await?;
    }
    // Marcus joined three weeks ago and has not been back: the cohort view and the programme
    // health view show him as quiet, with no session logged yet.
    app.store.demo_date_ll_participant(&programme, &marcus.user.id, now_ms() - 23 * Millis::DAY).await?;

    let rui = coaching(app, daniel, managers.first()).await?;
    let mina = coaching(app, daniel, managers.get(1)).await?;
    let samuel = coaching(app, daniel, managers.get(2)).await?;
    let plans = [
        (-26, rui.as_str(), "Rui", "Winning the port authority tender", "A plan for the tender he owns"),
        (-21, mina.as_str(), "Mina", "A client who will not decide", "Help her find her own next step"),
        (-14, samuel.as_str(), "Samuel", "First quarter as an account manager", "What he wants from the quarter"),
        (-8, "", "Lena Park", "Handing over the retail accounts", "A clean handover she feels good about"),
        (5, rui.as_str(), "Rui", "Following up the tender plan", "Check the three steps"),
    ];
    let mut ids = vec![];
    for (offset, rel, name, topic, goal) in plans {
        ids.push(app.plan_ll_session(daniel, &programme, &session(offset, rel, name, topic, goal)).await?);
    }
    let held = [
        notes(
            "A bid he believes in",
            "Two competitors, one site visit missed",
            "Visit, partner, price",
            "Site visit, call the partner, draft by Friday",
        ),
        notes("Her client decides", "Three postponed meetings", "Mostly mine, sadly", "Try my approach next week"),
        notes(
            "Clear targets for the quarter",
            "New to half his accounts",
            "Meet all, meet the top five, ask for handover notes",
            "Top five first, notes from the team",
        ),
        notes(
            "A handover without loose ends",
            "Four accounts, one unhappy",
            "A joint visit for the unhappy one",
            "Joint visit, then a written handover",
        ),
    ];
    for (id, n) in ids.iter().zip(held.iter()) {
        app.record_ll_session(daniel, &programme, id, n).await?;
    }
    app.choose_ll_cases(daniel, &programme, &ids[0], &ids[1]).await?;
    let mut answers = vec![];
    for (case, texts) in [("best", BEST), ("hardest", HARDEST)] {
        for (i, text) in texts.iter().enumerate() {
            let skill = SKILLS.iter().find(|(q, _)| *q == i).map(|(_, s)| (*s).to_owned()).unwrap_or_default();
            answers.push(AnswerInput { case: case.into(), position: i as i64, answer: (*text).into(), skill });
        }
    }
    app.save_ll_answers(daniel, &programme, &answers).await?;
    app.ll_answer_to_actions(daniel, &programme, "hardest", 6).await?;
    app.share_ll_log(daniel, &programme, true).await?;
    let when = format!("{}T10:00", day(16));
    app.book_ll_coach_session(grace, &programme, &daniel.user.id, &when, "Video call").await?;
    app.save_ll_coach_note(
        grace,
        &programme,
        &daniel.user.id,
        "He sees the telling habit himself. Start from the moment he catches it; ask what it costs him, not what it costs Mina.",
    )
    .await?;
    let study = app.draft_ll_case_study(daniel, &programme, "hardest", "an account manager").await?;
    app.consent_ll_case_study(daniel, &study).await?;

    // Daniel's own programme for the managers he leads.
    let buddy = app.copy_ll_programme(daniel, &programme, "Sales managers' buddy coaching", &day(-3)).await?;
    let url = app.ll_invitation_link(daniel, &buddy).await?;
    let secret = url.rsplit('/').next().unwrap_or_default().to_owned();
    for m in managers.iter().take(2) {
        app.join_ll_programme(m, &secret).await?;
    }
    if let Some(rui_actor) = managers.first() {
        app.plan_ll_session(
            rui_actor,
            &buddy,
            &session(2, "", "Priyam Shah", "Preparing for a first client review", "Agree what good looks like"),
        )
        .await?;
    }
    Ok(())
}
