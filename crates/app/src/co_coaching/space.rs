//! A team's shared space between the sessions, and its outcome at session two.

use super::{Ctx, item_meta};
use crate::error::{AppError, AppResult};
use crate::journal::time::parse_date;
use crate::{Actor, App};
use coachkit_domain::co_coaching::{Side, Stage, limits};
use coachkit_domain::privacy;
use coachkit_domain::text::{FieldError, bounded, optional_bounded};
use coachkit_domain::time::Millis;
use coachkit_domain::{RecordId, TeamId};
use coachkit_store::co_coaching::{NewTeamItem, TeamItemRow, TeamOutcome, TeamRow};
use coachkit_store::now_ms;
use serde::Deserialize;
use utoipa::ToSchema;

/// Something added to the team's space.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct TeamItemInput {
    /// note, action, checkin or link (members); comment (the facilitator).
    pub kind: String,
    pub text: String,
    /// For a link: the address.
    pub url: String,
    /// For an action: who owns it (a member's user id) and when it is due ("2026-12-20").
    pub owner: String,
    pub due: String,
}

/// A team's outcome at session two.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct OutcomeInput {
    /// "concluded" or "co_venture".
    pub outcome: String,
    /// For a concluded team: what was learned.
    pub learning: String,
    /// For a co-venture project.
    pub project_name: String,
    pub project_aim: String,
    pub first_steps: String,
    /// The project's owner in each organisation (user ids of team members).
    pub owner_a: String,
    pub owner_b: String,
}

/// One item as the team page shows it.
#[derive(Clone, Debug, serde::Serialize, ToSchema)]
pub struct TeamItemView {
    pub id: String,
    pub kind: String,
    pub author: String,
    pub text: String,
    pub url: Option<String>,
    pub owner: Option<String>,
    pub due_at: Option<i64>,
    pub done: bool,
    pub created_at: i64,
    /// The owner's user id (an action), for the form that edits it.
    pub owner_id: Option<String>,
    /// Whether this person may edit and delete it (its author).
    pub mine: bool,
}

/// The team page.
#[derive(Clone, Debug)]
pub struct TeamPage {
    pub engagement_id: String,
    pub team_id: String,
    pub common_area: String,
    pub stage: Stage,
    pub facilitating: bool,
    pub member: bool,
    /// (user id, name, organisation name, side) of each member.
    pub members: Vec<(String, String, String, Side)>,
    pub cards: Vec<super::CardView>,
    pub reason: String,
    pub items: Vec<TeamItemView>,
    /// What the facilitator sees instead of the items: how much was written, and when last.
    pub activity: (i64, Option<i64>),
    pub quiet: bool,
    pub outcome: Option<TeamRow>,
    pub session_two_at: i64,
}

/// A team with nothing new for this long is quiet: it gets a nudge, and the facilitator sees it.
pub const QUIET_AFTER: i64 = 7 * Millis::DAY;

fn url(raw: &str) -> Result<String, FieldError> {
    let u = bounded("url", raw, limits::URL)?;
    if (u.starts_with("https://") || u.starts_with("http://")) && !u.contains(char::is_whitespace) {
        Ok(u)
    } else {
        Err(FieldError::new("url", "must be a web address starting with https://"))
    }
}

impl App {
    async fn team_ctx(&self, actor: &Actor, engagement: &str, team: &str) -> AppResult<(Ctx, TeamRow, bool)> {
        let ctx = self.engagement_ctx(actor, engagement).await?;
        let id = TeamId::parse(team).map_err(|_| AppError::NotFound("team"))?;
        let row = self
            .store
            .team(id.as_str())
            .await?
            .filter(|t| t.engagement_id == ctx.e.id)
            .ok_or(AppError::NotFound("team"))?;
        let member = privacy::on_team(&ctx.viewer, &id);
        if !member && !ctx.facilitator {
            return Err(AppError::NotFound("team"));
        }
        Ok((ctx, row, member))
    }

