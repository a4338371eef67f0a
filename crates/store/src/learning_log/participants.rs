//! Invitations, participants, and what the cohort view counts about each log.

use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::privacy::Audience;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: String,
    pub email: Option<String>,
    pub capability_id: String,
    pub created_at: i64,
    pub accepted_by_name: Option<String>,
    pub accepted_at: Option<i64>,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ParticipantRow {
    pub programme_id: String,
    pub user_id: String,
    pub display_name: String,
    pub joined_at: i64,
    pub last_active_at: i64,
    pub audience: String,
    pub audience_target: Option<String>,
    pub shared_at: i64,
    pub best_session_id: Option<String>,
    pub hardest_session_id: Option<String>,
    pub coach_session_at: Option<i64>,
    pub coach_session_place: Option<String>,
    pub coach_session_seq: i64,
}

const PARTICIPANT: &str = "SELECT m.programme_id, m.user_id, u.display_name, m.joined_at, m.last_active_at, \
    m.audience, m.audience_target, m.shared_at, m.best_session_id, m.hardest_session_id, m.coach_session_at, \
    m.coach_session_place, m.coach_session_seq FROM ll_participants m JOIN users u ON u.id = m.user_id";

/// How far one participant's log has come, in counts (never its text): what the cohort view and
/// the programme health view both read, from the columns [`log_counts_columns`] names.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LogCounts {
    /// Their last write in this log.
    pub last_active_at: i64,
    pub has_best: i64,
    pub has_hardest: i64,
    pub coach_session_at: Option<i64>,
    pub planned: i64,
    pub held: i64,
    pub held_in_window: i64,
    pub answered: i64,
}

/// The select-list of [`LogCounts`] over `ll_participants m` joined to the grouped sessions `s`
/// (planned, held, held_in_window) and answers `a` (answered): a macro so both statements stay
/// constants.
#[macro_export]
macro_rules! log_counts_columns {
    () => {
        "m.last_active_at, \
         CASE WHEN m.best_session_id IS NULL THEN 0 ELSE 1 END AS has_best, \
         CASE WHEN m.hardest_session_id IS NULL THEN 0 ELSE 1 END AS has_hardest, m.coach_session_at, \
         COALESCE(s.planned, 0) AS planned, COALESCE(s.held, 0) AS held, \
         COALESCE(s.held_in_window, 0) AS held_in_window, COALESCE(a.answered, 0) AS answered"
    };
}

/// One line of the cohort view: the participant and counts of their log, never its text.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CohortRow {
    pub user_id: String,
    pub display_name: String,
    pub audience: String,
    pub audience_target: Option<String>,
    pub shared_at: i64,
    #[sqlx(flatten)]
    pub counts: LogCounts,
}

/// The cohort view's statement (`Store::ll_cohort`), public so the benchmark prints the plan of
/// the statement the server runs, not a copy.
pub const COHORT_SQL: &str = concat!(
    "SELECT m.user_id, u.display_name, m.audience, m.audience_target, m.shared_at, ",
    log_counts_columns!(),
    " FROM ll_participants m JOIN users u ON u.id = m.user_id \
             LEFT JOIN (SELECT participant_id, COUNT(*) AS planned, \
                 SUM(CASE WHEN state = 'held' THEN 1 ELSE 0 END) AS held, \
                 SUM(CASE WHEN state = 'held' AND held_on >= $2 AND held_on < $3 THEN 1 ELSE 0 END) AS held_in_window \
               FROM ll_sessions WHERE programme_id = $1 GROUP BY participant_id) s ON s.participant_id = m.user_id \
             LEFT JOIN (SELECT participant_id, COUNT(*) AS answered FROM ll_answers WHERE programme_id = $1 \
               GROUP BY participant_id) a ON a.participant_id = m.user_id \
             WHERE m.programme_id = $1 ORDER BY u.display_name, m.user_id"
);

/// `Store::ll_invitations`'s statement (public for the benchmark's plans).
pub const INVITATIONS_SQL: &str = "SELECT i.id, i.email, i.capability_id, i.created_at, u.display_name AS accepted_by_name, i.accepted_at \
             FROM ll_invitations i LEFT JOIN users u ON u.id = i.accepted_by WHERE i.programme_id = $1 \
             ORDER BY i.created_at DESC, i.id";

