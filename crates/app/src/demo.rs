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
    DemoSignIn { email: "ruth@demo.example.org", name: "Ruth Ellison", story: "facilitates a co-coaching experiment" },
    DemoSignIn {
        email: "joanna@demo.example.org",
        name: "Joanna Pike",
        story: "housing trust HR director, co-coaching",
    },
    DemoSignIn {
        email: "idris@demo.example.org",
        name: "Idris Khalil",
        story: "logistics firm people lead, co-coaching",
    },
    DemoSignIn { email: "aisha@demo.example.org", name: "Aisha Karim", story: "asking three experts for advice" },
];

async fn person(app: &App, email: &str, name: &str, admin: bool) -> AppResult<UserRow> {
    let email = Email::parse(email)?;
    if let Some(u) = app.store.user_by_email(email.as_str()).await? {
        return Ok(u);
    }
    let name = DisplayName::parse(name)?;
    app.create_account(&email, &name, Password::parse_new(DEMO_PASSWORD)?, admin).await
}

fn actor(user: &UserRow) -> Actor {
    Actor { user: user.clone(), csrf_token: None, session_hash: None }
}

/// Loads the demo if it is not there yet. Returns false if it was already loaded.
pub async fn load(app: &App) -> AppResult<bool> {
    if app.store.user_by_email(SIGN_INS[0].email).await?.is_some() {
        return Ok(false);
    }
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
    if let (Some(marcus), Some(helen)) = (by("marcus@demo.example.org"), by("helen@demo.example.org")) {
        link(
            app,
            &marcus,
            &helen,
            "coaching",
            "Time for the next round of our sessions on running today versus shaping tomorrow.",
        )
        .await?;
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
    }
    if let Some(aisha) = by("aisha@demo.example.org") {
        app.create_org(&aisha, "Fernhill Design Studio").await?;
    }
    Ok(true)
}

/// Invites `coach` on behalf of `leader` and has the coach accept.
async fn link(app: &App, leader: &Actor, coach: &Actor, kind: &str, note: &str) -> AppResult<()> {
    let outcome = app.invite(leader, kind, &coach.user.email, note).await?;
    app.change_relationship(coach, &outcome.relationship.id, Transition::Accept).await?;
    Ok(())
}
