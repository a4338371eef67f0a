//! Editing positions and publishing the public page.

use super::{excerpt, field, fields, record_id};
use crate::auth::{CsrfForm, PageActor};
use crate::error::{FieldErrors, PageError};
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::{Actor, AppError};

pub struct PositionLine {
    pub id: String,
    pub statement: String,
    pub explanation: String,
    pub themes: String,
    pub evidence: Vec<String>,
    pub listed: bool,
}

pub struct EvidenceChoice {
    pub id: String,
    pub label: String,
    pub public: bool,
}

#[derive(Template)]
#[template(path = "journal/page_editor.html")]
struct Page {
    nav: Nav,
    tab: &'static str,
    query: String,
    handle: String,
    published: bool,
    indexable: bool,
    version: i64,
    positions: Vec<PositionLine>,
    reflections: Vec<EvidenceChoice>,
    suggestions: Vec<String>,
    errors: FieldErrors,
    message: Option<String>,
}

async fn page_view(
    state: &AppState,
    actor: &Actor,
    errors: FieldErrors,
    message: Option<String>,
) -> Result<Page, PageError> {
    let page = state.app.page_state(actor).await?;
    let positions = state
        .app
        .positions(actor)
        .await?
        .into_iter()
        .map(|p| PositionLine {
            id: p.id,
            statement: p.statement,
            explanation: p.explanation.unwrap_or_default(),
            themes: p.themes.join(", "),
            evidence: p.evidence.into_iter().map(|r| r.id).collect(),
            listed: p.listed,
        })
        .collect();
    let reflections = state
        .app
        .journal(actor, None, 100)
        .await?
        .into_iter()
        .map(|r| EvidenceChoice {
            public: r.audience_value == "public",
            label: r.title.clone().unwrap_or_else(|| excerpt(&r.body, 70)),
            id: r.id,
        })
        .collect();
    Ok(Page {
        nav: Nav::for_actor(actor, "journal"),
        tab: "page",
        query: String::new(),
        handle: actor.user.handle.clone(),
        published: page.published != 0,
        indexable: page.indexable != 0,
        version: page.current_version,
        positions,
        reflections,
        suggestions: state.app.theme_suggestions(actor).await?,
        errors,
        message,
    })
}

pub async fn page(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    Ok(view::render(&page_view(&state, &actor, FieldErrors::default(), None).await?))
}

/// Shows a refusal on the editor itself, so nothing typed elsewhere on it is lost.
async fn or_explain(state: &AppState, actor: &Actor, result: Result<(), AppError>) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(Redirect::to("/journal/page").into_response()),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let status = if matches!(e, AppError::Conflict(_)) {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let message = match &e {
                AppError::Invalid(f) => f.iter().map(|f| f.to_string()).collect::<Vec<_>>().join("; "),
                other => other.to_string(),
            };
            let page = page_view(
                state,
                actor,
                FieldErrors::from_app(&e).unwrap_or_default(),
                Some(format!("Not saved: {message}.")),
            )
            .await?;
            Ok(view::render_status(status, &page))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn create(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let result = state
        .app
        .create_position(
            &actor,
            field(&pairs, "statement"),
            field(&pairs, "explanation"),
            field(&pairs, "themes"),
            &fields(&pairs, "evidence"),
        )
        .await
        .map(|_| ());
    or_explain(&state, &actor, result).await
}

pub async fn update(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "position")?;
    let result = state
        .app
        .update_position(
            &actor,
            &id,
            field(&pairs, "statement"),
            field(&pairs, "explanation"),
            field(&pairs, "themes"),
            &fields(&pairs, "evidence"),
            field(&pairs, "listed") == "yes",
        )
        .await;
    or_explain(&state, &actor, result).await
}

pub async fn move_it(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "position")?;
    state.app.move_position(&actor, &id, field(&pairs, "direction") == "up").await?;
    Ok(Redirect::to("/journal/page").into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    let id = record_id(&id, "position")?;
    state.app.delete_position(&actor, &id).await?;
    Ok(Redirect::to("/journal/page").into_response())
}

pub async fn publish(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let result = state.app.publish_page(&actor, field(&pairs, "note")).await.map(|_| ());
    or_explain(&state, &actor, result).await
}

pub async fn flags(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let result = state
        .app
        .set_page_flags(&actor, field(&pairs, "published") == "yes", field(&pairs, "indexable") == "yes")
        .await;
    or_explain(&state, &actor, result).await
}
