//! Teams of cards (confirmed by the facilitator), the pairs they rejected, and each team's
//! outcome at session two.

use crate::error::DbResult;
use crate::{Store, now_ms};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TeamRow {
    pub id: String,
    pub engagement_id: String,
    pub reason: String,
    pub outcome: Option<String>,
    pub learning: Option<String>,
    pub project_name: Option<String>,
    pub project_aim: Option<String>,
    pub first_steps: Option<String>,
    pub owner_a_id: Option<String>,
    pub owner_b_id: Option<String>,
    pub nudged_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// When anything was last added to the team's space (the facilitator's "is it moving").
    pub last_activity: Option<i64>,
    pub items: i64,
}

const SELECT: &str = "SELECT t.id, t.engagement_id, t.reason, t.outcome, t.learning, t.project_name, t.project_aim, \
    t.first_steps, t.owner_a_id, t.owner_b_id, t.nudged_at, t.created_at, t.updated_at, \
    (SELECT MAX(i.created_at) FROM cc_team_items i WHERE i.team_id = t.id AND i.kind <> 'comment') AS last_activity, \
    (SELECT COUNT(*) FROM cc_team_items i WHERE i.team_id = t.id AND i.kind <> 'comment') AS items \
    FROM cc_teams t";

/// A team's outcome at session two.
pub struct TeamOutcome<'a> {
    pub outcome: &'a str,
    pub learning: Option<&'a str>,
    pub project_name: Option<&'a str>,
    pub project_aim: Option<&'a str>,
    pub first_steps: Option<&'a str>,
    pub owner_a_id: Option<&'a str>,
    pub owner_b_id: Option<&'a str>,
}

impl Store {
    /// Confirms a team of these cards while the cards are open and none of them is in a team:
    /// all or nothing. False if the engagement is not at that stage; a card already in a team is
    /// a conflict.
    pub async fn create_team(&self, id: &str, engagement: &str, reason: &str, cards: &[String]) -> DbResult<bool> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "INSERT INTO cc_teams (id, engagement_id, reason, created_at, updated_at) SELECT $1, $2, $3, $4, $4 \
             WHERE EXISTS (SELECT 1 FROM cc_engagements e WHERE e.id = $2 AND e.stage = 'cards_open')",
        )
        .bind(id)
        .bind(engagement)
        .bind(reason)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        for card in cards {
            sqlx::query("INSERT INTO cc_team_cards (team_id, card_id) VALUES ($1, $2)")
                .bind(id)
                .bind(card)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Takes a team apart (its cards are free again) while teams are still being formed.
    pub async fn delete_team(&self, id: &str, engagement: &str) -> DbResult<bool> {
        let done = sqlx::query(
            "DELETE FROM cc_teams WHERE id = $1 AND engagement_id = $2 \
             AND EXISTS (SELECT 1 FROM cc_engagements e WHERE e.id = $2 AND e.stage = 'cards_open')",
        )
        .bind(id)
        .bind(engagement)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Moves every card of `from` into `into` and removes `from`, in one transaction.
    pub async fn merge_teams(&self, into: &str, from: &str, engagement: &str) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let moved = sqlx::query(
            "UPDATE cc_team_cards SET team_id = $1 WHERE team_id = $2 \
             AND EXISTS (SELECT 1 FROM cc_teams a JOIN cc_teams b ON b.engagement_id = a.engagement_id \
                         JOIN cc_engagements e ON e.id = a.engagement_id \
                         WHERE a.id = $1 AND b.id = $2 AND e.id = $3 AND e.stage = 'cards_open')",
        )
        .bind(into)
        .bind(from)
        .bind(engagement)
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() == 0 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM cc_teams WHERE id = $1").bind(from).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Takes one card out of a team while teams are being formed, and records the facilitator's
    /// choice as rejected pairs (the card with each card that stays), so the suggestion does not
    /// put them back together. All or nothing; false if the card is not in that team or the
    /// engagement is past teaming.
    pub async fn split_card(&self, team: &str, card: &str, engagement: &str, stays: &[String]) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "DELETE FROM cc_team_cards WHERE team_id = $1 AND card_id = $2 \
             AND EXISTS (SELECT 1 FROM cc_teams t JOIN cc_engagements e ON e.id = t.engagement_id \
                         WHERE t.id = $1 AND e.id = $3 AND e.stage = 'cards_open')",
        )
        .bind(team)
        .bind(card)
        .bind(engagement)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        let now = now_ms();
        for other in stays {
            let (a, b) = if card <= other.as_str() { (card, other.as_str()) } else { (other.as_str(), card) };
            sqlx::query(
                "INSERT INTO cc_rejected_pairs (engagement_id, card_a, card_b, created_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (engagement_id, card_a, card_b) DO NOTHING",
            )
            .bind(engagement)
            .bind(a)
            .bind(b)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("UPDATE cc_teams SET updated_at = $1 WHERE id = $2").bind(now).bind(team).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn teams(&self, engagement: &str) -> DbResult<Vec<TeamRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE t.engagement_id = $1 ORDER BY t.created_at, t.id"))
            .bind(engagement)
            .fetch_all(&self.pool)
            .await?)
    }

    pub async fn team(&self, id: &str) -> DbResult<Option<TeamRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE t.id = $1")).bind(id).fetch_optional(&self.pool).await?)
    }

    /// Every team's cards, as (team, card) pairs.
    pub async fn team_cards(&self, engagement: &str) -> DbResult<Vec<(String, String)>> {
        Ok(sqlx::query_as(
            "SELECT tc.team_id, tc.card_id FROM cc_team_cards tc JOIN cc_teams t ON t.id = tc.team_id \
             WHERE t.engagement_id = $1 ORDER BY tc.team_id, tc.card_id",
        )
        .bind(engagement)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn reject_pair(&self, engagement: &str, a: &str, b: &str) -> DbResult<()> {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        sqlx::query(
            "INSERT INTO cc_rejected_pairs (engagement_id, card_a, card_b, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (engagement_id, card_a, card_b) DO NOTHING",
        )
        .bind(engagement)
        .bind(a)
        .bind(b)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    pub async fn rejected_pairs(&self, engagement: &str) -> DbResult<Vec<(String, String)>> {
        Ok(sqlx::query_as(
            "SELECT card_a, card_b FROM cc_rejected_pairs WHERE engagement_id = $1 ORDER BY card_a, card_b",
        )
        .bind(engagement)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Records a team's outcome, once session one has ended with teams.
    pub async fn set_team_outcome(&self, id: &str, o: TeamOutcome<'_>) -> DbResult<bool> {
        let done = sqlx::query(
            "UPDATE cc_teams SET outcome = $1, learning = $2, project_name = $3, project_aim = $4, first_steps = $5, \
             owner_a_id = $6, owner_b_id = $7, updated_at = $8 WHERE id = $9 \
             AND EXISTS (SELECT 1 FROM cc_engagements e WHERE e.id = cc_teams.engagement_id AND e.stage = 'teamed')",
        )
        .bind(o.outcome)
        .bind(o.learning)
        .bind(o.project_name)
        .bind(o.project_aim)
        .bind(o.first_steps)
        .bind(o.owner_a_id)
        .bind(o.owner_b_id)
        .bind(now_ms())
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
