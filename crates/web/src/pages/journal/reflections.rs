//! Writing, reading and editing reflections.

use super::record_id;
use crate::auth::{CsrfForm, PageActor};
use crate::error::{FieldErrors, PageError};
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::journal::{ReflectionInput, ReflectionView};
use coachkit_app::{Actor, AppError};
use coachkit_domain::journal::AudienceChoice;
use coachkit_domain::privacy::RecordKind;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "journal/reflection_form.html")]
struct FormPage {
    nav: Nav,
    action: String,
    editing: Option<String>,
    session_id: String,
    session_label: Option<String>,
    title: String,
    body: String,
    themes: String,
    audience: String,
    choices: Vec<AudienceChoice>,
    suggestions: Vec<String>,
    errors: FieldErrors,
}

async fn form_page(
    state: &AppState,
    actor: &Actor,
    editing: Option<String>,
    input: &ReflectionInput,
    errors: FieldErrors,
) -> Result<FormPage, PageError> {
    let mentors = state.app.my_mentors(actor).await?;
    let partners: Vec<_> = mentors.iter().map(|m| (m.id.clone(), m.partner_name())).collect();
    let session_id = input.session_id.clone().unwrap_or_default();
    let session_label = if session_id.is_empty() {
        None
    } else {
        let page = state.app.session_page(actor, &session_id).await?;
        Some(format!("of {} with {}", view::date(page.session.starts_at), page.relationship.partner_name()))
    };
    // Default audience for a session's reflection: that mentor only; otherwise private.
    let audience = if input.audience.is_empty() && editing.is_none() {
        let rel = if session_id.is_empty() { None } else { state.app.session_page(actor, &session_id).await.ok() };
        rel.map(|p| format!("relationship:{}", p.relationship.id)).unwrap_or_else(|| "private".into())
    } else {
        input.audience.clone()
    };
    Ok(FormPage {
        nav: Nav::for_actor(actor, "journal"),
        action: match &editing {
            Some(id) => format!("/journal/reflections/{id}/edit"),
            None => "/journal/reflections/new".into(),
        },
        editing,
        session_id,
        session_label,
        title: input.title.clone(),
        body: input.body.clone(),
        themes: input.themes.clone(),
        audience,
        choices: AudienceChoice::for_kind(RecordKind::Reflection, &partners),
        suggestions: state.app.theme_suggestions(actor).await?,
        errors,
    })
}

#[derive(Deserialize)]
pub struct NewQuery {
    session: Option<String>,
}

pub async fn new_form(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Query(q): Query<NewQuery>,
) -> Result<Response, PageError> {
    let session_id = match q.session.filter(|s| !s.is_empty()) {
        Some(s) => Some(record_id(&s, "session")?),
        None => None,
    };
    let input = ReflectionInput { session_id, ..Default::default() };
    Ok(view::render(&form_page(&state, &actor, None, &input, FieldErrors::default()).await?))
}

async fn refuse_or(
    state: &AppState,
    actor: &Actor,
    editing: Option<String>,
    input: ReflectionInput,
    result: Result<String, AppError>,
) -> Result<Response, PageError> {
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/journal/reflections/{id}")).into_response()),
        Err(e @ AppError::Invalid(_)) => {
            let errors = FieldErrors::from_app(&e).unwrap_or_default();
            let page = form_page(state, actor, editing, &input, errors).await?;
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn create(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(input): CsrfForm<ReflectionInput>,
) -> Result<Response, PageError> {
    let result = state.app.write_reflection(&actor, &input).await;
    refuse_or(&state, &actor, None, input, result).await
}

#[derive(Template)]
#[template(path = "journal/reflection.html")]
struct ShowPage {
    nav: Nav,
    r: ReflectionView,
    date: String,
    paragraphs: Vec<String>,
    themes: Vec<(String, String)>,
    mine: bool,
    history: Vec<(String, String, String)>,
}

pub async fn show(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "reflection")?;
    let r = state.app.reflection(&actor, &id).await?;
    let mine = r.author_id == actor.user.id;
    let history = if mine {
        state
            .app
            .reflection_history(&actor, &id)
            .await?
            .into_iter()
            .map(|(f, t, at)| (f, t, view::date_time(at, &actor.user.zone())))
            .collect()
    } else {
        vec![]
    };
    Ok(view::render(&ShowPage {
        nav: Nav::for_actor(&actor, "journal"),
        date: view::date(r.created_at),
        paragraphs: r.body.split("\n\n").map(str::to_owned).collect(),
        themes: r.theme_keys.iter().map(|k| k.replace(' ', "-")).zip(r.themes.iter().cloned()).collect(),
        mine,
        history,
        r,
    }))
}

pub async fn edit_form(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "reflection")?;
    let r = state.app.reflection(&actor, &id).await?;
    if r.author_id != actor.user.id {
        return Err(PageError::App(AppError::Forbidden("only its author can change this")));
    }
    let input = ReflectionInput {
        title: r.title.unwrap_or_default(),
        body: r.body,
        audience: r.audience_value,
        themes: r.themes.join(", "),
        session_id: None,
    };
    Ok(view::render(&form_page(&state, &actor, Some(id), &input, FieldErrors::default()).await?))
}

pub async fn update(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(input): CsrfForm<ReflectionInput>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "reflection")?;
    let result = state.app.edit_reflection(&actor, &id, &input).await.map(|()| id.clone());
    let input = ReflectionInput { session_id: None, ..input };
    refuse_or(&state, &actor, Some(id), input, result).await
}

pub async fn delete(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "reflection")?;
    state.app.delete_reflection(&actor, &id).await?;
    Ok(Redirect::to("/journal").into_response())
}
