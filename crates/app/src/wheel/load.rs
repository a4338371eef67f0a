//! Loading an assessment for one person: the stored rows rebuilt into the domain's `Assessment`
//! (which checks them again: a row that no longer parses is an internal error, never shown half),
//! and what that person may do with it.

use crate::error::{AppError, AppResult};
use crate::journal::meta;
use crate::{Actor, App};
use coachkit_domain::privacy::{self, RecordKind, RecordMeta, Viewer};
use coachkit_domain::relationship::{RelationshipStatus, Side};
use coachkit_domain::wheel::{
    Area, AreaEntry, AreaMeaning, AreaName, AreaNote, Assessment, Rating, Template, TemplateName, TimeAmount, TimeUnit,
};
use coachkit_domain::{RecordId, RelationshipId};
use coachkit_store::wheel::{AssessmentRow, EntryRow, TemplateAreaRow};

/// An assessment as one viewer may use it.
pub(crate) struct Loaded {
    pub row: AssessmentRow,
    pub assessment: Assessment,
    pub viewer: Viewer,
    /// The viewer owns it (and so may change its audience, reopen, delete it, list reframing tasks).
    pub owner: bool,
    /// The viewer may enter or change ratings and times now.
    pub can_fill: bool,
}

pub(crate) fn assessment_meta(row: &AssessmentRow) -> RecordMeta {
    meta(RecordKind::WheelAssessment, &row.id, &row.owner_id, &row.audience, row.audience_target.clone(), row.shared_at)
}

fn corrupt(id: &str, what: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("stored wheel record {id} does not parse: {what}").into())
}

/// A stored area back as a domain area.
fn area(id: &str, name: &str, meaning: Option<&str>) -> AppResult<Area> {
    Ok(Area {
        name: AreaName::parse(name).map_err(|e| corrupt(id, e))?,
        meaning: AreaMeaning::parse_optional(meaning.unwrap_or_default()).map_err(|e| corrupt(id, e))?,
    })
}

/// A stored template back as a domain template.
pub(crate) fn rebuild_template(id: &str, name: &str, areas: &[TemplateAreaRow]) -> AppResult<Template> {
    let name = TemplateName::parse(name).map_err(|e| corrupt(id, e))?;
    let areas = areas.iter().map(|a| area(id, &a.name, a.meaning.as_deref())).collect::<AppResult<Vec<_>>>()?;
    Template::new(name, areas).map_err(|e| corrupt(id, e))
}

/// Stored rows back as a domain assessment.
pub(crate) fn rebuild(row: &AssessmentRow, entries: &[EntryRow]) -> AppResult<Assessment> {
    let id = row.id.as_str();
    let unit = TimeUnit::parse(&row.unit).ok_or_else(|| corrupt(id, "unknown unit"))?;
    let name = TemplateName::parse(&row.template_name).map_err(|e| corrupt(id, e))?;
    let mut areas = Vec::with_capacity(entries.len());
    let mut parsed = Vec::with_capacity(entries.len());
    for e in entries {
        areas.push(area(id, &e.name, e.meaning.as_deref())?);
        let rating = match e.rating {
            Some(r) => Some(u8::try_from(r).ok().and_then(|r| Rating::new(r).ok()).ok_or_else(|| corrupt(id, r))?),
            None => None,
        };
        let time = |field: &'static str, v: Option<f64>| -> AppResult<Option<TimeAmount>> {
            v.map(|v| TimeAmount::new(field, v, unit)).transpose().map_err(|e| corrupt(id, e))
        };
        parsed.push(AreaEntry {
            rating,
            spent: time("spent", e.spent)?,
            wished: time("wished", e.wished)?,
            note: AreaNote::parse_optional(e.note.as_deref().unwrap_or_default()).map_err(|e| corrupt(id, e))?,
        });
    }
    let template = Template::new(name, areas).map_err(|e| corrupt(id, e))?;
    Assessment::new(template, unit, parsed).map_err(|e| corrupt(id, e))
}

impl App {
    /// Loads an assessment the actor may read, with what they may do; "not found" otherwise.
    pub(crate) async fn load_assessment(&self, actor: &Actor, id: &str) -> AppResult<Loaded> {
        let id = RecordId::parse(id).map_err(|_| AppError::NotFound("assessment"))?;
        let row = self.store.wheel_assessment(id.as_str()).await?.ok_or(AppError::NotFound("assessment"))?;
        let viewer = self.member(actor).await?;
        let record = assessment_meta(&row);
        Self::check_read(&viewer, &record, "assessment")?;
        let owner = privacy::can_write(&viewer, &record);
        let draft = row.status == "draft";
        let can_fill = draft && (owner || self.coach_fills_live(actor, &row).await?);
        let entries = self.store.wheel_entries(&row.id).await?;
        let assessment = rebuild(&row, &entries)?;
        Ok(Loaded { row, assessment, viewer, owner, can_fill })
    }

    /// The coach's part in a live assessment: the coach of its relationship, while that
    /// relationship is active (the rule of the relationship's shared records, such as sessions).
    /// Reading was already allowed by the policy, so a leader who narrows the audience also
    /// takes the pen back.
    async fn coach_fills_live(&self, actor: &Actor, row: &AssessmentRow) -> AppResult<bool> {
        let Some(rid) = row.relationship_id.as_ref().filter(|_| row.live == 1) else { return Ok(false) };
        match self.relationship(actor, &RelationshipId::from_trusted(rid.clone())).await {
            Ok(r) => Ok(r.my_side == Some(Side::Coach)
                && r.status == RelationshipStatus::Active
                && r.leader_id.as_str() == row.owner_id),
            Err(AppError::NotFound(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Like `load_assessment`, but only for its owner: others who may read it are told it is not
    /// theirs to change, others still that it does not exist.
    pub(crate) async fn load_own_assessment(&self, actor: &Actor, id: &str) -> AppResult<Loaded> {
        let loaded = self.load_assessment(actor, id).await?;
        Self::check_write(&loaded.viewer, &assessment_meta(&loaded.row), "assessment")?;
        Ok(loaded)
    }
}
