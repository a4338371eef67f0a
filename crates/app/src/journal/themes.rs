//! Themes across mentors and months.

use super::ReflectionView;
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::journal::ThemeName;
use coachkit_store::journal::ThemeSummary;
use serde::Serialize;

/// One theme and every reflection on it, oldest first, with the mentor each came from.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ThemePage {
    pub label: String,
    pub key: String,
    pub reflections: Vec<ReflectionView>,
}

impl App {
    /// The actor's themes: how often each came up, with whom, when last.
    pub async fn theme_overview(&self, actor: &Actor) -> AppResult<Vec<ThemeSummary>> {
        Ok(self.store.theme_overview(&actor.user.id).await?)
    }

    /// A theme page. The key may be typed any way ("Letting Go", "letting-go"): it is normalised.
    pub async fn theme_page(&self, actor: &Actor, key: &str) -> AppResult<ThemePage> {
        let key = ThemeName::parse(&key.replace('-', " ")).map_err(|_| AppError::NotFound("theme"))?;
        let (label, rows) =
            self.store.theme_page(&actor.user.id, key.key()).await?.ok_or(AppError::NotFound("theme"))?;
        let partners = self.my_mentors(actor).await?;
        let mut reflections: Vec<ReflectionView> =
            rows.into_iter().map(|r| ReflectionView::from_row(r, &partners)).collect();
        self.add_themes(&mut reflections).await?;
        Ok(ThemePage { label, key: key.key().to_owned(), reflections })
    }

    /// The actor's theme labels, offered as they type.
    pub async fn theme_suggestions(&self, actor: &Actor) -> AppResult<Vec<String>> {
        Ok(self.store.theme_labels(&actor.user.id).await?)
    }
}
