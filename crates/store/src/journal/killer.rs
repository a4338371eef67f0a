//! Killer questions and coaches' toolkits.

use crate::error::DbResult;
use crate::{Store, now_ms};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct KillerRow {
    pub id: String,
    pub leader_id: String,
    pub relationship_id: String,
    pub session_id: Option<String>,
    pub asked_by: Option<String>,
    pub asked_by_name: Option<String>,
    pub text: String,
    pub created_at: i64,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ToolkitRow {
    pub id: String,
    pub text: String,
    pub source_question_id: Option<String>,
    pub created_at: i64,
}

const SELECT: &str = "SELECT k.id, k.leader_id, k.relationship_id, k.session_id, k.asked_by, \
    u.display_name AS asked_by_name, k.text, k.created_at FROM killer_questions k LEFT JOIN users u ON u.id = k.asked_by";

impl Store {
    #[allow(clippy::too_many_arguments)] // the question's columns
    pub async fn create_killer_question(
        &self,
        id: &str,
        leader: &str,
        relationship_id: &str,
        session_id: Option<&str>,
        asked_by: Option<&str>,
        text: &str,
    ) -> DbResult<()> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO killer_questions (id, leader_id, relationship_id, session_id, asked_by, text, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(leader)
        .bind(relationship_id)
        .bind(session_id)
        .bind(asked_by)
        .bind(text)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let audience = coachkit_domain::privacy::Audience::Relationship(coachkit_domain::RelationshipId::from_trusted(
            relationship_id.to_owned(),
        ));
        super::index_document(
            &mut tx,
            id,
            "killer_question",
            leader,
            Some(relationship_id),
            &audience,
            now,
            "Killer question",
            text,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn killer_question(&self, id: &str) -> DbResult<Option<KillerRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE k.id = $1")).bind(id).fetch_optional(&self.pool).await?)
    }

    /// The leader's question bank, newest first.
    pub async fn killer_questions_of(&self, leader: &str) -> DbResult<Vec<KillerRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE k.leader_id = $1 ORDER BY k.created_at DESC LIMIT 500"))
            .bind(leader)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Killer questions recorded for one session.
    pub async fn killer_questions_of_session(&self, session_id: &str) -> DbResult<Vec<KillerRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE k.session_id = $1 ORDER BY k.created_at"))
            .bind(session_id)
            .fetch_all(&self.pool)
            .await?)
    }

    /// The killer questions a coach asked, across all their clients.
    pub async fn killer_questions_asked_by(&self, coach: &str) -> DbResult<Vec<KillerRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE k.asked_by = $1 ORDER BY k.created_at DESC LIMIT 500"))
            .bind(coach)
            .fetch_all(&self.pool)
            .await?)
    }

    /// The newest killer question of one relationship.
    pub async fn last_killer_question(&self, relationship_id: &str) -> DbResult<Option<KillerRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE k.relationship_id = $1 ORDER BY k.created_at DESC LIMIT 1"))
            .bind(relationship_id)
            .fetch_optional(&self.pool)
            .await?)
    }

    pub async fn add_to_toolkit(&self, coach: &str, text: &str, source: Option<&str>) -> DbResult<()> {
        sqlx::query("INSERT INTO toolkit_questions (id, coach_id, text, source_question_id, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(coachkit_domain::RecordId::new().as_str())
            .bind(coach)
            .bind(text)
            .bind(source)
            .bind(now_ms())
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    pub async fn toolkit_of(&self, coach: &str) -> DbResult<Vec<ToolkitRow>> {
        Ok(sqlx::query_as(
            "SELECT id, text, source_question_id, created_at FROM toolkit_questions WHERE coach_id = $1 ORDER BY created_at DESC",
        )
        .bind(coach)
        .fetch_all(&self.pool)
        .await?)
    }
}
