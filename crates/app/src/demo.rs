//! Demo data: the situations of the five practices, told with invented people in our own words.
//! Loading is idempotent: if the demo admin exists, nothing is added. Each practice's issue adds
//! its own part of the story to these people.

use crate::error::AppResult;
use crate::{Actor, App};
use coachkit_domain::account::{DisplayName, Email, Password};
use coachkit_domain::relationship::Transition;
use coachkit_store::UserRow;

/// The password of every demo account; printed in the log so a newcomer can sign in.
pub const DEMO_PASSWORD: &str = "coachkit-demo";

/// One demo sign-in, as printed at start.
#[derive(Debug, Clone)]
pub struct DemoSignIn {
    pub email: &'static str,
    pub name: &'static str,
    pub story: &'static str,
}

pub const SIGN_INS: &[DemoSignIn] = &[
    DemoSignIn { email: "admin@demo.example.org", name: "Sam Admin", story: "runs this instance" },
    DemoSignIn {
        email: "priya@demo.example.org",
        name: "Priya Nandakumar",
        story: "council digital lead with two mentors",
    },
    DemoSignIn {
        email: "gareth@demo.example.org",
        name: "Gareth Holloway",
        story: "Priya's chief executive and first mentor",
    },
    DemoSignIn {
        email: "tomasz@demo.example.org",
        name: "Tomasz Wierzbicki",
        story: "national digital director, Priya's second mentor",
    },
    DemoSignIn { email: "marcus@demo.example.org", name: "Marcus Oyelaran", story: "runs a social-service charity" },
    DemoSignIn { email: "helen@demo.example.org", name: "Helen Brightwater", story: "Marcus's coach" },
    DemoSignIn {
        email: "daniel@demo.example.org",
        name: "Daniel Zhou",
        story: "sales team leader coaching three managers",
    },
    DemoSignIn { email: "rui@demo.example.org", name: "Rui Feng", story: "key-account manager coached by Daniel" },
    DemoSignIn { email: "mina@demo.example.org", name: "Mina Ko", story: "account manager coached by Daniel" },
    DemoSignIn { email: "samuel@demo.example.org", name: "Samuel Tan", story: "account manager coached by Daniel" },
    DemoSignIn {
        email: "grace@demo.example.org",
        name: "Grace Adeyemi",
        story: "trainer running a learning-log programme after her master class",
    },
    DemoSignIn {
        email: "ruth@demo.example.org",
        name: "Ruth Ellison",
        story: "facilitates two co-coaching engagements: open the cards of the second, team them, end session one",
    },
    DemoSignIn {
        email: "joanna@demo.example.org",
        name: "Joanna Pike",
        story: "housing trust HR director, co-coaching: write her cards in the second engagement",
    },
    DemoSignIn {
        email: "idris@demo.example.org",
        name: "Idris Khalil",
        story: "logistics firm people lead, co-coaching: the first engagement's value, unshared",
    },
    DemoSignIn {
        email: "aisha@demo.example.org",
        name: "Aisha Karim",
        story: "design studio founder asking three experts for advice (Helen is her coach)",
    },
];

impl App {
    /// The demo sign-ins to list on the sign-in page: only when this instance holds the demo
    /// (the loader's setting is there and its admin account still is), never on a real instance.
    pub async fn demo_sign_ins(&self) -> AppResult<&'static [DemoSignIn]> {
        if self.store.instance_setting(DEMO_SETTING).await?.is_none() {
            return Ok(&[]);
        }
        let admin = self.store.user_by_email(SIGN_INS[0].email).await?;
        Ok(if admin.is_some_and(|u| !u.is_disabled()) { SIGN_INS } else { &[] })
    }
}

pub(crate) async fn person(app: &App, email: &str, name: &str, admin: bool) -> AppResult<UserRow> {
    let email = Email::parse(email)?;
    if let Some(u) = app.store.user_by_email(email.as_str()).await? {
        return Ok(u);
    }
    let name = DisplayName::parse(name)?;
    app.create_account(&email, &name, Password::parse_new(DEMO_PASSWORD)?, admin).await
}

pub(crate) fn actor(user: &UserRow) -> Actor {
    Actor { user: user.clone(), csrf_token: None, session_hash: None }
}

/// The instance setting the loader writes: only an instance holding the demo has it.
const DEMO_SETTING: &str = "demo_loaded";

