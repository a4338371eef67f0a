//! Wheel templates: a person's named lists of areas, kept to start assessments from.

use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::wheel::{AreaMeaning, Template};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TemplateRow {
    pub id: String,
    pub owner_id: String,
    pub name: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One area of a template, in its position.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TemplateAreaRow {
    pub template_id: String,
    pub position: i64,
    pub name: String,
    pub meaning: Option<String>,
}

impl Store {
    pub async fn create_wheel_template(&self, id: &str, owner: &str, template: &Template) -> DbResult<()> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO wheel_templates (id, owner_id, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(id)
        .bind(owner)
        .bind(template.name().as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        insert_areas(&mut tx, id, template).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Renames a template and replaces its areas. Assessments made from it keep their copies.
    pub async fn update_wheel_template(&self, id: &str, template: &Template) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("UPDATE wheel_templates SET name = $1, updated_at = $2 WHERE id = $3")
            .bind(template.name().as_str())
            .bind(now_ms())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM wheel_template_areas WHERE template_id = $1").bind(id).execute(&mut *tx).await?;
        insert_areas(&mut tx, id, template).await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn delete_wheel_template(&self, id: &str) -> DbResult<bool> {
        let done = sqlx::query("DELETE FROM wheel_templates WHERE id = $1").bind(id).execute(&self.writer).await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn wheel_template(&self, id: &str) -> DbResult<Option<(TemplateRow, Vec<TemplateAreaRow>)>> {
        let row: Option<TemplateRow> =
            sqlx::query_as("SELECT id, owner_id, name, created_at, updated_at FROM wheel_templates WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        let Some(row) = row else { return Ok(None) };
        let areas = sqlx::query_as(
            "SELECT template_id, position, name, meaning FROM wheel_template_areas WHERE template_id = $1 \
             ORDER BY position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(Some((row, areas)))
    }

    /// The owner's templates, most recently changed first, each with its areas.
    pub async fn wheel_templates_of(&self, owner: &str) -> DbResult<Vec<(TemplateRow, Vec<TemplateAreaRow>)>> {
        let rows: Vec<TemplateRow> = sqlx::query_as(
            "SELECT id, owner_id, name, created_at, updated_at FROM wheel_templates WHERE owner_id = $1 \
             ORDER BY updated_at DESC, id LIMIT 200",
        )
        .bind(owner)
        .fetch_all(&self.pool)
        .await?;
        let areas: Vec<TemplateAreaRow> = sqlx::query_as(
            "SELECT ta.template_id, ta.position, ta.name, ta.meaning FROM wheel_template_areas ta \
             JOIN wheel_templates t ON t.id = ta.template_id WHERE t.owner_id = $1 ORDER BY ta.template_id, ta.position",
        )
        .bind(owner)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|t| {
                let mine = areas.iter().filter(|a| a.template_id == t.id).cloned().collect();
                (t, mine)
            })
            .collect())
    }
}

async fn insert_areas(conn: &mut sqlx::AnyConnection, id: &str, template: &Template) -> Result<(), sqlx::Error> {
    for (position, area) in template.areas().iter().enumerate() {
        sqlx::query("INSERT INTO wheel_template_areas (template_id, position, name, meaning) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(position as i64)
            .bind(area.name.as_str())
            .bind(area.meaning.as_ref().map(AreaMeaning::as_str))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
