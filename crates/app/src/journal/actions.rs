//! Actions: from a session, a reflection or (later) a reframing; text, owner, due date, status.

use super::{audience_label, meta};
use crate::error::{AppError, AppResult};
use crate::{Actor, App, RelationshipView};
use coachkit_domain::journal::{ActionStatus, limits, parse_audience};
use coachkit_domain::privacy::{self, Audience, RecordKind, Viewer};
use coachkit_domain::relationship::Side;
use coachkit_domain::text::{FieldError, bounded};
use coachkit_domain::{RecordId, RelationshipId};
use coachkit_store::journal::{ActionRow, NewAction};
use coachkit_store::now_ms;
use serde::{Deserialize, Serialize};

/// What [`App::create_action`] reads in `assignee`: empty (me), "me" or "partner".
fn assignee_schema() -> utoipa::openapi::schema::Object {
    coachkit_domain::text::schema::words(["", "me", "partner"])
}

#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ActionInput {
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::journal::limits::ACTION }>, required = true)]
    pub text: String,
    /// "2026-12-01", or empty for no date.
    #[schema(schema_with = coachkit_domain::text::schema::date_or_empty)]
    pub due: String,
    /// "private", "relationship:<id>" or "all_my_coaches".
    #[schema(schema_with = coachkit_domain::journal::audience_schema::action)]
    pub audience: String,
    /// "me" (default) or "partner" (the coach or mentor of the relationship).
    #[schema(schema_with = assignee_schema)]
    pub assignee: String,
    pub relationship_id: Option<String>,
    pub session_id: Option<String>,
    pub reflection_id: Option<String>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ActionView {
    pub id: String,
    pub text: String,
    pub due_at: Option<i64>,
    pub overdue: bool,
    pub status: ActionStatus,
    pub audience: String,
    pub assignee: Option<String>,
    pub relationship_id: Option<String>,
    pub session_id: Option<String>,
    pub reflection_id: Option<String>,
    pub created_at: i64,
}

impl ActionView {
    fn from_row(a: ActionRow, partners: &[RelationshipView]) -> Self {
        let status = ActionStatus::parse(&a.status).unwrap_or(ActionStatus::Open);
        Self {
            overdue: status == ActionStatus::Open && a.due_at.is_some_and(|d| d + 86_400_000 <= now_ms()),
            audience: audience_label(&Audience::from_parts(&a.audience, a.audience_target.clone()), partners),
            id: a.id,
            text: a.text,
            due_at: a.due_at,
            status,
            assignee: a.assignee_name,
            relationship_id: a.relationship_id,
            session_id: a.session_id,
            reflection_id: a.reflection_id,
            created_at: a.created_at,
        }
    }
}

/// An action as a coach sees it (audience labels need no partner names).
pub(crate) fn view_for_coach(a: ActionRow) -> ActionView {
    ActionView::from_row(a, &[])
}

fn action_meta(a: &ActionRow) -> privacy::RecordMeta {
    meta(RecordKind::Action, &a.id, &a.owner_id, &a.audience, a.audience_target.clone(), a.shared_at)
}