impl Store {
    pub async fn create_ll_invitation(
        &self,
        id: &str,
        programme: &str,
        email: Option<&str>,
        capability: &str,
        invited_by: &str,
    ) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO ll_invitations (id, programme_id, email, capability_id, invited_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(programme)
        .bind(email)
        .bind(capability)
        .bind(invited_by)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    pub async fn ll_invitations(&self, programme: &str) -> DbResult<Vec<InvitationRow>> {
        Ok(sqlx::query_as(INVITATIONS_SQL).bind(programme).fetch_all(&self.pool).await?)
    }

    /// Joins a person to a programme through the invitation behind `capability`, in one
    /// transaction. False if they were already in it (the invitation is then left as it was).
    pub async fn join_ll_programme(&self, programme: &str, user: &str, capability: &str) -> DbResult<bool> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let joined = sqlx::query(
            "INSERT INTO ll_participants (programme_id, user_id, joined_at, last_active_at, shared_at) \
             VALUES ($1, $2, $3, $3, $3) ON CONFLICT (programme_id, user_id) DO NOTHING",
        )
        .bind(programme)
        .bind(user)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if joined.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(
            "UPDATE ll_invitations SET accepted_by = $1, accepted_at = $2 \
             WHERE capability_id = $3 AND programme_id = $4 AND accepted_at IS NULL",
        )
        .bind(user)
        .bind(now)
        .bind(capability)
        .bind(programme)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn ll_participant(&self, programme: &str, user: &str) -> DbResult<Option<ParticipantRow>> {
        Ok(sqlx::query_as(&format!("{PARTICIPANT} WHERE m.programme_id = $1 AND m.user_id = $2"))
            .bind(programme)
            .bind(user)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Every participant with their log counted, in one query: the cohort view. The counts come
    /// from one grouped pass over the programme's sessions and one over its answers (joined to
    /// the participants), not from searches per participant: with 200 people that was 800 index
    /// searches and, on SQLite, a table read per session for its state.
    pub async fn ll_cohort(&self, programme: &str, window: (i64, i64)) -> DbResult<Vec<CohortRow>> {
        Ok(sqlx::query_as(COHORT_SQL).bind(programme).bind(window.0).bind(window.1).fetch_all(&self.pool).await?)
    }

    /// Records that the participant wrote something in their log now.
    pub async fn touch_ll_participant(&self, programme: &str, user: &str) -> DbResult<()> {
        sqlx::query("UPDATE ll_participants SET last_active_at = $1 WHERE programme_id = $2 AND user_id = $3")
            .bind(now_ms())
            .bind(programme)
            .bind(user)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Sets the two cases (either may be none).
    pub async fn set_ll_cases(
        &self,
        programme: &str,
        user: &str,
        best: Option<&str>,
        hardest: Option<&str>,
    ) -> DbResult<()> {
        sqlx::query(
            "UPDATE ll_participants SET best_session_id = $1, hardest_session_id = $2, last_active_at = $3 \
             WHERE programme_id = $4 AND user_id = $5",
        )
        .bind(best)
        .bind(hardest)
        .bind(now_ms())
        .bind(programme)
        .bind(user)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Who may read the log: private, or the programme's facilitators.
    pub async fn set_ll_log_audience(&self, programme: &str, user: &str, audience: &Audience) -> DbResult<()> {
        let (word, target) = audience.to_parts();
        sqlx::query(
            "UPDATE ll_participants SET audience = $1, audience_target = $2, shared_at = $3 \
             WHERE programme_id = $4 AND user_id = $5",
        )
        .bind(word)
        .bind(target)
        .bind(now_ms())
        .bind(programme)
        .bind(user)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Books (or moves) the coach-the-coach session; each change bumps the calendar sequence.
    pub async fn book_ll_coach_session(
        &self,
        programme: &str,
        user: &str,
        at: i64,
        place: Option<&str>,
    ) -> DbResult<()> {
        sqlx::query(
            "UPDATE ll_participants SET coach_session_at = $1, coach_session_place = $2, \
             coach_session_seq = coach_session_seq + 1 WHERE programme_id = $3 AND user_id = $4",
        )
        .bind(at)
        .bind(place)
        .bind(programme)
        .bind(user)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// A facilitator's own note on one participant's log.
    pub async fn ll_coach_note(
        &self,
        programme: &str,
        participant: &str,
        facilitator: &str,
    ) -> DbResult<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT body FROM ll_coach_notes WHERE programme_id = $1 AND participant_id = $2 AND facilitator_id = $3",
        )
        .bind(programme)
        .bind(participant)
        .bind(facilitator)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.0))
    }

    pub async fn set_ll_coach_note(
        &self,
        programme: &str,
        participant: &str,
        facilitator: &str,
        body: &str,
    ) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO ll_coach_notes (programme_id, participant_id, facilitator_id, body, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (programme_id, participant_id, facilitator_id) \
             DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
        )
        .bind(programme)
        .bind(participant)
        .bind(facilitator)
        .bind(body)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        Ok(())
    }
}
