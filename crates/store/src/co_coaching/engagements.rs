//! Engagements: the two organisations, the brief, the two sessions, the stage, the fee proposal.

use crate::error::DbResult;
use crate::{Store, now_ms};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EngagementRow {
    pub id: String,
    pub facilitator_id: String,
    pub facilitator_name: String,
    pub org_a_id: String,
    pub org_a_name: String,
    pub org_b_id: String,
    pub org_b_name: String,
    pub side_a_id: String,
    pub side_b_id: String,
    pub common_area: String,
    pub brief: String,
    pub ground_rules: String,
    pub stage: String,
    pub session_one_at: i64,
    pub session_one_place: String,
    pub session_one_agenda: String,
    pub session_two_at: i64,
    pub session_two_place: String,
    pub session_two_agenda: String,
    pub ics_sequence: i64,
    pub cards_opened_at: Option<i64>,
    pub session_one_closed_at: Option<i64>,
    pub fee_model: Option<String>,
    pub fee_number: Option<i64>,
    pub fee_note: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const SELECT: &str = "SELECT e.id, e.facilitator_id, u.display_name AS facilitator_name, e.org_a_id, \
    oa.name AS org_a_name, e.org_b_id, ob.name AS org_b_name, e.side_a_id, e.side_b_id, e.common_area, e.brief, \
    e.ground_rules, e.stage, e.session_one_at, e.session_one_place, e.session_one_agenda, e.session_two_at, \
    e.session_two_place, e.session_two_agenda, e.ics_sequence, e.cards_opened_at, e.session_one_closed_at, \
    e.fee_model, e.fee_number, e.fee_note, e.created_at, e.updated_at \
    FROM cc_engagements e JOIN users u ON u.id = e.facilitator_id \
    JOIN organisations oa ON oa.id = e.org_a_id JOIN organisations ob ON ob.id = e.org_b_id";

pub struct NewEngagement<'a> {
    pub id: &'a str,
    pub facilitator_id: &'a str,
    pub org_a_id: &'a str,
    pub org_b_id: &'a str,
    pub side_a_id: &'a str,
    pub side_b_id: &'a str,
    pub common_area: &'a str,
    pub brief: &'a str,
    pub ground_rules: &'a str,
    pub session_one_at: i64,
    pub session_one_place: &'a str,
    pub session_one_agenda: &'a str,
    pub session_two_at: i64,
    pub session_two_place: &'a str,
    pub session_two_agenda: &'a str,
}

/// New dates and places for the two sessions.
pub struct SessionChange<'a> {
    pub session_one_at: i64,
    pub session_one_place: &'a str,
    pub session_two_at: i64,
    pub session_two_place: &'a str,
    /// True when a date moved: the calendar files' sequence goes up.
    pub moved: bool,
}

impl Store {
    pub async fn create_engagement(&self, e: NewEngagement<'_>) -> DbResult<()> {
        let now = now_ms();
        sqlx::query(
            "INSERT INTO cc_engagements (id, facilitator_id, org_a_id, org_b_id, side_a_id, side_b_id, common_area, \
             brief, ground_rules, stage, session_one_at, session_one_place, session_one_agenda, session_two_at, \
             session_two_place, session_two_agenda, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'preparing', $10, $11, $12, $13, $14, $15, $16, $16)",
        )
        .bind(e.id)
        .bind(e.facilitator_id)
        .bind(e.org_a_id)
        .bind(e.org_b_id)
        .bind(e.side_a_id)
        .bind(e.side_b_id)
        .bind(e.common_area)
        .bind(e.brief)
        .bind(e.ground_rules)
        .bind(e.session_one_at)
        .bind(e.session_one_place)
        .bind(e.session_one_agenda)
        .bind(e.session_two_at)
        .bind(e.session_two_place)
        .bind(e.session_two_agenda)
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    pub async fn engagement(&self, id: &str) -> DbResult<Option<EngagementRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE e.id = $1")).bind(id).fetch_optional(&self.pool).await?)
    }

    /// Engagements among these ids, newest first (the app finds the ids from the person's facts).
    pub async fn engagements_among(&self, ids: &[String]) -> DbResult<Vec<EngagementRow>> {
        let mut out = vec![];
        for id in ids {
            if let Some(e) = self.engagement(id).await? {
                out.push(e);
            }
        }
        out.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    /// Moves or re-places the sessions while session two is still to come; false if the
    /// engagement was cancelled meanwhile.
    pub async fn change_engagement_sessions(&self, id: &str, c: SessionChange<'_>) -> DbResult<bool> {
        let done = sqlx::query(
            "UPDATE cc_engagements SET session_one_at = $1, session_one_place = $2, session_two_at = $3, \
             session_two_place = $4, ics_sequence = ics_sequence + $5, updated_at = $6 \
             WHERE id = $7 AND stage <> 'cancelled'",
        )
        .bind(c.session_one_at)
        .bind(c.session_one_place)
        .bind(c.session_two_at)
        .bind(c.session_two_place)
        .bind(if c.moved { 1_i64 } else { 0 })
        .bind(now_ms())
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Preparing to cards open, once.
    pub async fn open_engagement_cards(&self, id: &str) -> DbResult<bool> {
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE cc_engagements SET stage = 'cards_open', cards_opened_at = $1, updated_at = $1 \
             WHERE id = $2 AND stage = 'preparing'",
        )
        .bind(now)
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Ends session one: teamed if a team exists at that moment, else cancelled (with the
    /// calendar sequence bumped for the cancelling file). Returns the new stage, or None if the
    /// cards were not open (already closed, or never opened).
    pub async fn close_session_one(&self, id: &str) -> DbResult<Option<String>> {
        let now = now_ms();
        let row: Option<(String,)> = sqlx::query_as(
            "UPDATE cc_engagements SET \
               stage = CASE WHEN EXISTS (SELECT 1 FROM cc_teams t WHERE t.engagement_id = cc_engagements.id) \
                            THEN 'teamed' ELSE 'cancelled' END, \
               ics_sequence = CASE WHEN EXISTS (SELECT 1 FROM cc_teams t WHERE t.engagement_id = cc_engagements.id) \
                            THEN ics_sequence ELSE ics_sequence + 1 END, \
               session_one_closed_at = $1, updated_at = $1 \
             WHERE id = $2 AND stage = 'cards_open' RETURNING stage",
        )
        .bind(now)
        .bind(id)
        .fetch_optional(&self.writer)
        .await?;
        Ok(row.map(|(s,)| s))
    }

    pub async fn set_engagement_fee(&self, id: &str, model: &str, number: i64, note: Option<&str>) -> DbResult<bool> {
        let done = sqlx::query(
            "UPDATE cc_engagements SET fee_model = $1, fee_number = $2, fee_note = $3, updated_at = $4 \
             WHERE id = $5 AND stage = 'teamed'",
        )
        .bind(model)
        .bind(number)
        .bind(note)
        .bind(now_ms())
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
