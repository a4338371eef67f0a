//! Session pages: log or plan, read, note privately, record the killer question, plan the next,
//! download a calendar file.

use super::record_id;
use crate::auth::{CsrfForm, PageActor};
use crate::error::{FieldErrors, PageError};
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::journal::time::to_datetime_local;
use coachkit_app::journal::{SessionInput, SessionPage};
use coachkit_app::{Actor, AppError};
use coachkit_domain::RelationshipId;
use coachkit_domain::relationship::Side;
use serde::Deserialize;

/// The form as typed: every field text, converted to the use case's input in one place.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SessionForm {
    starts_at: String,
    duration_minutes: String,
    status: String,
    agenda: String,
    goal: String,
    reality: String,
    options: String,
    way_forward: String,
    themes: String,
}

impl SessionForm {
    fn input(&self) -> SessionInput {
        SessionInput {
            starts_at: self.starts_at.clone(),
            // Unparseable minutes become an out-of-range value, so the form shows the field error.
            duration_minutes: match self.duration_minutes.trim() {
                "" => None,
                m => Some(m.parse().unwrap_or(-1)),
            },
            status: self.status.clone(),
            agenda: self.agenda.clone(),
            goal: self.goal.clone(),
            reality: self.reality.clone(),
            options: self.options.clone(),
            way_forward: self.way_forward.clone(),
            themes: self.themes.clone(),
        }
    }
}

pub struct FormValues {
    pub starts_at: String,
    pub duration: String,
    pub status: String,
    pub agenda: String,
    pub goal: String,
    pub reality: String,
    pub options: String,
    pub way_forward: String,
    pub themes: String,
    pub has_grow: bool,
}

impl From<&SessionForm> for FormValues {
    fn from(f: &SessionForm) -> Self {
        Self {
            starts_at: f.starts_at.clone(),
            duration: if f.duration_minutes.is_empty() { "60".into() } else { f.duration_minutes.clone() },
            status: f.status.clone(),
            agenda: f.agenda.clone(),
            has_grow: [&f.goal, &f.reality, &f.options, &f.way_forward].iter().any(|s| !s.is_empty()),
            goal: f.goal.clone(),
            reality: f.reality.clone(),
            options: f.options.clone(),
            way_forward: f.way_forward.clone(),
            themes: f.themes.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "journal/session_form.html")]
struct FormPage {
    nav: Nav,
    action: String,
    editing: bool,
    partner: String,
    is_leader: bool,
    f: FormValues,
    suggestions: Vec<String>,
    errors: FieldErrors,
}

#[derive(Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    relationship: String,
}

fn rel_id(raw: &str) -> Result<RelationshipId, PageError> {
    RelationshipId::parse(raw).map_err(|_| PageError::App(AppError::NotFound("relationship")))
}

