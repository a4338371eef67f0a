//! Team suggestions for cards sent in one request, stored nowhere: the same engine and rules as
//! an engagement's teaming page (every team spans organisations, cards with no natural partner
//! are left out, confirmed teams and rejected pairs honoured), for a facilitator who keeps the
//! cards elsewhere, and for the benchmark. Any signed-in person may ask; nothing is read or kept.

use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::co_coaching::limits;
use coachkit_domain::text::FieldError;
use coachkit_insight::teams::{Challenge, Choices, MAX_CHALLENGES, suggest_teams};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One card to team up.
#[derive(Clone, Debug, Deserialize, ToSchema)]
pub struct CardToTeam {
    /// Unique within the request.
    pub id: String,
    /// The organisation, by any name or id: teams always span two or more.
    pub org: String,
    /// The person, so that one person's two cards are never teamed together.
    pub person: String,
    pub what: String,
    #[serde(default)]
    pub why: String,
    #[serde(default)]
    pub success: String,
}

/// The cards and what has been decided about them already.
#[derive(Clone, Debug, Deserialize, ToSchema)]
pub struct SuggestInput {
    pub cards: Vec<CardToTeam>,
    /// Teams to keep as they are (card ids).
    #[serde(default)]
    pub confirmed: Vec<Vec<String>>,
    /// Pairs never to put together.
    #[serde(default)]
    pub rejected: Vec<(String, String)>,
}

/// A suggested (or kept) team.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SuggestedGroup {
    pub cards: Vec<String>,
    pub confirmed: bool,
    pub similarity: f32,
    pub shared_words: Vec<String>,
    pub reason: String,
}

/// A card left out, and why.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct LeftOut {
    pub card: String,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TeamsSuggested {
    pub teams: Vec<SuggestedGroup>,
    pub left_out: Vec<LeftOut>,
    /// Similarity a pair had to exceed to be natural.
    pub threshold: f32,
}

impl App {
    pub async fn suggest_teams_for(&self, _actor: &Actor, input: SuggestInput) -> AppResult<TeamsSuggested> {
        if input.cards.len() > MAX_CHALLENGES {
            return Err(AppError::field(
                "cards",
                format!("At most {MAX_CHALLENGES} cards can be teamed in one request."),
            ));
        }
        let mut errors = vec![];
        for (i, c) in input.cards.iter().enumerate() {
            let long = |s: &str, max: usize| s.chars().count() > max;
            if c.id.trim().is_empty()
                || c.org.trim().is_empty()
                || c.person.trim().is_empty()
                || c.what.trim().is_empty()
            {
                errors.push(FieldError::new(
                    "cards",
                    format!("Card {} needs an id, an organisation, a person and what it is.", i + 1),
                ));
            } else if long(&c.what, limits::CARD_WHAT)
                || long(&c.why, limits::CARD_WHY)
                || long(&c.success, limits::CARD_SUCCESS)
            {
                errors.push(FieldError::new("cards", format!("Card {} is longer than a card may be.", i + 1)));
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let challenges: Vec<Challenge> = input
            .cards
            .into_iter()
            .map(|c| Challenge { id: c.id, org: c.org, person: c.person, what: c.what, why: c.why, success: c.success })
            .collect();
        let choices = Choices { confirmed: input.confirmed, rejected: input.rejected, one_team_per_person: false };
        // The engine's work is CPU-bound (a similarity matrix over all cards): off the executor.
        let result = tokio::task::spawn_blocking(move || {
            // The model failing to load is ours to fix (500); what the engine refuses in the
            // cards (a duplicate id, a choice naming no card) is the caller's (422).
            let engine = coachkit_insight::engine().map_err(|e| AppError::Internal(Box::new(e)))?;
            suggest_teams(&engine, &challenges, &choices).map_err(|e| AppError::field("cards", e.to_string()))
        })
        .await
        .map_err(|e| AppError::Internal(Box::new(e)))?;
        let s = result?;
        Ok(TeamsSuggested {
            teams: s
                .teams
                .into_iter()
                .map(|t| SuggestedGroup {
                    cards: t.challenges,
                    confirmed: t.confirmed,
                    similarity: t.similarity,
                    shared_words: t.shared_words,
                    reason: t.reason,
                })
                .collect(),
            left_out: s.unmatched.into_iter().map(|u| LeftOut { card: u.challenge, reason: u.reason }).collect(),
            threshold: s.threshold,
        })
    }
}