    /// The team's page: the space for its members; for the facilitator, its cards, activity and
    /// their own comments (the members' notes are the team's only).
    pub async fn team_page(&self, actor: &Actor, engagement: &str, team: &str) -> AppResult<TeamPage> {
        let (ctx, row, member) = self.team_ctx(actor, engagement, team).await?;
        let cards = self.store.cards(&ctx.e.id).await?;
        let org = |s: &str| if s == "a" { ctx.e.org_a_name.clone() } else { ctx.e.org_b_name.clone() };
        let mine: Vec<_> = cards.iter().filter(|c| c.team_id.as_deref() == Some(row.id.as_str())).collect();
        let mut members: Vec<(String, String, String, Side)> = vec![];
        for c in &mine {
            if !members.iter().any(|m| m.0 == c.author_id) {
                members.push((
                    c.author_id.clone(),
                    c.author_name.clone(),
                    org(&c.side),
                    Side::parse(&c.side).unwrap_or(Side::A),
                ));
            }
        }
        let items = self
            .store
            .team_items(&row.id)
            .await?
            .into_iter()
            .filter(|i| privacy::can_read(&ctx.viewer, &item_meta(i)).allowed())
            .map(|i| TeamItemView {
                mine: privacy::can_write(&ctx.viewer, &item_meta(&i)),
                owner_id: i.owner_id.clone(),
                id: i.id,
                kind: i.kind,
                author: i.author_name,
                text: i.text,
                url: i.url,
                owner: i.owner_name,
                due_at: i.due_at,
                done: i.done_at.is_some(),
                created_at: i.created_at,
            })
            .collect();
        let last = row.last_activity.unwrap_or(row.created_at);
        Ok(TeamPage {
            engagement_id: ctx.e.id.clone(),
            team_id: row.id.clone(),
            common_area: ctx.e.common_area.clone(),
            stage: ctx.stage(),
            facilitating: ctx.facilitator,
            member,
            members,
            cards: mine.iter().map(|c| super::cards::card_view(c, org(&c.side))).collect(),
            reason: row.reason.clone(),
            items,
            activity: (row.items, row.last_activity),
            quiet: ctx.stage() == Stage::Teamed && now_ms() - last > QUIET_AFTER,
            outcome: row.outcome.is_some().then(|| row.clone()),
            session_two_at: ctx.e.session_two_at,
        })
    }

    /// Adds to the team's space: members write notes, actions, check-ins and links; the
    /// facilitator writes comments.
    pub async fn add_team_item(
        &self,
        actor: &Actor,
        engagement: &str,
        team: &str,
        input: &TeamItemInput,
    ) -> AppResult<()> {
        let (ctx, row, member) = self.team_ctx(actor, engagement, team).await?;
        if ctx.stage() == Stage::Cancelled {
            return Err(AppError::Conflict("session two was cancelled; the team space is closed".into()));
        }
        let kind = input.kind.trim();
        let allowed = if member { ["note", "action", "checkin", "link"].contains(&kind) } else { kind == "comment" };
        if !allowed {
            return Err(AppError::field(
                "kind",
                if member {
                    "must be a note, an action, a check-in or a link"
                } else {
                    "must be a comment: the space is the team's"
                },
            ));
        }
        let (text, link, owner, due) = self.checked_item(&ctx, &row, kind, input).await?;
        self.store
            .add_team_item(NewTeamItem {
                id: &RecordId::new().to_string(),
                team_id: &row.id,
                author_id: &actor.user.id,
                kind,
                text: &text,
                url: link.as_deref(),
                owner_id: owner.as_deref(),
                due_at: due,
            })
            .await?;
        Ok(())
    }

    /// An entry's text, address, owner and due date as its kind needs them, or every problem.
    async fn checked_item(
        &self,
        ctx: &Ctx,
        row: &TeamRow,
        kind: &str,
        input: &TeamItemInput,
    ) -> AppResult<(String, Option<String>, Option<String>, Option<i64>)> {
        let mut errors = vec![];
        let text = bounded("text", &input.text, limits::TEAM_ITEM).map_err(|e| errors.push(e)).ok();
        let link = if kind == "link" { url(&input.url).map(Some).map_err(|e| errors.push(e)).ok() } else { Some(None) };
        let (owner, due) = if kind == "action" {
            let cards = self.store.cards(&ctx.e.id).await?;
            let owner = input.owner.trim();
            let ok = cards.iter().any(|c| c.team_id.as_deref() == Some(row.id.as_str()) && c.author_id == owner);
            if !ok {
                errors.push(FieldError::new("owner", "must be one of the team"));
            }
            let due = match parse_date("due", &input.due) {
                Ok(Some(d)) => Some(d),
                Ok(None) => {
                    errors.push(FieldError::new("due", "needs a date"));
                    None
                }
                Err(AppError::Invalid(f)) => {
                    errors.extend(f);
                    None
                }
                Err(e) => return Err(e),
            };
            (Some(owner.to_owned()), due)
        } else {
            (None, None)
        };
        let (Some(text), Some(link)) = (text, link) else { return Err(AppError::Invalid(errors)) };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        Ok((text, link, owner, due))
    }

    /// One entry of the team's space that this person may change: it must be one they can read
    /// (else it is not found) and their own (`privacy::can_write`: its author; the facilitator's
    /// own comments only).
    async fn own_team_item(
        &self,
        actor: &Actor,
        engagement: &str,
        team: &str,
        item: &str,
    ) -> AppResult<(Ctx, TeamRow, TeamItemRow)> {
        let (ctx, row, _) = self.team_ctx(actor, engagement, team).await?;
        if ctx.stage() == Stage::Cancelled {
            return Err(AppError::Conflict("session two was cancelled; the team space is closed".into()));
        }
        let id = RecordId::parse(item).map_err(|_| AppError::NotFound("entry"))?;
        let found = self
            .store
            .team_items(&row.id)
            .await?
            .into_iter()
            .find(|i| i.id == id.as_str())
            .filter(|i| privacy::can_read(&ctx.viewer, &item_meta(i)).allowed())
            .ok_or(AppError::NotFound("entry"))?;
        if !privacy::can_write(&ctx.viewer, &item_meta(&found)) {
            return Err(AppError::Forbidden("only its author can change or delete an entry"));
        }
        Ok((ctx, row, found))
    }

