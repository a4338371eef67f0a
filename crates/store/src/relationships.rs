//! Coaching and mentoring relationships.

use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::{RelationshipId, UserId};

/// A relationship with both parties' names, as every page and the API show it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RelationshipRow {
    pub id: String,
    pub leader_id: String,
    pub leader_name: String,
    pub coach_id: Option<String>,
    pub coach_name: Option<String>,
    pub invitee_email: Option<String>,
    /// Whom a link-only invitation is for, as the leader wrote it.
    pub invitee_name: Option<String>,
    pub kind: String,
    pub status: String,
    pub message: Option<String>,
    pub created_at: i64,
    pub answered_at: Option<i64>,
    pub ended_at: Option<i64>,
    /// When each party was last here (to the hour), from the same join as their names.
    pub leader_last_active_at: Option<i64>,
    pub coach_last_active_at: Option<i64>,
}

pub struct NewRelationship<'a> {
    pub id: &'a RelationshipId,
    pub leader: &'a UserId,
    pub coach: Option<&'a UserId>,
    pub invitee_email: Option<&'a str>,
    pub invitee_name: Option<&'a str>,
    pub kind: &'a str,
    pub message: Option<&'a str>,
}

const SELECT: &str = "SELECT r.id, r.leader_id, l.display_name AS leader_name, r.coach_id, \
    c.display_name AS coach_name, r.invitee_email, r.invitee_name, r.kind, r.status, r.message, r.created_at AS created_at, \
    r.answered_at, r.ended_at, l.last_active_at AS leader_last_active_at, c.last_active_at AS coach_last_active_at \
    FROM relationships r JOIN users l ON l.id = r.leader_id LEFT JOIN users c ON c.id = r.coach_id";

/// Every relationship of one person ($1): two index lookups joined by UNION ALL.
static LIST_OF: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!("{SELECT} WHERE r.leader_id = $1 UNION ALL {SELECT} WHERE r.coach_id = $1 ORDER BY created_at DESC")
});

impl Store {
    pub async fn create_relationship(&self, r: NewRelationship<'_>) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO relationships (id, leader_id, coach_id, invitee_email, invitee_name, kind, status, message, created_at) \
             VALUES ($1, $2, $3, $4, $8, $5, 'pending', $6, $7)",
        )
        .bind(r.id.as_str())
        .bind(r.leader.as_str())
        .bind(r.coach.map(|c| c.as_str().to_owned()))
        .bind(r.invitee_email)
        .bind(r.kind)
        .bind(r.message)
        .bind(now_ms())
        .bind(r.invitee_name)
        .execute(&self.writer)
        .await?;
        self.lists_changed();
        Ok(())
    }

    pub async fn relationship(&self, id: &RelationshipId) -> DbResult<Option<RelationshipRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE r.id = $1")).bind(id.as_str()).fetch_optional(&self.pool).await?)
    }

    /// Every relationship `user` is a party to, newest first. Two index lookups joined by UNION
    /// ALL rather than an OR, so both backends use the (party, created_at) indexes.
    /// Served from the list cache while nothing was written since (see `list_cache`).
    pub async fn relationships_of(&self, user: &UserId) -> DbResult<Vec<RelationshipRow>> {
        if let Some(rows) = self.lists.get(user.as_str()) {
            return Ok(rows.as_ref().clone());
        }
        let generation = self.lists.generation();
        let rows: Vec<RelationshipRow> =
            sqlx::query_as(LIST_OF.as_str()).bind(user.as_str()).fetch_all(&self.pool).await?;
        self.lists.put(user.as_str(), generation, std::sync::Arc::new(rows.clone()));
        Ok(rows)
    }

    /// Moves a relationship from `from` to `to` status, only if it is still in `from` (so two
    /// people answering at once cannot both win). Sets the coach when an invitation by link is
    /// accepted. Returns false if the status had already changed.
    pub async fn set_relationship_status(
        &self,
        id: &RelationshipId,
        from: &str,
        to: &str,
        coach: Option<&UserId>,
    ) -> DbResult<bool> {
        let now = now_ms();
        let answered = matches!(to, "active" | "declined").then_some(now);
        let ended = (to == "ended").then_some(now);
        let done = sqlx::query(
            "UPDATE relationships SET status = $1, coach_id = COALESCE(coach_id, $2), \
                 answered_at = COALESCE($3, answered_at), ended_at = COALESCE($4, ended_at) \
             WHERE id = $5 AND status = $6",
        )
        .bind(to)
        .bind(coach.map(|c| c.as_str().to_owned()))
        .bind(answered)
        .bind(ended)
        .bind(id.as_str())
        .bind(from)
        .execute(&self.writer)
        .await?;
        self.lists_changed();
        Ok(done.rows_affected() == 1)
    }
}