/// Loads the demo if it is not there yet. Returns false if it was already loaded.
pub async fn load(app: &App) -> AppResult<bool> {
    if app.store.user_by_email(SIGN_INS[0].email).await?.is_some() {
        // Loaded before the setting existed, or again: say so, so the sign-in page knows.
        app.store.set_instance_setting(DEMO_SETTING, "yes").await?;
        return Ok(false);
    }
    // Written first, so that an instance whose demo load failed half-way still admits it.
    app.store.set_instance_setting(DEMO_SETTING, "yes").await?;
    let mut people = Vec::new();
    for (i, s) in SIGN_INS.iter().enumerate() {
        people.push(person(app, s.email, s.name, i == 0).await?);
    }
    let by = |email: &str| people.iter().find(|p| p.email == email).map(actor);
    let (Some(priya), Some(gareth), Some(tomasz)) =
        (by("priya@demo.example.org"), by("gareth@demo.example.org"), by("tomasz@demo.example.org"))
    else {
        return Ok(true);
    };

    // A leader with two mentors at once, months apart.
    link(app, &priya, &gareth, "mentoring", "Would you keep meeting me monthly while we reshape the digital service?")
        .await?;
    link(app, &priya, &tomasz, "mentoring", "I would value an outside view of what we are changing locally.").await?;
    journal_story(app, &priya, &gareth, &tomasz).await?;
    if let (Some(marcus), Some(helen)) = (by("marcus@demo.example.org"), by("helen@demo.example.org")) {
        link(
            app,
            &marcus,
            &helen,
            "coaching",
            "Time for the next round of our sessions on running today versus shaping tomorrow.",
        )
        .await?;
        wheel_story(app, &marcus, &helen).await?;
    }
    if let Some(daniel) = by("daniel@demo.example.org") {
        for m in ["rui@demo.example.org", "mina@demo.example.org", "samuel@demo.example.org"] {
            if let Some(manager) = by(m) {
                link(
                    app,
                    &manager,
                    &daniel,
                    "coaching",
                    "Buddy coaching after the master class: five sessions in six weeks.",
                )
                .await?;
            }
        }
        if let (Some(grace), Some(marcus)) = (by("grace@demo.example.org"), by("marcus@demo.example.org")) {
            let managers: Vec<Actor> = ["rui@demo.example.org", "mina@demo.example.org", "samuel@demo.example.org"]
                .iter()
                .filter_map(|m| by(m))
                .collect();
            crate::learning_log::demo::story(app, &grace, &daniel, &marcus, &managers).await?;
        }
    }
    // Two organisations about to co-coach, with the facilitator in both.
    if let (Some(ruth), Some(joanna), Some(idris)) =
        (by("ruth@demo.example.org"), by("joanna@demo.example.org"), by("idris@demo.example.org"))
    {
        let housing = app.create_org(&joanna, "Harbourside Housing Trust").await?;
        let logistics = app.create_org(&idris, "Northgate Logistics").await?;
        let (h, l) =
            (coachkit_domain::OrgId::from_trusted(housing.id), coachkit_domain::OrgId::from_trusted(logistics.id));
        app.set_member(&joanna, &h, &ruth.user.email, "facilitator").await?;
        app.set_member(&idris, &l, &ruth.user.email, "facilitator").await?;
        crate::co_coaching::demo::story(app, &ruth, &joanna, &idris, (h.as_str(), l.as_str())).await?;
    }
    if let Some(aisha) = by("aisha@demo.example.org") {
        app.create_org(&aisha, "Fernhill Design Studio").await?;
        if let Some(helen) = by("helen@demo.example.org") {
            link(app, &aisha, &helen, "coaching", "Could we work on how I lead the studio as it grows?").await?;
            let with_helen = app
                .my_mentors(&aisha)
                .await?
                .into_iter()
                .find(|r| r.coach_id.as_ref().map(|c| c.as_str()) == Some(helen.user.id.as_str()))
                .map(|r| r.id.to_string())
                .unwrap_or_default();
            crate::mentoring::demo::story(app, &aisha, &with_helen).await?;
        }
    }
    Ok(true)
}

/// Invites `coach` on behalf of `leader` and has the coach accept.
async fn link(app: &App, leader: &Actor, coach: &Actor, kind: &str, note: &str) -> AppResult<()> {
    let outcome = app.invite(leader, kind, &coach.user.email, note).await?;
    app.change_relationship(coach, &outcome.relationship.id, Transition::Accept).await?;
    Ok(())
}

