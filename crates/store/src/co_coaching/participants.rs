//! Participants: invited by e-mail to one side, joined through their link (with or without an
//! account beforehand), agreeing to the ground rules as they join.

use crate::error::DbResult;
use crate::{Store, now_ms};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ParticipantRow {
    pub id: String,
    pub engagement_id: String,
    pub side: String,
    pub email: String,
    pub name: String,
    pub user_id: Option<String>,
    pub agreed_at: Option<i64>,
    pub invited_at: i64,
    /// Set when the facilitator withdrew the invitation before it was taken up.
    pub withdrawn_at: Option<i64>,
    /// Cards written and submitted, counted in the same query.
    pub cards: i64,
    pub submitted: i64,
}

const SELECT: &str = "SELECT p.id, p.engagement_id, p.side, p.email, p.name, p.user_id, p.agreed_at, p.invited_at, \
    p.withdrawn_at, \
    (SELECT COUNT(*) FROM cc_cards c WHERE c.engagement_id = p.engagement_id AND c.author_id = p.user_id) AS cards, \
    (SELECT COUNT(*) FROM cc_cards c WHERE c.engagement_id = p.engagement_id AND c.author_id = p.user_id \
       AND c.submitted_at IS NOT NULL) AS submitted \
    FROM cc_participants p";

impl Store {
    /// Adds an invitation; a second one for the same address in the same engagement is a conflict.
    pub async fn add_participant(
        &self,
        id: &str,
        engagement: &str,
        side: &str,
        email: &str,
        name: &str,
    ) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO cc_participants (id, engagement_id, side, email, name, invited_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(engagement)
        .bind(side)
        .bind(email)
        .bind(name)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The engagement's participants, invited or joined; withdrawn invitations are left out.
    pub async fn participants(&self, engagement: &str) -> DbResult<Vec<ParticipantRow>> {
        Ok(sqlx::query_as(&format!(
            "{SELECT} WHERE p.engagement_id = $1 AND p.withdrawn_at IS NULL ORDER BY p.side, p.invited_at, p.id"
        ))
        .bind(engagement)
        .fetch_all(&self.pool)
        .await?)
    }

    /// One participant by id, withdrawn or not (the invitation link says which).
    pub async fn participant(&self, id: &str) -> DbResult<Option<ParticipantRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE p.id = $1")).bind(id).fetch_optional(&self.pool).await?)
    }

    /// Takes up an invitation: the person agrees to the ground rules. Only once, and only by one
    /// account per engagement (the unique pair stops one person joining both sides).
    pub async fn join_participant(&self, id: &str, user: &str) -> DbResult<bool> {
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE cc_participants SET user_id = $1, agreed_at = $2 WHERE id = $3 AND agreed_at IS NULL \
             AND withdrawn_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM cc_participants o WHERE o.engagement_id = cc_participants.engagement_id \
                             AND o.user_id = $1)",
        )
        .bind(user)
        .bind(now)
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Withdraws an invitation not yet taken up; false if it was taken up or withdrawn already.
    pub async fn withdraw_participant(&self, id: &str, engagement: &str) -> DbResult<bool> {
        let done = sqlx::query(
            "UPDATE cc_participants SET withdrawn_at = $1 WHERE id = $2 AND engagement_id = $3 \
             AND agreed_at IS NULL AND withdrawn_at IS NULL",
        )
        .bind(now_ms())
        .bind(id)
        .bind(engagement)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Invites again an address whose invitation was withdrawn: the same row, on the side and
    /// under the name given now. False if that address is not a withdrawn invitation.
    pub async fn reinvite_participant(
        &self,
        engagement: &str,
        email: &str,
        side: &str,
        name: &str,
    ) -> DbResult<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as(
            "UPDATE cc_participants SET withdrawn_at = NULL, side = $1, name = $2, invited_at = $3 \
             WHERE engagement_id = $4 AND email = $5 AND withdrawn_at IS NOT NULL RETURNING id",
        )
        .bind(side)
        .bind(name)
        .bind(now_ms())
        .bind(engagement)
        .bind(email)
        .fetch_optional(&self.writer)
        .await?;
        Ok(row.map(|(id,)| id))
    }

    /// Cancels a participant's card reminders not yet sent (or being sent): those queued in the
    /// outbox before card reminders became nudges.
    pub async fn cancel_card_reminders(&self, participant: &str) -> DbResult<u64> {
        let done = sqlx::query(
            "DELETE FROM outbox WHERE id IN (SELECT o.id FROM cc_reminders r JOIN outbox o ON o.id = r.mail_id \
             WHERE r.participant_id = $1 AND o.sent_at IS NULL AND (o.claimed_until IS NULL OR o.claimed_until < $2))",
        )
        .bind(participant)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected())
    }
}
