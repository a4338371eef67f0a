//! What pages and the API show of wheel records. Summaries are cheap (one row each); a page adds
//! the rebuilt assessment, its reading and its reframing tasks.

use super::reframing::ReframingArea;
use crate::RelationshipView;
use crate::journal::{audience_label, audience_value};
use coachkit_domain::privacy::Audience;
use coachkit_domain::wheel::{AreaReading, Assessment, Reading, TimeUnit};
use coachkit_store::wheel::AssessmentRow;
use serde::Serialize;
use utoipa::ToSchema;

/// Whether an assessment is still being filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AssessmentStatus {
    /// Saved part way; ratings and times may still be missing.
    Draft,
    /// Every area has a rating, a time spent and a time wished.
    Complete,
}

impl AssessmentStatus {
    pub fn parse(s: &str) -> Self {
        if s == "complete" { Self::Complete } else { Self::Draft }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Complete => "complete",
        }
    }
}

/// One area of a template.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AreaView {
    pub name: String,
    pub meaning: Option<String>,
}

/// An assessment in a list.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AssessmentSummary {
    pub id: String,
    /// The leader it is about, who owns it.
    pub owner_id: String,
    pub owner_name: String,
    /// Where its areas came from; absent for the built-in four areas.
    pub template_id: Option<String>,
    pub template_name: String,
    pub status: AssessmentStatus,
    pub unit: TimeUnit,
    /// Filled in together in a session with the coach of `relationship_id`.
    pub live: bool,
    pub relationship_id: Option<String>,
    pub coach_name: Option<String>,
    /// Who may see it, in words.
    pub audience: String,
    /// The audience's form value ("private", "relationship:<id>", "all_my_coaches").
    pub audience_value: String,
    /// The day it was made (midnight UTC, milliseconds).
    pub taken_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// The viewer owns it.
    pub mine: bool,
}

impl AssessmentSummary {
    pub(crate) fn from_row(row: &AssessmentRow, viewer_id: &str, partners: &[RelationshipView]) -> Self {
        let audience = Audience::from_parts(&row.audience, row.audience_target.clone());
        let mine = row.owner_id == viewer_id;
        Self {
            id: row.id.clone(),
            owner_id: row.owner_id.clone(),
            owner_name: row.owner_name.clone(),
            template_id: row.template_id.clone(),
            template_name: row.template_name.clone(),
            status: AssessmentStatus::parse(&row.status),
            unit: TimeUnit::parse(&row.unit).unwrap_or(TimeUnit::HoursPerWeek),
            live: row.live == 1,
            relationship_id: row.relationship_id.clone(),
            coach_name: row.coach_name.clone(),
            audience: if mine { audience_label(&audience, partners) } else { "shared with you".into() },
            audience_value: audience_value(&audience),
            taken_at: row.taken_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
            mine,
        }
    }
}

/// One area of an assessment with what was entered (times in the assessment's unit).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EntryView {
    pub name: String,
    pub meaning: Option<String>,
    /// 1 to 9.
    pub rating: Option<u8>,
    pub spent: Option<f64>,
    pub wished: Option<f64>,
    pub note: Option<String>,
}

/// One fully entered area as the reading sees it (times as shares of the week).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReadingRow {
    /// Position of the area, from 0.
    pub index: usize,
    pub name: String,
    pub rating: u8,
    pub spent_share: f64,
    pub wished_share: f64,
    /// Wished minus spent, in share points.
    pub gap: f64,
    /// Low engagement and a wish for more time.
    pub stands_out: bool,
}

impl ReadingRow {
    fn of(r: &AreaReading) -> Self {
        Self {
            index: r.index,
            name: r.name.as_str().to_owned(),
            rating: r.rating.get(),
            spent_share: r.spent_share,
            wished_share: r.wished_share,
            gap: r.gap,
            stands_out: r.stands_out(),
        }
    }
}

/// Everything one viewer may see and do on one assessment.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AssessmentPage {
    pub summary: AssessmentSummary,
    pub entries: Vec<EntryView>,
    /// Areas largest gap first.
    pub by_gap: Vec<ReadingRow>,
    /// Areas lowest rating first.
    pub by_quality: Vec<ReadingRow>,
    /// Names of the one or two areas to look at first (empty when nothing stands out).
    pub place_to_look: Vec<String>,
    /// Names of the areas still missing a rating or a time.
    pub not_entered: Vec<String>,
    pub reframing: Vec<ReframingArea>,
    /// Send this back when saving, so a save never overwrites one made meanwhile.
    pub revision: i64,
    /// The viewer may enter ratings and times now.
    pub can_fill: bool,
    /// The viewer owns it: audience, reframing tasks, reopening and deleting are theirs.
    pub can_manage: bool,
    /// The assessment itself, for pictures.
    #[serde(skip)]
    #[schema(ignore)]
    pub assessment: Option<Assessment>,
}

impl AssessmentPage {
    pub(crate) fn build(
        summary: AssessmentSummary,
        assessment: Assessment,
        reframing: Vec<ReframingArea>,
        revision: i64,
        can_fill: bool,
        can_manage: bool,
    ) -> Self {
        let reading = Reading::of(&assessment);
        let name = |i: &usize| assessment.areas().get(*i).map(|a| a.name.as_str().to_owned()).unwrap_or_default();
        Self {
            entries: assessment
                .rows()
                .map(|(area, e)| EntryView {
                    name: area.name.as_str().to_owned(),
                    meaning: area.meaning.as_ref().map(|m| m.as_str().to_owned()),
                    rating: e.rating.map(|r| r.get()),
                    spent: e.spent.map(|t| t.value()),
                    wished: e.wished.map(|t| t.value()),
                    note: e.note.as_ref().map(|n| n.as_str().to_owned()),
                })
                .collect(),
            by_gap: reading.by_gap.iter().map(ReadingRow::of).collect(),
            by_quality: reading.by_quality.iter().map(ReadingRow::of).collect(),
            place_to_look: reading.place_to_look.iter().map(name).collect(),
            not_entered: reading.not_entered.iter().map(name).collect(),
            summary,
            reframing,
            revision,
            can_fill,
            can_manage,
            assessment: Some(assessment),
        }
    }
}
