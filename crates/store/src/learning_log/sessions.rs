//! The coaching sessions in a participant's log: planned with a GROW plan, then held with GROW notes.

use crate::error::DbResult;
use crate::{Store, now_ms};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub id: String,
    pub programme_id: String,
    pub participant_id: String,
    pub relationship_id: Option<String>,
    pub coachee_id: Option<String>,
    pub coachee_name: String,
    pub held_on: i64,
    pub topic: String,
    pub state: String,
    pub plan_goal: Option<String>,
    pub plan_reality: Option<String>,
    pub plan_options: Option<String>,
    pub plan_way_forward: Option<String>,
    pub notes_goal: Option<String>,
    pub notes_reality: Option<String>,
    pub notes_options: Option<String>,
    pub notes_way_forward: Option<String>,
    pub held_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

const SELECT: &str = "SELECT id, programme_id, participant_id, relationship_id, coachee_id, coachee_name, held_on, \
    topic, state, plan_goal, plan_reality, plan_options, plan_way_forward, notes_goal, notes_reality, notes_options, \
    notes_way_forward, held_at, created_at, updated_at FROM ll_sessions";

/// The four GROW fields, each optional.
#[derive(Clone, Debug, Default)]
pub struct GrowText {
    pub goal: Option<String>,
    pub reality: Option<String>,
    pub options: Option<String>,
    pub way_forward: Option<String>,
}

pub struct NewSession<'a> {
    pub id: &'a str,
    pub programme_id: &'a str,
    pub participant_id: &'a str,
    pub relationship_id: Option<&'a str>,
    pub coachee_id: Option<&'a str>,
    pub coachee_name: &'a str,
    pub held_on: i64,
    pub topic: &'a str,
    pub plan: &'a GrowText,
}

impl Store {
    /// Plans a session, unless the participant already has `cap` sessions in this programme:
    /// false then, and nothing written. The count and the insert share one write transaction
    /// that first touches the participant's row, so two sessions planned at the same moment
    /// cannot both slip under the cap (SQLite writes one at a time; PostgreSQL's row lock
    /// queues the second until the first commits).
    pub async fn create_ll_session(&self, s: NewSession<'_>, cap: i64) -> DbResult<bool> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE ll_participants SET last_active_at = $1 WHERE programme_id = $2 AND user_id = $3")
            .bind(now)
            .bind(s.programme_id)
            .bind(s.participant_id)
            .execute(&mut *tx)
            .await?;
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM ll_sessions WHERE programme_id = $1 AND participant_id = $2")
                .bind(s.programme_id)
                .bind(s.participant_id)
                .fetch_one(&mut *tx)
                .await?;
        if count >= cap {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO ll_sessions (id, programme_id, participant_id, relationship_id, coachee_id, coachee_name, \
             held_on, topic, state, plan_goal, plan_reality, plan_options, plan_way_forward, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'planned', $9, $10, $11, $12, $13, $13)",
        )
        .bind(s.id)
        .bind(s.programme_id)
        .bind(s.participant_id)
        .bind(s.relationship_id)
        .bind(s.coachee_id)
        .bind(s.coachee_name)
        .bind(s.held_on)
        .bind(s.topic)
        .bind(&s.plan.goal)
        .bind(&s.plan.reality)
        .bind(&s.plan.options)
        .bind(&s.plan.way_forward)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn ll_session(&self, id: &str) -> DbResult<Option<SessionRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE id = $1")).bind(id).fetch_optional(&self.pool).await?)
    }

    /// A participant's sessions in one programme, by date.
    pub async fn ll_sessions_of(&self, programme: &str, participant: &str) -> DbResult<Vec<SessionRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE programme_id = $1 AND participant_id = $2 ORDER BY held_on, id"))
            .bind(programme)
            .bind(participant)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Changes a session's date, topic and plan.
    pub async fn update_ll_session_plan(&self, id: &str, held_on: i64, topic: &str, plan: &GrowText) -> DbResult<()> {
        sqlx::query(
            "UPDATE ll_sessions SET held_on = $1, topic = $2, plan_goal = $3, plan_reality = $4, plan_options = $5, \
             plan_way_forward = $6, updated_at = $7 WHERE id = $8",
        )
        .bind(held_on)
        .bind(topic)
        .bind(&plan.goal)
        .bind(&plan.reality)
        .bind(&plan.options)
        .bind(&plan.way_forward)
        .bind(now_ms())
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Records the session as held, with its notes (or changes the notes of one already held).
    pub async fn record_ll_session(&self, id: &str, notes: &GrowText) -> DbResult<()> {
        let now = now_ms();
        sqlx::query(
            "UPDATE ll_sessions SET state = 'held', held_at = COALESCE(held_at, $1), notes_goal = $2, \
             notes_reality = $3, notes_options = $4, notes_way_forward = $5, updated_at = $1 WHERE id = $6",
        )
        .bind(now)
        .bind(&notes.goal)
        .bind(&notes.reality)
        .bind(&notes.options)
        .bind(&notes.way_forward)
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Removes a session that is not one of the two cases: false (nothing removed) if it is.
    pub async fn delete_ll_session(&self, id: &str) -> DbResult<bool> {
        let done = sqlx::query(
            "DELETE FROM ll_sessions WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM ll_participants m \
             WHERE m.programme_id = ll_sessions.programme_id AND m.user_id = ll_sessions.participant_id \
             AND (m.best_session_id = ll_sessions.id OR m.hardest_session_id = ll_sessions.id))",
        )
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
