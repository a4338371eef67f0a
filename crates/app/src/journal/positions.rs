//! Positions and the public "what I think" page: curated statements, each backed by public
//! reflections; every publish is a new version, old versions stay readable by their own link.

use super::ReflectionView;
use super::reflections::reflection_meta;
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::RecordId;
use coachkit_domain::journal::{limits, parse_statement, parse_theme_list};
use coachkit_domain::privacy::{self, Viewer};
use coachkit_domain::text::{FieldError, optional_bounded};
use serde::{Deserialize, Serialize};

/// Longest note on a published version of the page, in characters.
pub const PUBLISH_NOTE_MAX: usize = 280;

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PositionView {
    pub id: String,
    pub statement: String,
    pub explanation: Option<String>,
    /// Shown on the page when it is next published.
    pub listed: bool,
    pub themes: Vec<String>,
    pub evidence: Vec<ReflectionView>,
}

/// A published version's content: a snapshot of the positions. Evidence is kept by id and shown
/// only while the reflection is still public, so making one private later also hides it from old
/// versions.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PageContent {
    pub positions: Vec<PublishedPosition>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PublishedPosition {
    pub statement: String,
    pub explanation: Option<String>,
    pub themes: Vec<String>,
    pub evidence: Vec<String>,
}

/// What the public page shows.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PublicPage {
    pub name: String,
    pub handle: String,
    pub headline: Option<String>,
    pub version: i64,
    pub current_version: i64,
    pub published_at: i64,
    pub indexable: bool,
    pub positions: Vec<PublicPosition>,
    /// (version, published_at, note), newest first.
    pub changelog: Vec<(i64, i64, Option<String>)>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PublicPosition {
    pub statement: String,
    pub explanation: Option<String>,
    pub themes: Vec<String>,
    pub evidence: Vec<ReflectionView>,
}

fn parse(
    statement: &str,
    explanation: &str,
    themes: &str,
) -> AppResult<(String, Option<String>, Vec<coachkit_domain::journal::ThemeName>)> {
    let mut errors: Vec<FieldError> = vec![];
    let s = parse_statement(statement).map_err(|e| errors.push(e)).ok();
    let e = optional_bounded("explanation", explanation, limits::POSITION_EXPLANATION).map_err(|e| errors.push(e)).ok();
    let t = parse_theme_list(themes).map_err(|e| errors.push(e)).ok();
    match (s, e, t) {
        (Some(s), Some(e), Some(t)) => Ok((s, e, t)),
        _ => Err(AppError::Invalid(errors)),
    }
}

impl App {
    /// Evidence must be the actor's own reflections; ids that are not are refused.
    async fn own_reflections(&self, actor: &Actor, ids: &[String]) -> AppResult<Vec<String>> {
        let mut out = vec![];
        for id in ids.iter().filter(|i| !i.is_empty()) {
            let r = self
                .store
                .reflection(id)
                .await?
                .ok_or_else(|| FieldError::not_found("evidence", "names a reflection that does not exist"))?;
            if r.author_id != actor.user.id {
                return Err(AppError::field("evidence", "names a reflection that is not yours"));
            }
            out.push(r.id);
        }
        Ok(out)
    }

    pub async fn create_position(
        &self,
        actor: &Actor,
        statement: &str,
        explanation: &str,
        themes: &str,
        evidence: &[String],
    ) -> AppResult<String> {
        let (s, e, t) = parse(statement, explanation, themes)?;
        let evidence = self.own_reflections(actor, evidence).await?;
        let theme_ids = self.store.ensure_themes(&actor.user.id, &t).await?;
        let id = RecordId::new().to_string();
        self.store.create_position(&id, &actor.user.id, &s, e.as_deref(), &theme_ids, &evidence).await?;
        Ok(id)
    }

    async fn own_position(&self, actor: &Actor, id: &str) -> AppResult<coachkit_store::journal::PositionRow> {
        let p = self.store.position(id).await?.ok_or(AppError::NotFound("position"))?;
        if p.owner_id != actor.user.id {
            return Err(AppError::NotFound("position"));
        }
        Ok(p)
    }

    #[allow(clippy::too_many_arguments)] // the form's fields
    pub async fn update_position(
        &self,
        actor: &Actor,
        id: &str,
        statement: &str,
        explanation: &str,
        themes: &str,
        evidence: &[String],
        listed: bool,
    ) -> AppResult<()> {
        let p = self.own_position(actor, id).await?;
        let (s, e, t) = parse(statement, explanation, themes)?;
        let evidence = self.own_reflections(actor, evidence).await?;
        let theme_ids = self.store.ensure_themes(&actor.user.id, &t).await?;
        self.store.update_position(&p.id, &s, e.as_deref(), listed, &theme_ids, &evidence).await?;
        Ok(())
    }

