//! Creating an engagement, reading its page, listing one's engagements, and moving its sessions.

use super::cards::{CardView, card_view};
use super::{card_meta, not_found};
use crate::error::{AppError, AppResult};
use crate::journal::time::parse_datetime;
use crate::{Actor, App};
use coachkit_domain::ProgrammeId;
use coachkit_domain::co_coaching::{Side, Stage, limits, roster, schedule};
use coachkit_domain::privacy::{self, Viewer};
use coachkit_domain::text::{FieldError, bounded, optional_bounded};
use coachkit_domain::time::Millis;
use coachkit_store::co_coaching::{NewEngagement, SessionChange};
use coachkit_store::now_ms;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A new engagement.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct EngagementInput {
    /// An organisation you belong to, by id; or leave empty and name a new one.
    #[schema(schema_with = coachkit_domain::text::schema::uuid_or_empty)]
    pub org_a: String,
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ coachkit_domain::org::OrgName::MAX }>)]
    pub org_a_new: String,
    #[schema(schema_with = coachkit_domain::text::schema::uuid_or_empty)]
    pub org_b: String,
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ coachkit_domain::org::OrgName::MAX }>)]
    pub org_b_new: String,
    /// The challenge the two organisations share.
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::co_coaching::limits::COMMON_AREA }>, required = true)]
    pub common_area: String,
    /// "Thinking so far", Markdown, shown to every participant.
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ coachkit_domain::co_coaching::limits::BRIEF }>)]
    pub brief: String,
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::co_coaching::limits::GROUND_RULES }>, required = true)]
    pub ground_rules: String,
    #[schema(required = true)]
    pub sessions: SessionDates,
}

/// The two sessions: dates as "2026-12-01T14:30" (UTC), a place or call link each.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct SessionDates {
    #[schema(schema_with = coachkit_domain::text::schema::datetime_local, required = true)]
    pub session_one_at: String,
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ limits::PLACE }>)]
    pub session_one_place: String,
    #[schema(schema_with = coachkit_domain::text::schema::datetime_local, required = true)]
    pub session_two_at: String,
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ limits::PLACE }>)]
    pub session_two_place: String,
}

/// The method's agenda for each session, in our words; the page shows it under each date.
const AGENDA_ONE: &str = "Introductions and the ground rules\nThinking so far: how we got here\nTop challenges: each person's one or two cards\nTeaming up: which challenges can be worked on together";
const AGENDA_TWO: &str =
    "What each team did and learned\nConclude, or shape co-venture projects\nWhat it was worth to each organisation";

/// A line of the practice's home.
#[derive(Clone, Debug)]
pub struct EngagementLine {
    pub id: String,
    pub common_area: String,
    pub orgs: String,
    pub stage: Stage,
    pub facilitating: bool,
    pub session_one_at: i64,
    pub session_two_at: i64,
}

/// One participant as the engagement page lists them.
#[derive(Clone, Debug)]
pub struct ParticipantLine {
    /// The invitation's id (what the facilitator's "withdraw" names).
    pub id: String,
    pub name: String,
    pub joined: bool,
    /// Shown to the facilitator only: how many cards written and submitted.
    pub cards: Option<(i64, i64)>,
}

/// Everything the engagement page shows, already decided for this viewer.
#[derive(Clone, Debug)]
pub struct EngagementPage {
    pub id: String,
    pub common_area: String,
    pub brief_html: String,
    pub ground_rules: String,
    pub facilitator_name: String,
    pub org_a: String,
    pub org_b: String,
    pub stage: Stage,
    pub facilitating: bool,
    pub my_side: Option<Side>,
    pub session_one_at: i64,
    pub session_one_place: String,
    pub session_two_at: i64,
    pub session_two_place: String,
    pub agenda_one: Vec<String>,
    pub agenda_two: Vec<String>,
    pub side_a: Vec<ParticipantLine>,
    pub side_b: Vec<ParticipantLine>,
    pub warnings: Vec<String>,
    /// My own cards (drafts and submitted), in position order.
    pub my_cards: Vec<CardView>,
    /// Every card I may read other than mine, once the cards are open.
    pub open_cards: Vec<CardView>,
    /// The teams and their members' names; my own team's id, if I am on one.
    pub teams: Vec<(String, Vec<String>, Option<String>)>,
    pub my_team: Option<String>,
}

