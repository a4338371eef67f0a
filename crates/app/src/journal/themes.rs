//! Themes across mentors and months.

use super::ReflectionView;
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::RelationshipId;
use coachkit_domain::journal::ThemeName;
use coachkit_domain::relationship::Side;
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

    /// A leader's theme as one of their coaches or mentors sees it: the leader's label and only
    /// the reflections on it the policy lets the coach read. "Not found" when the coach may read
    /// none of them, so a theme's existence is not given away.
    pub async fn leader_theme_page(
        &self,
        actor: &Actor,
        relationship: &RelationshipId,
        key: &str,
    ) -> AppResult<ThemePage> {
        let (rel, side) = self.party_of(actor, relationship).await?;
        if side != Side::Coach {
            return Err(AppError::NotFound("theme"));
        }
        let key = ThemeName::parse(&key.replace('-', " ")).map_err(|_| AppError::NotFound("theme"))?;
        let (label, rows) =
            self.store.theme_page(rel.leader_id.as_str(), key.key()).await?.ok_or(AppError::NotFound("theme"))?;
        let viewer = self.member(actor).await?;
        let mut reflections: Vec<ReflectionView> =
            rows.into_iter().filter_map(|r| ReflectionView::visible(&viewer, r, &[])).collect();
        if reflections.is_empty() {
            return Err(AppError::NotFound("theme"));
        }
        self.add_themes(&mut reflections).await?;
        Ok(ThemePage { label, key: key.key().to_owned(), reflections })
    }

    /// The actor's theme labels, offered as they type.
    pub async fn theme_suggestions(&self, actor: &Actor) -> AppResult<Vec<String>> {
        Ok(self.store.theme_labels(&actor.user.id).await?)
    }
}
