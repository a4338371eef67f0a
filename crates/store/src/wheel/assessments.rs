//! Wheel assessments: the leader's, with a copy of the areas they were made with and what was
//! entered for each. A save replaces every entry at once and only if nobody saved in between
//! (`revision`), because a live assessment has two people filling one form.

use crate::error::DbResult;
use crate::journal::{log_audience_change, parts};
use crate::{Store, now_ms};
use coachkit_domain::privacy::Audience;
use coachkit_domain::wheel::{AreaMeaning, AreaNote, Assessment, TimeAmount};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AssessmentRow {
    pub id: String,
    pub owner_id: String,
    pub owner_name: String,
    pub relationship_id: Option<String>,
    /// The coach of `relationship_id`, for pages.
    pub coach_id: Option<String>,
    pub coach_name: Option<String>,
    pub started_by: Option<String>,
    /// 1 when filled in together in a session.
    pub live: i64,
    pub template_id: Option<String>,
    pub template_name: String,
    pub unit: String,
    pub status: String,
    pub audience: String,
    pub audience_target: Option<String>,
    pub shared_at: i64,
    pub taken_at: i64,
    pub revision: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One area of an assessment with what was entered (`None`: not yet).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EntryRow {
    pub position: i64,
    pub name: String,
    pub meaning: Option<String>,
    pub rating: Option<i64>,
    pub spent: Option<f64>,
    pub wished: Option<f64>,
    pub note: Option<String>,
}

pub struct NewAssessment<'a> {
    pub id: &'a str,
    pub owner_id: &'a str,
    pub relationship_id: Option<&'a str>,
    pub started_by: &'a str,
    pub live: bool,
    pub template_id: Option<&'a str>,
    /// "draft" or "complete".
    pub status: &'a str,
    pub audience: &'a Audience,
    pub taken_at: i64,
    /// Its areas are copied; what it holds is the first save.
    pub assessment: &'a Assessment,
}

const SELECT: &str = "SELECT a.id, a.owner_id, o.display_name AS owner_name, a.relationship_id, rel.coach_id, \
    c.display_name AS coach_name, a.started_by, a.live, a.template_id, a.template_name, a.unit, a.status, a.audience, \
    a.audience_target, a.shared_at, a.taken_at, a.revision, a.created_at, a.updated_at \
    FROM wheel_assessments a JOIN users o ON o.id = a.owner_id \
    LEFT JOIN relationships rel ON rel.id = a.relationship_id LEFT JOIN users c ON c.id = rel.coach_id";