fn agenda(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// Parses and checks the two sessions; the warnings come back with the values.
/// Session one's time and place, then session two's.
type Dates = (i64, String, i64, String);

fn sessions(input: &SessionDates) -> Result<(Dates, Vec<String>), Vec<FieldError>> {
    let mut errors = vec![];
    let mut at = |field, raw: &str| match parse_datetime(field, raw) {
        Ok(ms) => Some(ms),
        Err(AppError::Invalid(f)) => {
            errors.extend(f);
            None
        }
        Err(_) => None,
    };
    let one = at("session_one_at", &input.session_one_at);
    let two = at("session_two_at", &input.session_two_at);
    let place_one =
        optional_bounded("session_one_place", &input.session_one_place, limits::PLACE).map_err(|e| errors.push(e)).ok();
    let place_two =
        optional_bounded("session_two_place", &input.session_two_place, limits::PLACE).map_err(|e| errors.push(e)).ok();
    let (Some(one), Some(two), Some(p1), Some(p2)) = (one, two, place_one, place_two) else {
        return Err(errors);
    };
    match schedule::check_sessions(Millis(now_ms()), Millis(one), Millis(two)) {
        Ok(w) if errors.is_empty() => Ok(((one, p1.unwrap_or_default(), two, p2.unwrap_or_default()), w)),
        Ok(_) => Err(errors),
        Err(e) => {
            errors.push(e);
            Err(errors)
        }
    }
}

impl App {
    /// Creates an engagement with its facilitator (the actor). Every field is checked before
    /// anything is written; organisations named anew are created only then.
    pub async fn create_engagement(&self, actor: &Actor, input: &EngagementInput) -> AppResult<(String, Vec<String>)> {
        let mut errors: Vec<FieldError> = vec![];
        let mine = self.my_orgs(actor).await?;
        let mut org = |field: &'static str, id: &str, new: &str| -> Option<Result<String, String>> {
            match (id.trim(), new.trim()) {
                ("", "") => {
                    errors.push(FieldError::new(field, "must be chosen, or named as a new organisation"));
                    None
                }
                ("", name) => match coachkit_domain::org::OrgName::parse(name) {
                    Ok(n) => Some(Err(n.as_str().to_owned())),
                    Err(e) => {
                        errors.push(FieldError::new(field, e.message));
                        None
                    }
                },
                (id, _) if mine.iter().any(|o| o.id == id) => Some(Ok(id.to_owned())),
                // A well-formed id that is not one of yours names what is not there for you (404).
                (id, _) if coachkit_domain::OrgId::parse(id).is_ok() => {
                    errors.push(FieldError::not_found(field, "is not one of your organisations"));
                    None
                }
                _ => {
                    errors.push(FieldError::new(field, "is not one of your organisations"));
                    None
                }
            }
        };
        let a = org("org_a", &input.org_a, &input.org_a_new);
        let b = org("org_b", &input.org_b, &input.org_b_new);
        if let (Some(Ok(a)), Some(Ok(b))) = (&a, &b)
            && a == b
        {
            errors.push(FieldError::new("org_b", "must be a different organisation from the first"));
        }
        let common = bounded("common_area", &input.common_area, limits::COMMON_AREA).map_err(|e| errors.push(e)).ok();
        let brief = optional_bounded("brief", &input.brief, limits::BRIEF).map_err(|e| errors.push(e)).ok();
        let rules = bounded("ground_rules", &input.ground_rules, limits::GROUND_RULES).map_err(|e| errors.push(e)).ok();
        let dates = sessions(&input.sessions).map_err(|e| errors.extend(e)).ok();
        let (Some(a), Some(b), Some(common), Some(brief), Some(rules), Some((dates, warnings))) =
            (a, b, common, brief, rules, dates)
        else {
            return Err(AppError::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let mut ids = vec![];
        for o in [a, b] {
            ids.push(match o {
                Ok(id) => id,
                Err(name) => self.create_org(actor, &name).await?.id,
            });
        }
        let id = ProgrammeId::new().to_string();
        let (side_a, side_b) = (ProgrammeId::new().to_string(), ProgrammeId::new().to_string());
        self.store
            .create_engagement(NewEngagement {
                id: &id,
                facilitator_id: &actor.user.id,
                org_a_id: &ids[0],
                org_b_id: &ids[1],
                side_a_id: &side_a,
                side_b_id: &side_b,
                common_area: &common,
                brief: &brief.unwrap_or_default(),
                ground_rules: &rules,
                session_one_at: dates.0,
                session_one_place: &dates.1,
                session_one_agenda: AGENDA_ONE,
                session_two_at: dates.2,
                session_two_place: &dates.3,
                session_two_agenda: AGENDA_TWO,
            })
            .await?;
        Ok((id, warnings))
    }

    /// The engagements this person facilitates or takes part in, newest first.
    pub async fn my_engagements(&self, actor: &Actor) -> AppResult<Vec<EngagementLine>> {
        let Viewer::Member(m) = self.viewer(actor).await? else { return Ok(vec![]) };
        let ids: Vec<String> = m.facilitates.iter().chain(&m.programmes).map(|p| p.to_string()).collect();
        let rows = self.store.engagements_among(&ids).await?;
        Ok(rows
            .into_iter()
            .map(|e| EngagementLine {
                facilitating: e.facilitator_id == actor.user.id,
                stage: Stage::parse(&e.stage).unwrap_or(Stage::Preparing),
                orgs: format!("{} and {}", e.org_a_name, e.org_b_name),
                id: e.id,
                common_area: e.common_area,
                session_one_at: e.session_one_at,
                session_two_at: e.session_two_at,
            })
            .collect())
    }

    /// The engagement page for this person.
    pub async fn engagement_page(&self, actor: &Actor, id: &str) -> AppResult<EngagementPage> {
        let ctx = self.engagement_ctx(actor, id).await?;
        let participants = self.store.participants(&ctx.e.id).await?;
        let line = |p: &coachkit_store::co_coaching::ParticipantRow| ParticipantLine {
            id: p.id.clone(),
            name: p.name.clone(),
            joined: p.agreed_at.is_some(),
            cards: ctx.facilitator.then_some((p.cards, p.submitted)),
        };
        let side = |s: Side| participants.iter().filter(|p| p.side == s.as_str()).map(line).collect::<Vec<_>>();
        let (side_a, side_b) = (side(Side::A), side(Side::B));
        let mut warnings = vec![];
        if ctx.facilitator && ctx.stage() == Stage::Preparing {
            for (s, lines) in [(Side::A, &side_a), (Side::B, &side_b)] {
                warnings.extend(roster::side_warning(ctx.org_name(s), lines.len()));
            }
            // The date rules' warning (a late session one) is shown for as long as it holds.
            if let Ok(w) =
                schedule::check_sessions(Millis(now_ms()), Millis(ctx.e.session_one_at), Millis(ctx.e.session_two_at))
            {
                warnings.extend(w);
            }
        }
        let cards = self.store.cards(&ctx.e.id).await?;
        let readable: Vec<_> =
            cards.iter().filter(|c| privacy::can_read(&ctx.viewer, &card_meta(&ctx, c)).allowed()).collect();
        let names = |s: &str| if s == "a" { ctx.e.org_a_name.clone() } else { ctx.e.org_b_name.clone() };
        let my_cards: Vec<CardView> =
            readable.iter().filter(|c| c.author_id == actor.user.id).map(|c| card_view(c, names(&c.side))).collect();
        let open_cards: Vec<CardView> =
            readable.iter().filter(|c| c.author_id != actor.user.id).map(|c| card_view(c, names(&c.side))).collect();
        let my_team = cards.iter().filter(|c| c.author_id == actor.user.id).find_map(|c| c.team_id.clone());
        let teams = if ctx.stage().cards_open() {
            self.store
                .teams(&ctx.e.id)
                .await?
                .into_iter()
                .map(|t| {
                    let mut members: Vec<String> = cards
                        .iter()
                        .filter(|c| c.team_id.as_deref() == Some(t.id.as_str()))
                        .map(|c| c.author_name.clone())
                        .collect();
                    members.dedup();
                    let link = (ctx.facilitator || my_team.as_deref() == Some(t.id.as_str())).then(|| t.id.clone());
                    (t.id, members, link)
                })
                .collect()
        } else {
            vec![]
        };
        let e = &ctx.e;
        Ok(EngagementPage {
            id: e.id.clone(),
            common_area: e.common_area.clone(),
            brief_html: super::brief::render(&e.brief),
            ground_rules: e.ground_rules.clone(),
            facilitator_name: e.facilitator_name.clone(),
            org_a: e.org_a_name.clone(),
            org_b: e.org_b_name.clone(),
            stage: ctx.stage(),
            facilitating: ctx.facilitator,
            my_side: ctx.my_side(),
            session_one_at: e.session_one_at,
            session_one_place: e.session_one_place.clone(),
            session_two_at: e.session_two_at,
            session_two_place: e.session_two_place.clone(),
            agenda_one: agenda(&e.session_one_agenda),
            agenda_two: agenda(&e.session_two_agenda),
            side_a,
            side_b,
            warnings,
            my_cards,
            open_cards,
            teams,
            my_team,
        })
    }

    /// Moves or re-places the sessions (facilitator only, before session two is cancelled). When
    /// a date moves, the calendar files' sequence goes up and everyone who joined is told.
    pub async fn change_engagement_sessions(
        &self,
        actor: &Actor,
        id: &str,
        input: &SessionDates,
    ) -> AppResult<Vec<String>> {
        let ctx = self.engagement_ctx(actor, id).await?;
        ctx.must_facilitate()?;
        if ctx.stage() == Stage::Cancelled {
            return Err(AppError::Conflict("session two was cancelled; the dates can no longer move".into()));
        }
        let ((one, p1, two, p2), warnings) = sessions(input).map_err(AppError::Invalid)?;
        let moved = one != ctx.e.session_one_at || two != ctx.e.session_two_at;
        let change = SessionChange {
            session_one_at: one,
            session_one_place: &p1,
            session_two_at: two,
            session_two_place: &p2,
            moved,
        };
        if !self.store.change_engagement_sessions(&ctx.e.id, change).await? {
            return Err(not_found());
        }
        if moved {
            let e = self.store.engagement(&ctx.e.id).await?.ok_or_else(not_found)?;
            self.mail_dates_moved(&e).await?;
        }
        Ok(warnings)
    }
}
