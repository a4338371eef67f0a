//! The coach's home: what each of a coach's clients did since their last held session, read for
//! all clients at once (one query per kind of record, never one per client). Every query joins the
//! coach's active relationships as `cr` and measures "since" from `cr`'s last held session; the
//! rows are candidates only, the app asks the policy about each.

use super::{ActionRow, QuestionRow, ReflectionRow};
use crate::Store;
use crate::error::DbResult;
use crate::wheel::AssessmentRow;

/// The moment a relationship `cr` last met: its last held session, or its beginning.
pub(crate) const SINCE: &str = "COALESCE((SELECT MAX(ls.starts_at) FROM journal_sessions ls \
    WHERE ls.relationship_id = cr.id AND ls.status = 'held'), 0)";

/// The coach's active relationships, as the join every query below starts from.
pub(crate) const CLIENTS: &str = "JOIN relationships cr ON cr.coach_id = $1 AND cr.status = 'active'";

/// One session of a coach's relationship, with whether the coach has written their note on it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CoachSessionRow {
    pub id: String,
    pub relationship_id: String,
    pub starts_at: i64,
    pub status: String,
    /// How many coach's notes the coach wrote on it (0 or 1).
    pub noted: i64,
}

/// Everything the coach's home shows, before the policy has looked at it.
#[derive(Clone, Debug, Default)]
pub struct CoachHomeRows {
    pub sessions: Vec<CoachSessionRow>,
    pub reflections: Vec<ReflectionRow>,
    pub actions: Vec<ActionRow>,
    pub assessments: Vec<AssessmentRow>,
    pub questions: Vec<QuestionRow>,
    /// The coach's own open actions.
    pub own_actions: Vec<ActionRow>,
}

impl Store {
    /// The coach's home in six queries, however many clients they have.
    pub async fn coach_home(&self, coach: &str, now: i64) -> DbResult<CoachHomeRows> {
        let sessions = sqlx::query_as(&format!(
            "SELECT s.id, s.relationship_id, s.starts_at, s.status, \
               (SELECT COUNT(*) FROM session_notes n WHERE n.session_id = s.id AND n.author_id = $1 \
                  AND n.kind = 'coach_note') AS noted \
             FROM journal_sessions s {CLIENTS} AND cr.id = s.relationship_id ORDER BY s.starts_at"
        ))
        .bind(coach)
        .fetch_all(&self.pool)
        .await?;
        let questions = sqlx::query_as(&format!(
            "SELECT q.id, q.owner_id, q.text, q.status, q.audience, q.audience_target, q.shared_at, q.created_at, \
               q.updated_at FROM open_questions q {CLIENTS} AND cr.leader_id = q.owner_id \
             WHERE ((q.audience = 'relationship' AND q.audience_target = cr.id) OR q.audience = 'all_my_coaches') \
               AND (q.updated_at >= {SINCE} OR EXISTS (SELECT 1 FROM question_progress qp \
                 WHERE qp.question_id = q.id AND qp.created_at >= {SINCE})) \
             ORDER BY q.updated_at DESC LIMIT 500"
        ))
        .bind(coach)
        .fetch_all(&self.pool)
        .await?;
        Ok(CoachHomeRows {
            sessions,
            reflections: self.reflections_for_coach_home(coach).await?,
            actions: self.actions_for_coach_home(coach, now).await?,
            assessments: self.wheel_assessments_for_coach_home(coach).await?,
            questions,
            own_actions: self.open_actions_of(coach, 200).await?,
        })
    }
}
