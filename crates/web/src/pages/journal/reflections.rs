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
use coachkit_app::journal::{ReflectionInput, ReflectionView, ReplyInput};
use coachkit_app::{Actor, AppError};
use coachkit_domain::journal::AudienceChoice;
use coachkit_domain::privacy::RecordKind;
use coachkit_domain::relationship::{RelationshipKind, RelationshipStatus, Side};
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
    let zone = actor.user.zone();
    let mentors = state.app.my_mentors(actor).await?;
    let partners: Vec<_> = mentors.iter().map(|m| (m.id.clone(), m.partner_name())).collect();
    let session_id = input.session_id.clone().unwrap_or_default();
    let session_label = if session_id.is_empty() {
        None
    } else {
        let page = state.app.session_page(actor, &session_id).await?;
        Some(format!("of {} with {}", view::day(page.session.starts_at, &zone), page.relationship.partner_name()))
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

/// Where a reflection the reader did not write sits: whose it is, the session it came from, and
/// the reader's relationship with its author (a coach's or mentor's), with links back.
pub struct Context {
    pub session: Option<(String, String)>,
    /// (relationship id, "Your mentoring with Priya Nandakumar")
    pub relationship: Option<(String, String)>,
    /// "client" or "mentee": what the reader calls the author.
    pub leader_title: &'static str,
}

pub struct ReplyLine {
    pub author: String,
    pub when: String,
    pub audience: String,
    pub paragraphs: Vec<String>,
    pub mine: bool,
}

#[derive(Template)]
#[template(path = "journal/reflection.html")]
struct ShowPage {
    nav: Nav,
    r: ReflectionView,
    date: String,
    paragraphs: Vec<String>,
    /// (link or empty when the reader has no theme page to follow, label)
    themes: Vec<(String, String)>,
    mine: bool,
    context: Option<Context>,
    history: Vec<(String, String, String)>,
    replies: Vec<ReplyLine>,
    choices: Vec<AudienceChoice>,
    reply_body: String,
    reply_audience: String,
    errors: FieldErrors,
}

async fn show_page(
    state: &AppState,
    actor: &Actor,
    id: &str,
    reply: &ReplyInput,
    errors: FieldErrors,
) -> Result<ShowPage, PageError> {
    let zone = actor.user.zone();
    let r = state.app.reflection(actor, id).await?;
    let mine = r.author_id == actor.user.id;
    let history = if mine {
        state
            .app
            .reflection_history(actor, id)
            .await?
            .into_iter()
            .map(|(f, t, at)| (f, t, view::date_time(at, &actor.user.zone())))
            .collect()
    } else {
        vec![]
    };
    // The reader's own relationship with the author, as their coach or mentor (active first).
    let mut theirs: Vec<_> = state
        .app
        .relationships(actor)
        .await?
        .into_iter()
        .filter(|x| x.my_side == Some(Side::Coach) && x.leader_id.as_str() == r.author_id)
        .collect();
    theirs.sort_by_key(|x| x.status != RelationshipStatus::Active);
    let relationship = theirs.into_iter().next();
    let slugs: Vec<String> = r.theme_keys.iter().map(|k| k.replace(' ', "-")).collect();
    let themes = slugs
        .iter()
        .zip(r.themes.iter().cloned())
        .map(|(slug, label)| {
            let link = match (&relationship, mine) {
                (_, true) => format!("/journal/themes/{slug}"),
                (Some(rel), false) => format!("/coaching/{}/themes/{slug}", rel.id),
                (None, false) => String::new(),
            };
            (link, label)
        })
        .collect();
    let context = if mine {
        None
    } else {
        let session = match &r.session_id {
            Some(sid) => state
                .app
                .session_page(actor, sid)
                .await
                .ok()
                .map(|p| (p.session.id.clone(), view::day(p.session.starts_at, &zone))),
            None => None,
        };
        Some(Context {
            session,
            leader_title: relationship.as_ref().map(|x| x.kind.leader_title()).unwrap_or("leader"),
            relationship: relationship.as_ref().map(|x| {
                let what = if x.kind == RelationshipKind::Coaching { "coaching" } else { "mentoring" };
                (x.id.to_string(), format!("Your {what} of {}", x.leader_name))
            }),
        })
    };
    let replies = state
        .app
        .reflection_replies(actor, id)
        .await?
        .into_iter()
        .map(|x| ReplyLine {
            mine: x.author_id == actor.user.id,
            author: x.author_name,
            when: view::date_time(x.created_at, &actor.user.zone()),
            audience: x.audience,
            paragraphs: x.body.split("\n\n").map(str::to_owned).collect(),
        })
        .collect();
    let choices = state.app.reply_choices(actor, id).await?;
    Ok(ShowPage {
        nav: Nav::for_actor(actor, if mine { "journal" } else { "coaching" }),
        date: view::day(r.created_at, &zone),
        paragraphs: r.body.split("\n\n").map(str::to_owned).collect(),
        themes,
        mine,
        context,
        history,
        replies,
        reply_audience: if reply.audience.is_empty() {
            choices.first().map(|c| c.value.clone()).unwrap_or_default()
        } else {
            reply.audience.clone()
        },
        choices,
        reply_body: reply.body.clone(),
        errors,
        r,
    })
}

pub async fn show(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "reflection")?;
    Ok(view::render(&show_page(&state, &actor, &id, &ReplyInput::default(), FieldErrors::default()).await?))
}

/// Adds a reply to the reflection's thread; a refused reply comes back with its text and the
/// reason beside the field, and nothing saved.
pub async fn reply(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(input): CsrfForm<ReplyInput>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "reflection")?;
    match state.app.reply_to_reflection(&actor, &id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/journal/reflections/{id}#replies")).into_response()),
        Err(e @ AppError::Invalid(_)) => {
            let errors = FieldErrors::from_app(&e).unwrap_or_default();
            let page = show_page(&state, &actor, &id, &input, errors).await?;
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(e.into()),
    }
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