    pub async fn delete_position(&self, actor: &Actor, id: &str) -> AppResult<()> {
        let p = self.own_position(actor, id).await?;
        self.store.delete_position(&p.id).await?;
        Ok(())
    }

    pub async fn move_position(&self, actor: &Actor, id: &str, up: bool) -> AppResult<()> {
        let p = self.own_position(actor, id).await?;
        self.store.move_position(&actor.user.id, &p.id, if up { -1 } else { 1 }).await?;
        Ok(())
    }

    /// The actor's positions as drafts, with all their evidence (public or not: the page says which).
    pub async fn positions(&self, actor: &Actor) -> AppResult<Vec<PositionView>> {
        let partners = self.my_mentors(actor).await?;
        let mut out = vec![];
        for p in self.store.positions_of(&actor.user.id).await? {
            let (themes, evidence) = self.store.position_links(&p.id).await?;
            let evidence = self
                .store
                .reflections_by_ids(&evidence)
                .await?
                .into_iter()
                .map(|r| ReflectionView::from_row(r, &partners))
                .collect();
            out.push(PositionView {
                id: p.id,
                statement: p.statement,
                explanation: p.explanation,
                listed: p.listed != 0,
                themes: themes.into_iter().map(|t| t.1).collect(),
                evidence,
            });
        }
        Ok(out)
    }

    /// Publishes the listed positions as a new version of the public page.
    pub async fn publish_page(&self, actor: &Actor, note: &str) -> AppResult<i64> {
        let note = optional_bounded("note", note, PUBLISH_NOTE_MAX)?;
        let mut positions = vec![];
        for p in self.store.positions_of(&actor.user.id).await?.into_iter().filter(|p| p.listed != 0) {
            let (themes, evidence) = self.store.position_links(&p.id).await?;
            positions.push(PublishedPosition {
                statement: p.statement,
                explanation: p.explanation,
                themes: themes.into_iter().map(|t| t.1).collect(),
                evidence,
            });
        }
        if positions.is_empty() {
            return Err(AppError::Conflict("add at least one listed position before publishing".into()));
        }
        let content = serde_json::to_string(&PageContent { positions }).map_err(|e| AppError::Internal(Box::new(e)))?;
        Ok(self.store.publish_page(&actor.user.id, &content, note.as_deref()).await?)
    }

    pub async fn set_page_flags(&self, actor: &Actor, published: bool, indexable: bool) -> AppResult<()> {
        if published && self.store.page_state(&actor.user.id).await?.current_version == 0 {
            return Err(AppError::Conflict("publish a first version before putting the page up".into()));
        }
        self.store.set_page_flags(&actor.user.id, published, indexable).await?;
        Ok(())
    }

    pub async fn page_state(&self, actor: &Actor) -> AppResult<coachkit_store::journal::PageRow> {
        Ok(self.store.page_state(&actor.user.id).await?)
    }

    /// The public page of `handle` (its current version, or `version`), as anyone without an
    /// account sees it. Evidence passes the policy as an anonymous viewer, one by one.
    pub async fn public_page(&self, handle: &str, version: Option<i64>) -> AppResult<PublicPage> {
        let user =
            self.store.user_by_handle(handle).await?.filter(|u| !u.is_disabled()).ok_or(AppError::NotFound("page"))?;
        let state = self.store.page_state(&user.id).await?;
        if state.published == 0 || state.current_version == 0 {
            return Err(AppError::NotFound("page"));
        }
        let row = self
            .store
            .page_version(&user.id, version.unwrap_or(state.current_version))
            .await?
            .ok_or(AppError::NotFound("page version"))?;
        let content: PageContent = serde_json::from_str(&row.content).map_err(|e| AppError::Internal(Box::new(e)))?;
        let anonymous = Viewer::Anonymous;
        let mut positions = vec![];
        for p in content.positions {
            let mut evidence = vec![];
            for r in self.store.reflections_by_ids(&p.evidence).await? {
                if r.author_id == user.id && privacy::can_read(&anonymous, &reflection_meta(&r)).allowed() {
                    evidence.push(ReflectionView::from_row(r, &[]));
                }
            }
            self.add_themes(&mut evidence).await?;
            positions.push(PublicPosition {
                statement: p.statement,
                explanation: p.explanation,
                themes: p.themes,
                evidence,
            });
        }
        let changelog = self
            .store
            .page_versions(&user.id)
            .await?
            .into_iter()
            .map(|v| (v.version, v.published_at, v.note))
            .collect();
        Ok(PublicPage {
            name: user.display_name,
            handle: user.handle,
            headline: user.headline,
            version: row.version,
            current_version: state.current_version,
            published_at: row.published_at,
            indexable: state.indexable != 0,
            positions,
            changelog,
        })
    }
}
