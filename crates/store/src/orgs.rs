//! Organisations and memberships.

use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::{OrgId, UserId};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrgRow {
    pub id: String,
    pub name: String,
    pub created_at: i64,
    /// The asking person's role in it, where the query is about one person.
    pub role: Option<String>,
    pub member_count: i64,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberRow {
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub created_at: i64,
}

impl Store {
    /// Creates an organisation with its first admin, in one transaction.
    pub async fn create_org(&self, id: &OrgId, name: &str, first_admin: &UserId) -> DbResult<()> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3)")
            .bind(id.as_str())
            .bind(name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, 'admin', $3)")
            .bind(id.as_str())
            .bind(first_admin.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a person or changes their role.
    pub async fn upsert_membership(&self, org: &OrgId, user: &UserId, role: &str) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role",
        )
        .bind(org.as_str())
        .bind(user.as_str())
        .bind(role)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    pub async fn remove_membership(&self, org: &OrgId, user: &UserId) -> DbResult<bool> {
        let done = sqlx::query("DELETE FROM memberships WHERE org_id = $1 AND user_id = $2")
            .bind(org.as_str())
            .bind(user.as_str())
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The organisation, with `user`'s role in it (None if they are not a member).
    pub async fn org_for(&self, org: &OrgId, user: &UserId) -> DbResult<Option<OrgRow>> {
        Ok(sqlx::query_as(
            "SELECT o.id, o.name, o.created_at, m.role, \
                    (SELECT COUNT(*) FROM memberships c WHERE c.org_id = o.id) AS member_count \
             FROM organisations o LEFT JOIN memberships m ON m.org_id = o.id AND m.user_id = $2 \
             WHERE o.id = $1",
        )
        .bind(org.as_str())
        .bind(user.as_str())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The organisations `user` belongs to.
    pub async fn orgs_of(&self, user: &UserId) -> DbResult<Vec<OrgRow>> {
        Ok(sqlx::query_as(
            "SELECT o.id, o.name, o.created_at, m.role, \
                    (SELECT COUNT(*) FROM memberships c WHERE c.org_id = o.id) AS member_count \
             FROM memberships m JOIN organisations o ON o.id = m.org_id \
             WHERE m.user_id = $1 ORDER BY o.name",
        )
        .bind(user.as_str())
        .fetch_all(&self.pool)
        .await?)
    }

    /// Every organisation, for the instance admin.
    pub async fn list_orgs(&self) -> DbResult<Vec<OrgRow>> {
        Ok(sqlx::query_as(
            "SELECT o.id, o.name, o.created_at, NULL AS role, \
                    (SELECT COUNT(*) FROM memberships c WHERE c.org_id = o.id) AS member_count \
             FROM organisations o ORDER BY o.name",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn org_members(&self, org: &OrgId) -> DbResult<Vec<MemberRow>> {
        Ok(sqlx::query_as(
            "SELECT m.user_id, u.display_name, u.email, m.role, m.created_at \
             FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.org_id = $1 ORDER BY u.display_name",
        )
        .bind(org.as_str())
        .fetch_all(&self.pool)
        .await?)
    }
}
