//! Dates for the demo. Its story spans months, but it is loaded in one go: these statements move
//! a just-written record's own timestamps back to when the story says it happened, so reflections,
//! relationships and sessions roll up "across mentors and months" the day the demo loads. Only
//! the demo loader calls them; nothing a person does moves a date back.

use crate::Store;
use crate::error::DbResult;

impl Store {
    /// A relationship invited and accepted at `at`.
    pub async fn demo_date_relationship(&self, id: &str, at: i64) -> DbResult<()> {
        sqlx::query(
            "UPDATE relationships SET created_at = $1, answered_at = CASE WHEN answered_at IS NULL THEN NULL ELSE $1 END \
             WHERE id = $2",
        )
        .bind(at)
        .bind(id)
        .execute(&self.writer)
        .await?;
        self.lists_changed();
        Ok(())
    }

    /// A reflection written (and shared as it is now) at `at`, with its search row and audience log.
    pub async fn demo_date_reflection(&self, id: &str, at: i64) -> DbResult<()> {
        self.move_back(
            id,
            at,
            &[
                "UPDATE reflections SET created_at = $1, updated_at = $1, shared_at = $1 WHERE id = $2",
                "UPDATE search_documents SET updated_at = $1, shared_at = $1 WHERE record_id = $2",
                "UPDATE audience_changes SET changed_at = $1 WHERE record_id = $2",
            ],
        )
        .await
    }

    /// A session (already planned for its own date) written down at `at`, with its search row.
    pub async fn demo_date_session(&self, id: &str, at: i64) -> DbResult<()> {
        self.move_back(
            id,
            at,
            &[
                "UPDATE journal_sessions SET created_at = $1, updated_at = $1 WHERE id = $2",
                "UPDATE search_documents SET updated_at = $1, shared_at = $1 WHERE record_id = $2",
            ],
        )
        .await
    }

    /// A learning-log participant who joined at `at` and has not been back since (the demo's quiet
    /// participant): their place in the programme and their last visit move back together.
    pub async fn demo_date_ll_participant(&self, programme: &str, user: &str, at: i64) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE ll_participants SET joined_at = $1, last_active_at = $1, shared_at = $1 \
             WHERE programme_id = $2 AND user_id = $3",
        )
        .bind(at)
        .bind(programme)
        .bind(user)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE users SET last_active_at = $1 WHERE id = $2").bind(at).bind(user).execute(&mut *tx).await?;
        tx.commit().await?;
        self.lists_changed();
        Ok(())
    }

    /// Runs `statements` (each binding `$1` = `at`, `$2` = `id`) in one write transaction, so a
    /// record and the rows that mirror it move together.
    async fn move_back(&self, id: &str, at: i64, statements: &[&str]) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        for statement in statements {
            sqlx::query(statement).bind(at).bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
