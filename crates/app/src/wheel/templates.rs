//! Wheel templates: a person's named lists of 2 to 12 areas. A coach keeps a few and starts
//! clients' assessments from them; anyone may keep their own. The built-in four areas need no row.

use super::load::rebuild_template;
use super::views::AreaView;
use super::{WheelError, WheelResult};
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::RecordId;
use coachkit_domain::wheel::{RawArea, Template};
use coachkit_store::wheel::{TemplateAreaRow, TemplateRow};
use serde::Serialize;
use utoipa::ToSchema;

/// How the built-in template is named where a template id is expected.
pub const DEFAULT_TEMPLATE_KEY: &str = "default";

/// A template as its owner sees it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TemplateView {
    /// A template id, or "default" for the built-in four areas.
    pub id: String,
    pub name: String,
    pub areas: Vec<AreaView>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl TemplateView {
    fn from_rows(t: TemplateRow, areas: Vec<TemplateAreaRow>) -> Self {
        Self {
            id: t.id,
            name: t.name,
            areas: areas.into_iter().map(|a| AreaView { name: a.name, meaning: a.meaning }).collect(),
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }

    /// The built-in four areas, listed beside a person's own templates.
    pub fn default_four() -> Self {
        let t = Template::default_four();
        Self {
            id: DEFAULT_TEMPLATE_KEY.into(),
            name: t.name().as_str().to_owned(),
            areas: t
                .areas()
                .iter()
                .map(|a| AreaView {
                    name: a.name.as_str().to_owned(),
                    meaning: a.meaning.as_ref().map(|m| m.as_str().to_owned()),
                })
                .collect(),
            created_at: 0,
            updated_at: 0,
        }
    }

    /// The rows of an editing form.
    pub fn to_raw(&self) -> Vec<RawArea> {
        self.areas.iter().map(|a| RawArea::new(a.name.clone(), a.meaning.clone().unwrap_or_default())).collect()
    }
}

impl App {
    /// The actor's own templates, most recently changed first.
    pub async fn wheel_templates(&self, actor: &Actor) -> AppResult<Vec<TemplateView>> {
        Ok(self
            .store
            .wheel_templates_of(&actor.user.id)
            .await?
            .into_iter()
            .map(|(t, areas)| TemplateView::from_rows(t, areas))
            .collect())
    }

    /// One of the actor's templates; anyone else's is "not found".
    pub async fn wheel_template(&self, actor: &Actor, id: &str) -> AppResult<TemplateView> {
        let (t, areas) = self.own_template_rows(actor, id).await?;
        Ok(TemplateView::from_rows(t, areas))
    }

    async fn own_template_rows(&self, actor: &Actor, id: &str) -> AppResult<(TemplateRow, Vec<TemplateAreaRow>)> {
        let id = RecordId::parse(id).map_err(|_| AppError::NotFound("template"))?;
        match self.store.wheel_template(id.as_str()).await? {
            Some((t, areas)) if t.owner_id == actor.user.id => Ok((t, areas)),
            _ => Err(AppError::NotFound("template")),
        }
    }

    /// The template an assessment starts from: the built-in one for an empty id or "default",
    /// otherwise one of the actor's own. Returns the id to remember with it.
    pub(crate) async fn template_to_start(&self, actor: &Actor, id: &str) -> AppResult<(Option<String>, Template)> {
        let id = id.trim();
        if id.is_empty() || id == DEFAULT_TEMPLATE_KEY {
            return Ok((None, Template::default_four()));
        }
        let (t, areas) = self.own_template_rows(actor, id).await?;
        let template = rebuild_template(&t.id, &t.name, &areas)?;
        Ok((Some(t.id), template))
    }

    /// Saves a new template from a form's name and rows; every refusal comes back at once.
    pub async fn create_wheel_template(&self, actor: &Actor, name: &str, rows: &[RawArea]) -> WheelResult<String> {
        let template = Template::parse(name, rows)?;
        let id = RecordId::new().to_string();
        self.store.create_wheel_template(&id, &actor.user.id, &template).await?;
        Ok(id)
    }

    /// Renames a template and replaces its areas. Assessments already made keep their own copy.
    pub async fn update_wheel_template(
        &self,
        actor: &Actor,
        id: &str,
        name: &str,
        rows: &[RawArea],
    ) -> WheelResult<()> {
        let (t, _) = self.own_template_rows(actor, id).await?;
        let template = Template::parse(name, rows)?;
        if !self.store.update_wheel_template(&t.id, &template).await? {
            return Err(WheelError::App(AppError::NotFound("template")));
        }
        Ok(())
    }

    pub async fn delete_wheel_template(&self, actor: &Actor, id: &str) -> AppResult<()> {
        let (t, _) = self.own_template_rows(actor, id).await?;
        self.store.delete_wheel_template(&t.id).await?;
        Ok(())
    }
}
