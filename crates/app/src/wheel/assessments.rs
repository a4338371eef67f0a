//! Assessments: started by a leader alone or live with their coach, or by a coach with a client;
//! saved part way and finished later; shared by choice. Every form is parsed whole before
//! anything is written, so a refused form changes nothing.

use super::load::Loaded;
use super::templates::TemplateView;
use super::views::{AssessmentPage, AssessmentSummary};
use super::{WheelError, WheelResult, form_errors};
use crate::error::{AppError, AppResult};
use crate::journal::time::parse_date;
use crate::{Actor, App, RelationshipView};
use coachkit_domain::journal::parse_audience;
use coachkit_domain::privacy::{self, Audience, RecordKind};
use coachkit_domain::relationship::{RelationshipStatus, Side};
use coachkit_domain::time::Millis;
use coachkit_domain::wheel::{Assessment, RawEntry, TimeUnit, WheelFieldError};
use coachkit_domain::{RecordId, RelationshipId};
use coachkit_store::now_ms;
use coachkit_store::wheel::NewAssessment;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What was typed for one area; empty strings mean "not entered yet".
#[derive(Clone, Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct EntryInput {
    /// A whole number from 1 to 9.
    pub rating: String,
    /// Time spent now, in the assessment's unit.
    pub spent: String,
    /// Time wished, in the assessment's unit.
    pub wished: String,
    pub note: String,
}

impl EntryInput {
    fn raw(&self) -> RawEntry {
        RawEntry {
            rating: self.rating.clone(),
            spent: self.spent.clone(),
            wished: self.wished.clone(),
            note: self.note.clone(),
        }
    }
}

/// Starting an assessment.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct StartInput {
    /// One of your template ids, or empty (or "default") for the built-in four areas.
    pub template_id: String,
    /// "hours_per_week" (the default) or "share_of_time".
    pub unit: String,
    /// The day it is made, "2026-11-03"; empty for today.
    pub taken_on: String,
    /// A relationship to fill it in live with, in a session. As the leader: with that coach. As
    /// the coach: with that client, whose assessment it is.
    pub relationship_id: String,
    /// Without a relationship: who may see it ("private", "relationship:<id>", "all_my_coaches").
    pub audience: String,
    /// What is already known, area by area (may be empty).
    pub entries: Vec<EntryInput>,
    /// Finish at once: every area must then have a rating, a time spent and a time wished.
    pub finish: bool,
}

/// Saving what was entered so far, or finishing.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveInput {
    /// "hours_per_week" or "share_of_time"; empty keeps the current unit.
    pub unit: String,
    /// The revision the form was opened at (see `AssessmentPage::revision`).
    pub revision: i64,
    pub entries: Vec<EntryInput>,
    pub finish: bool,
}

/// The wheel's home: the actor's assessments and templates, and what clients shared with them.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct WheelOverview {
    pub mine: Vec<AssessmentSummary>,
    /// Clients' assessments the actor may see as their coach or mentor.
    pub from_clients: Vec<AssessmentSummary>,
    /// The built-in template first, then the actor's own.
    pub templates: Vec<TemplateView>,
    /// Active relationships in which the actor leads (coaches to fill a wheel in with).
    pub coaches: Vec<RelationshipView>,
    /// Active relationships in which the actor coaches or mentors (clients to start one for).
    pub clients: Vec<RelationshipView>,
}

fn parse_unit(raw: &str, default: TimeUnit) -> Result<TimeUnit, WheelFieldError> {
    match raw.trim() {
        "" => Ok(default),
        other => {
            TimeUnit::parse(other).ok_or_else(|| WheelFieldError::form("unit", "must be hours a week or share of time"))
        }
    }
}

fn rows(entries: &[EntryInput]) -> Vec<RawEntry> {
    entries.iter().map(EntryInput::raw).collect()
}

/// Parses the entries and, when finishing, requires every area; errors of both kinds together.
fn parse_entries(
    template: coachkit_domain::wheel::Template,
    unit: TimeUnit,
    entries: &[EntryInput],
    finish: bool,
    mut errors: Vec<WheelFieldError>,
) -> WheelResult<Assessment> {
    match Assessment::parse(template, unit, &rows(entries)) {
        Ok(a) => {
            if finish && let Err(missing) = a.require_complete() {
                errors.extend(missing.into_vec());
            }
            if errors.is_empty() { Ok(a) } else { Err(WheelError::Form(errors)) }
        }
        Err(e) => {
            errors.extend(e.into_vec());
            Err(WheelError::Form(errors))
        }
    }
}

