//! Teaming up at session one: the insight engine's suggestions (a thin adapter over
//! `coachkit_insight::teams`), and the facilitator's decisions: confirm, reject, take apart,
//! merge, build by hand; then ending session one, which cancels session two if no team formed.

use super::cards::{CardView, card_view};
use super::{Ctx, card_meta};
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::co_coaching::teams::{Member, check_team};
use coachkit_domain::co_coaching::{Side, Stage, teams::MAX_CARDS};
use coachkit_domain::privacy;
use coachkit_domain::{RecordId, TeamId};
use coachkit_insight::teams::{Challenge, Choices, suggest_teams};
use coachkit_store::co_coaching::CardRow;
use std::collections::{HashMap, HashSet};

/// A piece of a card's text, marked where it holds a word the team's cards share.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MarkedText {
    pub text: String,
    pub mark: bool,
}

/// A card on the teaming page: its short label ("C3"), the card, and its text with the words
/// that tie it to its team marked.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct LabelledCard {
    pub label: String,
    pub card: CardView,
    pub what: Vec<MarkedText>,
    pub why: Vec<MarkedText>,
    pub success: Vec<MarkedText>,
}

/// A team the engine suggests.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct SuggestedTeam {
    pub cards: Vec<LabelledCard>,
    pub reason: String,
    pub shared_words: Vec<String>,
    /// The card ids, comma-separated: what the confirm and reject forms send back.
    pub key: String,
}

/// A confirmed team.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct TeamView {
    pub id: String,
    pub cards: Vec<LabelledCard>,
    pub reason: String,
}

/// A card the engine left out, and why.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Unteamed {
    pub card: LabelledCard,
    pub reason: String,
}

/// The facilitator's teaming page.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct TeamingPage {
    pub engagement_id: String,
    pub common_area: String,
    pub stage: Stage,
    pub confirmed: Vec<TeamView>,
    pub suggested: Vec<SuggestedTeam>,
    pub left_out: Vec<Unteamed>,
    /// Submitted cards in no confirmed team, for building a team by hand.
    pub free: Vec<LabelledCard>,
    /// Set when the engine could not run; the facilitator can still build teams by hand.
    pub failed: Option<String>,
}

/// Splits `text` into words and the rest, marking words in `marks` (compared lower-case, and by
/// their first five letters so "drivers" marks "driver").
fn segments(text: &str, marks: &HashSet<String>) -> Vec<MarkedText> {
    let stem = |w: &str| w.to_lowercase().chars().take(5).collect::<String>();
    let stems: HashSet<String> = marks.iter().filter(|m| m.chars().count() >= 4).map(|m| stem(m)).collect();
    let mut out: Vec<MarkedText> = vec![];
    let mut push = |text: &str, mark: bool| match out.last_mut() {
        Some(last) if last.mark == mark => last.text.push_str(text),
        _ => out.push(MarkedText { text: text.to_owned(), mark }),
    };
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once('\u{0}')) {
        if c.is_alphanumeric() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            let lower = word.to_lowercase();
            let mark = marks.contains(&lower) || (word.chars().count() >= 4 && stems.contains(&stem(&word)));
            push(&word, mark);
            word.clear();
        }
        if c != '\u{0}' {
            push(&c.to_string(), false);
        }
    }
    out
}

struct Board {
    cards: Vec<CardRow>,
    labels: HashMap<String, String>,
    orgs: [String; 2],
}

impl Board {
    fn labelled(&self, id: &str, marks: &HashSet<String>) -> Option<LabelledCard> {
        let c = self.cards.iter().find(|c| c.id == id)?;
        let org = if c.side == "a" { self.orgs[0].clone() } else { self.orgs[1].clone() };
        Some(LabelledCard {
            label: self.labels.get(id).cloned().unwrap_or_default(),
            card: card_view(c, org),
            what: segments(&c.what, marks),
            why: segments(&c.why, marks),
            success: segments(&c.success, marks),
        })
    }
    fn label(&self, id: &str) -> String {
        self.labels.get(id).cloned().unwrap_or_default()
    }
}

