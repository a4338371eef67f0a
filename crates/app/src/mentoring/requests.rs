//! Writing a request, reading it, sending it, and choosing who else may see it.

use super::views::{AdviceHome, RequestSummary};
use super::{expert_status, not_found, request_meta, status_of};
use crate::error::{AppError, AppResult};
use crate::journal::time::parse_date;
use crate::{Actor, App};
use coachkit_domain::journal::parse_audience;
use coachkit_domain::mentoring::{ExpertStatus, HORIZON_MONTHS, RawExpert, RequestStatus, check_roster, limits};
use coachkit_domain::privacy::{self, RecordKind};
use coachkit_domain::relationship::Side;
use coachkit_domain::text::{FieldError, bounded, optional_bounded};
use coachkit_domain::time::Millis;
use coachkit_domain::{RecordId, RelationshipId};
use coachkit_store::mentoring::{NewExpert, NewRequest, RequestRow};
use coachkit_store::now_ms;
use serde::Deserialize;
use utoipa::ToSchema;

/// A new request with its experts.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RequestInput {
    /// The one capability to lift, said as something you do.
    pub capability: String,
    /// Why now, and to what end: what the experts read.
    pub context: String,
    /// 6 to 12 (months); empty for 12.
    pub horizon_months: String,
    /// The date you would like the answers by, "2026-12-20"; empty for two weeks from today.
    pub answer_by: String,
    pub experts: Vec<RawExpert>,
    /// Go without one expert inside and one outside your organisation...
    pub override_mix: bool,
    /// ...for this reason (required with the override).
    pub override_reason: String,
    /// Confirms a number of experts other than three.
    pub confirm_count: bool,
    /// "private" (default), "relationship:<id>" or "all_my_coaches".
    pub audience: String,
}

/// Creating a request either succeeds, or stops for the leader to confirm a number of experts
/// other than the method's three.
#[derive(Clone, Debug)]
pub enum CreateOutcome {
    Created(String),
    NeedsConfirmation(String),
}

const DEFAULT_ANSWER_DAYS: i64 = 14;

