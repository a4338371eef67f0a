//! Advice requests: the leader's capability and context, the state of the seal, and what came
//! after it opened (the engine's suggestion, the chosen thread, the goal, the thanks).

use super::experts::{NewExpert, insert_expert};
use crate::error::DbResult;
use crate::{Store, now_ms};
use coachkit_domain::privacy::Audience;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RequestRow {
    pub id: String,
    pub owner_id: String,
    pub owner_name: String,
    pub capability: String,
    pub context: String,
    pub horizon_months: i64,
    pub answer_by: i64,
    pub status: String,
    pub mix_override: Option<String>,
    pub audience: String,
    pub audience_target: Option<String>,
    pub shared_at: i64,
    pub opened_at: Option<i64>,
    pub suggestion: Option<String>,
    pub chosen_items: Option<String>,
    pub choice: Option<String>,
    pub goal: Option<String>,
    pub goal_done_at: Option<i64>,
    pub thanks: Option<String>,
    pub thanks_sent_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

const SELECT: &str = "SELECT r.id, r.owner_id, u.display_name AS owner_name, r.capability, r.context, \
    r.horizon_months, r.answer_by, r.status, r.mix_override, r.audience, r.audience_target, r.shared_at, \
    r.opened_at, r.suggestion, r.chosen_items, r.choice, r.goal, r.goal_done_at, r.thanks, r.thanks_sent_at, \
    r.created_at, r.updated_at FROM advice_requests r JOIN users u ON u.id = r.owner_id";

pub struct NewRequest<'a> {
    pub id: &'a str,
    pub owner_id: &'a str,
    pub capability: &'a str,
    pub context: &'a str,
    pub horizon_months: i64,
    pub answer_by: i64,
    pub mix_override: Option<&'a str>,
    pub audience: &'a Audience,
}

impl Store {
    /// Writes a draft request and its experts in one transaction: all or nothing.
    pub async fn create_advice_request(&self, r: NewRequest<'_>, experts: &[NewExpert]) -> DbResult<()> {
        let now = now_ms();
        let (word, target) = r.audience.to_parts();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO advice_requests (id, owner_id, capability, context, horizon_months, answer_by, status, \
             mix_override, audience, audience_target, shared_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $10, $10, $10)",
        )
        .bind(r.id)
        .bind(r.owner_id)
        .bind(r.capability)
        .bind(r.context)
        .bind(r.horizon_months)
        .bind(r.answer_by)
        .bind(r.mix_override)
        .bind(word)
        .bind(target)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        for e in experts {
            insert_expert(&mut *tx, e, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn advice_request(&self, id: &str) -> DbResult<Option<RequestRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE r.id = $1")).bind(id).fetch_optional(&self.pool).await?)
    }

    /// A person's own requests, newest first.
    pub async fn advice_requests_of(&self, owner: &str) -> DbResult<Vec<RequestRow>> {
        Ok(sqlx::query_as(&format!("{SELECT} WHERE r.owner_id = $1 ORDER BY r.created_at DESC, r.id"))
            .bind(owner)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Requests these leaders shared with anyone (the app asks the policy who may read each).
    pub async fn shared_advice_requests_of(&self, owners: &[String]) -> DbResult<Vec<RequestRow>> {
        let mut out = vec![];
        for owner in owners {
            let rows: Vec<RequestRow> = sqlx::query_as(&format!(
                "{SELECT} WHERE r.owner_id = $1 AND r.audience <> 'private' ORDER BY r.created_at DESC, r.id"
            ))
            .bind(owner)
            .fetch_all(&self.pool)
            .await?;
            out.extend(rows);
        }
        Ok(out)
    }

    /// Draft to collecting, with each expert's final message and link (their date is given now,
    /// so their reminders are spread from now); false if it was not a draft.
    pub async fn send_advice_request(&self, id: &str, messages: &[(String, String, String)]) -> DbResult<bool> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE advice_requests SET status = 'collecting', updated_at = $1 WHERE id = $2 AND status = 'draft'",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        for (expert, message, capability) in messages {
            sqlx::query(
                "UPDATE advice_experts SET message = $1, capability_id = $2, answer_by_given_at = $3, updated_at = $3 \
                 WHERE id = $4 AND request_id = $5",
            )
            .bind(message)
            .bind(capability)
            .bind(now)
            .bind(expert)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Collecting to open, with the engine's suggestion as first choice. Only one caller wins
    /// (two experts answering at once both try); false for the other.
    pub async fn open_advice_request(&self, id: &str, suggestion: &str, chosen: &str) -> DbResult<bool> {
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE advice_requests SET status = 'open', opened_at = $1, suggestion = $2, chosen_items = $3, \
             choice = 'suggested', updated_at = $1 WHERE id = $4 AND status = 'collecting'",
        )
        .bind(now)
        .bind(suggestion)
        .bind(chosen)
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn choose_advice_thread(&self, id: &str, choice: &str, chosen: &str) -> DbResult<()> {
        sqlx::query("UPDATE advice_requests SET choice = $1, chosen_items = $2, updated_at = $3 WHERE id = $4")
            .bind(choice)
            .bind(chosen)
            .bind(now_ms())
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    pub async fn set_advice_goal(&self, id: &str, goal: &str) -> DbResult<()> {
        sqlx::query("UPDATE advice_requests SET goal = $1, updated_at = $2 WHERE id = $3")
            .bind(goal)
            .bind(now_ms())
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Marks the goal done (the request with it); false if it already was.
    pub async fn finish_advice_request(&self, id: &str) -> DbResult<bool> {
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE advice_requests SET status = 'done', goal_done_at = $1, updated_at = $1 \
             WHERE id = $2 AND status = 'open'",
        )
        .bind(now)
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn set_advice_thanks(&self, id: &str, thanks: &str) -> DbResult<()> {
        let now = now_ms();
        sqlx::query("UPDATE advice_requests SET thanks = $1, thanks_sent_at = $2, updated_at = $2 WHERE id = $3")
            .bind(thanks)
            .bind(now)
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Changes who may see the request (and the items of experts who agreed), in one statement
    /// each, within one transaction.
    pub async fn set_advice_audience(&self, id: &str, audience: &Audience) -> DbResult<()> {
        let (word, target) = audience.to_parts();
        let now = now_ms();
        sqlx::query(
            "UPDATE advice_requests SET audience = $1, audience_target = $2, shared_at = $3, updated_at = $3 WHERE id = $4",
        )
        .bind(word)
        .bind(target)
        .bind(now)
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Adds a step of the action plan (an action already created in the journal).
    pub async fn add_advice_plan_step(&self, request: &str, action: &str) -> DbResult<()> {
        sqlx::query("INSERT INTO advice_plan_steps (request_id, action_id, created_at) VALUES ($1, $2, $3)")
            .bind(request)
            .bind(action)
            .bind(now_ms())
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// The ids of the plan's actions, in the order they were added.
    pub async fn advice_plan_steps(&self, request: &str) -> DbResult<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT action_id FROM advice_plan_steps WHERE request_id = $1 ORDER BY created_at, action_id",
        )
        .bind(request)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(a,)| a).collect())
    }
}