const DAY: i64 = 86_400_000;

/// A council's digital lead meets two mentors some weeks apart. The conversations' detail stays
/// hers; her reflections are shared by choice; one question stops her in her tracks; a public
/// page of what she thinks starts to take shape. Names and words are invented for the demo.
async fn journal_story(app: &App, priya: &Actor, gareth: &Actor, tomasz: &Actor) -> AppResult<()> {
    use crate::journal::{ActionInput, ReflectionInput, SessionInput, time::to_datetime_local};
    let rels = app.my_mentors(priya).await?;
    let (Some(with_gareth), Some(with_tomasz)) = (
        rels.iter().find(|r| r.coach_id.as_ref() == Some(&gareth.id())),
        rels.iter().find(|r| r.coach_id.as_ref() == Some(&tomasz.id())),
    ) else {
        return Ok(());
    };
    let now = coachkit_store::now_ms();
    let hour = now - now % 3_600_000;
    let at = |days_ago: i64| to_datetime_local(hour - days_ago * DAY);
    // The story runs from about four months ago to last week, relative to the day it loads.
    let ago = |days: i64| hour - days * DAY;
    app.store.demo_date_relationship(with_gareth.id.as_str(), ago(126)).await?;
    app.store.demo_date_relationship(with_tomasz.id.as_str(), ago(101)).await?;
    early_sessions(app, priya, with_gareth, with_tomasz, &at, &ago).await?;

    let first = app
        .plan_session(
            priya,
            &with_gareth.id,
            &SessionInput {
                starts_at: at(41),
                status: "held".into(),
                agenda: "How the digital service redesign is landing with front-line teams.".into(),
                goal: "Decide where I should spend my own time this quarter.".into(),
                reality: "Too many projects started, few finished; teams unsure what comes first.".into(),
                way_forward: "Pick one visible service to finish end to end before starting anything new.".into(),
                themes: "Starting close to home".into(),
                ..Default::default()
            },
        )
        .await?;
    app.write_session_detail(
        priya,
        &first,
        "Talked frankly about the budget round and two colleagues. Not for sharing.",
    )
    .await?;
    let finish = app
        .write_reflection(
            priya,
            &ReflectionInput {
                title: "Finish one thing people can see".into(),
                body: "We have been busy everywhere and visible nowhere. Gareth pushed me to name one service \
                       residents would notice if it changed, and finish it properly before starting the next.\n\n\
                       I am choosing the missed-bin report: small, public, and a test of how we work."
                    .into(),
                audience: "public".into(),
                themes: "Starting close to home, What I must let go of".into(),
                session_id: Some(first.clone()),
            },
        )
        .await?;
    app.store.demo_date_reflection(&finish, ago(40)).await?;
    app.create_action(
        priya,
        &ActionInput {
            text: "Write a one-page plan for the missed-bin service and share it with the team".into(),
            due: crate::journal::time::to_date(now + 10 * DAY),
            audience: "all_my_coaches".into(),
            session_id: Some(first.clone()),
            ..Default::default()
        },
    )
    .await?;

    let second = app
        .plan_session(
            priya,
            &with_tomasz.id,
            &SessionInput {
                starts_at: at(8),
                status: "held".into(),
                agenda: "An outside view of the changes in our county.".into(),
                themes: "Posting is not the same as being understood".into(),
                ..Default::default()
            },
        )
        .await?;
    app.write_session_detail(priya, &second, "He was blunt about the regional board; keep this to myself.").await?;
    app.record_killer_question(
        priya,
        &second,
        "If someone wanted to know what you believe, where would you send them?",
    )
    .await?;
    let send_them = app
        .write_reflection(
            priya,
            &ReflectionInput {
                title: "Where would I send them?".into(),
                body: "I write a lot: posts, papers, notes. But none of it adds up to a place where someone could \
                   find what I actually think and argue with it. Sharing thoughts is not the same as being understood."
                    .into(),
                audience: format!("relationship:{}", with_tomasz.id),
                themes: "Posting is not the same as being understood, How others see my work".into(),
                session_id: Some(second.clone()),
            },
        )
        .await?;
    app.store.demo_date_reflection(&send_them, ago(7)).await?;
    let old_words = app
        .write_reflection(
            priya,
            &ReflectionInput {
                title: "Old words, new direction".into(),
                body: "People trust the language they already use. When I describe the new service in the words \
                       of the old one, the change meets less resistance. I want to be deliberate about that."
                    .into(),
                audience: "public".into(),
                themes: "Old words for new ideas, Movements and structures".into(),
                session_id: Some(second.clone()),
            },
        )
        .await?;
    app.store.demo_date_reflection(&old_words, ago(7)).await?;
    let my_story = app
        .write_reflection(
            priya,
            &ReflectionInput {
                title: "My story is not the council's story".into(),
                body: "I am part of the council's story, but my own is different, and I should tell it as mine.".into(),
                audience: "all_my_coaches".into(),
                themes: "My story and the organisation's story, How others see my work".into(),
                session_id: None,
            },
        )
        .await?;
    app.store.demo_date_reflection(&my_story, ago(23)).await?;
    app.ask_open_question(
        priya,
        "What part, if any, do I want in the wider change beyond my own council?",
        "all_my_coaches",
    )
    .await?;
    app.plan_session(
        priya,
        &with_gareth.id,
        &SessionInput {
            starts_at: to_datetime_local(now - now % 3_600_000 + 9 * DAY),
            status: "planned".into(),
            agenda: "Progress on the missed-bin service; the question of my wider role.".into(),
            ..Default::default()
        },
    )
    .await?;
    app.create_position(
        priya,
        "Change that lasts starts with one service people can see, finished properly.",
        "Visible, finished work earns the trust that the next change needs.",
        "Starting close to home",
        &[finish],
    )
    .await?;
    app.create_position(
        priya,
        "Describe new ways of working in the words people already trust.",
        "",
        "Old words for new ideas",
        &[old_words],
    )
    .await?;
    app.publish_page(priya, "First version").await?;
    app.add_toolkit_question(tomasz, "What would you stop doing if you had to free a day a week?").await?;
    Ok(())
}

