//! The demo's part for practice 4, in our own words. Ruth facilitates two engagements between
//! Harbourside Housing Trust and Northgate Logistics, four people from each.
//!
//! The first has run its course: on keeping good people in front-line jobs, eight cards, two
//! teams confirmed at session one (a card about the budget round left out), a co-venture project
//! (a shared first-year scheme for new starters) and a concluded team at session two, and value
//! recorded by both organisations, the trust having shared its figures. The second, on making
//! better use of vans and buildings, is before session one: six people have submitted cards and
//! Joanna and Idris have not, so a participant (Joanna or Idris) can write theirs and the
//! facilitator (Ruth) can open the cards, team them up and end session one in the browser.

use super::{CardInput, EngagementInput, InviteInput, OutcomeInput, SessionDates, TeamItemInput, ValueInput};
use crate::demo::{actor, person};
use crate::error::{AppError, AppResult};
use crate::journal::time::to_datetime_local;
use crate::{Actor, App};
use coachkit_domain::time::Millis;
use coachkit_store::co_coaching::SessionChange;
use coachkit_store::now_ms;

/// The other participants, who join through their links (password as every demo account).
const HOUSING: [(&str, &str); 3] = [
    ("tom.ashby@harbourside.example", "Tom Ashby"),
    ("leah.morgan@harbourside.example", "Leah Morgan"),
    ("ravi.shah@harbourside.example", "Ravi Shah"),
];
const LOGISTICS: [(&str, &str); 3] = [
    ("grace.obi@northgate.example", "Grace Obi"),
    ("callum.reid@northgate.example", "Callum Reid"),
    ("nadia.petrova@northgate.example", "Nadia Petrova"),
];

/// (email, what, why it matters, what success looks like) of the first engagement's cards.
const FIRST_CARDS: [(&str, &str, &str, &str); 8] = [
    (
        "joanna@demo.example.org",
        "Too many new housing officers leave within their first year",
        "Each one who leaves costs us months of training, and tenants lose the person they had just learned to trust.",
        "Nine in ten new officers still with us after twelve months.",
    ),
    (
        "idris@demo.example.org",
        "New drivers leave in their first months with us",
        "We spend weeks training each new driver and then lose them to the firm down the road for a little more an hour.",
        "Half as many new drivers leaving in their first year, and exit conversations that say why.",
    ),
    (
        "tom.ashby@harbourside.example",
        "Repair operatives leave for contractors after their first year of training",
        "We train them well and then lose the skills we paid for; the repair backlog grows every time.",
        "Our operatives stay past their second year and say they see a future with us.",
    ),
    (
        "grace.obi@northgate.example",
        "Night-shift staff at the depot keep leaving in their first year",
        "The night shift runs on agency cover now, which costs more and keeps mistakes high.",
        "A settled night shift with people who have been with us over a year.",
    ),
    (
        "leah.morgan@harbourside.example",
        "Tenants complain when a visit is missed and nobody tells them",
        "Most angry calls we take are about a visit that never happened, and they wear my team down.",
        "Every tenant hears about a change to their visit before the day, and complaints about missed visits halve.",
    ),
    (
        "nadia.petrova@northgate.example",
        "Customers complain about missed deliveries they were not told about",
        "A missed delivery with no message turns a small delay into a lost customer and a long call.",
        "Customers are told about every delay before the slot, and complaint calls about missed deliveries halve.",
    ),
    (
        "callum.reid@northgate.example",
        "Planning routes so that visits and deliveries arrive in the promised slot",
        "Our drivers miss slots because the plan is built on what roads looked like last year.",
        "Nine in ten deliveries inside the promised slot, and customers told early when we will miss one.",
    ),
    (
        "ravi.shah@harbourside.example",
        "Closing the budget round on time with fewer spreadsheets",
        "Every spring the budget takes six weeks of my team's evenings and still arrives late.",
        "A budget agreed by the board in three weeks, from one shared model.",
    ),
];

/// The second engagement's cards: everyone but Joanna and Idris has submitted.
const SECOND_CARDS: [(&str, &str, &str, &str); 6] = [
    (
        "tom.ashby@harbourside.example",
        "Our repair vans stand idle half the day",
        "Each van costs us a lot to keep, and most of them are parked by two in the afternoon.",
        "Vans in use most of the working day, or fewer vans.",
    ),
    (
        "grace.obi@northgate.example",
        "Depot space sits empty between the morning and evening waves",
        "We pay for the whole depot all day and use a third of it at midday.",
        "Someone else using our quiet hours, and the depot paying its way.",
    ),
    (
        "leah.morgan@harbourside.example",
        "Our estate offices are empty most evenings",
        "The buildings are warm and staffed until six and dark after; tenants ask for places to meet.",
        "Offices used three evenings a week by tenants or partners.",
    ),
    (
        "callum.reid@northgate.example",
        "Half our vans drive back to the depot empty",
        "Empty return trips cost fuel and driver hours for nothing.",
        "A return load on most trips back from the coast.",
    ),
    (
        "ravi.shah@harbourside.example",
        "Buying fuel and van servicing one small contract at a time",
        "We pay more than a bigger buyer would, and every renewal takes weeks.",
        "One contract, shared with a partner, at a better price.",
    ),
    (
        "nadia.petrova@northgate.example",
        "Training rooms at the head office are booked a day a week",
        "We keep three rooms for training and use them one day in five.",
        "The rooms used most days, by us or by someone we trust.",
    ),
];

