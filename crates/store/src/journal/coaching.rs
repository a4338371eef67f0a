//! The coach's home: what each of a coach's clients did since their last held session, read for
//! all clients at once (one query per kind of record, never one per client). Every query joins the
//! coach's active relationships as `cr` and measures "since" from `cr`'s last held session; the
//! rows are candidates only, the app asks the policy about each.

use super::{ActionRow, QuestionRow, ReflectionRow};
use crate::Store;
use crate::error::{DbError, DbResult};
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

/// What the coach's clients did since their last held session, before the policy has looked at
/// it: all the dashboard needs to say how many shared something new.
#[derive(Clone, Debug, Default)]
pub struct ClientNewsRows {
    pub reflections: Vec<ReflectionRow>,
    pub actions: Vec<ActionRow>,
    pub assessments: Vec<AssessmentRow>,
    pub questions: Vec<QuestionRow>,
}

/// Everything the coach's home shows, before the policy has looked at it.
#[derive(Clone, Debug, Default)]
pub struct CoachHomeRows {
    pub sessions: Vec<CoachSessionRow>,
    pub news: ClientNewsRows,
    /// The coach's own open actions.
    pub own_actions: Vec<ActionRow>,
}

impl Store {
    /// The coach's home in six queries, however many clients they have, run side by side (each
    /// on its own connection: none waits for another's answer).
    pub async fn coach_home(&self, coach: &str, now: i64) -> DbResult<CoachHomeRows> {
        let sessions = async {
            sqlx::query_as::<_, CoachSessionRow>(&format!(
                "SELECT s.id, s.relationship_id, s.starts_at, s.status, \
                   (SELECT COUNT(*) FROM session_notes n WHERE n.session_id = s.id AND n.author_id = $1 \
                      AND n.kind = 'coach_note') AS noted \
                 FROM journal_sessions s {CLIENTS} AND cr.id = s.relationship_id ORDER BY s.starts_at"
            ))
            .bind(coach)
            .fetch_all(&self.pool)
            .await
            .map_err(DbError::from)
        };
        let (sessions, news, own_actions) =
            tokio::try_join!(sessions, self.client_news(coach, now), self.open_actions_of(coach, 200))?;
        Ok(CoachHomeRows { sessions, news, own_actions })
    }

    /// The news of the coach's clients in four queries, run side by side.
    pub async fn client_news(&self, coach: &str, now: i64) -> DbResult<ClientNewsRows> {
        let questions = async {
            sqlx::query_as::<_, QuestionRow>(&format!(
                "SELECT q.id, q.owner_id, q.text, q.status, q.audience, q.audience_target, q.shared_at, q.created_at, \
                   q.updated_at FROM open_questions q {CLIENTS} AND cr.leader_id = q.owner_id \
                 WHERE ((q.audience = 'relationship' AND q.audience_target = cr.id) OR q.audience = 'all_my_coaches') \
                   AND (q.updated_at >= {SINCE} OR EXISTS (SELECT 1 FROM question_progress qp \
                     WHERE qp.question_id = q.id AND qp.created_at >= {SINCE})) \
                 ORDER BY q.updated_at DESC LIMIT 500"
            ))
            .bind(coach)
            .fetch_all(&self.pool)
            .await
            .map_err(DbError::from)
        };
        let (reflections, actions, assessments, questions) = tokio::try_join!(
            self.reflections_for_coach_home(coach),
            self.actions_for_coach_home(coach, now),
            self.wheel_assessments_for_coach_home(coach),
            questions
        )?;
        Ok(ClientNewsRows { reflections, actions, assessments, questions })
    }
}
