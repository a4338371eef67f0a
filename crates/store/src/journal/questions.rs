//! Open questions a leader must answer for themselves, and the reflections that moved them on.

use super::{index_document, parts};
use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::privacy::Audience;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QuestionRow {
    pub id: String,
    pub owner_id: String,
    pub text: String,
    pub status: String,
    pub audience: String,
    pub audience_target: Option<String>,
    pub shared_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, owner_id, text, status, audience, audience_target, shared_at, created_at, updated_at";

impl Store {
    pub async fn create_question(&self, id: &str, owner: &str, text: &str, audience: &Audience) -> DbResult<()> {
        let now = now_ms();
        let (word, target) = parts(audience);
        let mut tx = self.begin_write().await?;
        sqlx::query(&format!("INSERT INTO open_questions ({COLUMNS}) VALUES ($1, $2, $3, 'open', $4, $5, $6, $6, $6)"))
            .bind(id)
            .bind(owner)
            .bind(text)
            .bind(word)
            .bind(target)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        index_document(&mut tx, id, "open_question", owner, None, audience, now, "Open question", text).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn question(&self, id: &str) -> DbResult<Option<QuestionRow>> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM open_questions WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    pub async fn questions_of(&self, owner: &str) -> DbResult<Vec<QuestionRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM open_questions WHERE owner_id = $1 \
             ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, created_at DESC LIMIT 500"
        ))
        .bind(owner)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn set_question_status(&self, id: &str, status: &str) -> DbResult<bool> {
        let done = sqlx::query("UPDATE open_questions SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status)
            .bind(now_ms())
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn link_question_progress(&self, question: &str, reflection: &str) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO question_progress (question_id, reflection_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(question)
        .bind(reflection)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Ids of the reflections that moved a question on, oldest first.
    pub async fn question_progress(&self, question: &str) -> DbResult<Vec<String>> {
        let rows: Vec<(String,)> =
            sqlx::query_as("SELECT reflection_id FROM question_progress WHERE question_id = $1 ORDER BY created_at")
                .bind(question)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }
}