fn secret_of(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or("")
}

fn sessions(one: i64, two: i64, place_one: &str, place_two: &str) -> SessionDates {
    SessionDates {
        session_one_at: to_datetime_local(one),
        session_one_place: place_one.into(),
        session_two_at: to_datetime_local(two),
        session_two_place: place_two.into(),
    }
}

async fn card(app: &App, people: &[Actor], engagement: &str, c: &(&str, &str, &str, &str)) -> AppResult<()> {
    let who = people.iter().find(|p| p.user.email == c.0).ok_or(AppError::NotFound("demo participant"))?;
    let input = CardInput { position: 1, what: c.1.into(), why: c.2.into(), success: c.3.into(), submit: true };
    app.save_card(who, engagement, &input).await
}

/// Invites and joins the eight; returns them as actors.
async fn join_all(app: &App, ruth: &Actor, engagement: &str, joanna: &Actor, idris: &Actor) -> AppResult<Vec<Actor>> {
    let mut people = vec![];
    let everyone = [("a", joanna.user.email.as_str(), joanna.user.display_name.as_str())]
        .into_iter()
        .chain(HOUSING.iter().map(|(e, n)| ("a", *e, *n)))
        .chain([("b", idris.user.email.as_str(), idris.user.display_name.as_str())])
        .chain(LOGISTICS.iter().map(|(e, n)| ("b", *e, *n)))
        .map(|(s, e, n)| (s.to_owned(), e.to_owned(), n.to_owned()))
        .collect::<Vec<_>>();
    for (side, email, name) in everyone {
        let url = app
            .invite_participant(ruth, engagement, &InviteInput { side, name: name.clone(), email: email.clone() })
            .await?;
        let who = actor(&person(app, &email, &name, false).await?);
        app.join_engagement(&who, secret_of(&url), true).await?;
        people.push(who);
    }
    Ok(people)
}

