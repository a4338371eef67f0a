//! After the thread: the SMART goal (checked offline, saved whatever the checker says, because
//! the checker advises and the leader decides), the action plan's steps as journal actions, the
//! goal marked done, and the thanks to every expert who answered.

use super::{expert_status, status_of};
use crate::error::{AppError, AppResult};
use crate::journal::{ActionInput, audience_value};
use crate::{Actor, App};
use coachkit_domain::mentoring::{ExpertStatus, RequestStatus, SmartReport, check_goal, limits};
use coachkit_domain::privacy::Audience;
use coachkit_domain::text::bounded;
use serde::Deserialize;
use utoipa::ToSchema;

/// One step of the action plan.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct StepInput {
    pub text: String,
    /// "2027-01-15", or empty.
    pub due: String,
}

impl App {
    /// The checker's reading of a goal for this request (nothing is saved).
    pub async fn check_advice_goal(&self, actor: &Actor, id: &str, goal: &str) -> AppResult<SmartReport> {
        let r = self.own_request(actor, id).await?;
        let goal = bounded("goal", goal, limits::GOAL)?;
        self.smart_report(&r, &goal).await
    }

    pub(super) async fn smart_report(
        &self,
        r: &coachkit_store::mentoring::RequestRow,
        goal: &str,
    ) -> AppResult<SmartReport> {
        Ok(smart_report_with(r, goal, &self.store.advice_items(&r.id).await?))
    }

    /// Saves the goal and returns the checker's reading of it.
    pub async fn save_advice_goal(&self, actor: &Actor, id: &str, goal: &str) -> AppResult<SmartReport> {
        let r = self.own_request(actor, id).await?;
        if !status_of(&r).is_open() {
            return Err(AppError::Conflict("the goal comes after the thread: the advice is still sealed".into()));
        }
        let goal = bounded("goal", goal, limits::GOAL)?;
        let report = self.smart_report(&r, &goal).await?;
        self.store.set_advice_goal(&r.id, &goal).await?;
        Ok(report)
    }

    /// Adds a step of the plan: a journal action (private, in the leader's journal), listed with
    /// the request. Returns the action's id.
    pub async fn add_advice_step(&self, actor: &Actor, id: &str, step: &StepInput) -> AppResult<String> {
        let r = self.own_request(actor, id).await?;
        if !status_of(&r).is_open() {
            return Err(AppError::Conflict("the plan comes after the thread: the advice is still sealed".into()));
        }
        // A step is shared as the request is when it is made (the coaches who follow the request
        // follow its plan), or kept private if that sharing no longer holds (an ended
        // relationship); in the journal it can be shared otherwise later.
        let shared = audience_value(&Audience::from_parts(&r.audience, r.audience_target.clone()));
        let input = |audience: String| ActionInput {
            text: step.text.clone(),
            due: step.due.clone(),
            audience,
            ..Default::default()
        };
        let action = match self.create_action(actor, &input(shared)).await {
            Err(AppError::Invalid(f)) if f.iter().all(|f| f.field == "audience") => {
                self.create_action(actor, &input("private".into())).await?
            }
            other => other?,
        };
        self.store.add_advice_plan_step(&r.id, &action).await?;
        Ok(action)
    }

    /// Marks the goal done.
    pub async fn finish_advice_request(&self, actor: &Actor, id: &str) -> AppResult<()> {
        let r = self.own_request(actor, id).await?;
        if status_of(&r) != RequestStatus::Open {
            return Err(AppError::Conflict("only an open request with its advice in can be marked done".into()));
        }
        if r.goal.is_none() {
            return Err(AppError::Conflict("write the goal first; then mark it done".into()));
        }
        self.store.finish_advice_request(&r.id).await?;
        Ok(())
    }

    /// Sends `note` (thanks, and what came of the advice) to every expert who answered, through
    /// the outbox and on their page. May be sent again; the last note is the one their page shows.
    pub async fn thank_advice_experts(&self, actor: &Actor, id: &str, note: &str) -> AppResult<usize> {
        let r = self.own_request(actor, id).await?;
        if !status_of(&r).is_open() {
            return Err(AppError::Conflict("thanks go once the advice is in".into()));
        }
        let note = bounded("thanks", note, limits::THANKS)?;
        self.store.set_advice_thanks(&r.id, &note).await?;
        let mut sent = 0;
        for e in self.store.advice_experts(&r.id).await? {
            if expert_status(&e) != ExpertStatus::Answered {
                continue;
            }
            // A fresh link to their page (the first one's secret was never kept); the first stays
            // good too, so a bookmarked page keeps working.
            let link = self.expert_link(&r.owner_id, &e.id, r.answer_by.max(coachkit_store::now_ms())).await?;
            let url = self.link_url(super::EXPERT_PATH, &link);
            self.mail_thanks(&r, &e, &note, &url).await?;
            sent += 1;
        }
        Ok(sent)
    }
}

/// The checker's reading of `goal` against the capability and the chosen thread among `items`
/// (the request's items, already loaded).
pub(super) fn smart_report_with(
    r: &coachkit_store::mentoring::RequestRow,
    goal: &str,
    items: &[coachkit_store::mentoring::ItemRow],
) -> SmartReport {
    let chosen: Vec<String> = r.chosen_items.as_deref().and_then(|c| serde_json::from_str(c).ok()).unwrap_or_default();
    let thread: Vec<&str> = items.iter().filter(|i| chosen.contains(&i.id)).map(|i| i.text.as_str()).collect();
    check_goal(goal, &r.capability, &thread)
}
