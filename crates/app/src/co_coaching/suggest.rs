//! Team suggestions for cards sent in one request, stored nowhere: the same engine and rules as
//! an engagement's teaming page (every team spans organisations, cards with no natural partner
//! are left out, confirmed teams and rejected pairs honoured), for a facilitator who keeps the
//! cards elsewhere, and for the benchmark. Any signed-in person may ask; nothing is read or kept.

use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::co_coaching::limits;
use coachkit_domain::text::schema::{optional, required};
use coachkit_domain::text::{FieldError, bounded, optional_bounded};
use coachkit_insight::teams::{Challenge, Choices, MAX_CHALLENGES, suggest_teams};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One card to team up.
#[derive(Clone, Debug, Deserialize, ToSchema)]
pub struct CardToTeam {
    /// Unique within the request.
    #[schema(schema_with = required::<LABEL>)]
    pub id: String,
    /// The organisation, by any name or id: teams always span two or more.
    #[schema(schema_with = required::<LABEL>)]
    pub org: String,
    /// The person, so that one person's two cards are never teamed together.
    #[schema(schema_with = required::<LABEL>)]
    pub person: String,
    #[schema(schema_with = required::<{ limits::CARD_WHAT }>)]
    pub what: String,
    #[serde(default)]
    #[schema(schema_with = optional::<{ limits::CARD_WHY }>)]
    pub why: String,
    #[serde(default)]
    #[schema(schema_with = optional::<{ limits::CARD_SUCCESS }>)]
    pub success: String,
}

/// The longest id, organisation or person a card may name.
const LABEL: usize = 200;

/// A list of pairs as serde reads `Vec<(String, String)>`: arrays of exactly two strings.
fn pair_list_schema() -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    let pair =
        ArrayBuilder::new().items(ObjectBuilder::new().schema_type(Type::String)).min_items(Some(2)).max_items(Some(2));
    ArrayBuilder::new().items(pair).build()
}

/// The cards and what has been decided about them already.
#[derive(Clone, Debug, Deserialize, ToSchema)]
pub struct SuggestInput {
    /// At most 2,000 (`teams::MAX_CHALLENGES`).
    #[schema(max_items = 2000)]
    pub cards: Vec<CardToTeam>,
    /// Teams to keep as they are (card ids).
    #[serde(default)]
    pub confirmed: Vec<Vec<String>>,
    /// Pairs never to put together, each two card ids.
    #[serde(default)]
    #[schema(schema_with = pair_list_schema)]
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
            // The same rules as every text we keep: trimmed, bounded, no control characters.
            let checks = [
                bounded("id", &c.id, LABEL).err(),
                bounded("org", &c.org, LABEL).err(),
                bounded("person", &c.person, LABEL).err(),
                bounded("what", &c.what, limits::CARD_WHAT).err(),
                optional_bounded("why", &c.why, limits::CARD_WHY).err(),
                optional_bounded("success", &c.success, limits::CARD_SUCCESS).err(),
            ];
            for e in checks.into_iter().flatten() {
                errors.push(FieldError::new("cards", format!("card {}: {} {}", i + 1, e.field, e.message)));
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
