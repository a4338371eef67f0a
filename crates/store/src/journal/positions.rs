//! Positions (what a leader thinks) and the versioned public page built from them.

use crate::error::DbResult;
use crate::{Store, now_ms};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PositionRow {
    pub id: String,
    pub owner_id: String,
    pub statement: String,
    pub explanation: Option<String>,
    pub sort_order: i64,
    pub listed: i64,
    pub updated_at: i64,
}

#[derive(Clone, Debug, Default, sqlx::FromRow)]
pub struct PageRow {
    pub published: i64,
    pub indexable: i64,
    pub current_version: i64,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VersionRow {
    pub version: i64,
    pub published_at: i64,
    pub note: Option<String>,
    pub content: String,
}

const COLUMNS: &str = "id, owner_id, statement, explanation, sort_order, listed, updated_at";

impl Store {
    /// Adds a position at the end of the owner's list, with its themes and evidence.
    pub async fn create_position(
        &self,
        id: &str,
        owner: &str,
        statement: &str,
        explanation: Option<&str>,
        theme_ids: &[String],
        evidence: &[String],
    ) -> DbResult<()> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let (next,): (i64,) =
            sqlx::query_as("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM positions WHERE owner_id = $1")
                .bind(owner)
                .fetch_one(&mut *tx)
                .await?;
        sqlx::query(&format!("INSERT INTO positions ({COLUMNS}, created_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $6)"))
            .bind(id)
            .bind(owner)
            .bind(statement)
            .bind(explanation)
            .bind(next)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        set_links(&mut tx, id, theme_ids, evidence).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn update_position(
        &self,
        id: &str,
        statement: &str,
        explanation: Option<&str>,
        listed: bool,
        theme_ids: &[String],
        evidence: &[String],
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE positions SET statement = $1, explanation = $2, listed = $3, updated_at = $4 WHERE id = $5",
        )
        .bind(statement)
        .bind(explanation)
        .bind(i64::from(listed))
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM position_themes WHERE position_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM position_evidence WHERE position_id = $1").bind(id).execute(&mut *tx).await?;
        set_links(&mut tx, id, theme_ids, evidence).await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn delete_position(&self, id: &str) -> DbResult<bool> {
        let done = sqlx::query("DELETE FROM positions WHERE id = $1").bind(id).execute(&self.writer).await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn position(&self, id: &str) -> DbResult<Option<PositionRow>> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM positions WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    pub async fn positions_of(&self, owner: &str) -> DbResult<Vec<PositionRow>> {
        Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM positions WHERE owner_id = $1 ORDER BY sort_order, id"))
            .bind(owner)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Theme labels and evidence reflection ids of a position.
    pub async fn position_links(&self, id: &str) -> DbResult<(Vec<(String, String)>, Vec<String>)> {
        let themes: Vec<(String, String)> = sqlx::query_as(
            "SELECT t.theme_key, t.label FROM position_themes pt JOIN themes t ON t.id = pt.theme_id \
             WHERE pt.position_id = $1 ORDER BY t.label",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let evidence: Vec<(String,)> = sqlx::query_as(
            "SELECT pe.reflection_id FROM position_evidence pe JOIN reflections r ON r.id = pe.reflection_id \
             WHERE pe.position_id = $1 ORDER BY r.created_at",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok((themes, evidence.into_iter().map(|e| e.0).collect()))
    }

    /// Moves a position one place up (-1) or down (+1) by swapping with its neighbour.
    pub async fn move_position(&self, owner: &str, id: &str, direction: i64) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let list: Vec<(String, i64)> =
            sqlx::query_as("SELECT id, sort_order FROM positions WHERE owner_id = $1 ORDER BY sort_order, id")
                .bind(owner)
                .fetch_all(&mut *tx)
                .await?;
        let Some(at) = list.iter().position(|(p, _)| p == id) else { return Ok(false) };
        let other = at as i64 + direction.signum();
        if other < 0 || other >= list.len() as i64 {
            return Ok(true);
        }
        let (a, b) = (&list[at], &list[other as usize]);
        // Renumber both so equal sort orders (from concurrent inserts) cannot make the swap a no-op.
        for (pid, order) in [(&a.0, other + 1), (&b.0, at as i64 + 1)] {
            sqlx::query("UPDATE positions SET sort_order = $1 WHERE id = $2")
                .bind(order)
                .bind(pid)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    pub async fn page_state(&self, owner: &str) -> DbResult<PageRow> {
        Ok(sqlx::query_as("SELECT published, indexable, current_version FROM public_pages WHERE owner_id = $1")
            .bind(owner)
            .fetch_optional(&self.pool)
            .await?
            .unwrap_or_default())
    }

    /// Stores a new version of the page and makes it the current, published one. Returns its number.
    pub async fn publish_page(&self, owner: &str, content: &str, note: Option<&str>) -> DbResult<i64> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let (last,): (i64,) =
            sqlx::query_as("SELECT COALESCE(MAX(version), 0) FROM public_page_versions WHERE owner_id = $1")
                .bind(owner)
                .fetch_one(&mut *tx)
                .await?;
        let version = last + 1;
        sqlx::query("INSERT INTO public_page_versions (owner_id, version, published_at, note, content) VALUES ($1, $2, $3, $4, $5)")
            .bind(owner)
            .bind(version)
            .bind(now)
            .bind(note)
            .bind(content)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO public_pages (owner_id, published, indexable, current_version, updated_at) VALUES ($1, 1, 0, $2, $3) \
             ON CONFLICT (owner_id) DO UPDATE SET published = 1, current_version = excluded.current_version, updated_at = excluded.updated_at",
        )
        .bind(owner)
        .bind(version)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Takes the page down (or puts the current version back up), and sets search-engine indexing.
    pub async fn set_page_flags(&self, owner: &str, published: bool, indexable: bool) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO public_pages (owner_id, published, indexable, current_version, updated_at) VALUES ($1, $2, $3, 0, $4) \
             ON CONFLICT (owner_id) DO UPDATE SET published = excluded.published, indexable = excluded.indexable, updated_at = excluded.updated_at",
        )
        .bind(owner)
        .bind(i64::from(published))
        .bind(i64::from(indexable))
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    pub async fn page_versions(&self, owner: &str) -> DbResult<Vec<VersionRow>> {
        Ok(sqlx::query_as(
            "SELECT version, published_at, note, content FROM public_page_versions WHERE owner_id = $1 ORDER BY version DESC",
        )
        .bind(owner)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn page_version(&self, owner: &str, version: i64) -> DbResult<Option<VersionRow>> {
        Ok(sqlx::query_as(
            "SELECT version, published_at, note, content FROM public_page_versions WHERE owner_id = $1 AND version = $2",
        )
        .bind(owner)
        .bind(version)
        .fetch_optional(&self.pool)
        .await?)
    }
}

async fn set_links(
    tx: &mut sqlx::AnyConnection,
    position: &str,
    theme_ids: &[String],
    evidence: &[String],
) -> Result<(), sqlx::Error> {
    for t in theme_ids {
        sqlx::query("INSERT INTO position_themes (position_id, theme_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(position)
            .bind(t)
            .execute(&mut *tx)
            .await?;
    }
    for r in evidence {
        sqlx::query(
            "INSERT INTO position_evidence (position_id, reflection_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(position)
        .bind(r)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
