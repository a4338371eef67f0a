//! Nudges as rows: found by the scheduler (each at most once, by its unique key), then sent in a
//! mail of their own or folded into a digest, in the same transaction as the outbox row that
//! carries them. Also the facts each kind is found from, and the preferences people choose.

use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::MailId;

/// A nudge to record; a second insert of the same key adds nothing.
pub struct NewNudge<'a> {
    pub user_id: &'a str,
    pub kind: &'a str,
    pub subject_id: &'a str,
    pub occasion: i64,
    pub step: i64,
    pub line: &'a str,
    pub link_path: &'a str,
    pub extra_path: Option<&'a str>,
    pub due_at: i64,
    pub expires_at: Option<i64>,
}

/// A pending nudge with what its delivery needs to know about its recipient.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DueNudge {
    pub id: String,
    pub user_id: String,
    pub kind: String,
    pub step: i64,
    pub line: String,
    pub link_path: String,
    pub extra_path: Option<String>,
    pub due_at: i64,
    pub email: String,
    pub display_name: String,
    pub time_zone: String,
    /// The person's choice for this kind, if they made one.
    pub delivery: Option<String>,
}

/// A nudge as stored (tests and the admin read these).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NudgeRow {
    pub id: String,
    pub user_id: String,
    pub kind: String,
    pub subject_id: String,
    pub step: i64,
    pub state: String,
    pub mail_id: Option<String>,
}

/// A message with an HTML alternative and an unsubscribe address.
pub struct RichMail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub html_body: String,
    pub unsubscribe_url: String,
}

/// A planned session in an active relationship, with both parties.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UpcomingSession {
    pub session_id: String,
    pub starts_at: i64,
    pub leader_id: String,
    pub leader_name: String,
    pub coach_id: String,
    pub coach_name: String,
}

/// An open action past its due date.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OverdueAction {
    pub action_id: String,
    pub owner_id: String,
    pub text: String,
    pub due_at: i64,
}

/// An unanswered invitation to someone who has an account.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct WaitingInvitation {
    pub relationship_id: String,
    pub created_at: i64,
    pub leader_id: String,
    pub leader_name: String,
    pub coach_id: String,
    pub coach_name: String,
}

/// An active relationship and its last sign of life (its latest session, else when it began).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RelationshipPulse {
    pub relationship_id: String,
    pub leader_id: String,
    pub leader_name: String,
    pub coach_id: String,
    pub coach_name: String,
    pub last_at: i64,
}

/// For each kind, the condition under which a pending nudge is still true; one that is no longer
/// true (the session moved, the action was done, the invitation answered) becomes void.
const STILL_TRUE: [(&str, &str); 9] = [
    (
        "session_reminder",
        "EXISTS (SELECT 1 FROM journal_sessions s JOIN relationships r ON r.id = s.relationship_id \
         WHERE s.id = nudges.subject_id AND s.status = 'planned' AND s.starts_at = nudges.occasion \
         AND r.status = 'active')",
    ),
    (
        "action_overdue",
        "EXISTS (SELECT 1 FROM actions a WHERE a.id = nudges.subject_id AND a.status = 'open' \
         AND a.due_at = nudges.occasion)",
    ),
    (
        "invitation_unanswered",
        "EXISTS (SELECT 1 FROM relationships r WHERE r.id = nudges.subject_id AND r.status = 'pending')",
    ),
    (
        "relationship_quiet",
        "EXISTS (SELECT 1 FROM relationships r WHERE r.id = nudges.subject_id AND r.status = 'active' \
         AND NOT EXISTS (SELECT 1 FROM journal_sessions s WHERE s.relationship_id = r.id \
         AND s.starts_at > nudges.occasion))",
    ),
    // A participant's own nudge: their log is still unfinished; the facilitators': someone's is.
    (
        "window_closing",
        "EXISTS (SELECT 1 FROM ll_participants p WHERE p.programme_id = nudges.subject_id \
         AND (nudges.step = 3 OR p.user_id = nudges.user_id) AND (p.coach_session_at IS NULL OR \
         (SELECT COUNT(*) FROM ll_answers a WHERE a.programme_id = p.programme_id AND a.participant_id = p.user_id) \
         < 2 * (SELECT COUNT(*) FROM ll_questions q WHERE q.programme_id = p.programme_id)))",
    ),
    // Session one as it was, the cards not yet open, and (this person's, or anyone's) card missing.
    (
        "cards_due",
        "EXISTS (SELECT 1 FROM cc_engagements e JOIN cc_participants p ON p.engagement_id = e.id \
         WHERE e.id = nudges.subject_id AND e.stage = 'preparing' AND e.session_one_at = nudges.occasion \
         AND p.user_id IS NOT NULL AND p.agreed_at IS NOT NULL AND p.withdrawn_at IS NULL \
         AND (nudges.step = 3 OR p.user_id = nudges.user_id) \
         AND NOT EXISTS (SELECT 1 FROM cc_cards c WHERE c.engagement_id = e.id AND c.author_id = p.user_id \
         AND c.submitted_at IS NOT NULL))",
    ),
    (
        "team_quiet",
        "EXISTS (SELECT 1 FROM cc_teams t JOIN cc_engagements e ON e.id = t.engagement_id \
         WHERE t.id = nudges.subject_id AND e.stage = 'teamed' \
         AND NOT EXISTS (SELECT 1 FROM cc_team_items i WHERE i.team_id = t.id AND i.created_at > nudges.occasion))",
    ),
    ("reply_notice", "EXISTS (SELECT 1 FROM replies r WHERE r.id = nudges.subject_id)"),
    // Still collecting, someone still silent, and nobody given a date later than the one passed.
    (
        "experts_silent",
        "EXISTS (SELECT 1 FROM advice_requests r JOIN advice_experts x ON x.request_id = r.id \
         WHERE r.id = nudges.subject_id AND r.status = 'collecting' \
         AND x.status IN ('invited', 'opened', 'drafting', 'more_time')) \
         AND NOT EXISTS (SELECT 1 FROM advice_experts x WHERE x.request_id = nudges.subject_id \
         AND x.status IN ('invited', 'opened', 'drafting', 'more_time') AND x.answer_by > nudges.occasion)",
    ),
];

