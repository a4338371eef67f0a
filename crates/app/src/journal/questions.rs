//! Open questions a leader must answer for themselves.

use super::{ReflectionView, audience_label, meta};
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::RecordId;
use coachkit_domain::RelationshipId;
use coachkit_domain::journal::{QuestionStatus, limits, parse_audience};
use coachkit_domain::privacy::{Audience, RecordKind};
use coachkit_domain::text::bounded;
use serde::Serialize;

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct QuestionView {
    pub id: String,
    pub text: String,
    pub status: QuestionStatus,
    pub audience: String,
    /// Reflections that moved it on, oldest first.
    pub progress: Vec<ReflectionView>,
    pub created_at: i64,
}

impl App {
    pub async fn ask_open_question(&self, actor: &Actor, text: &str, audience: &str) -> AppResult<String> {
        let text = bounded("text", text, limits::QUESTION)?;
        let mine: Vec<RelationshipId> = self.my_mentors(actor).await?.into_iter().map(|m| m.id).collect();
        let audience = parse_audience(audience, RecordKind::OpenQuestion, &mine)?;
        let id = RecordId::new().to_string();
        self.store.create_question(&id, &actor.user.id, &text, &audience).await?;
        Ok(id)
    }

    /// The actor's own open questions with the reflections that moved each on.
    pub async fn open_questions(&self, actor: &Actor) -> AppResult<Vec<QuestionView>> {
        let partners = self.my_mentors(actor).await?;
        let mut out = vec![];
        for q in self.store.questions_of(&actor.user.id).await? {
            let ids = self.store.question_progress(&q.id).await?;
            let progress = self
                .store
                .reflections_by_ids(&ids)
                .await?
                .into_iter()
                .map(|r| ReflectionView::from_row(r, &partners))
                .collect();
            out.push(QuestionView {
                status: QuestionStatus::parse(&q.status).unwrap_or(QuestionStatus::Open),
                audience: audience_label(&Audience::from_parts(&q.audience, q.audience_target.clone()), &partners),
                id: q.id,
                text: q.text,
                progress,
                created_at: q.created_at,
            });
        }
        Ok(out)
    }

    async fn own_question(&self, actor: &Actor, id: &str) -> AppResult<coachkit_store::journal::QuestionRow> {
        let q = self.store.question(id).await?.ok_or(AppError::NotFound("question"))?;
        let viewer = self.member(actor).await?;
        let record =
            meta(RecordKind::OpenQuestion, &q.id, &q.owner_id, &q.audience, q.audience_target.clone(), q.shared_at);
        Self::check_write(&viewer, &record, "question")?;
        Ok(q)
    }

    pub async fn set_question_status(&self, actor: &Actor, id: &str, status: &str) -> AppResult<()> {
        let status = QuestionStatus::parse(status)
            .ok_or_else(|| AppError::field("status", "must be open, answered or dropped"))?;
        let q = self.own_question(actor, id).await?;
        self.store.set_question_status(&q.id, status.as_str()).await?;
        Ok(())
    }

    /// Notes that one of the actor's reflections moved a question on.
    pub async fn link_progress(&self, actor: &Actor, question: &str, reflection: &str) -> AppResult<()> {
        let q = self.own_question(actor, question).await?;
        let r = self.store.reflection(reflection).await?.ok_or(AppError::NotFound("reflection"))?;
        if r.author_id != actor.user.id {
            return Err(AppError::NotFound("reflection"));
        }
        self.store.link_question_progress(&q.id, &r.id).await?;
        Ok(())
    }
}
