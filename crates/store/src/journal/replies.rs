//! Replies: the thread on a shared item. Rows only; who may read each is the policy's
//! (`privacy::can_read_reply`), asked by the app with the item beside the reply.

use super::parts;
use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::privacy::Audience;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReplyRow {
    pub id: String,
    pub item_kind: String,
    pub item_id: String,
    pub author_id: String,
    pub author_name: String,
    pub body: String,
    pub audience: String,
    pub audience_target: Option<String>,
    pub shared_at: i64,
    pub created_at: i64,
}

const SELECT: &str = "SELECT p.id, p.item_kind, p.item_id, p.author_id, u.display_name AS author_name, p.body, \
    p.audience, p.audience_target, p.shared_at, p.created_at FROM replies p JOIN users u ON u.id = p.author_id";

impl Store {
    /// Adds a reply to the thread of an item; returns its creation time.
    pub async fn create_reply(
        &self,
        id: &str,
        item_kind: &str,
        item_id: &str,
        author: &str,
        body: &str,
        audience: &Audience,
    ) -> DbResult<i64> {
        let now = now_ms();
        let (word, target) = parts(audience);
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO replies (id, item_kind, item_id, author_id, body, audience, audience_target, shared_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        )
        .bind(id)
        .bind(item_kind)
        .bind(item_id)
        .bind(author)
        .bind(body)
        .bind(word)
        .bind(target)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(now)
    }

    pub async fn reply(&self, id: &str) -> DbResult<Option<ReplyRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE p.id = $1")).bind(id).fetch_optional(&self.pool).await?)
    }

    /// Every reply on one item, oldest first. Candidates only: the policy decides per row.
    pub async fn replies_on(&self, item_kind: &str, item_id: &str) -> DbResult<Vec<ReplyRow>> {
        Ok(sqlx::query_as(&format!(
            "{SELECT} WHERE p.item_kind = $1 AND p.item_id = $2 ORDER BY p.created_at, p.id LIMIT 500"
        ))
        .bind(item_kind)
        .bind(item_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