impl Store {
    /// Records a nudge; false if the same nudge was recorded before (by this or another instance).
    pub async fn record_nudge(&self, n: NewNudge<'_>) -> DbResult<bool> {
        let done = sqlx::query(
            "INSERT INTO nudges (id, user_id, kind, subject_id, occasion, step, line, link_path, extra_path, \
             due_at, expires_at, state, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $12) \
             ON CONFLICT (user_id, kind, subject_id, occasion, step) DO NOTHING",
        )
        .bind(coachkit_domain::RecordId::new().as_str())
        .bind(n.user_id)
        .bind(n.kind)
        .bind(n.subject_id)
        .bind(n.occasion)
        .bind(n.step)
        .bind(n.line)
        .bind(n.link_path)
        .bind(n.extra_path)
        .bind(n.due_at)
        .bind(n.expires_at)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        let new = done.rows_affected() == 1;
        if new && n.step > 1 {
            // A newer step replaces an older one of the same silence still waiting (for a digest,
            // or the morning): the person reads one line about it, never two.
            sqlx::query(
                "UPDATE nudges SET state = 'void', decided_at = $1 WHERE state = 'pending' AND user_id = $2 \
                 AND kind = $3 AND subject_id = $4 AND occasion = $5 AND step < $6",
            )
            .bind(n.due_at)
            .bind(n.user_id)
            .bind(n.kind)
            .bind(n.subject_id)
            .bind(n.occasion)
            .bind(n.step)
            .execute(&self.writer)
            .await?;
        }
        Ok(new)
    }

