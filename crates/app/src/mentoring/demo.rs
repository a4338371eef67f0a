//! The demo's part for practice 5, in our own words: Aisha, who runs a small design studio, asks
//! three people for advice on running client workshops that end in a decision (two have
//! answered, one is still writing, so the seal shows), and an earlier request about handing over
//! work she is attached to, finished: the thread, a SMART goal, a plan, and her thanks. Her coach
//! Helen sees the finished one because Aisha shared it, with the advice of the two experts who
//! agreed to that.

use super::{AdviceInput, ItemInput, RequestInput, StepInput};
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::mentoring::RawExpert;

fn expert(name: &str, email: &str, placement: &str) -> RawExpert {
    RawExpert::vouched(name, email, placement)
}

fn advice(items: [(&str, &str); 3], share: bool) -> AdviceInput {
    AdviceInput {
        items: items.iter().map(|(t, e)| ItemInput { text: (*t).into(), example: (*e).into() }).collect(),
        share_with_coaches: share,
    }
}

/// The link secret the outbox holds for `email` (the demo plays the experts' part).
async fn secret_for(app: &App, email: &str) -> AppResult<String> {
    let mails = app.store.mail_to(email).await?;
    mails
        .iter()
        .find_map(|m| {
            let at = m.body.find(super::EXPERT_PATH)? + super::EXPERT_PATH.len();
            m.body.get(at..at + 64).map(str::to_owned)
        })
        .ok_or(AppError::NotFound("demo expert link"))
}

async fn created(app: &App, aisha: &Actor, input: &RequestInput) -> AppResult<String> {
    match app.create_advice_request(aisha, input).await? {
        super::CreateOutcome::Created(id) => Ok(id),
        super::CreateOutcome::NeedsConfirmation(q) => Err(AppError::Conflict(q)),
    }
}

/// The demo experts of the request still collecting answers, with their page's address: the
/// demo has no mail server, so this is how someone plays an expert in the browser. Read from
/// the outbox, where the invitations wait.
pub async fn expert_links(app: &App) -> AppResult<Vec<(&'static str, &'static str, String)>> {
    let mut out = vec![];
    for (name, state, email) in [
        ("Ilse Varga", "still writing: finish and send to open the seal", "ilse@commonground.example"),
        ("Kwame Asante", "answered (sealed, read-only)", "kwame@brightforum.example"),
        ("Oskar Brandt", "answered the finished request (shows Aisha's thanks)", "oskar@northlight.example"),
    ] {
        if let Ok(secret) = secret_for(app, email).await {
            out.push((name, state, format!("{}{}{secret}", app.config.base_url, super::EXPERT_PATH)));
        }
    }
    Ok(out)
}