/// Priya's first months: a session with each mentor in which the same themes first come up, so
/// her themes page shows them returning across both mentors and across months.
async fn early_sessions(
    app: &App,
    priya: &Actor,
    with_gareth: &crate::RelationshipView,
    with_tomasz: &crate::RelationshipView,
    at: &dyn Fn(i64) -> String,
    ago: &dyn Fn(i64) -> i64,
) -> AppResult<()> {
    use crate::journal::{ReflectionInput, SessionInput};
    let opening = app
        .plan_session(
            priya,
            &with_gareth.id,
            &SessionInput {
                starts_at: at(119),
                status: "held".into(),
                agenda: "Three months into the new role: what it asks of me that the old one did not.".into(),
                goal: "Know which of my old habits to keep.".into(),
                themes: "What I must let go of".into(),
                ..Default::default()
            },
        )
        .await?;
    app.store.demo_date_session(&opening, ago(119)).await?;
    let doing_it_myself = app
        .write_reflection(
            priya,
            &ReflectionInput {
                title: "I still fix things myself".into(),
                body: "When a form breaks I open the code before I open a conversation. It feels useful and it \
                       keeps the team waiting for me. Gareth asked what I would do with the hours if I stopped; \
                       I did not have an answer, which says enough."
                    .into(),
                audience: format!("relationship:{}", with_gareth.id),
                themes: "What I must let go of, Starting close to home".into(),
                session_id: Some(opening),
            },
        )
        .await?;
    app.store.demo_date_reflection(&doing_it_myself, ago(118)).await?;

    let outside = app
        .plan_session(
            priya,
            &with_tomasz.id,
            &SessionInput {
                starts_at: at(92),
                status: "held".into(),
                agenda: "First meeting: how other councils have handled the same redesign.".into(),
                themes: "How others see my work".into(),
                ..Default::default()
            },
        )
        .await?;
    app.store.demo_date_session(&outside, ago(92)).await?;
    let next_door = app
        .write_reflection(
            priya,
            &ReflectionInput {
                title: "The neighbours got there by doing less".into(),
                body: "Tomasz described a council next door that dropped half its digital projects in one \
                       meeting and shipped the rest. Hearing it from outside made it sound sensible rather than \
                       like giving up. I keep holding on to projects because dropping them looks like failure."
                    .into(),
                audience: "all_my_coaches".into(),
                themes: "What I must let go of, How others see my work".into(),
                session_id: Some(outside),
            },
        )
        .await?;
    app.store.demo_date_reflection(&next_door, ago(91)).await?;
    let quiet = app
        .write_reflection(
            priya,
            &ReflectionInput {
                title: "A month of saying no".into(),
                body: "I turned down four requests this month and nothing fell over. Two came back smaller and \
                       better argued. I am writing it down because next month I will forget it worked."
                    .into(),
                audience: "private".into(),
                themes: "What I must let go of".into(),
                session_id: None,
            },
        )
        .await?;
    app.store.demo_date_reflection(&quiet, ago(63)).await?;
    Ok(())
}