impl App {
    /// Writes a draft request; its messages are drafted from our template for the leader to edit
    /// before sending. Every field is checked first: a refused request writes nothing.
    pub async fn create_advice_request(&self, actor: &Actor, input: &RequestInput) -> AppResult<CreateOutcome> {
        let mut errors: Vec<FieldError> = vec![];
        let capability = bounded("capability", &input.capability, limits::CAPABILITY).map_err(|e| errors.push(e)).ok();
        let context = bounded("context", &input.context, limits::CONTEXT).map_err(|e| errors.push(e)).ok();
        let horizon = match input.horizon_months.trim() {
            "" => Some(HORIZON_MONTHS.1),
            raw => match raw.parse::<i64>() {
                Ok(n) if (HORIZON_MONTHS.0..=HORIZON_MONTHS.1).contains(&n) => Some(n),
                _ => {
                    errors.push(FieldError::new("horizon_months", "must be a number of months from 6 to 12"));
                    None
                }
            },
        };
        let answer_by = match parse_date("answer_by", &input.answer_by) {
            Ok(Some(d)) if d + Millis::DAY <= now_ms() => {
                errors.push(FieldError::new("answer_by", "is in the past; give the experts a date to come"));
                None
            }
            Ok(Some(d)) => Some(d + Millis::DAY - 1),
            Ok(None) => Some(now_ms() + DEFAULT_ANSWER_DAYS * Millis::DAY),
            Err(AppError::Invalid(f)) => {
                errors.extend(f);
                None
            }
            Err(e) => return Err(e),
        };
        let reason = if input.override_mix {
            match optional_bounded("override_reason", &input.override_reason, limits::OVERRIDE_REASON) {
                Ok(Some(r)) => Some(r),
                Ok(None) => {
                    errors
                        .push(FieldError::new("override_reason", "must say why you go without the inside/outside mix"));
                    None
                }
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        } else {
            None
        };
        let mine = self.my_coach_relationships(actor).await?;
        let audience =
            parse_audience(&input.audience, RecordKind::AdviceRequest, &mine).map_err(|e| errors.push(e)).ok();
        let domains = self.org_domains(actor).await?;
        let roster =
            check_roster(&input.experts, &[], &actor.user.email, &domains, input.override_mix, input.confirm_count);
        errors.extend(roster.errors);
        let (Some(capability), Some(context), Some(horizon), Some(answer_by), Some(audience)) =
            (capability, context, horizon, answer_by, audience)
        else {
            return Err(AppError::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        if let Some(question) = roster.needs_confirmation {
            return Ok(CreateOutcome::NeedsConfirmation(question));
        }
        let id = RecordId::new().to_string();
        let experts: Vec<NewExpert> = roster
            .experts
            .iter()
            .enumerate()
            .map(|(i, e)| NewExpert {
                id: RecordId::new().to_string(),
                request_id: id.clone(),
                position: i as i64 + 1,
                name: e.name.clone(),
                email: e.email.as_str().to_owned(),
                placement: e.placement.as_str().to_owned(),
                placement_note: roster
                    .placement_notes
                    .iter()
                    .find(|n| n.starts_with(&format!("{}'s", e.name)))
                    .cloned(),
                message: super::mail::default_message(&e.name, &capability, horizon, &actor.user.display_name),
                answer_by,
                replaces_id: None,
                capability_id: None,
            })
            .collect();
        self.store
            .create_advice_request(
                NewRequest {
                    id: &id,
                    owner_id: &actor.user.id,
                    capability: &capability,
                    context: &context,
                    horizon_months: horizon,
                    answer_by,
                    mix_override: reason.as_deref(),
                    audience: &audience,
                },
                &experts,
            )
            .await?;
        Ok(CreateOutcome::Created(id))
    }

    /// The practice's home for the actor.
    pub async fn advice_home(&self, actor: &Actor) -> AppResult<AdviceHome> {
        let mut mine = vec![];
        for r in self.store.advice_requests_of(&actor.user.id).await? {
            mine.push(self.summary(r).await?);
        }
        let viewer = self.viewer(actor).await?;
        let clients: Vec<String> = match &viewer {
            privacy::Viewer::Member(m) => {
                let mut c: Vec<String> =
                    m.ties.iter().filter(|t| t.my_side == Side::Coach).map(|t| t.partner.to_string()).collect();
                c.sort();
                c.dedup();
                c
            }
            _ => vec![],
        };
        let mut shared_with_me = vec![];
        for r in self.store.shared_advice_requests_of(&clients).await? {
            if privacy::can_read(&viewer, &request_meta(&r)).allowed() {
                shared_with_me.push(self.summary(r).await?);
            }
        }
        Ok(AdviceHome { mine, shared_with_me })
    }

    async fn summary(&self, r: RequestRow) -> AppResult<RequestSummary> {
        let experts = self.store.advice_experts(&r.id).await?;
        let remaining: Vec<ExpertStatus> =
            experts.iter().map(expert_status).filter(|s| *s != ExpertStatus::Withdrawn).collect();
        Ok(RequestSummary {
            status: status_of(&r),
            experts: remaining.len(),
            answered: remaining.iter().filter(|s| **s == ExpertStatus::Answered).count(),
            id: r.id,
            capability: r.capability,
            owner_name: r.owner_name,
            created_at: r.created_at,
        })
    }

    /// The request, for its owner only (changes go through here).
    pub(super) async fn own_request(&self, actor: &Actor, id: &str) -> AppResult<RequestRow> {
        let id = RecordId::parse(id).map_err(|_| not_found())?;
        let r = self.store.advice_request(id.as_str()).await?.ok_or_else(not_found)?;
        let viewer = self.viewer(actor).await?;
        if !privacy::can_write(&viewer, &request_meta(&r)) {
            // Someone else's request: the same answer as one that does not exist.
            return Err(not_found());
        }
        Ok(r)
    }

    /// Sends a draft request: each expert's message (as the leader edited it) and their own link;
    /// from now the nudges job reminds them. `messages` are (expert id, message); an expert left out keeps the
    /// drafted message.
    pub async fn send_advice_request(&self, actor: &Actor, id: &str, messages: &[(String, String)]) -> AppResult<()> {
        let r = self.own_request(actor, id).await?;
        if status_of(&r) != RequestStatus::Draft {
            return Err(AppError::Conflict("this request has already been sent".into()));
        }
        let experts = self.store.advice_experts(&r.id).await?;
        let mut errors = vec![];
        let mut finals = vec![];
        for e in &experts {
            let raw = messages.iter().find(|(x, _)| x == &e.id).map(|(_, m)| m.as_str()).unwrap_or(&e.message);
            match bounded("message", raw, limits::MESSAGE) {
                Ok(m) => finals.push((e, m)),
                Err(err) => {
                    errors.push(FieldError::new("message", format!("the message to {} {}", e.name, err.message)))
                }
            }
        }
        if messages.iter().any(|(x, _)| !experts.iter().any(|e| &e.id == x)) {
            errors.push(FieldError::not_found("message", "names an expert who is not on this request"));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let mut links = vec![];
        for (e, message) in &finals {
            let link = self.expert_link(&actor.user.id, &e.id, r.answer_by).await?;
            links.push((e.id.clone(), message.clone(), link));
        }
        let rows: Vec<(String, String, String)> =
            links.iter().map(|(e, m, l)| (e.clone(), m.clone(), l.id.to_string())).collect();
        if !self.store.send_advice_request(&r.id, &rows).await? {
            return Err(AppError::Conflict("this request has already been sent".into()));
        }
        for ((e, _), (_, message, link)) in finals.iter().zip(&links) {
            self.mail_expert_invitation(&r, e, message, &self.link_url(super::EXPERT_PATH, link)).await?;
        }
        Ok(())
    }

    /// Who may see the request (and the advice of experts who agreed): "private",
    /// "relationship:<id>" or "all_my_coaches".
    pub async fn set_advice_request_audience(&self, actor: &Actor, id: &str, raw: &str) -> AppResult<()> {
        let r = self.own_request(actor, id).await?;
        let mine = self.my_coach_relationships(actor).await?;
        let audience = parse_audience(raw, RecordKind::AdviceRequest, &mine)?;
        self.store.set_advice_audience(&r.id, &audience).await?;
        Ok(())
    }

    /// The relationships in which the actor leads and which are active: who they may share with.
    pub(super) async fn my_coach_relationships(&self, actor: &Actor) -> AppResult<Vec<RelationshipId>> {
        Ok(self.my_mentors(actor).await?.into_iter().map(|m| m.id).collect())
    }

    /// The e-mail domains of the people in the actor's organisations (the actor's own included),
    /// for telling inside from outside.
    pub(super) async fn org_domains(&self, actor: &Actor) -> AppResult<Vec<String>> {
        let mut domains = vec![];
        let mut add = |email: &str| {
            if let Some(d) = email.rsplit('@').next().map(str::to_ascii_lowercase)
                && !domains.contains(&d)
            {
                domains.push(d);
            }
        };
        let orgs = self.store.orgs_of(&actor.id()).await?;
        if orgs.is_empty() {
            return Ok(vec![]);
        }
        add(&actor.user.email);
        for o in orgs {
            for m in self.store.org_members(&coachkit_domain::OrgId::from_trusted(o.id)).await? {
                add(&m.email);
            }
        }
        Ok(domains)
    }
}