pub(crate) async fn story(app: &App, aisha: &Actor, relationship_with_coach: &str) -> AppResult<()> {
    // The earlier request, finished.
    let done = created(
        app,
        aisha,
        &RequestInput {
            capability: "Handing over work I am attached to".into(),
            context: "The studio has grown from four people to eleven and I still redraw the first concepts for \
                every client myself. My designers wait for me, and I am the bottleneck in every project. By \
                next summer I want the studio to run a pitch from brief to presentation without me."
                .into(),
            horizon_months: "9".into(),
            experts: vec![
                expert("Lena Marsh", "lena@demo.example.org", "inside"),
                expert("Oskar Brandt", "oskar@northlight.example", "outside"),
                expert("Funmi Adeyemi", "funmi@tidewater.example", "outside"),
            ],
            audience: format!("relationship:{relationship_with_coach}"),
            ..Default::default()
        },
    )
    .await?;
    app.send_advice_request(aisha, &done, &[]).await?;
    let answers = [
        (
            "lena@demo.example.org",
            advice(
                [
                    (
                        "Agree what good looks like before the work starts, then stay out of how it gets there.",
                        "When you briefed me on the museum signage you gave me the outcome and left the route to me. That was the best work I did last year.",
                    ),
                    ("Tell the client yourself that someone else leads their project now.", ""),
                    (
                        "Keep one project a quarter that is only yours, so you are not tempted to take the others back.",
                        "",
                    ),
                ],
                true,
            ),
        ),
        (
            "oskar@northlight.example",
            advice(
                [
                    (
                        "Write down the result you want and the date, hand it over whole, and only check the result.",
                        "I give my leads a one-page brief with the outcome and the deadline and I do not see drafts.",
                    ),
                    ("Let them present their own work to the client, even when you would have said it better.", ""),
                    (
                        "Put your review points in the calendar at the start, so you are not tempted to look in between.",
                        "",
                    ),
                ],
                true,
            ),
        ),
        (
            "funmi@tidewater.example",
            advice(
                [
                    ("Learn to tell a mistake that matters from a choice you would simply have made differently.", ""),
                    (
                        "Hand over the outcome, not the tasks: say what finished looks like and let them plan the steps.",
                        "My best hand-over was a rebrand where I only said what the launch had to achieve.",
                    ),
                    ("Ask your team what you do that slows them down, and believe the answer.", ""),
                ],
                false,
            ),
        ),
    ];
    for (email, a) in &answers {
        let secret = secret_for(app, email).await?;
        app.save_expert_advice(&secret, a, true).await?;
    }
    app.save_advice_goal(
        aisha,
        &done,
        "By 30 June, hand over two client projects a quarter with a one-page brief of the outcome and the deadline, and see only the result at the agreed review points.",
    )
    .await?;
    for (text, due) in [
        ("Write the one-page brief for the Harbour Arts pitch and give it to Lena", "2027-01-15"),
        ("Put the three review points for that pitch in the calendar, and nothing in between", "2027-01-15"),
        ("Tell the Harbour Arts client that Lena leads their project", "2027-01-22"),
    ] {
        app.add_advice_step(aisha, &done, &StepInput { text: text.into(), due: due.into() }).await?;
    }
    app.finish_advice_request(aisha, &done).await?;
    app.thank_advice_experts(
        aisha,
        &done,
        "Thank you for your advice on handing over work. All three of you said, in your own ways, to hand over the \
         outcome and leave the route to the person doing it. Lena led the Harbour Arts pitch from brief to \
         presentation; I saw it only at the three review points we had agreed, and we won it.",
    )
    .await?;

    // The current request: two answers in, one still being written, so the seal shows.
    let open = created(
        app,
        aisha,
        &RequestInput {
            capability: "Running a client workshop that ends in a decision".into(),
            context: "Our discovery workshops are lively, but too often they end with a wall of sticky notes and \
                no decision, and the next two weeks go on chasing one. This year I want every workshop to end \
                with a choice the client owns."
                .into(),
            horizon_months: "6".into(),
            experts: vec![
                expert("Lena Marsh", "lena@demo.example.org", "inside"),
                expert("Kwame Asante", "kwame@brightforum.example", "outside"),
                expert("Ilse Varga", "ilse@commonground.example", "outside"),
            ],
            ..Default::default()
        },
    )
    .await?;
    app.send_advice_request(aisha, &open, &[]).await?;
    let kwame = secret_for(app, "kwame@brightforum.example").await?;
    app.save_expert_advice(
        &kwame,
        &advice(
            [
                ("Open the workshop by writing up the decision it must end with, and come back to it every hour.", ""),
                ("Name the person in the room who makes the call, before you start.", ""),
                ("Leave the last forty minutes for choosing, and protect them from good ideas.", ""),
            ],
            false,
        ),
        true,
    )
    .await?;
    let lena = secret_for(app, "lena@demo.example.org").await?;
    app.save_expert_advice(
        &lena,
        &advice(
            [
                ("Send the client three options the day before, so the room starts from a shortlist.", ""),
                ("Agree with the client sponsor beforehand what a good outcome is.", ""),
                ("End by reading the decision back and asking who will tell their team.", ""),
            ],
            false,
        ),
        true,
    )
    .await?;
    let ilse = secret_for(app, "ilse@commonground.example").await?;
    app.save_expert_advice(
        &ilse,
        &advice([("Make the decision question visible all day.", ""), ("", ""), ("", "")], false),
        false,
    )
    .await?;
    Ok(())
}
