//! A team's shared space: notes, actions with an owner and a due date, check-ins, links, and the
//! facilitator's comments.

use crate::error::DbResult;
use crate::{Store, now_ms};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TeamItemRow {
    pub id: String,
    pub team_id: String,
    pub author_id: String,
    pub author_name: String,
    pub kind: String,
    pub text: String,
    pub url: Option<String>,
    pub owner_id: Option<String>,
    pub owner_name: Option<String>,
    pub due_at: Option<i64>,
    pub done_at: Option<i64>,
    pub created_at: i64,
}

pub struct NewTeamItem<'a> {
    pub id: &'a str,
    pub team_id: &'a str,
    pub author_id: &'a str,
    pub kind: &'a str,
    pub text: &'a str,
    pub url: Option<&'a str>,
    pub owner_id: Option<&'a str>,
    pub due_at: Option<i64>,
}

impl Store {
    pub async fn add_team_item(&self, i: NewTeamItem<'_>) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO cc_team_items (id, team_id, author_id, kind, text, url, owner_id, due_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(i.id)
        .bind(i.team_id)
        .bind(i.author_id)
        .bind(i.kind)
        .bind(i.text)
        .bind(i.url)
        .bind(i.owner_id)
        .bind(i.due_at)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Rewrites an entry's text (and, for a link or an action, its address, owner and due date);
    /// only its author's. False if no such entry of theirs is in the team.
    pub async fn edit_team_item(&self, i: NewTeamItem<'_>) -> DbResult<bool> {
        let done = sqlx::query(
            "UPDATE cc_team_items SET text = $1, url = $2, owner_id = $3, due_at = $4 \
             WHERE id = $5 AND team_id = $6 AND author_id = $7 AND kind = $8",
        )
        .bind(i.text)
        .bind(i.url)
        .bind(i.owner_id)
        .bind(i.due_at)
        .bind(i.id)
        .bind(i.team_id)
        .bind(i.author_id)
        .bind(i.kind)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Deletes an entry of the team's space, its author's only.
    pub async fn delete_team_item(&self, id: &str, team: &str, author: &str) -> DbResult<bool> {
        let done = sqlx::query("DELETE FROM cc_team_items WHERE id = $1 AND team_id = $2 AND author_id = $3")
            .bind(id)
            .bind(team)
            .bind(author)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Marks an action done, once.
    pub async fn finish_team_action(&self, id: &str, team: &str) -> DbResult<bool> {
        let done = sqlx::query(
            "UPDATE cc_team_items SET done_at = $1 WHERE id = $2 AND team_id = $3 AND kind = 'action' \
             AND done_at IS NULL",
        )
        .bind(now_ms())
        .bind(id)
        .bind(team)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn team_items(&self, team: &str) -> DbResult<Vec<TeamItemRow>> {
        Ok(sqlx::query_as(
            "SELECT i.id, i.team_id, i.author_id, u.display_name AS author_name, i.kind, i.text, i.url, i.owner_id, \
             o.display_name AS owner_name, i.due_at, i.done_at, i.created_at \
             FROM cc_team_items i JOIN users u ON u.id = i.author_id LEFT JOIN users o ON o.id = i.owner_id \
             WHERE i.team_id = $1 ORDER BY i.created_at DESC, i.id",
        )
        .bind(team)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Engagements whose cards are open and whose session one began before `before`: the day has
    /// passed without the facilitator ending it.
    pub async fn overdue_session_ones(&self, before: i64) -> DbResult<Vec<String>> {
        let rows: Vec<(String,)> =
            sqlx::query_as("SELECT id FROM cc_engagements WHERE stage = 'cards_open' AND session_one_at < $1")
                .bind(before)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }
}