impl App {
    /// The submitted cards the facilitator may read, labelled C1, C2... in a stable order.
    async fn board(&self, ctx: &Ctx) -> AppResult<Board> {
        let cards: Vec<CardRow> = self
            .store
            .cards(&ctx.e.id)
            .await?
            .into_iter()
            .filter(|c| c.submitted_at.is_some() && privacy::can_read(&ctx.viewer, &card_meta(ctx, c)).allowed())
            .collect();
        let labels = cards.iter().enumerate().map(|(i, c)| (c.id.clone(), format!("C{}", i + 1))).collect();
        Ok(Board { cards, labels, orgs: [ctx.e.org_a_name.clone(), ctx.e.org_b_name.clone()] })
    }

    async fn teaming_ctx(&self, actor: &Actor, engagement: &str) -> AppResult<Ctx> {
        let ctx = self.engagement_ctx(actor, engagement).await?;
        ctx.must_facilitate()?;
        if !ctx.stage().cards_open() {
            return Err(AppError::Conflict("open the cards first: teaming up starts at session one".into()));
        }
        Ok(ctx)
    }

    /// The suggestion, run afresh with the facilitator's confirmed teams and rejected pairs.
    pub async fn teaming_page(&self, actor: &Actor, engagement: &str) -> AppResult<TeamingPage> {
        let ctx = self.teaming_ctx(actor, engagement).await?;
        let board = self.board(&ctx).await?;
        let team_cards = self.store.team_cards(&ctx.e.id).await?;
        let teams = self.store.teams(&ctx.e.id).await?;
        let in_team: HashSet<&str> = team_cards.iter().map(|(_, c)| c.as_str()).collect();
        let none = HashSet::new();
        let confirmed: Vec<TeamView> = teams
            .iter()
            .map(|t| TeamView {
                id: t.id.clone(),
                cards: team_cards
                    .iter()
                    .filter(|(tid, _)| *tid == t.id)
                    .filter_map(|(_, c)| board.labelled(c, &none))
                    .collect(),
                reason: t.reason.clone(),
            })
            .collect();
        let free: Vec<LabelledCard> = board
            .cards
            .iter()
            .filter(|c| !in_team.contains(c.id.as_str()))
            .filter_map(|c| board.labelled(&c.id, &none))
            .collect();
        let mut page = TeamingPage {
            engagement_id: ctx.e.id.clone(),
            common_area: ctx.e.common_area.clone(),
            stage: ctx.stage(),
            confirmed,
            suggested: vec![],
            left_out: vec![],
            free,
            failed: None,
        };
        if ctx.stage() != Stage::CardsOpen {
            return Ok(page);
        }
        // The engine reads the cards by their labels, so its reasons name "C3 (Harbourside)".
        let by_label: HashMap<String, String> = board.labels.iter().map(|(id, l)| (l.clone(), id.clone())).collect();
        let challenges: Vec<Challenge> = board
            .cards
            .iter()
            .map(|c| Challenge {
                id: board.label(&c.id),
                org: if c.side == "a" { board.orgs[0].clone() } else { board.orgs[1].clone() },
                person: c.author_id.clone(),
                what: c.what.clone(),
                why: c.why.clone(),
                success: c.success.clone(),
            })
            .collect();
        let choices = Choices {
            confirmed: teams
                .iter()
                .map(|t| {
                    team_cards.iter().filter(|(tid, _)| *tid == t.id).map(|(_, c)| board.label(c)).collect::<Vec<_>>()
                })
                .filter(|t| t.iter().all(|l| !l.is_empty()))
                .collect(),
            rejected: self
                .store
                .rejected_pairs(&ctx.e.id)
                .await?
                .into_iter()
                .map(|(a, b)| (board.label(&a), board.label(&b)))
                .filter(|(a, b)| !a.is_empty() && !b.is_empty())
                .collect(),
            one_team_per_person: false,
        };
        let suggestion = coachkit_insight::engine().and_then(|engine| suggest_teams(&engine, &challenges, &choices));
        let suggestion = match suggestion {
            Ok(s) => s,
            Err(e) => {
                page.failed = Some(e.to_string());
                return Ok(page);
            }
        };
        let id_of = |label: &String| by_label.get(label).cloned().unwrap_or_default();
        for t in suggestion.teams.into_iter().filter(|t| !t.confirmed) {
            let mut marks: HashSet<String> = t.shared_words.iter().map(|w| w.to_lowercase()).collect();
            marks.extend(t.key_words.iter().flat_map(|(_, ws)| ws.iter().map(|w| w.to_lowercase())));
            let ids: Vec<String> = t.challenges.iter().map(id_of).collect();
            page.suggested.push(SuggestedTeam {
                cards: ids.iter().filter_map(|id| board.labelled(id, &marks)).collect(),
                reason: t.reason,
                shared_words: t.shared_words,
                key: ids.join(","),
            });
        }
        for u in suggestion.unmatched {
            if let Some(card) = board.labelled(&id_of(&u.challenge), &none) {
                page.left_out.push(Unteamed { card, reason: u.reason });
            }
        }
        Ok(page)
    }

