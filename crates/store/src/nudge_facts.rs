//! The facts the later practices' nudges are found from: learning logs whose window closes soon,
//! co-coaching cards not yet submitted before session one, teams whose space went quiet, and
//! advice requests whose experts stayed silent past their date.
//! Counts and dates only: no nudge carries a word of anyone's log, card or team note.

use crate::Store;
use crate::error::DbResult;

/// A programme's window end, as SQL computes it from its start and length in weeks.
const WINDOW_END: &str = "(g.starts_at + g.weeks * 604800000)";

/// A participant's log that is not finished: an answer missing (each question, for both cases)
/// or no coach-the-coach session booked. `p` is the `ll_participants` row.
pub const LOG_UNFINISHED: &str = "(p.coach_session_at IS NULL OR \
     (SELECT COUNT(*) FROM ll_answers a WHERE a.programme_id = p.programme_id AND a.participant_id = p.user_id) \
     < 2 * (SELECT COUNT(*) FROM ll_questions q WHERE q.programme_id = p.programme_id))";

/// A participant whose log is unfinished as their programme's window nears its end.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UnfinishedLog {
    pub programme_id: String,
    pub programme_name: String,
    pub user_id: String,
    pub ends_at: i64,
}

/// A facilitator of a programme.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProgrammeFacilitator {
    pub programme_id: String,
    pub user_id: String,
}

/// A joined participant with no submitted card, as session one nears.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MissingCards {
    pub engagement_id: String,
    pub common_area: String,
    pub facilitator_id: String,
    pub user_id: String,
    pub session_one_at: i64,
}

/// A member of a team at work, with the team's last sign of life.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QuietTeamMember {
    pub team_id: String,
    pub engagement_id: String,
    pub common_area: String,
    pub facilitator_id: String,
    pub user_id: String,
    pub last_at: i64,
    pub session_two_at: i64,
}

/// An advice request still collecting whose silent experts' dates have all passed.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SilentExperts {
    pub request_id: String,
    pub owner_id: String,
    pub capability: String,
    /// The latest date any silent expert was given.
    pub last_by: i64,
    pub silent: i64,
}

impl Store {
    /// Requests still collecting whose experts not yet answered were all due by `before`.
    pub async fn experts_silent(&self, before: i64) -> DbResult<Vec<SilentExperts>> {
        Ok(sqlx::query_as(
            "SELECT r.id AS request_id, r.owner_id, r.capability, MAX(x.answer_by) AS last_by, COUNT(*) AS silent \
             FROM advice_requests r JOIN advice_experts x ON x.request_id = r.id \
             WHERE r.status = 'collecting' AND x.status IN ('invited', 'opened', 'drafting', 'more_time') \
             GROUP BY r.id, r.owner_id, r.capability HAVING MAX(x.answer_by) <= $1",
        )
        .bind(before)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Unfinished logs of programmes whose window ends after `now` and by `until`.
    pub async fn unfinished_logs_closing(&self, now: i64, until: i64) -> DbResult<Vec<UnfinishedLog>> {
        Ok(sqlx::query_as(&format!(
            "SELECT p.programme_id, g.name AS programme_name, p.user_id, {WINDOW_END} AS ends_at \
             FROM ll_participants p JOIN ll_programmes g ON g.id = p.programme_id \
             WHERE {WINDOW_END} > $1 AND {WINDOW_END} <= $2 AND {LOG_UNFINISHED}"
        ))
        .bind(now)
        .bind(until)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The facilitators of the programmes whose window ends after `now` and by `until`.
    pub async fn facilitators_of_closing(&self, now: i64, until: i64) -> DbResult<Vec<ProgrammeFacilitator>> {
        Ok(sqlx::query_as(&format!(
            "SELECT f.programme_id, f.user_id FROM ll_facilitators f JOIN ll_programmes g ON g.id = f.programme_id \
             WHERE {WINDOW_END} > $1 AND {WINDOW_END} <= $2"
        ))
        .bind(now)
        .bind(until)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Joined participants without a submitted card in engagements still preparing, whose
    /// session one is after `now` and by `until`.
    pub async fn cards_missing(&self, now: i64, until: i64) -> DbResult<Vec<MissingCards>> {
        Ok(sqlx::query_as(
            "SELECT e.id AS engagement_id, e.common_area, e.facilitator_id, p.user_id, e.session_one_at \
             FROM cc_participants p JOIN cc_engagements e ON e.id = p.engagement_id \
             WHERE e.stage = 'preparing' AND e.session_one_at > $1 AND e.session_one_at <= $2 \
             AND p.user_id IS NOT NULL AND p.agreed_at IS NOT NULL AND p.withdrawn_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM cc_cards c WHERE c.engagement_id = e.id AND c.author_id = p.user_id \
                             AND c.submitted_at IS NOT NULL)",
        )
        .bind(now)
        .bind(until)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Members of teams at work (session two still to come) whose last entry (or, without one,
    /// session one or the team's start if later) is at or before `before`.
    pub async fn quiet_team_members(&self, before: i64, now: i64) -> DbResult<Vec<QuietTeamMember>> {
        Ok(sqlx::query_as(
            "SELECT DISTINCT q.team_id, q.engagement_id, q.common_area, q.facilitator_id, c.author_id AS user_id, \
                    q.last_at, q.session_two_at \
             FROM (SELECT t.id AS team_id, e.id AS engagement_id, e.common_area, e.facilitator_id, e.session_two_at, \
                     COALESCE((SELECT MAX(i.created_at) FROM cc_team_items i WHERE i.team_id = t.id), \
                              CASE WHEN t.created_at > e.session_one_at THEN t.created_at ELSE e.session_one_at END) AS last_at \
                   FROM cc_teams t JOIN cc_engagements e ON e.id = t.engagement_id \
                   WHERE e.stage = 'teamed' AND e.session_two_at > $2) q \
             JOIN cc_team_cards tc ON tc.team_id = q.team_id JOIN cc_cards c ON c.id = tc.card_id \
             WHERE q.last_at <= $1",
        )
        .bind(before)
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }
}
