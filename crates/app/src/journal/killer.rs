//! Killer questions: recorded by the leader, attributed to the mentor who asked; a bank for the
//! leader, and for each coach the questions they asked (never another mentor's), to reuse.

use super::meta;
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::journal::limits;
use coachkit_domain::privacy::{self, RecordKind, Viewer};
use coachkit_domain::relationship::Side;
use coachkit_domain::text::bounded;
use coachkit_domain::{RecordId, RelationshipId};
use coachkit_store::journal::{KillerRow, ToolkitRow};
use serde::Serialize;

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct KillerView {
    pub id: String,
    pub text: String,
    pub asked_by: Option<String>,
    pub relationship_id: String,
    pub session_id: Option<String>,
    pub created_at: i64,
}

impl KillerView {
    pub(crate) fn visible(viewer: &Viewer, k: KillerRow) -> Option<Self> {
        let record = meta(
            RecordKind::KillerQuestion,
            &k.id,
            &k.leader_id,
            "relationship",
            Some(k.relationship_id.clone()),
            k.created_at,
        );
        if !privacy::can_read(viewer, &record).allowed() {
            return None;
        }
        Some(Self {
            id: k.id,
            text: k.text,
            asked_by: k.asked_by_name,
            relationship_id: k.relationship_id,
            session_id: k.session_id,
            created_at: k.created_at,
        })
    }
}

impl App {
    /// The leader records the question of a session that made them stop and think.
    pub async fn record_killer_question(&self, actor: &Actor, session_id: &str, text: &str) -> AppResult<String> {
        let session = self.store.journal_session(session_id).await?.ok_or(AppError::NotFound("session"))?;
        let (rel, side) =
            self.active_party_of(actor, &RelationshipId::from_trusted(session.relationship_id.clone())).await?;
        if side != Side::Leader {
            return Err(AppError::Forbidden("the leader records the question that made them stop and think"));
        }
        let text = bounded("text", text, limits::QUESTION)?;
        let id = RecordId::new().to_string();
        let asked_by = rel.coach_id.as_ref().map(|c| c.as_str().to_owned());
        self.store
            .create_killer_question(&id, &actor.user.id, rel.id.as_str(), Some(&session.id), asked_by.as_deref(), &text)
            .await?;
        Ok(id)
    }

    /// The leader's question bank: every killer question, from every mentor.
    pub async fn question_bank(&self, actor: &Actor) -> AppResult<Vec<KillerView>> {
        let viewer = self.member(actor).await?;
        Ok(self
            .store
            .killer_questions_of(&actor.user.id)
            .await?
            .into_iter()
            .filter_map(|k| KillerView::visible(&viewer, k))
            .collect())
    }

    /// The killer questions the actor asked as a coach, across clients (still checked one by one).
    pub async fn questions_i_asked(&self, actor: &Actor) -> AppResult<Vec<KillerView>> {
        let viewer = self.member(actor).await?;
        Ok(self
            .store
            .killer_questions_asked_by(&actor.user.id)
            .await?
            .into_iter()
            .filter_map(|k| KillerView::visible(&viewer, k))
            .collect())
    }

    /// Copies a killer question the actor asked into their own toolkit.
    pub async fn reuse_question(&self, actor: &Actor, question_id: &str) -> AppResult<()> {
        let row = self.store.killer_question(question_id).await?.ok_or(AppError::NotFound("question"))?;
        if row.asked_by.as_deref() != Some(actor.user.id.as_str()) {
            return Err(AppError::NotFound("question"));
        }
        self.store.add_to_toolkit(&actor.user.id, &row.text, Some(&row.id)).await?;
        Ok(())
    }

    /// Adds a question of the actor's own to their toolkit.
    pub async fn add_toolkit_question(&self, actor: &Actor, text: &str) -> AppResult<()> {
        let text = bounded("text", text, limits::QUESTION)?;
        self.store.add_to_toolkit(&actor.user.id, &text, None).await?;
        Ok(())
    }

    pub async fn toolkit(&self, actor: &Actor) -> AppResult<Vec<ToolkitRow>> {
        Ok(self.store.toolkit_of(&actor.user.id).await?)
    }
}