    /// Parses a list of card ids against the engagement's submitted cards.
    fn team_members<'a>(board: &'a Board, ids: &[String]) -> AppResult<Vec<&'a CardRow>> {
        ids.iter()
            .map(|raw| {
                let id = RecordId::parse(raw)
                    .map_err(|_| AppError::field("cards", "names a card that is not in this engagement"))?;
                board.cards.iter().find(|c| c.id == id.as_str()).ok_or_else(|| {
                    coachkit_domain::text::FieldError::not_found("cards", "names a card that is not in this engagement")
                        .into()
                })
            })
            .collect()
    }

    /// Confirms a team of these cards (a suggested one, or built by hand). A team must span both
    /// organisations; the refusal says so and saves nothing.
    pub async fn confirm_team(
        &self,
        actor: &Actor,
        engagement: &str,
        card_ids: &[String],
        reason: &str,
    ) -> AppResult<String> {
        let ctx = self.teaming_ctx(actor, engagement).await?;
        if ctx.stage() != Stage::CardsOpen {
            return Err(AppError::Conflict("session one has ended; the teams are set".into()));
        }
        let board = self.board(&ctx).await?;
        let cards = Self::team_members(&board, card_ids)?;
        let members: Vec<Member<'_>> = cards
            .iter()
            .map(|c| Member { card: &c.id, person: &c.author_id, side: Side::parse(&c.side).unwrap_or(Side::A) })
            .collect();
        check_team(&members)?;
        if let Some(c) = cards.iter().find(|c| c.team_id.is_some()) {
            return Err(AppError::field(
                "cards",
                format!("{} is already in a team; take that team apart first", board.label(&c.id)),
            ));
        }
        let id = TeamId::new().to_string();
        let reason = if reason.trim().is_empty() { "Built by hand by the facilitator." } else { reason.trim() };
        let reason: String = reason.chars().take(2_000).collect();
        let ids: Vec<String> = cards.iter().map(|c| c.id.clone()).collect();
        match self.store.create_team(&id, &ctx.e.id, &reason, &ids).await {
            Ok(true) => Ok(id),
            Ok(false) => Err(AppError::Conflict("session one has ended; the teams are set".into())),
            Err(coachkit_store::DbError::Conflict) => {
                Err(AppError::field("cards", "one of these cards was put in a team a moment ago"))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Rejects a suggested team: every pair in it is never suggested again.
    pub async fn reject_team(&self, actor: &Actor, engagement: &str, card_ids: &[String]) -> AppResult<()> {
        let ctx = self.teaming_ctx(actor, engagement).await?;
        let board = self.board(&ctx).await?;
        let cards = Self::team_members(&board, card_ids)?;
        if cards.len() < 2 {
            return Err(AppError::field("cards", "A suggestion to reject has at least two cards."));
        }
        for (i, a) in cards.iter().enumerate() {
            for b in &cards[i + 1..] {
                self.store.reject_pair(&ctx.e.id, &a.id, &b.id).await?;
            }
        }
        Ok(())
    }

    /// Takes a confirmed team apart: its cards are free to team again.
    pub async fn take_team_apart(&self, actor: &Actor, engagement: &str, team: &str) -> AppResult<()> {
        let ctx = self.teaming_ctx(actor, engagement).await?;
        let team = TeamId::parse(team).map_err(|_| AppError::NotFound("team"))?;
        if !self.store.delete_team(team.as_str(), &ctx.e.id).await? {
            return Err(AppError::Conflict("that team can no longer be taken apart".into()));
        }
        Ok(())
    }

    /// Splits one card out of a confirmed team. The rest stays a team only if it still is one (two
    /// or more cards, both organisations, two people); otherwise the refusal says to take the team
    /// apart instead, and nothing changes. The split is remembered as the facilitator's choice:
    /// the card is not suggested again with the cards that stayed.
    pub async fn split_card_out(&self, actor: &Actor, engagement: &str, team: &str, card: &str) -> AppResult<()> {
        let ctx = self.teaming_ctx(actor, engagement).await?;
        if ctx.stage() != Stage::CardsOpen {
            return Err(AppError::Conflict("session one has ended; the teams are set".into()));
        }
        let team = TeamId::parse(team).map_err(|_| AppError::NotFound("team"))?;
        let board = self.board(&ctx).await?;
        let in_team: Vec<String> = self
            .store
            .team_cards(&ctx.e.id)
            .await?
            .into_iter()
            .filter(|(t, _)| t == team.as_str())
            .map(|(_, c)| c)
            .collect();
        if in_team.is_empty() {
            return Err(AppError::NotFound("team"));
        }
        let card = RecordId::parse(card).ok().filter(|c| in_team.iter().any(|t| t == c.as_str()));
        let Some(card) = card else {
            return Err(AppError::field("card", "Choose a card of this team to split out."));
        };
        let stays: Vec<String> = in_team.into_iter().filter(|c| c != card.as_str()).collect();
        let rest = Self::team_members(&board, &stays)?;
        let members: Vec<Member<'_>> = rest
            .iter()
            .map(|c| Member { card: &c.id, person: &c.author_id, side: Side::parse(&c.side).unwrap_or(Side::A) })
            .collect();
        if let Err(e) = check_team(&members) {
            return Err(AppError::Conflict(format!(
                "Splitting {} out would leave no team: {} Take the team apart instead.",
                board.label(card.as_str()),
                e.message
            )));
        }
        if !self.store.split_card(team.as_str(), card.as_str(), &ctx.e.id, &stays).await? {
            return Err(AppError::Conflict("that card can no longer be split out".into()));
        }
        Ok(())
    }

    /// Merges team `from` into team `into`.
    pub async fn merge_teams(&self, actor: &Actor, engagement: &str, into: &str, from: &str) -> AppResult<()> {
        let ctx = self.teaming_ctx(actor, engagement).await?;
        let (into, from) = (
            TeamId::parse(into).map_err(|_| AppError::field("into", "choose a team to merge into"))?,
            TeamId::parse(from).map_err(|_| AppError::NotFound("team"))?,
        );
        if into == from {
            return Err(AppError::field("into", "choose another team to merge into"));
        }
        let team_cards = self.store.team_cards(&ctx.e.id).await?;
        let size = team_cards.iter().filter(|(t, _)| t == into.as_str() || t == from.as_str()).count();
        if size > MAX_CARDS {
            return Err(AppError::field(
                "into",
                format!("together they would hold {size} cards; a team holds at most {MAX_CARDS}"),
            ));
        }
        if !self.store.merge_teams(into.as_str(), from.as_str(), &ctx.e.id).await? {
            return Err(AppError::Conflict("those teams can no longer be merged".into()));
        }
        Ok(())
    }

    /// Ends session one. With a team, session two is everyone's milestone; with none, it is
    /// cancelled for everyone with a mail and a cancelling calendar file.
    pub async fn close_session_one(&self, actor: &Actor, engagement: &str) -> AppResult<Stage> {
        let ctx = self.engagement_ctx(actor, engagement).await?;
        ctx.must_facilitate()?;
        let stage = self.store.close_session_one(&ctx.e.id).await?.and_then(|s| Stage::parse(&s));
        let Some(stage) = stage else {
            return Err(AppError::Conflict("session one can end once the cards are open, and only once".into()));
        };
        let e = self.store.engagement(&ctx.e.id).await?.ok_or(AppError::NotFound("engagement"))?;
        self.mail_session_two(&e, stage == Stage::Cancelled).await?;
        Ok(stage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_words_are_marked_in_place() {
        let marks: HashSet<String> = ["drivers".into(), "rota".into()].into();
        let s = segments("Keeping our driver rota fair.", &marks);
        let marked: Vec<&str> = s.iter().filter(|s| s.mark).map(|s| s.text.as_str()).collect();
        assert_eq!(marked, ["driver", "rota"]);
        assert_eq!(s.iter().map(|s| s.text.as_str()).collect::<String>(), "Keeping our driver rota fair.");
    }
}
