//! The dashboard's lines in one query: every item of one person that may need them, from every
//! practice, plus the organisations they belong to.
//!
//! Each branch reads only the person's own records or the programmes they take part in or run,
//! so the query needs no second pass per item. Every branch yields the same eight columns; what
//! `n1`, `n2`, `n3` and `extra` mean depends on `kind` (see [`NextStepRow`]). `CAST(NULL AS ...)`
//! and `CAST(0 AS BIGINT)` keep PostgreSQL's UNION typing and SQLite's the same.

use crate::Store;
use crate::error::DbResult;

/// One line. Per `kind`:
/// - `session_led` / `session_coached`: a planned session (`title` the other party, `at` its start)
/// - `action`: an open action of theirs (`title` its text, `at` its due date)
/// - `advice`: an unfinished advice request (`title` the capability, `at` its answer-by date,
///   `n1` answered experts, `n2` experts still in, `n3` 1 when the goal is written, `extra` status)
/// - `log`: a learning-log programme whose window is open (`title` its name, `at` the window's
///   end, `n1` sessions held, `n2` the cap, `n3` 1 when both cases are chosen)
/// - `cohort`: a programme they facilitate whose window is open (`n1` participants, `n2` gone quiet)
/// - `cc_<stage>`: a co-coaching engagement they take part in (`title` the common area, `at` its
///   next session, `n1` their submitted cards, `n2` 1 when they agreed to the ground rules,
///   `extra` their team)
/// - `cc_facilitating`: an engagement they run (`n1` participants, `n2` who submitted cards, `extra` stage)
/// - `org`: an organisation (`n1` members, `extra` their role)
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NextStepRow {
    pub kind: String,
    pub id: String,
    pub title: String,
    pub at: Option<i64>,
    pub n1: i64,
    pub n2: i64,
    pub n3: i64,
    pub extra: Option<String>,
}

