//! The programme health view's reads: every learning-log programme and co-coaching engagement a
//! person facilitates or whose organisation they admin, with counts and dates of each participant.
//! Four statements whatever the number of programmes or people (programmes, their participants,
//! engagements, theirs); no column here holds a word anyone wrote, only names, counts and dates.

use crate::Store;
use crate::error::DbResult;

/// One learning-log programme, with the viewer's standing in it (the policy's facts).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct HealthProgrammeRow {
    pub id: String,
    pub name: String,
    pub starts_at: i64,
    pub weeks: i64,
    pub org_name: Option<String>,
    /// 1 when the viewer is one of its facilitators.
    pub facilitates: i64,
    /// 1 when the viewer is an admin of its organisation.
    pub org_admin: i64,
    pub questions: i64,
    /// Mailed invitations not taken up yet.
    pub invited_open: i64,
}

/// One participant of a learning-log programme, counted.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct HealthParticipantRow {
    pub programme_id: String,
    pub user_id: String,
    pub display_name: String,
    /// Their last time on coachkit at all ("last here").
    pub last_here_at: Option<i64>,
    pub last_held_on: Option<i64>,
    /// The log's counts, as the cohort view reads them (its `last_active_at` is the log's
    /// last write: the cohort view's "gone quiet").
    #[sqlx(flatten)]
    pub counts: crate::learning_log::LogCounts,
}

/// One co-coaching engagement, counted, with the viewer's standing in it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct HealthEngagementRow {
    pub id: String,
    pub common_area: String,
    pub stage: String,
    pub session_one_at: i64,
    pub session_two_at: i64,
    pub org_a: String,
    pub org_b: String,
    pub facilitates: i64,
    pub org_admin: i64,
    pub invited: i64,
    pub joined: i64,
    pub cards_submitted: i64,
    pub teams: i64,
    pub actions: i64,
    pub actions_done: i64,
    pub value_records: i64,
}

/// One person invited to an engagement (withdrawn invitations left out), counted.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct HealthEngagementPersonRow {
    pub engagement_id: String,
    pub side: String,
    pub name: String,
    pub joined: i64,
    pub invited_at: i64,
    pub last_here_at: Option<i64>,
    pub cards_submitted: i64,
    pub team_formed_at: Option<i64>,
    pub last_team_entry_at: Option<i64>,
}

/// The learning-log programmes `$1` facilitates or whose organisation `$1` admins.
const VISIBLE_PROGRAMMES: &str = "SELECT programme_id AS id FROM ll_facilitators WHERE user_id = $1 \
    UNION SELECT p.id FROM ll_programmes p JOIN memberships m ON m.org_id = p.org_id \
    WHERE m.user_id = $1 AND m.role = 'admin'";

/// The engagements `$1` facilitates or in which `$1` admins either organisation.
const VISIBLE_ENGAGEMENTS: &str = "SELECT id FROM cc_engagements WHERE facilitator_id = $1 \
    UNION SELECT e.id FROM cc_engagements e JOIN memberships m ON m.org_id IN (e.org_a_id, e.org_b_id) \
    WHERE m.user_id = $1 AND m.role = 'admin'";

const WEEK_MS: i64 = 7 * 86_400_000;

impl Store {
    /// The learning-log programmes `user` may be shown the health of, newest first.
    pub async fn health_programmes(&self, user: &str) -> DbResult<Vec<HealthProgrammeRow>> {
        let sql = format!(
            "SELECT p.id, p.name, p.starts_at, p.weeks, o.name AS org_name, \
             CASE WHEN EXISTS (SELECT 1 FROM ll_facilitators f WHERE f.programme_id = p.id AND f.user_id = $1) \
               THEN 1 ELSE 0 END AS facilitates, \
             CASE WHEN EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = p.org_id AND m.user_id = $1 \
               AND m.role = 'admin') THEN 1 ELSE 0 END AS org_admin, \
             (SELECT COUNT(*) FROM ll_questions q WHERE q.programme_id = p.id) AS questions, \
             (SELECT COUNT(*) FROM ll_invitations i WHERE i.programme_id = p.id AND i.email IS NOT NULL \
               AND i.accepted_at IS NULL) AS invited_open \
             FROM ll_programmes p LEFT JOIN organisations o ON o.id = p.org_id \
             WHERE p.id IN ({VISIBLE_PROGRAMMES}) ORDER BY p.starts_at DESC, p.id"
        );
        Ok(sqlx::query_as(&sql).bind(user).fetch_all(&self.pool).await?)
    }