    /// Rewrites one of my entries; its kind stays what it was (`input.kind` is ignored).
    pub async fn edit_team_item(
        &self,
        actor: &Actor,
        engagement: &str,
        team: &str,
        item: &str,
        input: &TeamItemInput,
    ) -> AppResult<()> {
        let (ctx, row, found) = self.own_team_item(actor, engagement, team, item).await?;
        let (text, link, owner, due) = self.checked_item(&ctx, &row, &found.kind, input).await?;
        let done = self
            .store
            .edit_team_item(NewTeamItem {
                id: &found.id,
                team_id: &row.id,
                author_id: &actor.user.id,
                kind: &found.kind,
                text: &text,
                url: link.as_deref(),
                owner_id: owner.as_deref(),
                due_at: due,
            })
            .await?;
        if !done {
            return Err(AppError::NotFound("entry"));
        }
        Ok(())
    }

    /// Deletes one of my entries.
    pub async fn delete_team_item(&self, actor: &Actor, engagement: &str, team: &str, item: &str) -> AppResult<()> {
        let (_, row, found) = self.own_team_item(actor, engagement, team, item).await?;
        if !self.store.delete_team_item(&found.id, &row.id, &actor.user.id).await? {
            return Err(AppError::NotFound("entry"));
        }
        Ok(())
    }

    /// Marks an action of the team done (any member).
    pub async fn finish_team_action(&self, actor: &Actor, engagement: &str, team: &str, item: &str) -> AppResult<()> {
        let (_, row, member) = self.team_ctx(actor, engagement, team).await?;
        let item = RecordId::parse(item).map_err(|_| AppError::NotFound("action"))?;
        if !member || !self.store.finish_team_action(item.as_str(), &row.id).await? {
            return Err(AppError::Conflict("that action is done already, or not this team's".into()));
        }
        Ok(())
    }

    /// Records the team's outcome at session two (a member or the facilitator). A co-venture
    /// names its project, aim, first steps and an owner in each organisation.
    pub async fn set_team_outcome(
        &self,
        actor: &Actor,
        engagement: &str,
        team: &str,
        input: &OutcomeInput,
    ) -> AppResult<()> {
        let (ctx, row, _) = self.team_ctx(actor, engagement, team).await?;
        if ctx.stage() != Stage::Teamed {
            return Err(AppError::Conflict("an outcome is recorded after session one has formed the teams".into()));
        }
        let mut errors = vec![];
        let outcome = input.outcome.trim();
        let opt = |field, raw: &str, max, errors: &mut Vec<FieldError>| {
            bounded(field, raw, max).map_err(|e| errors.push(e)).ok()
        };
        let o = match outcome {
            "concluded" => {
                let learning = opt("learning", &input.learning, limits::OUTCOME, &mut errors);
                (learning, None, None, None, None, None)
            }
            "co_venture" => {
                let cards = self.store.cards(&ctx.e.id).await?;
                let owner = |field: &'static str, raw: &str, side: &str, errors: &mut Vec<FieldError>| {
                    let ok = cards.iter().any(|c| {
                        c.team_id.as_deref() == Some(row.id.as_str()) && c.author_id == raw.trim() && c.side == side
                    });
                    if ok {
                        Some(raw.trim().to_owned())
                    } else {
                        errors.push(FieldError::new(field, "must be a team member from that organisation"));
                        None
                    }
                };
                (
                    None,
                    opt("project_name", &input.project_name, limits::PROJECT_NAME, &mut errors),
                    opt("project_aim", &input.project_aim, limits::OUTCOME, &mut errors),
                    opt("first_steps", &input.first_steps, limits::OUTCOME, &mut errors),
                    owner("owner_a", &input.owner_a, "a", &mut errors),
                    owner("owner_b", &input.owner_b, "b", &mut errors),
                )
            }
            _ => return Err(AppError::field("outcome", "must be concluded or a co-venture project")),
        };
        let _ = optional_bounded("learning", &input.learning, limits::OUTCOME).map_err(|e| errors.push(e));
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let done = self
            .store
            .set_team_outcome(
                &row.id,
                TeamOutcome {
                    outcome,
                    learning: o.0.as_deref(),
                    project_name: o.1.as_deref(),
                    project_aim: o.2.as_deref(),
                    first_steps: o.3.as_deref(),
                    owner_a_id: o.4.as_deref(),
                    owner_b_id: o.5.as_deref(),
                },
            )
            .await?;
        if !done {
            return Err(AppError::Conflict("the outcome could not be recorded now".into()));
        }
        Ok(())
    }
}