    /// When the latest of a silence's own steps (first or second, to anyone) was due: the other
    /// party's step is held back from it.
    pub async fn latest_own_nudge(&self, kind: &str, subject: &str, occasion: i64) -> DbResult<Option<i64>> {
        let row: (Option<i64>,) = sqlx::query_as(
            "SELECT MAX(due_at) FROM nudges WHERE kind = $1 AND subject_id = $2 AND occasion = $3 AND step < 3",
        )
        .bind(kind)
        .bind(subject)
        .bind(occasion)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.0)
    }

    /// Voids pending nudges that are no longer true or whose moment has passed.
    pub async fn void_stale_nudges(&self, now: i64) -> DbResult<u64> {
        let mut voided = 0;
        for (kind, still_true) in STILL_TRUE {
            let done = sqlx::query(&format!(
                "UPDATE nudges SET state = 'void', decided_at = $1 \
                 WHERE state = 'pending' AND kind = $2 AND NOT {still_true}"
            ))
            .bind(now)
            .bind(kind)
            .execute(&self.writer)
            .await?;
            voided += done.rows_affected();
        }
        let expired = sqlx::query(
            "UPDATE nudges SET state = 'void', decided_at = $1 \
             WHERE state = 'pending' AND expires_at IS NOT NULL AND expires_at <= $1",
        )
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(voided + expired.rows_affected())
    }

    /// Pending nudges due by `now`, each with its recipient and their choice, grouped by person.
    pub async fn due_nudges(&self, now: i64) -> DbResult<Vec<DueNudge>> {
        Ok(sqlx::query_as(
            "SELECT n.id, n.user_id, n.kind, n.step, n.line, n.link_path, n.extra_path, n.due_at, \
                    u.email, u.display_name, u.time_zone, p.delivery \
             FROM nudges n JOIN users u ON u.id = n.user_id \
             LEFT JOIN nudge_preferences p ON p.user_id = n.user_id AND p.kind = n.kind \
             WHERE n.state = 'pending' AND n.due_at <= $1 AND u.disabled_at IS NULL \
             ORDER BY n.user_id, n.due_at, n.id",
        )
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Marks a nudge skipped (its kind is off for its person). False if it was no longer pending.
    pub async fn skip_nudge(&self, id: &str, now: i64) -> DbResult<bool> {
        let done =
            sqlx::query("UPDATE nudges SET state = 'skipped', decided_at = $1 WHERE id = $2 AND state = 'pending'")
                .bind(now)
                .bind(id)
                .execute(&self.writer)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Takes the pending nudges among `ids` into one mail, in one transaction: each is moved from
    /// pending to `state` ("sent" or "folded") by a guarded UPDATE, and the mail written by
    /// `compose` from those this call won goes into the outbox. Nothing is written when none was
    /// still pending (another instance took them), so a nudge is never mailed twice.
    pub async fn mail_nudges<F>(&self, ids: &[String], state: &str, now: i64, compose: F) -> DbResult<Option<MailId>>
    where
        F: FnOnce(&[String]) -> RichMail,
    {
        let guarded = "UPDATE nudges SET state = $1, mail_id = $2, decided_at = $3 WHERE id = $4 AND state = 'pending'";
        self.mail_guarded(guarded, ids, state, now, compose).await
    }

    /// The transaction behind every nudge mail (the experts' reminders' too): `guarded` (binding
    /// state, mail id, now and one id) moves each of `ids` on only if it is still pending, and
    /// the mail `compose` writes from those won goes into the outbox; nothing when none was won.
    pub(crate) async fn mail_guarded<F>(
        &self,
        guarded: &str,
        ids: &[String],
        state: &str,
        now: i64,
        compose: F,
    ) -> DbResult<Option<MailId>>
    where
        F: FnOnce(&[String]) -> RichMail,
    {
        let mail_id = MailId::new();
        let mut tx = self.begin_write().await?;
        let mut won = Vec::new();
        for id in ids {
            let done =
                sqlx::query(guarded).bind(state).bind(mail_id.as_str()).bind(now).bind(id).execute(&mut *tx).await?;
            if done.rows_affected() == 1 {
                won.push(id.clone());
            }
        }
        if won.is_empty() {
            tx.rollback().await?;
            return Ok(None);
        }
        let mail = compose(&won);
        sqlx::query(
            "INSERT INTO outbox (id, to_addr, subject, body, html_body, unsubscribe_url, created_at, next_attempt_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(mail_id.as_str())
        .bind(&mail.to)
        .bind(&mail.subject)
        .bind(&mail.body)
        .bind(&mail.html_body)
        .bind(&mail.unsubscribe_url)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(mail_id))
    }

    /// Claims today's digest for a person: true if none went in the last `gap_ms` (and records
    /// this one), so two instances or two runs never send two digests in a day.
    pub async fn claim_digest(&self, user: &str, now: i64, gap_ms: i64) -> DbResult<bool> {
        self.ensure_digest_row(user).await?;
        let done =
            sqlx::query("UPDATE nudge_digests SET last_digest_at = $1 WHERE user_id = $2 AND last_digest_at <= $3")
                .bind(now)
                .bind(user)
                .bind(now - gap_ms)
                .execute(&self.writer)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Whether weekly items may be folded into a digest now (none folded in the last `gap_ms`).
    pub async fn weekly_due(&self, user: &str, now: i64, gap_ms: i64) -> DbResult<bool> {
        let row: Option<(i64,)> = sqlx::query_as("SELECT last_weekly_at FROM nudge_digests WHERE user_id = $1")
            .bind(user)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_none_or(|(at,)| at <= now - gap_ms))
    }

    /// Records that weekly items were folded into a digest at `now`.
    pub async fn mark_weekly_folded(&self, user: &str, now: i64) -> DbResult<()> {
        self.ensure_digest_row(user).await?;
        sqlx::query("UPDATE nudge_digests SET last_weekly_at = $1 WHERE user_id = $2")
            .bind(now)
            .bind(user)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn ensure_digest_row(&self, user: &str) -> DbResult<()> {
        sqlx::query("INSERT INTO nudge_digests (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING")
            .bind(user)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// A person's chosen deliveries, as (kind, delivery).
    pub async fn nudge_preferences(&self, user: &str) -> DbResult<Vec<(String, String)>> {
        Ok(sqlx::query_as("SELECT kind, delivery FROM nudge_preferences WHERE user_id = $1 ORDER BY kind")
            .bind(user)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Sets how a person wants one kind (already parsed).
    pub async fn set_nudge_preference(&self, user: &str, kind: &str, delivery: &str) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO nudge_preferences (user_id, kind, delivery, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, kind) DO UPDATE SET delivery = $3, updated_at = $4",
        )
        .bind(user)
        .bind(kind)
        .bind(delivery)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Every nudge ever recorded for a person, oldest first (tests read these).
    pub async fn nudges_of(&self, user: &str) -> DbResult<Vec<NudgeRow>> {
        Ok(sqlx::query_as(
            "SELECT id, user_id, kind, subject_id, step, state, mail_id FROM nudges WHERE user_id = $1 \
             ORDER BY created_at, id",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?)
    }

    // The facts each kind is found from.

    /// Planned sessions of active relationships starting after `from` and up to `until`.
    pub async fn sessions_starting(&self, from: i64, until: i64) -> DbResult<Vec<UpcomingSession>> {
        Ok(sqlx::query_as(
            "SELECT s.id AS session_id, s.starts_at, r.leader_id, lu.display_name AS leader_name, \
                    r.coach_id, cu.display_name AS coach_name \
             FROM journal_sessions s JOIN relationships r ON r.id = s.relationship_id \
             JOIN users lu ON lu.id = r.leader_id JOIN users cu ON cu.id = r.coach_id \
             WHERE s.status = 'planned' AND r.status = 'active' AND s.starts_at > $1 AND s.starts_at <= $2",
        )
        .bind(from)
        .bind(until)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Open actions due at or before `before`.
    pub async fn actions_overdue(&self, before: i64) -> DbResult<Vec<OverdueAction>> {
        Ok(sqlx::query_as(
            "SELECT id AS action_id, owner_id, text, due_at FROM actions \
             WHERE status = 'open' AND due_at IS NOT NULL AND due_at <= $1",
        )
        .bind(before)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Pending invitations to an account, sent at or before `before`.
    pub async fn invitations_waiting(&self, before: i64) -> DbResult<Vec<WaitingInvitation>> {
        Ok(sqlx::query_as(
            "SELECT r.id AS relationship_id, r.created_at, r.leader_id, lu.display_name AS leader_name, \
                    r.coach_id, cu.display_name AS coach_name \
             FROM relationships r JOIN users lu ON lu.id = r.leader_id JOIN users cu ON cu.id = r.coach_id \
             WHERE r.status = 'pending' AND r.created_at <= $1",
        )
        .bind(before)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Active relationships whose last session (or start, without one) is at or before `before`.
    pub async fn quiet_relationships(&self, before: i64) -> DbResult<Vec<RelationshipPulse>> {
        Ok(sqlx::query_as(
            "SELECT * FROM (SELECT r.id AS relationship_id, r.leader_id, lu.display_name AS leader_name, \
                    r.coach_id, cu.display_name AS coach_name, \
                    COALESCE((SELECT MAX(s.starts_at) FROM journal_sessions s WHERE s.relationship_id = r.id), \
                             r.answered_at, r.created_at) AS last_at \
             FROM relationships r JOIN users lu ON lu.id = r.leader_id JOIN users cu ON cu.id = r.coach_id \
             WHERE r.status = 'active') pulse WHERE last_at <= $1",
        )
        .bind(before)
        .fetch_all(&self.pool)
        .await?)
    }
}
