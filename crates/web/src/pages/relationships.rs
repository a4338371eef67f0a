//! Inviting a coach or mentor, a relationship's page, and answering an invitation by link.

use super::account::capitalise;
use crate::auth::{CsrfForm, MaybeActor, PageActor};
use crate::error::{FieldErrors, PageError};
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::{AppError, InviteInput, InviteMail, RelationshipView};
use coachkit_domain::RelationshipId;
use coachkit_domain::relationship::{RelationshipStatus, Side, Transition};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "relationships/new.html")]
struct NewPage {
    nav: Nav,
    kind: String,
    email: String,
    name: String,
    message: String,
    errors: FieldErrors,
    /// Refused for naming nobody: neither an e-mail nor a name was given.
    unnamed: bool,
    /// After an invitation is made: the link, whom it is for, and what became of its mail.
    done: Option<Created>,
}

/// What the confirmation says: the link, who it is for, and whether mail went or waits.
struct Created {
    link: String,
    who: String,
    mail: InviteMail,
}

pub async fn new_page(PageActor(actor): PageActor) -> Response {
    view::render(&NewPage {
        nav: Nav::for_actor(&actor, "dashboard"),
        kind: "mentoring".into(),
        email: String::new(),
        name: String::new(),
        message: String::new(),
        errors: FieldErrors::default(),
        unnamed: false,
        done: None,
    })
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    message: String,
}

pub async fn create(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, PageError> {
    let nav = Nav::for_actor(&actor, "dashboard");
    let input = InviteInput { kind: form.kind, email: form.email, name: form.name, message: form.message };
    let unnamed = input.email.trim().is_empty() && input.name.trim().is_empty();
    match state.app.invite_for(&actor, &input).await {
        Ok(outcome) => Ok(view::render(&NewPage {
            nav,
            kind: input.kind,
            email: String::new(),
            name: String::new(),
            message: String::new(),
            errors: FieldErrors::default(),
            unnamed: false,
            done: Some(Created {
                who: outcome.relationship.partner_name_for_coach_slot(),
                link: outcome.link,
                mail: outcome.mail,
            }),
        })),
        Err(e @ AppError::Invalid(_)) => Ok(view::render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &NewPage {
                nav,
                kind: input.kind,
                email: input.email,
                name: input.name,
                message: input.message,
                errors: FieldErrors::from_app(&e).unwrap_or_default(),
                unnamed,
                done: None,
            },
        )),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "relationships/show.html")]