/// `$1` the person, `$2` now, `$3` how far ahead sessions count as soon, `$4` how far back a
/// planned session still asks to be written up, `$5` before this a participant has gone quiet.
pub const NEXT_STEPS_SQL: &str = "\
SELECT 'session_led' AS kind, s.id AS id, u.display_name AS title, s.starts_at AS at, \
       CAST(0 AS BIGINT) AS n1, CAST(0 AS BIGINT) AS n2, CAST(0 AS BIGINT) AS n3, CAST(NULL AS TEXT) AS extra \
  FROM relationships r JOIN journal_sessions s ON s.relationship_id = r.id JOIN users u ON u.id = r.coach_id \
 WHERE r.leader_id = $1 AND r.status = 'active' AND s.status = 'planned' AND s.starts_at >= $4 AND s.starts_at < $3 \
UNION ALL \
SELECT 'session_coached', s.id, u.display_name, s.starts_at, CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(NULL AS TEXT) \
  FROM relationships r JOIN journal_sessions s ON s.relationship_id = r.id JOIN users u ON u.id = r.leader_id \
 WHERE r.coach_id = $1 AND r.status = 'active' AND s.status = 'planned' AND s.starts_at >= $4 AND s.starts_at < $3 \
UNION ALL \
SELECT * FROM (SELECT 'action' AS kind, a.id AS id, a.text AS title, a.due_at AS at, CAST(0 AS BIGINT) AS n1, \
       CAST(0 AS BIGINT) AS n2, CAST(0 AS BIGINT) AS n3, CAST(NULL AS TEXT) AS extra \
  FROM actions a WHERE a.owner_id = $1 AND a.status = 'open' \
 ORDER BY CASE WHEN a.due_at IS NULL THEN 1 ELSE 0 END, a.due_at, a.created_at LIMIT 6) AS my_actions \
UNION ALL \
SELECT 'advice', r.id, r.capability, r.answer_by, \
       COUNT(CASE WHEN e.status = 'answered' THEN 1 END), COUNT(CASE WHEN e.status <> 'withdrawn' THEN 1 END), \
       CAST(CASE WHEN r.goal IS NULL THEN 0 ELSE 1 END AS BIGINT), r.status \
  FROM advice_requests r JOIN advice_experts e ON e.request_id = r.id \
 WHERE r.owner_id = $1 AND r.status <> 'done' \
 GROUP BY r.id, r.capability, r.answer_by, r.goal, r.status \
UNION ALL \
SELECT 'log', g.id, g.name, g.starts_at + g.weeks * 604800000, \
       (SELECT COUNT(*) FROM ll_sessions s WHERE s.programme_id = g.id AND s.participant_id = $1 AND s.state = 'held'), \
       g.session_cap, \
       CAST(CASE WHEN p.best_session_id IS NULL OR p.hardest_session_id IS NULL THEN 0 ELSE 1 END AS BIGINT), \
       CAST(NULL AS TEXT) \
  FROM ll_participants p JOIN ll_programmes g ON g.id = p.programme_id \
 WHERE p.user_id = $1 AND g.starts_at + g.weeks * 604800000 > $2 \
UNION ALL \
SELECT 'cohort', g.id, g.name, g.starts_at + g.weeks * 604800000, \
       (SELECT COUNT(*) FROM ll_participants q WHERE q.programme_id = g.id), \
       (SELECT COUNT(*) FROM ll_participants q WHERE q.programme_id = g.id AND q.last_active_at < $5), \
       CAST(0 AS BIGINT), CAST(NULL AS TEXT) \
  FROM ll_facilitators f JOIN ll_programmes g ON g.id = f.programme_id \
 WHERE f.user_id = $1 AND g.starts_at + g.weeks * 604800000 > $2 \
UNION ALL \
SELECT 'cc_' || e.stage, e.id, e.common_area, \
       CASE WHEN e.stage = 'teamed' THEN e.session_two_at ELSE e.session_one_at END, \
       (SELECT COUNT(*) FROM cc_cards c WHERE c.engagement_id = e.id AND c.author_id = $1 AND c.submitted_at IS NOT NULL), \
       CAST(CASE WHEN p.agreed_at IS NULL THEN 0 ELSE 1 END AS BIGINT), CAST(0 AS BIGINT), \
       (SELECT MIN(t.team_id) FROM cc_team_cards t JOIN cc_cards c ON c.id = t.card_id \
         WHERE c.engagement_id = e.id AND c.author_id = $1) \
  FROM cc_participants p JOIN cc_engagements e ON e.id = p.engagement_id \
 WHERE p.user_id = $1 AND e.stage <> 'cancelled' AND e.session_two_at > $2 \
UNION ALL \
SELECT 'cc_facilitating', e.id, e.common_area, \
       CASE WHEN e.stage = 'teamed' THEN e.session_two_at ELSE e.session_one_at END, \
       (SELECT COUNT(*) FROM cc_participants p WHERE p.engagement_id = e.id), \
       (SELECT COUNT(DISTINCT c.author_id) FROM cc_cards c WHERE c.engagement_id = e.id AND c.submitted_at IS NOT NULL), \
       CAST(0 AS BIGINT), e.stage \
  FROM cc_engagements e \
 WHERE e.facilitator_id = $1 AND e.stage <> 'cancelled' AND e.session_two_at > $2 \
UNION ALL \
SELECT 'org', o.id, o.name, CAST(NULL AS BIGINT), (SELECT COUNT(*) FROM memberships c WHERE c.org_id = o.id), \
       CAST(0 AS BIGINT), CAST(0 AS BIGINT), m.role \
  FROM memberships m JOIN organisations o ON o.id = m.org_id \
 WHERE m.user_id = $1";

/// The moments [`Store::next_steps_of`] needs, all in milliseconds since the epoch.
#[derive(Clone, Copy, Debug)]
pub struct NextStepWindow {
    pub now: i64,
    pub soon_until: i64,
    pub write_up_since: i64,
    pub quiet_before: i64,
}

impl Store {
    pub async fn next_steps_of(&self, user: &str, window: NextStepWindow) -> DbResult<Vec<NextStepRow>> {
        Ok(sqlx::query_as(NEXT_STEPS_SQL)
            .bind(user)
            .bind(window.now)
            .bind(window.soon_until)
            .bind(window.write_up_since)
            .bind(window.quiet_before)
            .fetch_all(&self.pool)
            .await?)
    }
}
