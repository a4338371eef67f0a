//! "Did you meet?": a one-click check-in on a relationship, from its page or from a link in a
//! mail. A link speaks for one party about one relationship (its creator and target); opening it
//! shows a confirmation page and only the POST records, so a mail client's link preview cannot
//! answer for anyone. What each answer does: "met" records a held session (or marks held the one
//! that was planned in the last two weeks), "not yet" offers to plan one, "stopped" offers to end
//! the relationship (ending stays a deliberate second step).

use crate::error::{AppError, AppResult};
use crate::{Actor, App, RelationshipView};
use coachkit_domain::capability::Purpose;
use coachkit_domain::privacy::{self, Member, Viewer};
use coachkit_domain::relationship::{CheckinAnswer, RelationshipStatus};
use coachkit_domain::time::Millis;
use coachkit_domain::{CapabilityId, RecordId, RelationshipId, UserId};
use coachkit_store::{HeldSession, NewCheckin, now_ms};
use serde::Serialize;

/// A check-in link works for two weeks and once.
const LINK_TTL_MS: i64 = 14 * Millis::DAY;
/// "We met" marks a planned session held if it was planned to start within this long before.
const PLANNED_WINDOW_MS: i64 = 14 * Millis::DAY;

/// One answer as the parties read it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
#[schema(as = RelationshipCheckin)]
pub struct CheckinView {
    pub id: String,
    pub answer: CheckinAnswer,
    pub by_id: UserId,
    pub by_name: String,
    /// The held session "met" recorded or marked held.
    pub session_id: Option<String>,
    pub created_at: Millis,
}

/// What recording an answer did.
#[derive(Clone, Debug)]
pub struct CheckinOutcome {
    pub answer: CheckinAnswer,
    pub relationship: RelationshipView,
    pub session_id: Option<String>,
}

fn parse_answer(answer: &str) -> AppResult<CheckinAnswer> {
    CheckinAnswer::parse(answer.trim()).ok_or_else(|| AppError::field("answer", "must be met, not_yet or stopped"))
}

impl App {
    /// The actor answers on a relationship they are a party to.
    pub async fn check_in(&self, actor: &Actor, id: &RelationshipId, answer: &str) -> AppResult<CheckinOutcome> {
        let answer = parse_answer(answer)?;
        let r = self.relationship(actor, id).await?;
        self.record(&r, &actor.id(), answer).await
    }

    /// A relationship's answers, newest first, for either party.
    pub async fn checkins(&self, actor: &Actor, id: &RelationshipId) -> AppResult<Vec<CheckinView>> {
        let r = self.relationship(actor, id).await?;
        self.store
            .checkins_of(r.id.as_str(), 20)
            .await?
            .into_iter()
            .map(|k| {
                Ok(CheckinView {
                    answer: CheckinAnswer::parse(&k.answer)
                        .ok_or_else(|| AppError::Internal(format!("check-in {} has an unknown answer", k.id).into()))?,
                    id: k.id,
                    by_id: UserId::from_trusted(k.user_id),
                    by_name: k.user_name,
                    session_id: k.session_id,
                    created_at: Millis(k.created_at),
                })
            })
            .collect()
    }

    /// A link for `party` to answer on relationship `id`, for a mail (the nudges use it). The
    /// party must be one of the two.
    pub async fn checkin_link(&self, id: &RelationshipId, party: &UserId) -> AppResult<String> {
        self.party_view(id, party).await?;
        let link = self.issue_link(Purpose::RelationshipCheckin, id.as_str(), Some(party), LINK_TTL_MS).await?;
        Ok(self.link_url("/checkin/", &link))
    }

    /// What a check-in link is about, as its party sees it. Reading changes nothing.
    pub async fn checkin_by_link(&self, secret: &str) -> AppResult<RelationshipView> {
        let link = self.resolve_link(secret, Purpose::RelationshipCheckin).await?;
        let party = link.created_by.map(UserId::from_trusted).ok_or(AppError::NotFound("link"))?;
        self.party_view(&RelationshipId::from_trusted(link.target_id), &party).await
    }

    /// Answers through a link; the link is used up.
    pub async fn answer_checkin_link(&self, secret: &str, answer: &str) -> AppResult<CheckinOutcome> {
        let answer = parse_answer(answer)?;
        let link = self.resolve_link(secret, Purpose::RelationshipCheckin).await?;
        let party = link.created_by.clone().map(UserId::from_trusted).ok_or(AppError::NotFound("link"))?;
        let r = self.party_view(&RelationshipId::from_trusted(link.target_id.clone()), &party).await?;
        if !self.store.use_capability(&CapabilityId::from_trusted(link.id)).await? {
            return Err(AppError::NotFound("link"));
        }
        self.record(&r, &party, answer).await
    }

    /// The relationship as `party` sees it, if they are still one of its two parties.
    async fn party_view(&self, id: &RelationshipId, party: &UserId) -> AppResult<RelationshipView> {
        let row = self.store.relationship(id).await?.ok_or(AppError::NotFound("relationship"))?;
        let viewer = Viewer::Member(Member::alone(party.clone()));
        let coach = row.coach_id.clone().map(UserId::from_trusted).unwrap_or_default();
        if !privacy::can_see_relationship(&viewer, &UserId::from_trusted(row.leader_id.clone()), &coach) {
            return Err(AppError::NotFound("relationship"));
        }
        RelationshipView::from_row(row, Some(party))
    }

    async fn record(&self, r: &RelationshipView, party: &UserId, answer: CheckinAnswer) -> AppResult<CheckinOutcome> {
        if r.status != RelationshipStatus::Active {
            return Err(AppError::Conflict(format!(
                "this relationship is {}: there is nothing to check in on",
                r.status.as_str()
            )));
        }
        let new_session = RecordId::new();
        let session_id = self
            .store
            .record_checkin(NewCheckin {
                id: RecordId::new().as_str(),
                relationship_id: r.id.as_str(),
                leader_id: r.leader_id.as_str(),
                user_id: party.as_str(),
                answer: answer.as_str(),
                held: (answer == CheckinAnswer::Met)
                    .then(|| HeldSession { new_id: new_session.as_str(), planned_since: now_ms() - PLANNED_WINDOW_MS }),
            })
            .await?;
        Ok(CheckinOutcome { answer, relationship: r.clone(), session_id })
    }
}