async fn new_page(
    state: &AppState,
    actor: &Actor,
    rel: &RelationshipId,
    form: &SessionForm,
    errors: FieldErrors,
) -> Result<FormPage, PageError> {
    let r = state.app.relationship(actor, rel).await?;
    Ok(FormPage {
        nav: Nav::for_actor(actor, "journal"),
        action: format!("/journal/sessions/new?relationship={}", r.id),
        editing: false,
        partner: r.partner_name(),
        is_leader: r.my_side == Some(Side::Leader),
        f: form.into(),
        suggestions: state.app.theme_suggestions(actor).await?,
        errors,
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Query(q): Query<NewQuery>,
) -> Result<Response, PageError> {
    let rel = rel_id(&q.relationship)?;
    let now = coachkit_store::now_ms();
    let form = SessionForm {
        starts_at: to_datetime_local(now - now % 3_600_000),
        status: "held".into(),
        ..Default::default()
    };
    Ok(view::render(&new_page(&state, &actor, &rel, &form, FieldErrors::default()).await?))
}

pub async fn create(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Query(q): Query<NewQuery>,
    CsrfForm(form): CsrfForm<SessionForm>,
) -> Result<Response, PageError> {
    let rel = rel_id(&q.relationship)?;
    match state.app.plan_session(&actor, &rel, &form.input()).await {
        Ok(id) => Ok(Redirect::to(&format!("/journal/sessions/{id}")).into_response()),
        Err(e @ AppError::Invalid(_)) => {
            let page = new_page(&state, &actor, &rel, &form, FieldErrors::from_app(&e).unwrap_or_default()).await?;
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "journal/session.html")]
struct ShowPage {
    nav: Nav,
    p: SessionPage,
    when: String,
    status: &'static str,
    partner: String,
    /// Who meets whom, from the reader's chair: "Your mentoring of Priya" or "You with Gareth, your mentor".
    people: String,
    /// What the reader is to the other ("coach", "mentor").
    my_title: &'static str,
    is_coach: bool,
    has_grow: bool,
}

pub async fn show(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "session")?;
    let p = state.app.session_page(&actor, &id).await?;
    let g = &p.session.grow;
    let is_coach = p.relationship.my_side == Some(Side::Coach);
    Ok(view::render(&ShowPage {
        nav: Nav::for_actor(&actor, if is_coach { "coaching" } else { "journal" }),
        when: view::date_time(p.session.starts_at, &actor.user.zone()),
        status: p.session.status.as_str(),
        partner: p.relationship.partner_name(),
        people: people_line(&p.relationship),
        my_title: p.relationship.kind.partner_title(),
        is_coach,
        has_grow: g.goal.is_some() || g.reality.is_some() || g.options.is_some() || g.way_forward.is_some(),
        p,
    }))
}

/// Who meets whom, named from the reader's side of the relationship (never "X with X").
pub(crate) fn people_line(r: &coachkit_app::RelationshipView) -> String {
    match r.my_side {
        Some(Side::Coach) => format!(
            "Your {} {}, your {}",
            if r.kind == coachkit_domain::relationship::RelationshipKind::Coaching {
                "coaching of"
            } else {
                "mentoring of"
            },
            r.leader_name,
            r.kind.leader_title()
        ),
        _ => format!("You with {}, your {}", r.partner_name(), r.kind.partner_title()),
    }
}

async fn edit_page(
    state: &AppState,
    actor: &Actor,
    id: &str,
    form: &SessionForm,
    errors: FieldErrors,
) -> Result<FormPage, PageError> {
    let p = state.app.session_page(actor, id).await?;
    Ok(FormPage {
        nav: Nav::for_actor(actor, "journal"),
        action: format!("/journal/sessions/{id}/edit"),
        editing: true,
        partner: p.relationship.partner_name(),
        is_leader: p.relationship.my_side == Some(Side::Leader),
        f: form.into(),
        suggestions: state.app.theme_suggestions(actor).await?,
        errors,
    })
}

pub async fn edit_form(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "session")?;
    let p = state.app.session_page(&actor, &id).await?;
    let s = &p.session;
    let form = SessionForm {
        starts_at: to_datetime_local(s.starts_at),
        duration_minutes: s.duration_minutes.to_string(),
        status: s.status.as_str().into(),
        agenda: s.agenda.clone().unwrap_or_default(),
        goal: s.grow.goal.clone().unwrap_or_default(),
        reality: s.grow.reality.clone().unwrap_or_default(),
        options: s.grow.options.clone().unwrap_or_default(),
        way_forward: s.grow.way_forward.clone().unwrap_or_default(),
        themes: p.themes.join(", "),
    };
    Ok(view::render(&edit_page(&state, &actor, &id, &form, FieldErrors::default()).await?))
}

pub async fn update(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<SessionForm>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "session")?;
    match state.app.update_session(&actor, &id, &form.input()).await {
        Ok(()) => Ok(Redirect::to(&format!("/journal/sessions/{id}")).into_response()),
        Err(e @ AppError::Invalid(_)) => {
            let page = edit_page(&state, &actor, &id, &form, FieldErrors::from_app(&e).unwrap_or_default()).await?;
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    share: String,
}

pub async fn detail(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<NoteForm>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "session")?;
    state.app.write_session_detail(&actor, &id, &form.body).await?;
    Ok(Redirect::to(&format!("/journal/sessions/{id}")).into_response())
}

pub async fn coach_note(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<NoteForm>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "session")?;
    state.app.write_coach_note(&actor, &id, &form.body, form.share == "yes").await?;
    Ok(Redirect::to(&format!("/journal/sessions/{id}")).into_response())
}

#[derive(Deserialize)]
pub struct TextForm {
    #[serde(default)]
    text: String,
}

pub async fn killer_question(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<TextForm>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "session")?;
    match state.app.record_killer_question(&actor, &id, &form.text).await {
        Ok(_) => Ok(Redirect::to(&format!("/journal/sessions/{id}")).into_response()),
        Err(AppError::Invalid(f)) => Err(PageError::BadRequest(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "The question {}. Go back and try again.",
                f.first().map(|f| f.message.as_str()).unwrap_or("is not valid")
            ),
        )),
        Err(e) => Err(e.into()),
    }
}

pub async fn plan_next(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "session")?;
    let next = state.app.plan_next_session(&actor, &id).await?;
    Ok(Redirect::to(&format!("/journal/sessions/{next}/edit")).into_response())
}

pub async fn calendar(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "session")?;
    let (name, text) = state.app.session_calendar(&actor, &id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        text,
    )
        .into_response())
}