impl App {
    /// Creates an action in the actor's journal. Its relationship comes from the session or
    /// reflection it grew from, or is named; it must be one the actor leads.
    pub async fn create_action(&self, actor: &Actor, input: &ActionInput) -> AppResult<String> {
        let mut errors: Vec<FieldError> = vec![];
        let text = bounded("text", &input.text, limits::ACTION).map_err(|e| errors.push(e)).ok();
        let due = super::time::parse_date("due", &input.due)
            .map_err(|e| {
                if let AppError::Invalid(f) = e {
                    errors.extend(f)
                }
            })
            .ok();
        let mentors = self.my_mentors(actor).await?;
        let mine: Vec<RelationshipId> = mentors.iter().map(|m| m.id.clone()).collect();
        let audience = parse_audience(&input.audience, RecordKind::Action, &mine).map_err(|e| errors.push(e)).ok();
        let (Some(text), Some(due), Some(audience)) = (text, due, audience) else {
            return Err(AppError::Invalid(errors));
        };
        let non_empty = |s: &Option<String>| s.clone().filter(|v| !v.is_empty());
        let session = match non_empty(&input.session_id) {
            Some(id) => Some(self.store.journal_session(&id).await?.ok_or(AppError::NotFound("session"))?),
            None => None,
        };
        let reflection = match non_empty(&input.reflection_id) {
            Some(id) => {
                let r = self.store.reflection(&id).await?.ok_or(AppError::NotFound("reflection"))?;
                if r.author_id != actor.user.id {
                    return Err(AppError::NotFound("reflection"));
                }
                Some(r)
            }
            None => None,
        };
        let relationship_id = non_empty(&input.relationship_id)
            .or_else(|| session.as_ref().map(|s| s.relationship_id.clone()))
            .or_else(|| reflection.as_ref().and_then(|r| r.relationship_id.clone()));
        let relationship = match &relationship_id {
            Some(rid) => {
                let rid = RelationshipId::parse(rid).map_err(|_| AppError::NotFound("relationship"))?;
                let (rel, side) = self.active_party_of(actor, &rid).await?;
                if side != Side::Leader {
                    return Err(AppError::Forbidden("actions live in the leader's journal"));
                }
                Some(rel)
            }
            None => None,
        };
        let assignee = match input.assignee.as_str() {
            "" | "me" => Some(actor.user.id.clone()),
            "partner" => match relationship.as_ref().and_then(|r| r.coach_id.clone()) {
                Some(coach) => Some(coach.to_string()),
                None => {
                    return Err(AppError::field("assignee", "can be the coach only for an action in a relationship"));
                }
            },
            _ => return Err(AppError::field("assignee", "must be me or partner")),
        };
        let id = RecordId::new().to_string();
        self.store
            .create_action(NewAction {
                id: &id,
                owner_id: &actor.user.id,
                relationship_id: relationship.as_ref().map(|r| r.id.as_str()),
                session_id: session.as_ref().map(|s| s.id.as_str()),
                reflection_id: reflection.as_ref().map(|r| r.id.as_str()),
                assignee_id: assignee.as_deref(),
                text: &text,
                due_at: due,
                audience: &audience,
            })
            .await?;
        Ok(id)
    }

    /// Marks an action open, done or dropped (its owner only).
    pub async fn set_action_status(&self, actor: &Actor, id: &str, status: &str) -> AppResult<()> {
        let status =
            ActionStatus::parse(status).ok_or_else(|| AppError::field("status", "must be open, done or dropped"))?;
        let row = self.store.action(id).await?.ok_or(AppError::NotFound("action"))?;
        let viewer = self.member(actor).await?;
        Self::check_write(&viewer, &action_meta(&row), "action")?;
        self.store.set_action_status(&row.id, status.as_str()).await?;
        Ok(())
    }

    /// The actor's open actions, soonest due first, overdue ones flagged.
    pub async fn open_actions(&self, actor: &Actor) -> AppResult<Vec<ActionView>> {
        let partners = self.my_mentors(actor).await?;
        Ok(self
            .store
            .open_actions_of(&actor.user.id, 100)
            .await?
            .into_iter()
            .map(|a| ActionView::from_row(a, &partners))
            .collect())
    }

    pub async fn all_actions(&self, actor: &Actor) -> AppResult<Vec<ActionView>> {
        let partners = self.my_mentors(actor).await?;
        Ok(self
            .store
            .actions_of(&actor.user.id, 500)
            .await?
            .into_iter()
            .map(|a| ActionView::from_row(a, &partners))
            .collect())
    }

    /// A relationship's actions as the actor may see them: all of them for the leader, those shared
    /// with them for the coach. Newest first, a page at a time.
    pub async fn relationship_actions(
        &self,
        actor: &Actor,
        relationship: &RelationshipId,
        before: Option<i64>,
        limit: i64,
    ) -> AppResult<Vec<ActionView>> {
        let (rel, _) = self.party_of(actor, relationship).await?;
        let viewer = self.member(actor).await?;
        let partners = self.my_mentors(actor).await?;
        Ok(self
            .store
            .actions_of_relationship(rel.id.as_str(), before, limit.clamp(1, 200))
            .await?
            .into_iter()
            .filter(|a| privacy::can_read(&viewer, &action_meta(a)).allowed())
            .map(|a| ActionView::from_row(a, &partners))
            .collect())
    }

    pub(crate) fn action_visible(viewer: &Viewer, a: &ActionRow) -> bool {
        privacy::can_read(viewer, &action_meta(a)).allowed()
    }
}
