//! Deleting an account in one transaction: what the person wrote goes, in every practice; what
//! others wrote stays with its authors. The `users` row itself stays, emptied of the person (a
//! placeholder address, "a former member", no password, `deleted_at` set), so that shared records
//! (a relationship, its sessions, a programme or engagement they ran) keep valid links and name
//! a former member instead of vanishing with the other party's notes on them.
//!
//! Each practice lists its own statements beside its storage (`<practice>/forget.rs`); this
//! module runs them in order with the account-level ones and commits once, so a failure anywhere
//! leaves nothing half-deleted. `audit` finds any text column that still holds a given string.

mod audit;

pub use audit::Hit;

use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::UserId;

/// The name every record shows where a deleted person's name was.
pub const FORMER_MEMBER: &str = "a former member";

/// Account-level statements with `$1` = the person's id: sign-ins and tokens end, links they made
/// or that act on them stop working, their organisations and check-ins forget them, and their
/// relationships end (keeping the history the other party shares).
const ACCOUNT_BY_ID: &[&str] = &[
    "DELETE FROM sessions WHERE user_id = $1",
    "DELETE FROM api_tokens WHERE user_id = $1",
    "DELETE FROM capabilities WHERE created_by = $1 OR target_id = $1",
    "DELETE FROM capabilities WHERE purpose = 'relationship_invite' AND target_id IN \
        (SELECT id FROM relationships WHERE leader_id = $1 OR coach_id = $1)",
    "DELETE FROM memberships WHERE user_id = $1",
    "DELETE FROM relationship_checkins WHERE user_id = $1",
    // Their reminders and the choices about them; an unsubscribe link's target is "<id>:<kind>".
    "DELETE FROM nudges WHERE user_id = $1",
    "DELETE FROM nudge_preferences WHERE user_id = $1",
    "DELETE FROM nudge_digests WHERE user_id = $1",
    "DELETE FROM capabilities WHERE purpose = 'unsubscribe' AND target_id LIKE $1 || ':%'",
    "UPDATE relationships SET message = NULL WHERE leader_id = $1",
];

/// Account-level statements with `$1` = the person's e-mail.
const ACCOUNT_BY_EMAIL: &[&str] = &[
    "DELETE FROM login_attempts WHERE email = $1",
    "UPDATE relationships SET invitee_email = NULL WHERE invitee_email = $1",
];

/// What the account row becomes: the person's details replaced, the sign-in impossible.
pub struct Emptied<'a> {
    /// A hash of a random secret nobody holds, so the row still parses as an account.
    pub password_hash: &'a str,
}

/// A LIKE pattern matching `s` anywhere, with LIKE's own wildcards taken literally.
fn contains_pattern(s: &str) -> String {
    let escaped = s.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Names shorter than this are not searched for in mail bodies: "Al" would match most messages.
const MIN_NAME_TO_SEARCH: usize = 5;

impl Store {
    /// Deletes the account `id` as described in the module doc. Returns false (and changes
    /// nothing) when there is no such live account.
    pub async fn delete_account(&self, id: &UserId, emptied: Emptied<'_>) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let who: Option<(String, String)> =
            sqlx::query_as("SELECT email, display_name FROM users WHERE id = $1 AND deleted_at IS NULL")
                .bind(id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        let Some((email, name)) = who else { return Ok(false) };
        let now = now_ms();
        // Relationships end first, while the statements below can still tell which are live.
        sqlx::query(
            "UPDATE relationships SET status = 'ended', ended_at = $2 \
             WHERE (leader_id = $1 OR coach_id = $1) AND status IN ('pending', 'active')",
        )
        .bind(id.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let by_id = [
            crate::mentoring::forget::FORGET_BY_ID,
            crate::co_coaching::forget::FORGET_BY_ID,
            crate::learning_log::forget::FORGET_BY_ID,
            crate::wheel::forget::FORGET_BY_ID,
            crate::journal::forget::FORGET_BY_ID,
            ACCOUNT_BY_ID,
        ];
        for statement in by_id.into_iter().flatten() {
            sqlx::query(statement).bind(id.as_str()).execute(&mut *tx).await?;
        }
        let by_email = [
            crate::mentoring::forget::FORGET_BY_EMAIL,
            crate::co_coaching::forget::FORGET_BY_EMAIL,
            crate::learning_log::forget::FORGET_BY_EMAIL,
            ACCOUNT_BY_EMAIL,
        ];
        for statement in by_email.into_iter().flatten() {
            sqlx::query(statement).bind(&email).execute(&mut *tx).await?;
        }
        // Mail to them, and mail that names them (the outbox keeps no sender: an invitation or
        // notice they caused carries their name or address in its text).
        sqlx::query(
            "DELETE FROM outbox WHERE LOWER(to_addr) = LOWER($1) \
             OR LOWER(subject) LIKE $2 ESCAPE '\\' OR LOWER(body) LIKE $2 ESCAPE '\\'",
        )
        .bind(&email)
        .bind(contains_pattern(&email))
        .execute(&mut *tx)
        .await?;
        if name.chars().count() >= MIN_NAME_TO_SEARCH {
            sqlx::query(
                "DELETE FROM outbox WHERE LOWER(subject) LIKE $1 ESCAPE '\\' OR LOWER(body) LIKE $1 ESCAPE '\\'",
            )
            .bind(contains_pattern(&name))
            .execute(&mut *tx)
            .await?;
            // Others' reminders name the people they are about ("your session with ...").
            sqlx::query("DELETE FROM nudges WHERE LOWER(line) LIKE $1 ESCAPE '\\'")
                .bind(contains_pattern(&name))
                .execute(&mut *tx)
                .await?;
        }
        let simple = id.as_str().replace('-', "");
        sqlx::query(
            "UPDATE users SET email = $2, display_name = $3, handle = $4, headline = NULL, password_hash = $5, \
                 is_admin = 0, disabled_at = $6, deleted_at = $6, last_active_at = NULL, updated_at = $6 \
             WHERE id = $1",
        )
        .bind(id.as_str())
        .bind(format!("deleted-{simple}@former.invalid"))
        .bind(FORMER_MEMBER)
        .bind(format!("former-{simple}"))
        .bind(emptied.password_hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.lists_changed();
        Ok(true)
    }

    /// How many live (not deleted, not disabled) instance admins there are, so the last one
    /// cannot leave the instance without any.
    pub async fn count_live_admins(&self) -> DbResult<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM users WHERE is_admin = 1 AND disabled_at IS NULL AND deleted_at IS NULL",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_wildcards_are_taken_literally() {
        assert_eq!(super::contains_pattern("A_b%c\\d"), "%a\\_b\\%c\\\\d%");
    }
}
