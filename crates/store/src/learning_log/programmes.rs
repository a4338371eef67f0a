//! Programmes: their settings, their own copy of the questions, resources and facilitators.

use crate::error::DbResult;
use crate::{Store, now_ms};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProgrammeRow {
    pub id: String,
    pub created_by: String,
    pub org_id: Option<String>,
    pub org_name: Option<String>,
    pub copied_from: Option<String>,
    pub name: String,
    pub training: Option<String>,
    pub starts_at: i64,
    pub weeks: i64,
    pub session_cap: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const SELECT: &str = "SELECT p.id, p.created_by, p.org_id, o.name AS org_name, p.copied_from, p.name, p.training, \
    p.starts_at, p.weeks, p.session_cap, p.created_at, p.updated_at \
    FROM ll_programmes p LEFT JOIN organisations o ON o.id = p.org_id";

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QuestionRow {
    pub position: i64,
    pub question_key: String,
    pub prompt: String,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ResourceRow {
    pub id: String,
    pub position: i64,
    pub toolkit_key: Option<String>,
    pub title: String,
    pub body: Option<String>,
    pub url: Option<String>,
}

pub struct NewResource {
    pub id: String,
    pub toolkit_key: Option<String>,
    pub title: String,
    pub body: Option<String>,
    pub url: Option<String>,
}

pub struct NewProgramme<'a> {
    pub id: &'a str,
    pub created_by: &'a str,
    pub org_id: Option<&'a str>,
    pub copied_from: Option<&'a str>,
    pub name: &'a str,
    pub training: Option<&'a str>,
    pub starts_at: i64,
    pub weeks: i64,
    pub session_cap: i64,
    /// (key, prompt) in order.
    pub questions: &'a [(String, String)],
    pub resources: &'a [NewResource],
}

/// The settings a facilitator may change later.
pub struct SettingsChange<'a> {
    pub name: &'a str,
    pub training: Option<&'a str>,
    pub starts_at: i64,
    pub weeks: i64,
    pub session_cap: i64,
}

impl Store {
    /// Writes a programme, its creator as its first facilitator, its questions and resources in
    /// one transaction: all or nothing.
    pub async fn create_ll_programme(&self, p: NewProgramme<'_>) -> DbResult<()> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO ll_programmes (id, created_by, org_id, copied_from, name, training, starts_at, weeks, \
             session_cap, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
        )
        .bind(p.id)
        .bind(p.created_by)
        .bind(p.org_id)
        .bind(p.copied_from)
        .bind(p.name)
        .bind(p.training)
        .bind(p.starts_at)
        .bind(p.weeks)
        .bind(p.session_cap)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO ll_facilitators (programme_id, user_id, added_at) VALUES ($1, $2, $3)")
            .bind(p.id)
            .bind(p.created_by)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        insert_questions(&mut tx, p.id, p.questions).await?;
        for (i, r) in p.resources.iter().enumerate() {
            sqlx::query(
                "INSERT INTO ll_resources (id, programme_id, position, toolkit_key, title, body, url) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&r.id)
            .bind(p.id)
            .bind(i as i64)
            .bind(&r.toolkit_key)
            .bind(&r.title)
            .bind(&r.body)
            .bind(&r.url)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn ll_programme(&self, id: &str) -> DbResult<Option<ProgrammeRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE p.id = $1")).bind(id).fetch_optional(&self.pool).await?)
    }

    /// The programmes a person facilitates, and those they take part in, newest first.
    pub async fn ll_programmes_of(&self, user: &str) -> DbResult<(Vec<ProgrammeRow>, Vec<ProgrammeRow>)> {
        let facilitated = sqlx::query_as(&format!(
            "{SELECT} WHERE p.id IN (SELECT programme_id FROM ll_facilitators WHERE user_id = $1) \
             OR p.org_id IN (SELECT org_id FROM memberships WHERE user_id = $1 AND role = 'facilitator') \
             ORDER BY p.starts_at DESC, p.id"
        ))
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        let joined = sqlx::query_as(&format!(
            "{SELECT} JOIN ll_participants m ON m.programme_id = p.id WHERE m.user_id = $1 \
             ORDER BY p.starts_at DESC, p.id"
        ))
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        Ok((facilitated, joined))
    }

    pub async fn update_ll_programme(&self, id: &str, s: SettingsChange<'_>) -> DbResult<()> {
        sqlx::query(
            "UPDATE ll_programmes SET name = $1, training = $2, starts_at = $3, weeks = $4, session_cap = $5, \
             updated_at = $6 WHERE id = $7",
        )
        .bind(s.name)
        .bind(s.training)
        .bind(s.starts_at)
        .bind(s.weeks)
        .bind(s.session_cap)
        .bind(now_ms())
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    pub async fn ll_questions(&self, programme: &str) -> DbResult<Vec<QuestionRow>> {
        Ok(sqlx::query_as(
            "SELECT position, question_key, prompt FROM ll_questions WHERE programme_id = $1 ORDER BY position",
        )
        .bind(programme)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Replaces the programme's questions, but only while nobody has answered any: false (and
    /// nothing changed) once an answer sits beside the old wording.
    pub async fn replace_ll_questions(&self, programme: &str, questions: &[(String, String)]) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        // Touching the programme row first serialises this with anyone answering on PostgreSQL.
        sqlx::query("UPDATE ll_programmes SET updated_at = $1 WHERE id = $2")
            .bind(now_ms())
            .bind(programme)
            .execute(&mut *tx)
            .await?;
        let (answers,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM ll_answers WHERE programme_id = $1")
            .bind(programme)
            .fetch_one(&mut *tx)
            .await?;
        if answers > 0 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM ll_questions WHERE programme_id = $1").bind(programme).execute(&mut *tx).await?;
        insert_questions(&mut tx, programme, questions).await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn ll_resources(&self, programme: &str) -> DbResult<Vec<ResourceRow>> {
        Ok(sqlx::query_as(
            "SELECT id, position, toolkit_key, title, body, url FROM ll_resources WHERE programme_id = $1 \
             ORDER BY position",
        )
        .bind(programme)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The programme's facilitators as (user id, display name), by name: those named, and the
    /// facilitators of its organisation.
    pub async fn ll_facilitators(&self, programme: &str) -> DbResult<Vec<(String, String)>> {
        Ok(sqlx::query_as(
            "SELECT u.id, u.display_name FROM ll_facilitators f JOIN users u ON u.id = f.user_id \
             WHERE f.programme_id = $1 \
             UNION SELECT u.id, u.display_name FROM ll_programmes p \
               JOIN memberships m ON m.org_id = p.org_id AND m.role = 'facilitator' \
               JOIN users u ON u.id = m.user_id WHERE p.id = $1 \
             ORDER BY 2, 1",
        )
        .bind(programme)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Adds a facilitator; false if they already were one.
    pub async fn add_ll_facilitator(&self, programme: &str, user: &str) -> DbResult<bool> {
        let done = sqlx::query(
            "INSERT INTO ll_facilitators (programme_id, user_id, added_at) VALUES ($1, $2, $3) \
             ON CONFLICT (programme_id, user_id) DO NOTHING",
        )
        .bind(programme)
        .bind(user)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

async fn insert_questions(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    programme: &str,
    questions: &[(String, String)],
) -> DbResult<()> {
    for (i, (key, prompt)) in questions.iter().enumerate() {
        sqlx::query("INSERT INTO ll_questions (programme_id, position, question_key, prompt) VALUES ($1, $2, $3, $4)")
            .bind(programme)
            .bind(i as i64)
            .bind(key)
            .bind(prompt)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
