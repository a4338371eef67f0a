//! Reframing: "if your whole job were only this area, what would you do?" The leader answers with
//! concrete tasks, one per item, and turns the ones they commit to into actions of practice 1.
//! Items are part of their assessment: whoever may read it reads them; only its owner writes
//! them, because naming the tasks is the leader's work.

use super::load::Loaded;
use crate::error::{AppError, AppResult};
use crate::journal::ActionInput;
use crate::{Actor, App};
use coachkit_domain::RecordId;
use coachkit_domain::privacy::Audience;
use coachkit_domain::text::bounded;
use serde::Serialize;
use utoipa::ToSchema;

/// Longest task, in characters: a line, not an essay.
const ITEM_MAX: usize = 300;
/// Most tasks kept for one area.
const ITEMS_PER_AREA: usize = 30;

/// One task named for one area.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReframingItemView {
    pub id: String,
    pub text: String,
    /// The action it became, while that action exists.
    pub action_id: Option<String>,
    /// That action's status (open, done, dropped).
    pub action_status: Option<String>,
}

/// One area's tasks.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReframingArea {
    /// Position of the area, from 0.
    pub index: usize,
    pub name: String,
    pub items: Vec<ReframingItemView>,
}

impl App {
    /// Every area of a loaded assessment with its tasks.
    pub(crate) async fn reframing_areas(&self, l: &Loaded) -> AppResult<Vec<ReframingArea>> {
        let items = self.store.reframing_items(&l.row.id).await?;
        Ok(l.assessment
            .areas()
            .iter()
            .enumerate()
            .map(|(index, area)| ReframingArea {
                index,
                name: area.name.as_str().to_owned(),
                items: items
                    .iter()
                    .filter(|i| i.area_position == index as i64)
                    .map(|i| ReframingItemView {
                        id: i.id.clone(),
                        text: i.text.clone(),
                        action_id: i.action_id.clone(),
                        action_status: i.action_status.clone(),
                    })
                    .collect(),
            })
            .collect())
    }

    /// Adds a task to area `area` (from 0) of one of the actor's assessments.
    pub async fn add_reframing_item(
        &self,
        actor: &Actor,
        assessment: &str,
        area: usize,
        text: &str,
    ) -> AppResult<String> {
        let l = self.load_own_assessment(actor, assessment).await?;
        if area >= l.assessment.areas().len() {
            return Err(AppError::NotFound("area"));
        }
        let text = bounded("text", text, ITEM_MAX)?;
        let existing = self.store.reframing_items(&l.row.id).await?;
        if existing.iter().filter(|i| i.area_position == area as i64).count() >= ITEMS_PER_AREA {
            return Err(AppError::field(
                "text",
                format!("cannot be added: an area keeps at most {ITEMS_PER_AREA} tasks"),
            ));
        }
        let id = RecordId::new().to_string();
        self.store.add_reframing_item(&id, &l.row.id, area as i64, &text).await?;
        Ok(id)
    }

    /// The item and its assessment, for its owner only.
    async fn own_item(&self, actor: &Actor, item: &str) -> AppResult<(coachkit_store::wheel::ReframingRow, Loaded)> {
        let id = RecordId::parse(item).map_err(|_| AppError::NotFound("task"))?;
        let row = self.store.reframing_item(id.as_str()).await?.ok_or(AppError::NotFound("task"))?;
        let l = self.load_own_assessment(actor, &row.assessment_id).await?;
        Ok((row, l))
    }

    pub async fn delete_reframing_item(&self, actor: &Actor, item: &str) -> AppResult<String> {
        let (row, l) = self.own_item(actor, item).await?;
        self.store.delete_reframing_item(&row.id).await?;
        Ok(l.row.id)
    }

    /// Turns a task into an action in the actor's journal, seen by whoever sees the assessment
    /// (as far as actions may be shared: with a coach the actor still works with, or all of them).
    /// Returns the assessment's id.
    pub async fn reframing_item_to_action(&self, actor: &Actor, item: &str, due: &str) -> AppResult<String> {
        let (row, l) = self.own_item(actor, item).await?;
        if row.action_id.is_some() {
            return Err(AppError::Conflict("this task is already an action".into()));
        }
        let mentors = self.my_mentors(actor).await?;
        let (audience, relationship_id) = match Audience::from_parts(&l.row.audience, l.row.audience_target.clone()) {
            Audience::Relationship(r) if mentors.iter().any(|m| m.id == r) => {
                (format!("relationship:{r}"), Some(r.to_string()))
            }
            Audience::AllMyCoaches if !mentors.is_empty() => ("all_my_coaches".to_owned(), None),
            _ => ("private".to_owned(), None),
        };
        let input = ActionInput {
            text: row.text.clone(),
            due: due.to_owned(),
            audience,
            relationship_id,
            ..Default::default()
        };
        let action = self.create_action(actor, &input).await?;
        self.store.link_reframing_action(&row.id, &action).await?;
        Ok(l.row.id)
    }
}