fn status_word(finish: bool) -> &'static str {
    if finish { "complete" } else { "draft" }
}

impl App {
    /// Starts an assessment. With a relationship it is filled in live: the actor's own as its
    /// leader, or (as its coach) the client's, shared with that relationship. Without, it is the
    /// actor's, shared as they choose.
    pub async fn start_wheel_assessment(&self, actor: &Actor, input: &StartInput) -> WheelResult<String> {
        let mut errors = Vec::new();
        let unit = parse_unit(&input.unit, TimeUnit::HoursPerWeek).map_err(|e| errors.push(e)).ok();
        let taken_at = match parse_date("taken_on", &input.taken_on) {
            Ok(day) => day.unwrap_or_else(|| now_ms().div_euclid(Millis::DAY) * Millis::DAY),
            Err(e) => match form_errors(e) {
                WheelError::Form(f) => {
                    errors.extend(f);
                    0
                }
                other => return Err(other),
            },
        };
        let live_with = match input.relationship_id.trim() {
            "" => None,
            raw => {
                let rid = RelationshipId::parse(raw).map_err(|_| AppError::NotFound("relationship"))?;
                Some(self.active_party_of(actor, &rid).await?)
            }
        };
        let (owner, relationship_id, audience) = match &live_with {
            Some((rel, Side::Coach)) => {
                (rel.leader_id.to_string(), Some(rel.id.clone()), Audience::Relationship(rel.id.clone()))
            }
            Some((rel, Side::Leader)) => {
                (actor.user.id.clone(), Some(rel.id.clone()), Audience::Relationship(rel.id.clone()))
            }
            None => {
                let mine: Vec<RelationshipId> = self.my_mentors(actor).await?.into_iter().map(|m| m.id).collect();
                match parse_audience(&input.audience, RecordKind::WheelAssessment, &mine) {
                    Ok(a) => {
                        let shared_with = match &a {
                            Audience::Relationship(r) => Some(r.clone()),
                            _ => None,
                        };
                        (actor.user.id.clone(), shared_with, a)
                    }
                    Err(e) => {
                        errors.push(WheelFieldError::of_form(e));
                        (actor.user.id.clone(), None, Audience::Private)
                    }
                }
            }
        };
        let template = match self.template_to_start(actor, &input.template_id).await {
            Ok(t) => Some(t),
            Err(AppError::NotFound(_)) => {
                errors.push(WheelFieldError::of_form(coachkit_domain::text::FieldError::not_found(
                    "template_id",
                    "is not one of your templates",
                )));
                None
            }
            Err(e) => return Err(e.into()),
        };
        let (Some(unit), Some((template_id, template))) = (unit, template) else {
            return Err(WheelError::Form(errors));
        };
        let assessment = parse_entries(template, unit, &input.entries, input.finish, errors)?;
        let id = RecordId::new().to_string();
        self.store
            .create_wheel_assessment(NewAssessment {
                id: &id,
                owner_id: &owner,
                relationship_id: relationship_id.as_ref().map(RelationshipId::as_str),
                started_by: &actor.user.id,
                live: live_with.is_some(),
                template_id: template_id.as_deref(),
                status: status_word(input.finish),
                audience: &audience,
                taken_at,
                assessment: &assessment,
            })
            .await?;
        Ok(id)
    }

    /// One assessment as the actor may see it, with its reading and reframing tasks.
    pub async fn wheel_assessment(&self, actor: &Actor, id: &str) -> AppResult<AssessmentPage> {
        let loaded = self.load_assessment(actor, id).await?;
        self.page_of(actor, loaded).await
    }

    pub(crate) async fn page_of(&self, actor: &Actor, l: Loaded) -> AppResult<AssessmentPage> {
        let partners = if l.owner { self.my_mentors(actor).await? } else { Vec::new() };
        let summary = AssessmentSummary::from_row(&l.row, &actor.user.id, &partners);
        let reframing = self.reframing_areas(&l).await?;
        Ok(AssessmentPage::build(summary, l.assessment, reframing, l.row.revision, l.can_fill, l.owner))
    }

