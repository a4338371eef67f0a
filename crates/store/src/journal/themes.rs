//! Themes: a leader's own vocabulary, shared by their reflections and sessions.

use super::reflections::{ReflectionRow, SELECT as REFLECTION_SELECT};
use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::journal::ThemeName;

/// How a theme has come up: how often, with which mentors, when last.
#[derive(Clone, Debug)]
pub struct ThemeSummary {
    pub id: String,
    pub key: String,
    pub label: String,
    pub uses: i64,
    pub last_touched: Option<i64>,
    pub mentors: Vec<String>,
}

/// One reflection on a theme page.
pub type ThemeEntry = ReflectionRow;

impl Store {
    /// Finds or creates the owner's themes with these names; returns their ids in order. A new
    /// theme also gets its search row in the same transaction, so "letting go" finds the theme
    /// "What I must let go of" itself, not only the reflections tagged with it.
    pub async fn ensure_themes(&self, owner: &str, names: &[ThemeName]) -> DbResult<Vec<String>> {
        let mut ids = Vec::with_capacity(names.len());
        for name in names {
            let mut tx = self.begin_write().await?;
            let id = ensure_theme(&mut tx, owner, name).await?;
            tx.commit().await?;
            ids.push(id);
        }
        Ok(ids)
    }

    /// The labels of the owner's themes, for suggestions as they type.
    pub async fn theme_labels(&self, owner: &str) -> DbResult<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as("SELECT label FROM themes WHERE owner_id = $1 ORDER BY label")
            .bind(owner)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Labels of the themes on one reflection.
    pub async fn themes_of_reflection(&self, reflection_id: &str) -> DbResult<Vec<(String, String)>> {
        Ok(sqlx::query_as(
            "SELECT t.theme_key, t.label FROM reflection_themes rt JOIN themes t ON t.id = rt.theme_id \
             WHERE rt.reflection_id = $1 ORDER BY t.label",
        )
        .bind(reflection_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// (reflection id, theme key, label) for several reflections at once: one query for a page.
    pub async fn themes_of_reflections(&self, ids: &[String]) -> DbResult<Vec<(String, String, String)>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let list = (1..=ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT rt.reflection_id, t.theme_key, t.label FROM reflection_themes rt JOIN themes t ON t.id = rt.theme_id \
             WHERE rt.reflection_id IN ({list}) ORDER BY t.label"
        );
        let mut q = sqlx::query_as(&sql);
        for id in ids {
            q = q.bind(id);
        }
        Ok(q.fetch_all(&self.pool).await?)
    }

    /// Attaches themes to a session (the leader's themes).
    pub async fn set_session_themes(&self, session_id: &str, theme_ids: &[String]) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM session_themes WHERE session_id = $1").bind(session_id).execute(&mut *tx).await?;
        for theme in theme_ids {
            sqlx::query("INSERT INTO session_themes (theme_id, session_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(theme)
                .bind(session_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn themes_of_session(&self, session_id: &str) -> DbResult<Vec<(String, String)>> {
        Ok(sqlx::query_as(
            "SELECT t.theme_key, t.label FROM session_themes st JOIN themes t ON t.id = st.theme_id \
             WHERE st.session_id = $1 ORDER BY t.label",
        )
        .bind(session_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Every theme of the owner with how often it came up (reflections and sessions), with whom,
    /// and when it was last touched; most used first.
    pub async fn theme_overview(&self, owner: &str) -> DbResult<Vec<ThemeSummary>> {
        let rows: Vec<(String, String, String, i64, Option<i64>)> = sqlx::query_as(
            "SELECT t.id, t.theme_key, t.label, \
                (SELECT COUNT(*) FROM reflection_themes rt WHERE rt.theme_id = t.id) \
                  + (SELECT COUNT(*) FROM session_themes st WHERE st.theme_id = t.id) AS uses, \
                (SELECT MAX(r.created_at) FROM reflection_themes rt JOIN reflections r ON r.id = rt.reflection_id WHERE rt.theme_id = t.id) AS last_touched \
             FROM themes t WHERE t.owner_id = $1",
        )
        .bind(owner)
        .fetch_all(&self.pool)
        .await?;
        let with_whom: Vec<(String, String)> = sqlx::query_as(
            "SELECT DISTINCT rt.theme_id, c.display_name FROM themes t \
             JOIN reflection_themes rt ON rt.theme_id = t.id JOIN reflections r ON r.id = rt.reflection_id \
             JOIN relationships rel ON rel.id = r.relationship_id JOIN users c ON c.id = rel.coach_id \
             WHERE t.owner_id = $1 ORDER BY c.display_name",
        )
        .bind(owner)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<ThemeSummary> = rows
            .into_iter()
            .map(|(id, key, label, uses, last_touched)| ThemeSummary {
                mentors: with_whom.iter().filter(|(t, _)| *t == id).map(|(_, n)| n.clone()).collect(),
                id,
                key,
                label,
                uses,
                last_touched,
            })
            .collect();
        out.sort_by(|a, b| b.uses.cmp(&a.uses).then(b.last_touched.cmp(&a.last_touched)).then(a.label.cmp(&b.label)));
        Ok(out)
    }

    /// The owner's theme with this key, and every reflection on it, oldest first.
    pub async fn theme_page(&self, owner: &str, key: &str) -> DbResult<Option<(String, Vec<ThemeEntry>)>> {
        let theme: Option<(String, String)> =
            sqlx::query_as("SELECT id, label FROM themes WHERE owner_id = $1 AND theme_key = $2")
                .bind(owner)
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
        let Some((id, label)) = theme else { return Ok(None) };
        let entries = sqlx::query_as(&format!(
            "{REFLECTION_SELECT} JOIN reflection_themes rt ON rt.reflection_id = r.id \
             WHERE rt.theme_id = $1 ORDER BY r.created_at, r.id LIMIT 1000"
        ))
        .bind(&id)
        .fetch_all(&self.pool)
        .await?;
        Ok(Some((label, entries)))
    }
}

/// Finds or creates one theme inside the caller's transaction; a new one is indexed for search as
/// the kind `theme`, private to its owner (a theme is the owner's own vocabulary: mentors meet it
/// through the reflections shared with them, whose search rows carry their themes' labels).
pub(crate) async fn ensure_theme(conn: &mut sqlx::AnyConnection, owner: &str, name: &ThemeName) -> DbResult<String> {
    let now = now_ms();
    let created: Option<(String,)> = sqlx::query_as(
        "INSERT INTO themes (id, owner_id, theme_key, label, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (owner_id, theme_key) DO NOTHING RETURNING id",
    )
    .bind(coachkit_domain::RecordId::new().as_str())
    .bind(owner)
    .bind(name.key())
    .bind(name.label())
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some((id,)) = created {
        let private = coachkit_domain::privacy::Audience::Private;
        super::index_document(conn, &id, "theme", owner, None, &private, now, name.label(), name.label()).await?;
        return Ok(id);
    }
    let (id,): (String,) = sqlx::query_as("SELECT id FROM themes WHERE owner_id = $1 AND theme_key = $2")
        .bind(owner)
        .bind(name.key())
        .fetch_one(&mut *conn)
        .await?;
    Ok(id)
}

/// The labels of a reflection's themes as one line, for its search row (inside the caller's
/// transaction, after its themes are written).
pub(crate) async fn reflection_theme_line(
    conn: &mut sqlx::AnyConnection,
    reflection_id: &str,
) -> Result<String, sqlx::Error> {
    let labels: Vec<(String,)> = sqlx::query_as(
        "SELECT t.label FROM reflection_themes rt JOIN themes t ON t.id = rt.theme_id \
         WHERE rt.reflection_id = $1 ORDER BY t.label",
    )
    .bind(reflection_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(labels.into_iter().map(|l| l.0).collect::<Vec<_>>().join(", "))
}