    /// Every participant of those programmes with their log counted: one grouped pass over the
    /// sessions and one over the answers, as the cohort view counts one programme.
    pub async fn health_participants(&self, user: &str) -> DbResult<Vec<HealthParticipantRow>> {
        let counts = crate::log_counts_columns!();
        let sql = format!(
            "SELECT m.programme_id, m.user_id, u.display_name, u.last_active_at AS last_here_at, s.last_held_on, {counts} \
             FROM ll_participants m JOIN users u ON u.id = m.user_id \
             LEFT JOIN (SELECT x.programme_id, x.participant_id, COUNT(*) AS planned, \
                 SUM(CASE WHEN x.state = 'held' THEN 1 ELSE 0 END) AS held, \
                 SUM(CASE WHEN x.state = 'held' AND x.held_on >= p.starts_at \
                   AND x.held_on < p.starts_at + p.weeks * {WEEK_MS} THEN 1 ELSE 0 END) AS held_in_window, \
                 MAX(CASE WHEN x.state = 'held' THEN x.held_on END) AS last_held_on \
               FROM ll_sessions x JOIN ll_programmes p ON p.id = x.programme_id \
               WHERE x.programme_id IN ({VISIBLE_PROGRAMMES}) GROUP BY x.programme_id, x.participant_id) s \
               ON s.programme_id = m.programme_id AND s.participant_id = m.user_id \
             LEFT JOIN (SELECT programme_id, participant_id, COUNT(*) AS answered FROM ll_answers \
               WHERE programme_id IN ({VISIBLE_PROGRAMMES}) GROUP BY programme_id, participant_id) a \
               ON a.programme_id = m.programme_id AND a.participant_id = m.user_id \
             WHERE m.programme_id IN ({VISIBLE_PROGRAMMES}) ORDER BY m.programme_id, u.display_name, m.user_id"
        );
        Ok(sqlx::query_as(&sql).bind(user).fetch_all(&self.pool).await?)
    }

    /// The co-coaching engagements `user` may be shown the health of, newest first, counted.
    pub async fn health_engagements(&self, user: &str) -> DbResult<Vec<HealthEngagementRow>> {
        let sql = format!(
            "SELECT e.id, e.common_area, e.stage, e.session_one_at, e.session_two_at, oa.name AS org_a, \
             ob.name AS org_b, CASE WHEN e.facilitator_id = $1 THEN 1 ELSE 0 END AS facilitates, \
             CASE WHEN EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = $1 AND m.role = 'admin' \
               AND m.org_id IN (e.org_a_id, e.org_b_id)) THEN 1 ELSE 0 END AS org_admin, \
             (SELECT COUNT(*) FROM cc_participants p WHERE p.engagement_id = e.id AND p.withdrawn_at IS NULL) AS invited, \
             (SELECT COUNT(*) FROM cc_participants p WHERE p.engagement_id = e.id AND p.withdrawn_at IS NULL \
               AND p.agreed_at IS NOT NULL) AS joined, \
             (SELECT COUNT(*) FROM cc_cards c WHERE c.engagement_id = e.id AND c.submitted_at IS NOT NULL) AS cards_submitted, \
             (SELECT COUNT(*) FROM cc_teams t WHERE t.engagement_id = e.id) AS teams, \
             (SELECT COUNT(*) FROM cc_team_items i JOIN cc_teams t ON t.id = i.team_id \
               WHERE t.engagement_id = e.id AND i.kind = 'action') AS actions, \
             (SELECT COUNT(*) FROM cc_team_items i JOIN cc_teams t ON t.id = i.team_id \
               WHERE t.engagement_id = e.id AND i.kind = 'action' AND i.done_at IS NOT NULL) AS actions_done, \
             (SELECT COUNT(*) FROM cc_values v WHERE v.engagement_id = e.id) AS value_records \
             FROM cc_engagements e JOIN organisations oa ON oa.id = e.org_a_id JOIN organisations ob ON ob.id = e.org_b_id \
             WHERE e.id IN ({VISIBLE_ENGAGEMENTS}) ORDER BY e.session_one_at DESC, e.id"
        );
        Ok(sqlx::query_as(&sql).bind(user).fetch_all(&self.pool).await?)
    }

    /// Everyone invited to those engagements, with their cards and their team's space counted.
    pub async fn health_engagement_people(&self, user: &str) -> DbResult<Vec<HealthEngagementPersonRow>> {
        let sql = format!(
            "SELECT p.engagement_id, p.side, COALESCE(u.display_name, p.name) AS name, \
             CASE WHEN p.agreed_at IS NULL THEN 0 ELSE 1 END AS joined, p.invited_at, u.last_active_at AS last_here_at, \
             (SELECT COUNT(*) FROM cc_cards c WHERE c.engagement_id = p.engagement_id AND c.author_id = p.user_id \
               AND c.submitted_at IS NOT NULL) AS cards_submitted, \
             (SELECT MIN(t.created_at) FROM cc_teams t JOIN cc_team_cards tc ON tc.team_id = t.id \
               JOIN cc_cards c ON c.id = tc.card_id WHERE t.engagement_id = p.engagement_id \
               AND c.author_id = p.user_id) AS team_formed_at, \
             (SELECT MAX(i.created_at) FROM cc_team_items i JOIN cc_teams t ON t.id = i.team_id \
               WHERE t.engagement_id = p.engagement_id AND i.author_id = p.user_id) AS last_team_entry_at \
             FROM cc_participants p LEFT JOIN users u ON u.id = p.user_id \
             WHERE p.engagement_id IN ({VISIBLE_ENGAGEMENTS}) AND p.withdrawn_at IS NULL \
             ORDER BY p.engagement_id, p.side, name, p.id"
        );
        Ok(sqlx::query_as(&sql).bind(user).fetch_all(&self.pool).await?)
    }
}