struct ShowPage {
    nav: Nav,
    title: String,
    r: RelationshipView,
    coach: String,
    partner_title_cap: String,
    status: &'static str,
    created: String,
    ended: Option<String>,
    can_answer: bool,
    can_end: bool,
    /// (id, when, status, agenda excerpt)
    sessions: Vec<(String, String, &'static str, Option<String>)>,
    /// (id, title, date, excerpt): what the leader shared, for the coach.
    shared: Vec<(String, String, String, String)>,
    /// (text, status, due)
    actions: Vec<(String, &'static str, Option<String>)>,
    /// "last here 3 weeks ago" for each party, when known.
    leader_seen: Option<String>,
    coach_seen: Option<String>,
    can_check_in: bool,
    /// (who, answer, date): the latest answers to "did you meet?".
    checkins: Vec<(String, &'static str, String)>,
}

fn parse_id(id: &str) -> Result<RelationshipId, PageError> {
    RelationshipId::parse(id).map_err(|_| PageError::App(AppError::NotFound("relationship")))
}

pub async fn show(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let zone = actor.user.zone();
    let r = state.app.relationship(&actor, &parse_id(&id)?).await?;
    let title = match r.my_side {
        Some(Side::Coach) => format!("{} and you", r.leader_name),
        _ => format!("You and {}", r.partner_name()),
    };
    let pending = r.status == RelationshipStatus::Pending;
    let started = matches!(r.status, RelationshipStatus::Active | RelationshipStatus::Ended);
    let excerpt = |s: &str, n: usize| super::journal::excerpt(s, n);
    let sessions = if started {
        state
            .app
            .sessions(&actor, &r.id)
            .await?
            .into_iter()
            .map(|s| {
                (
                    s.id,
                    view::date_time(s.starts_at, &actor.user.zone()),
                    s.status.as_str(),
                    s.agenda.map(|a| excerpt(&a, 90)),
                )
            })
            .collect()
    } else {
        vec![]
    };
    let shared = if started {
        state
            .app
            .shared_with_me(&actor, &r.id)
            .await?
            .into_iter()
            .take(20)
            .map(|x| {
                (
                    x.id,
                    x.title.unwrap_or_else(|| "Reflection".into()),
                    view::day(x.created_at, &zone),
                    excerpt(&x.body, 240),
                )
            })
            .collect()
    } else {
        vec![]
    };
    let actions = if started {
        state
            .app
            .relationship_actions(&actor, &r.id, None, 50)
            .await?
            .into_iter()
            .map(|a| (a.text, a.status.as_str(), a.due_at.map(view::calendar_date)))
            .collect()
    } else {
        vec![]
    };
    let now = coachkit_domain::time::Millis(coachkit_store::now_ms());
    let seen = |at: Option<coachkit_domain::time::Millis>| at.map(|t| coachkit_domain::time::ago(now, t));
    let checkins = if started {
        state
            .app
            .checkins(&actor, &r.id)
            .await?
            .into_iter()
            .take(5)
            .map(|k| (k.by_name, k.answer.label(), view::day(k.created_at.0, &zone)))
            .collect()
    } else {
        vec![]
    };
    let page = ShowPage {
        leader_seen: seen(r.leader_last_active_at),
        coach_seen: seen(r.coach_last_active_at),
        can_check_in: r.status == RelationshipStatus::Active,
        checkins,
        sessions,
        shared,
        actions,
        nav: Nav::for_actor(&actor, "dashboard"),
        title,
        coach: r.partner_name_for_coach_slot(),
        partner_title_cap: capitalise(r.kind.partner_title()).trim_end_matches('.').to_owned(),
        status: r.status.as_str(),
        created: view::day(r.answered_at.unwrap_or(r.created_at).0, &zone),
        ended: r.ended_at.map(|m| view::day(m.0, &zone)),
        can_answer: pending && r.my_side == Some(Side::Coach),
        can_end: match r.status {
            RelationshipStatus::Active => true,
            RelationshipStatus::Pending => r.my_side == Some(Side::Leader),
            _ => false,
        },
        r,
    };
    Ok(view::render(&page))
}

pub async fn change(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, action)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    let wanted = match action.as_str() {
        "accept" => Transition::Accept,
        "decline" => Transition::Decline,
        "end" => Transition::End,
        _ => return Err(PageError::App(AppError::NotFound("action"))),
    };
    let id = parse_id(&id)?;
    state.app.change_relationship(&actor, &id, wanted).await?;
    let to = if wanted == Transition::Decline { "/dashboard".to_owned() } else { format!("/relationships/{id}") };
    Ok(Redirect::to(&to).into_response())
}

#[derive(Template)]
#[template(path = "relationships/invite.html")]
struct InvitePage {
    nav: Nav,
    r: RelationshipView,
    partner_title: &'static str,
    secret: String,
    here: String,
    signed_in: bool,
}

fn link_gone(e: AppError) -> PageError {
    match e {
        AppError::NotFound(_) => PageError::BadRequest(
            StatusCode::NOT_FOUND,
            "This invitation link no longer works: it was answered, withdrawn or has expired. Ask for a new one."
                .into(),
        ),
        other => other.into(),
    }
}

pub async fn invitation(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    Path(secret): Path<String>,
) -> Result<Response, PageError> {
    let r = state.app.invitation(&secret).await.map_err(link_gone)?;
    let page = InvitePage {
        nav: Nav::maybe(actor.as_ref(), "dashboard"),
        partner_title: r.kind.partner_title(),
        here: view::url_encode(&format!("/invite/{secret}")),
        signed_in: actor.is_some(),
        secret,
        r,
    };
    Ok(view::render(&page))
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

pub async fn answer(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(secret): Path<String>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<Response, PageError> {
    let accept = match form.answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(PageError::bad_request("Choose accept or decline.")),
    };
    let r = state.app.answer_invitation(&actor, &secret, accept).await.map_err(link_gone)?;
    let to = if accept { format!("/relationships/{}", r.id) } else { "/dashboard".into() };
    Ok(Redirect::to(&to).into_response())
}
