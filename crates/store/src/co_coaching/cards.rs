//! Challenge cards: one or two per participant, a draft until submitted.

use crate::error::DbResult;
use crate::{Store, now_ms};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CardRow {
    pub id: String,
    pub engagement_id: String,
    pub author_id: String,
    pub author_name: String,
    pub side: String,
    pub position: i64,
    pub what: String,
    pub why: String,
    pub success: String,
    pub submitted_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The team the card is in, if any.
    pub team_id: Option<String>,
}

const SELECT: &str = "SELECT c.id, c.engagement_id, c.author_id, u.display_name AS author_name, c.side, c.position, \
    c.what, c.why, c.success, c.submitted_at, c.created_at, c.updated_at, t.team_id \
    FROM cc_cards c JOIN users u ON u.id = c.author_id LEFT JOIN cc_team_cards t ON t.card_id = c.id";

impl Store {
    /// Writes or rewrites the author's card in `position` while the cards are not yet open. A
    /// submitted card stays submitted. False if the cards have been opened meanwhile.
    #[allow(clippy::too_many_arguments)]
    pub async fn save_card(
        &self,
        id: &str,
        engagement: &str,
        author: &str,
        side: &str,
        position: i64,
        text: (&str, &str, &str),
        submit: bool,
    ) -> DbResult<bool> {
        let now = now_ms();
        let submitted = submit.then_some(now);
        let done = sqlx::query(
            "INSERT INTO cc_cards (id, engagement_id, author_id, side, position, what, why, success, submitted_at, \
             created_at, updated_at) \
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10 \
             WHERE EXISTS (SELECT 1 FROM cc_engagements e WHERE e.id = $2 AND e.stage = 'preparing') \
             ON CONFLICT (engagement_id, author_id, position) DO UPDATE SET what = excluded.what, why = excluded.why, \
             success = excluded.success, submitted_at = COALESCE(cc_cards.submitted_at, excluded.submitted_at), \
             updated_at = excluded.updated_at",
        )
        .bind(id)
        .bind(engagement)
        .bind(author)
        .bind(side)
        .bind(position)
        .bind(text.0)
        .bind(text.1)
        .bind(text.2)
        .bind(submitted)
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Deletes a card that is still a draft.
    pub async fn delete_draft_card(&self, id: &str, author: &str) -> DbResult<bool> {
        let done = sqlx::query("DELETE FROM cc_cards WHERE id = $1 AND author_id = $2 AND submitted_at IS NULL")
            .bind(id)
            .bind(author)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Every card of the engagement, drafts included: the app decides who may read each.
    pub async fn cards(&self, engagement: &str) -> DbResult<Vec<CardRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE c.engagement_id = $1 ORDER BY c.side, c.created_at, c.id"))
            .bind(engagement)
            .fetch_all(&self.pool)
            .await?)
    }
}