/// A social-service charity's director and his coach fill in the balance wheel together twice,
/// some weeks apart. The first shows vision and community rated low with far more time wished
/// than given; imagining he were only in charge of vision gives him a list of tasks, two of which
/// become actions; the second wheel shows them starting to move. Words are our own.
async fn wheel_story(app: &App, marcus: &Actor, helen: &Actor) -> AppResult<()> {
    use crate::journal::time::to_date;
    use crate::wheel::{EntryInput, SaveInput, StartInput, WheelError};
    let rels = app.my_mentors(marcus).await?;
    let Some(with_helen) = rels.iter().find(|r| r.coach_id.as_ref() == Some(&helen.id())) else {
        return Ok(());
    };
    // Demo entries are written to be valid; a refusal here is a bug worth stopping the load for.
    let refused = |e: WheelError| match e {
        WheelError::App(e) => e,
        WheelError::Form(errors) => crate::AppError::Internal(
            format!("demo wheel refused: {}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
                .into(),
        ),
    };
    let entry = |rating: &str, spent: &str, wished: &str, note: &str| EntryInput {
        rating: rating.into(),
        spent: spent.into(),
        wished: wished.into(),
        note: note.into(),
    };
    let now = coachkit_store::now_ms();
    let sessions = [
        (
            49,
            [
                entry("3", "3", "12", "Thinking about next year happens on the train, if at all."),
                entry("8", "23", "14", "The programmes run well; I still look over every weekly rota myself."),
                entry("7", "9", "7", "Reports to the board are sound, just slow to put together."),
                entry("3", "2", "9", "I see partners and funders mostly when something has gone wrong."),
            ],
        ),
        (
            14,
            [
                entry("5", "7", "11", "The monthly planning afternoon has happened twice now."),
                entry("8", "18", "14", "The deputy manager checks the rotas now."),
                entry("7", "8", "7", ""),
                entry(
                    "4",
                    "4",
                    "8",
                    "Two breakfasts with partners; a joint bid with the housing association is taking shape.",
                ),
            ],
        ),
    ];
    let mut first = None;
    for (days_ago, entries) in sessions {
        // Helen starts it in the session with the first two areas; Marcus completes and finishes it.
        let start = StartInput {
            relationship_id: with_helen.id.to_string(),
            unit: "hours_per_week".into(),
            taken_on: to_date(now - days_ago * DAY),
            entries: entries[..2].to_vec(),
            ..Default::default()
        };
        let id = app.start_wheel_assessment(helen, &start).await.map_err(refused)?;
        let revision = app.wheel_assessment(marcus, &id).await?.revision;
        let save = SaveInput { revision, entries: entries.to_vec(), finish: true, ..Default::default() };
        app.save_wheel_assessment(marcus, &id, &save).await.map_err(refused)?;
        first.get_or_insert(id);
    }
    let Some(first) = first else { return Ok(()) };
    let vision_tasks = [
        "Write a one-page picture of the charity in five years, in plain words",
        "Keep one afternoon a month away from the office for planning only",
        "Ask three funders what changes they expect in the next two years",
        "Sketch two ways the youth programme could grow, with what each would cost",
        "Hold a short session with frontline staff on where we should be heading",
    ];
    for (i, task) in vision_tasks.iter().enumerate() {
        let item = app.add_reframing_item(marcus, &first, 0, task).await?;
        if i < 2 {
            app.reframing_item_to_action(marcus, &item, &to_date(now + (14 + 14 * i as i64) * DAY)).await?;
        }
    }
    app.add_reframing_item(marcus, &first, 3, "Meet one partner organisation a month when nothing is wrong").await?;
    Ok(())
}