    /// Saves what was entered (all areas at once), or finishes. Refused whole when any input is
    /// wrong, when finishing with something missing, or when someone saved since `revision`.
    pub async fn save_wheel_assessment(&self, actor: &Actor, id: &str, input: &SaveInput) -> WheelResult<()> {
        let l = self.load_assessment(actor, id).await?;
        if !l.can_fill {
            return Err(WheelError::App(if l.row.status == "complete" {
                AppError::Conflict("this assessment is finished; its owner may reopen it to change it".into())
            } else {
                AppError::Forbidden("only the person it is about, or their coach in a live session, can fill it in")
            }));
        }
        let unit = parse_unit(&input.unit, l.assessment.unit()).map_err(|e| WheelError::Form(vec![e]))?;
        let assessment = parse_entries(l.assessment.template().clone(), unit, &input.entries, input.finish, vec![])?;
        if !self.store.save_wheel_entries(&l.row.id, input.revision, &assessment, status_word(input.finish)).await? {
            return Err(WheelError::App(AppError::Conflict(
                "someone else saved this assessment after you opened it; nothing of yours was saved. \
                 Open it again to see their entries, then add yours."
                    .into(),
            )));
        }
        Ok(())
    }

    /// Makes a finished assessment a draft again (its owner only), to correct it.
    pub async fn reopen_wheel_assessment(&self, actor: &Actor, id: &str) -> AppResult<()> {
        let l = self.load_own_assessment(actor, id).await?;
        if l.row.status == "complete" {
            self.store.set_wheel_status(&l.row.id, "draft").await?;
        }
        Ok(())
    }

    pub async fn delete_wheel_assessment(&self, actor: &Actor, id: &str) -> AppResult<()> {
        let l = self.load_own_assessment(actor, id).await?;
        self.store.delete_wheel_assessment(&l.row.id).await?;
        Ok(())
    }

    /// Changes who may see an assessment (its owner only); the change is logged.
    pub async fn set_wheel_audience(&self, actor: &Actor, id: &str, raw: &str) -> AppResult<()> {
        let l = self.load_own_assessment(actor, id).await?;
        let mine: Vec<RelationshipId> = self.my_mentors(actor).await?.into_iter().map(|m| m.id).collect();
        let audience = parse_audience(raw, RecordKind::WheelAssessment, &mine)?;
        let current = Audience::from_parts(&l.row.audience, l.row.audience_target.clone());
        if audience != current {
            self.store.set_wheel_audience(&l.row.id, &current, &audience).await?;
        }
        Ok(())
    }

    /// The actor's assessments, then those clients shared with them, most recent first in each.
    pub async fn wheel_assessments(&self, actor: &Actor) -> AppResult<Vec<AssessmentSummary>> {
        let o = self.wheel_overview(actor).await?;
        Ok(o.mine.into_iter().chain(o.from_clients).collect())
    }

    pub async fn wheel_overview(&self, actor: &Actor) -> AppResult<WheelOverview> {
        let relationships = self.relationships(actor).await?;
        let active = |side: Side| {
            relationships
                .iter()
                .filter(|r| r.my_side == Some(side) && r.status == RelationshipStatus::Active)
                .cloned()
                .collect::<Vec<_>>()
        };
        let (coaches, clients) = (active(Side::Leader), active(Side::Coach));
        let mine = self
            .store
            .wheel_assessments_of(&actor.user.id, 200)
            .await?
            .iter()
            .map(|r| AssessmentSummary::from_row(r, &actor.user.id, &coaches))
            .collect();
        let viewer = self.member(actor).await?;
        let mut from_clients: Vec<AssessmentSummary> = Vec::new();
        // Ended relationships keep what was shared while they lasted; the policy decides per row.
        for rel in relationships.iter().filter(|r| r.my_side == Some(Side::Coach) && r.answered_at.is_some()) {
            for row in self.store.wheel_assessments_for_coach(rel.leader_id.as_str(), rel.id.as_str(), 100).await? {
                let readable = privacy::can_read(&viewer, &super::load::assessment_meta(&row)).allowed();
                if readable && !from_clients.iter().any(|s| s.id == row.id) {
                    from_clients.push(AssessmentSummary::from_row(&row, &actor.user.id, &[]));
                }
            }
        }
        from_clients.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.created_at.cmp(&a.created_at)));
        let mut templates = vec![TemplateView::default_four()];
        templates.extend(self.wheel_templates(actor).await?);
        Ok(WheelOverview { mine, from_clients, templates, coaches, clients })
    }
}
