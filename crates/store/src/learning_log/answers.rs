//! Answers to the programme's questions, one per question and case, with the skill they are about.

use crate::error::DbResult;
use crate::{Store, now_ms};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AnswerRow {
    pub case_kind: String,
    pub position: i64,
    pub answer: String,
    pub skill: Option<String>,
    pub updated_at: i64,
}

/// A skill tag on an answer in a log, with the log's audience: the app counts only the tags of
/// logs the policy lets the facilitator read.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SharedSkill {
    pub participant_id: String,
    pub audience: String,
    pub audience_target: Option<String>,
    pub shared_at: i64,
    pub skill: String,
}

/// `Store::ll_shared_skill_tags`'s statement (public for the benchmark's plans). It goes from the
/// shared logs to their answers: SQLite keeps a CROSS JOIN's order, and started from every answer
/// of the programme otherwise (6,400 lookups for 200 people).
pub const SHARED_SKILLS_SQL: &str = "SELECT a.participant_id, m.audience, m.audience_target, m.shared_at, a.skill FROM ll_participants m \
             CROSS JOIN ll_answers a WHERE m.programme_id = $1 AND m.audience <> 'private' \
             AND a.programme_id = m.programme_id AND a.participant_id = m.user_id AND a.skill IS NOT NULL";

impl Store {
    /// Saves the answers given (an empty one removes the answer) in one transaction, and marks
    /// the participant active. `answers` holds (case, position, answer, skill).
    pub async fn save_ll_answers(
        &self,
        programme: &str,
        participant: &str,
        answers: &[(String, i64, String, Option<String>)],
    ) -> DbResult<()> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        for (case, position, answer, skill) in answers {
            if answer.is_empty() {
                sqlx::query(
                    "DELETE FROM ll_answers WHERE programme_id = $1 AND participant_id = $2 AND case_kind = $3 \
                     AND position = $4",
                )
                .bind(programme)
                .bind(participant)
                .bind(case)
                .bind(position)
                .execute(&mut *tx)
                .await?;
                continue;
            }
            sqlx::query(
                "INSERT INTO ll_answers (programme_id, participant_id, case_kind, position, answer, skill, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (programme_id, participant_id, case_kind, position) \
                 DO UPDATE SET answer = excluded.answer, skill = excluded.skill, updated_at = excluded.updated_at",
            )
            .bind(programme)
            .bind(participant)
            .bind(case)
            .bind(position)
            .bind(answer)
            .bind(skill)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("UPDATE ll_participants SET last_active_at = $1 WHERE programme_id = $2 AND user_id = $3")
            .bind(now)
            .bind(programme)
            .bind(participant)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn ll_answers_of(&self, programme: &str, participant: &str) -> DbResult<Vec<AnswerRow>> {
        Ok(sqlx::query_as(
            "SELECT case_kind, position, answer, skill, updated_at FROM ll_answers \
             WHERE programme_id = $1 AND participant_id = $2 ORDER BY case_kind, position",
        )
        .bind(programme)
        .bind(participant)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Every skill tag a person put on their answers, across all their programmes.
    pub async fn ll_skill_tags_of(&self, participant: &str) -> DbResult<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT skill FROM ll_answers WHERE participant_id = $1 AND skill IS NOT NULL ORDER BY programme_id",
        )
        .bind(participant)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// The skill tags in a programme's logs that are shared with anyone, with each log's audience.
    pub async fn ll_shared_skill_tags(&self, programme: &str) -> DbResult<Vec<SharedSkill>> {
        Ok(sqlx::query_as(SHARED_SKILLS_SQL).bind(programme).fetch_all(&self.pool).await?)
    }
}
