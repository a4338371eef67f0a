//! Case studies drawn from a log: a draft, the coachee's consent where they have an account, and
//! publication.

use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::privacy::Audience;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CaseStudyRow {
    pub id: String,
    pub programme_id: String,
    pub participant_id: String,
    pub author_name: String,
    pub case_kind: String,
    pub session_id: Option<String>,
    pub title: String,
    pub body: String,
    pub coachee_alias: Option<String>,
    pub audience: String,
    pub audience_target: Option<String>,
    pub shared_at: i64,
    pub author_consent_at: Option<i64>,
    pub coachee_consent_at: Option<i64>,
    pub published_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

const SELECT: &str = "SELECT c.id, c.programme_id, c.participant_id, u.display_name AS author_name, c.case_kind, \
    c.session_id, c.title, c.body, c.coachee_alias, c.audience, c.audience_target, c.shared_at, c.author_consent_at, \
    c.coachee_consent_at, c.published_at, c.created_at, c.updated_at \
    FROM ll_case_studies c JOIN users u ON u.id = c.participant_id";

pub struct NewCaseStudy<'a> {
    pub id: &'a str,
    pub programme_id: &'a str,
    pub participant_id: &'a str,
    pub case_kind: &'a str,
    pub session_id: Option<&'a str>,
    pub title: &'a str,
    pub body: &'a str,
    pub coachee_alias: Option<&'a str>,
}

impl Store {
    pub async fn create_ll_case_study(&self, c: NewCaseStudy<'_>) -> DbResult<()> {
        let now = now_ms();
        sqlx::query(
            "INSERT INTO ll_case_studies (id, programme_id, participant_id, case_kind, session_id, title, body, \
             coachee_alias, shared_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9)",
        )
        .bind(c.id)
        .bind(c.programme_id)
        .bind(c.participant_id)
        .bind(c.case_kind)
        .bind(c.session_id)
        .bind(c.title)
        .bind(c.body)
        .bind(c.coachee_alias)
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    pub async fn ll_case_study(&self, id: &str) -> DbResult<Option<CaseStudyRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE c.id = $1")).bind(id).fetch_optional(&self.pool).await?)
    }

    pub async fn ll_case_studies_of(&self, participant: &str) -> DbResult<Vec<CaseStudyRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE c.participant_id = $1 ORDER BY c.created_at DESC, c.id"))
            .bind(participant)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Case studies waiting for this coachee's consent: drafts shown to them through a relationship.
    pub async fn ll_case_studies_for_coachee(&self, relationships: &[String]) -> DbResult<Vec<CaseStudyRow>> {
        let mut out = vec![];
        for r in relationships {
            let rows: Vec<CaseStudyRow> = sqlx::query_as(&format!(
                "{SELECT} WHERE c.audience = 'relationship' AND c.audience_target = $1 ORDER BY c.created_at DESC"
            ))
            .bind(r)
            .fetch_all(&self.pool)
            .await?;
            out.extend(rows);
        }
        Ok(out)
    }

    /// Changes the text of a draft; any consent given to the old text is withdrawn with it.
    pub async fn update_ll_case_study(&self, id: &str, title: &str, body: &str, alias: Option<&str>) -> DbResult<bool> {
        let done = sqlx::query(
            "UPDATE ll_case_studies SET title = $1, body = $2, coachee_alias = $3, author_consent_at = NULL, \
             coachee_consent_at = NULL, updated_at = $4 WHERE id = $5 AND published_at IS NULL",
        )
        .bind(title)
        .bind(body)
        .bind(alias)
        .bind(now_ms())
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The author agrees to publish the current text, and who may read it meanwhile (the coachee,
    /// to consent, or the author alone).
    pub async fn consent_ll_case_study_author(&self, id: &str, audience: &Audience) -> DbResult<()> {
        let (word, target) = audience.to_parts();
        let now = now_ms();
        sqlx::query(
            "UPDATE ll_case_studies SET author_consent_at = $1, audience = $2, audience_target = $3, shared_at = $1, \
             updated_at = $1 WHERE id = $4 AND published_at IS NULL",
        )
        .bind(now)
        .bind(word)
        .bind(target)
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The coachee agrees to the text as it stands (guarded by the time it last changed).
    pub async fn consent_ll_case_study_coachee(&self, id: &str, seen_updated_at: i64) -> DbResult<bool> {
        let done = sqlx::query(
            "UPDATE ll_case_studies SET coachee_consent_at = $1 WHERE id = $2 AND updated_at = $3 \
             AND published_at IS NULL",
        )
        .bind(now_ms())
        .bind(id)
        .bind(seen_updated_at)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Publishes (public audience) or withdraws (back to private, consents kept off).
    pub async fn set_ll_case_study_published(&self, id: &str, published: bool) -> DbResult<()> {
        let now = now_ms();
        let sql = if published {
            "UPDATE ll_case_studies SET published_at = $1, audience = 'public', audience_target = NULL, \
             shared_at = $1, updated_at = $1 WHERE id = $2"
        } else {
            "UPDATE ll_case_studies SET published_at = NULL, audience = 'private', audience_target = NULL, \
             author_consent_at = NULL, coachee_consent_at = NULL, shared_at = $1, updated_at = $1 WHERE id = $2"
        };
        sqlx::query(sql).bind(now).bind(id).execute(&self.writer).await?;
        Ok(())
    }
}