impl Store {
    /// Creates an assessment with its copy of the areas and whatever was entered, in one transaction.
    pub async fn create_wheel_assessment(&self, a: NewAssessment<'_>) -> DbResult<()> {
        let now = now_ms();
        let (word, target) = parts(a.audience);
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO wheel_assessments (id, owner_id, relationship_id, started_by, live, template_id, template_name, \
               unit, status, audience, audience_target, shared_at, taken_at, revision, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0, $12, $12)",
        )
        .bind(a.id)
        .bind(a.owner_id)
        .bind(a.relationship_id)
        .bind(a.started_by)
        .bind(i64::from(a.live))
        .bind(a.template_id)
        .bind(a.assessment.template().name().as_str())
        .bind(a.assessment.unit().as_str())
        .bind(a.status)
        .bind(word)
        .bind(target)
        .bind(now)
        .bind(a.taken_at)
        .execute(&mut *tx)
        .await?;
        for (position, (area, entry)) in a.assessment.rows().enumerate() {
            sqlx::query(
                "INSERT INTO wheel_assessment_areas (assessment_id, position, name, meaning, rating, spent, wished, note) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(a.id)
            .bind(position as i64)
            .bind(area.name.as_str())
            .bind(area.meaning.as_ref().map(AreaMeaning::as_str))
            .bind(entry.rating.map(|r| i64::from(r.get())))
            .bind(entry.spent.map(TimeAmount::value))
            .bind(entry.wished.map(TimeAmount::value))
            .bind(entry.note.as_ref().map(AreaNote::as_str))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Replaces every entry, the unit and the status, if the assessment is still at `revision`.
    /// Returns false when someone saved in between (or it is gone): nothing is written then.
    pub async fn save_wheel_entries(
        &self,
        id: &str,
        revision: i64,
        assessment: &Assessment,
        status: &str,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE wheel_assessments SET unit = $1, status = $2, revision = revision + 1, updated_at = $3 \
             WHERE id = $4 AND revision = $5",
        )
        .bind(assessment.unit().as_str())
        .bind(status)
        .bind(now_ms())
        .bind(id)
        .bind(revision)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        for (position, entry) in assessment.entries().iter().enumerate() {
            sqlx::query(
                "UPDATE wheel_assessment_areas SET rating = $1, spent = $2, wished = $3, note = $4 \
                 WHERE assessment_id = $5 AND position = $6",
            )
            .bind(entry.rating.map(|r| i64::from(r.get())))
            .bind(entry.spent.map(TimeAmount::value))
            .bind(entry.wished.map(TimeAmount::value))
            .bind(entry.note.as_ref().map(AreaNote::as_str))
            .bind(id)
            .bind(position as i64)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Sets the status without touching the entries (reopening a finished assessment).
    pub async fn set_wheel_status(&self, id: &str, status: &str) -> DbResult<bool> {
        let done = sqlx::query(
            "UPDATE wheel_assessments SET status = $1, revision = revision + 1, updated_at = $2 WHERE id = $3",
        )
        .bind(status)
        .bind(now_ms())
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Changes who may see an assessment and logs the change.
    pub async fn set_wheel_audience(&self, id: &str, from: &Audience, to: &Audience) -> DbResult<bool> {
        let (word, target) = parts(to);
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE wheel_assessments SET audience = $1, audience_target = $2, shared_at = $3, updated_at = $3 \
             WHERE id = $4",
        )
        .bind(word)
        .bind(target)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        log_audience_change(&mut tx, id, from, to).await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn delete_wheel_assessment(&self, id: &str) -> DbResult<bool> {
        let done = sqlx::query("DELETE FROM wheel_assessments WHERE id = $1").bind(id).execute(&self.writer).await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn wheel_assessment(&self, id: &str) -> DbResult<Option<AssessmentRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE a.id = $1")).bind(id).fetch_optional(&self.pool).await?)
    }

    /// The areas of an assessment with their entries, in order.
    pub async fn wheel_entries(&self, id: &str) -> DbResult<Vec<EntryRow>> {
        Ok(sqlx::query_as(
            "SELECT position, name, meaning, rating, spent, wished, note FROM wheel_assessment_areas \
             WHERE assessment_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The owner's assessments, most recent first.
    pub async fn wheel_assessments_of(&self, owner: &str, limit: i64) -> DbResult<Vec<AssessmentRow>> {
        Ok(sqlx::query_as(&format!(
            "{SELECT} WHERE a.owner_id = $1 ORDER BY a.taken_at DESC, a.created_at DESC LIMIT $2"
        ))
        .bind(owner)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Finished assessments the leaders of a coach's active relationships shared with the coach
    /// side since each relationship's last held session. Candidates only.
    pub async fn wheel_assessments_for_coach_home(&self, coach: &str) -> DbResult<Vec<AssessmentRow>> {
        use crate::journal::coaching::{CLIENTS, SINCE};
        Ok(sqlx::query_as(&format!(
            "{SELECT} {CLIENTS} AND cr.leader_id = a.owner_id \
             WHERE ((a.audience = 'relationship' AND a.audience_target = cr.id) OR a.audience = 'all_my_coaches') \
               AND a.status = 'complete' AND (a.shared_at >= {SINCE} OR a.updated_at >= {SINCE}) \
             ORDER BY a.taken_at DESC LIMIT 200"
        ))
        .bind(coach)
        .fetch_all(&self.pool)
        .await?)
    }

    /// What `leader` addressed to the coach side: to this relationship or to all their coaches.
    /// Candidates only: the policy decides per row.
    pub async fn wheel_assessments_for_coach(
        &self,
        leader: &str,
        relationship_id: &str,
        limit: i64,
    ) -> DbResult<Vec<AssessmentRow>> {
        Ok(sqlx::query_as(&format!(
            "{SELECT} WHERE a.owner_id = $1 AND \
             ((a.audience = 'relationship' AND a.audience_target = $2) OR a.audience = 'all_my_coaches') \
             ORDER BY a.taken_at DESC, a.created_at DESC LIMIT $3"
        ))
        .bind(leader)
        .bind(relationship_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