pub(crate) async fn story(app: &App, ruth: &Actor, joanna: &Actor, idris: &Actor, orgs: (&str, &str)) -> AppResult<()> {
    let now = now_ms();
    let day = Millis::DAY;
    let first_input = EngagementInput {
        org_a: orgs.0.into(),
        org_b: orgs.1.into(),
        common_area: "Keeping good people in front-line jobs".into(),
        brief: "## How we got here\nAt our first meeting in the spring, both organisations found they lose **new \
                front-line staff** in their first year: housing officers and repair operatives at the trust, \
                drivers and night-shift staff at the depot.\n\n## What we said so far\n- The first three months \
                decide whether someone stays.\n- Neither of us asks leavers the same questions twice.\n- Both of \
                us plan visits or deliveries in ways that leave customers waiting without a word."
            .into(),
        ground_rules: "We come willing and with an open mind. What is said in the room stays in the room. \
                       Everyone speaks for themselves, not for their organisation. No selling."
            .into(),
        sessions: sessions(
            now + 3 * day,
            now + 38 * day,
            "Harbourside offices, Quay Street, room 2",
            "Northgate depot, meeting room",
        ),
        ..Default::default()
    };
    let (first, _) = app.create_engagement(ruth, &first_input).await?;
    let people = join_all(app, ruth, &first, joanna, idris).await?;
    for c in &FIRST_CARDS {
        card(app, &people, &first, c).await?;
    }
    app.open_cards(ruth, &first).await?;
    let page = app.teaming_page(ruth, &first).await?;
    let ids_of = |emails: &[&str]| -> Vec<String> {
        let all = page.free.iter();
        all.filter(|c| {
            emails.iter().any(|e| people.iter().any(|p| p.user.email == *e && p.user.display_name == c.card.author))
        })
        .map(|c| c.card.id.clone())
        .collect()
    };
    let first_team = ids_of(&[
        "joanna@demo.example.org",
        "idris@demo.example.org",
        "tom.ashby@harbourside.example",
        "grace.obi@northgate.example",
    ]);
    let second_team = ids_of(&[
        "leah.morgan@harbourside.example",
        "nadia.petrova@northgate.example",
        "callum.reid@northgate.example",
    ]);
    let reason = |s: &Option<&super::SuggestedTeam>| s.map(|s| s.reason.clone()).unwrap_or_default();
    let suggested = |ids: &[String]| page.suggested.iter().find(|s| ids.iter().any(|i| s.key.contains(i.as_str())));
    let first_team_id = app.confirm_team(ruth, &first, &first_team, &reason(&suggested(&first_team))).await?;
    let second_team_id = app.confirm_team(ruth, &first, &second_team, &reason(&suggested(&second_team))).await?;
    app.close_session_one(ruth, &first).await?;

    let by = |email: &str| {
        people.iter().find(|p| p.user.email == email).cloned().ok_or(AppError::NotFound("demo participant"))
    };
    let (tom, grace, leah, nadia) = (
        by("tom.ashby@harbourside.example")?,
        by("grace.obi@northgate.example")?,
        by("leah.morgan@harbourside.example")?,
        by("nadia.petrova@northgate.example")?,
    );
    let item = |kind: &str, text: &str| TeamItemInput { kind: kind.into(), text: text.into(), ..Default::default() };
    app.add_team_item(
        joanna,
        &first,
        &first_team_id,
        &item(
            "note",
            "We both lose people in weeks six to ten. Our buddy scheme stops at week four; Idris's has none.",
        ),
    )
    .await?;
    app.add_team_item(
        &grace,
        &first,
        &first_team_id,
        &item("checkin", "Moved this week: we asked our last five leavers the same three questions."),
    )
    .await?;
    app.add_team_item(
        idris,
        &first,
        &first_team_id,
        &TeamItemInput {
            kind: "action".into(),
            text: "Draft a twelve-week first-year plan both organisations could use".into(),
            owner: tom.user.id.clone(),
            due: crate::journal::time::to_date(now + 20 * day),
            ..Default::default()
        },
    )
    .await?;
    app.add_team_item(
        ruth,
        &first,
        &first_team_id,
        &item("comment", "Good progress. At session two, bring one thing each of you will stop doing."),
    )
    .await?;
    app.add_team_item(
        &leah,
        &first,
        &second_team_id,
        &item("note", "Our texts go out the morning of the visit; Nadia's go the evening before and get fewer calls."),
    )
    .await?;
    app.add_team_item(
        &nadia,
        &first,
        &second_team_id,
        &item("checkin", "Moved: shared our message wording with Leah's team."),
    )
    .await?;

    // The story has happened: session one was weeks ago and session two has just taken place.
    // Dates are set in the store directly because the page (rightly) refuses dates in the past.
    let one = now - 40 * day;
    app.store
        .change_engagement_sessions(
            &first,
            SessionChange {
                session_one_at: one,
                session_one_place: &first_input.sessions.session_one_place,
                session_two_at: one + 37 * day,
                session_two_place: &first_input.sessions.session_two_place,
                moved: false,
            },
        )
        .await?;
    app.set_team_outcome(
        ruth,
        &first,
        &first_team_id,
        &OutcomeInput {
            outcome: "co_venture".into(),
            project_name: "First Year Together".into(),
            project_aim: "A shared first year for new front-line starters in both organisations: a buddy from the other organisation, and the same three questions at weeks four, eight and twelve.".into(),
            first_steps: "Pilot with the next six starters in each organisation from the new year; compare leavers at six months.".into(),
            owner_a: tom.user.id.clone(),
            owner_b: grace.user.id.clone(),
            ..Default::default()
        },
    )
    .await?;
    app.set_team_outcome(
        ruth,
        &first,
        &second_team_id,
        &OutcomeInput {
            outcome: "concluded".into(),
            learning: "Telling people the evening before beats telling them on the day. Both organisations now send their messages the evening before; no joint project is needed.".into(),
            ..Default::default()
        },
    )
    .await?;
    let value = |outcome: &str, measure: &str, amount: &str, unit: &str, confidence: &str| ValueInput {
        outcome: outcome.into(),
        measure: measure.into(),
        amount: amount.into(),
        unit: unit.into(),
        confidence: confidence.into(),
    };
    app.add_value(
        joanna,
        &first,
        &value(
            "Three fewer housing officers leaving in the first year, each costing us about £14,000 to replace",
            "money",
            "42000",
            "",
            "medium",
        ),
    )
    .await?;
    app.add_value(
        &leah,
        &first,
        &value("Fewer complaint calls about missed visits", "other", "60", "calls a month", "high"),
    )
    .await?;
    app.share_value(joanna, &first, true).await?;
    app.add_value(idris, &first, &value("Less agency cover on the night shift", "money", "65000", "", "low")).await?;
    app.add_value(&nadia, &first, &value("Time saved on complaint calls", "time", "30", "", "medium")).await?;
    app.set_fee(
        ruth,
        &first,
        "share",
        "10",
        "Ten percent of the value each organisation recorded, reviewed at six months.",
    )
    .await?;

    // The second engagement, before session one.
    let second_input = EngagementInput {
        org_a: orgs.0.into(),
        org_b: orgs.1.into(),
        common_area: "Getting more out of our vans and buildings".into(),
        brief: "After the first round, both organisations said they pay for **vans, rooms and depots** that stand \
                empty for much of the day. This round asks whether one's quiet hours can be the other's busy ones."
            .into(),
        ground_rules: "We come willing and with an open mind. Figures shared in the room stay in the room.".into(),
        sessions: sessions(
            now + 12 * day,
            now + 47 * day,
            "Northgate depot, meeting room",
            "https://meet.example/northgate-harbourside",
        ),
        ..Default::default()
    };
    let (second, _) = app.create_engagement(ruth, &second_input).await?;
    let people = join_all(app, ruth, &second, joanna, idris).await?;
    for c in &SECOND_CARDS {
        card(app, &people, &second, c).await?;
    }
    Ok(())
}
