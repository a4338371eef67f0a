//! Two assessments side by side, and one leader's assessments of one template over time. Each
//! assessment shown is read through the policy, so a coach compares only what was shared with them.

use super::load::{assessment_meta, rebuild};
use super::templates::DEFAULT_TEMPLATE_KEY;
use super::views::AssessmentSummary;
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::privacy;
use coachkit_domain::relationship::Side;
use coachkit_domain::time::Millis;
use coachkit_domain::wheel::{Assessment, Comparison, TrendSeries};
use coachkit_domain::{RecordId, UserId};
use coachkit_store::wheel::AssessmentRow;

/// Two assessments, the earlier first.
#[derive(Clone, Debug)]
pub struct ComparePage {
    pub before: AssessmentSummary,
    pub after: AssessmentSummary,
    pub before_assessment: Assessment,
    pub after_assessment: Assessment,
    pub comparison: Comparison,
}

/// One leader's finished assessments of one template, oldest first.
#[derive(Clone, Debug)]
pub struct TrendPage {
    pub owner_id: String,
    pub owner_name: String,
    /// The template's name as the latest assessment copied it.
    pub template_name: String,
    pub template_key: String,
    pub assessments: Vec<AssessmentSummary>,
    pub series: TrendSeries,
}

/// The key assessments of one template share: its id, or "default" for the built-in one.
pub(crate) fn template_key(row: &AssessmentRow) -> &str {
    row.template_id.as_deref().unwrap_or(DEFAULT_TEMPLATE_KEY)
}

impl App {
    /// Compares two assessments the actor may read, whoever's they are, earlier one first.
    pub async fn compare_wheel_assessments(&self, actor: &Actor, a: &str, b: &str) -> AppResult<ComparePage> {
        if a == b {
            return Err(AppError::field("b", "must be a different assessment"));
        }
        let (first, second) = (self.load_assessment(actor, a).await?, self.load_assessment(actor, b).await?);
        let (before, after) =
            if (first.row.taken_at, first.row.created_at) <= (second.row.taken_at, second.row.created_at) {
                (first, second)
            } else {
                (second, first)
            };
        let partners = self.my_mentors(actor).await?;
        Ok(ComparePage {
            comparison: Comparison::between(&before.assessment, &after.assessment),
            before: AssessmentSummary::from_row(&before.row, &actor.user.id, &partners),
            after: AssessmentSummary::from_row(&after.row, &actor.user.id, &partners),
            before_assessment: before.assessment,
            after_assessment: after.assessment,
        })
    }

    /// The finished assessments of one template over time: the actor's own, or (with `leader`) a
    /// client's that the actor may read as their coach.
    pub async fn wheel_trend(&self, actor: &Actor, template_key: &str, leader: Option<&str>) -> AppResult<TrendPage> {
        let me = actor.user.id.as_str();
        let leader = match leader.map(str::trim).filter(|l| !l.is_empty()) {
            Some(l) => UserId::parse(l).map_err(|_| AppError::NotFound("trend"))?.to_string(),
            None => me.to_owned(),
        };
        if template_key != DEFAULT_TEMPLATE_KEY && RecordId::parse(template_key).is_err() {
            return Err(AppError::NotFound("trend"));
        }
        let candidates = if leader == me {
            self.store.wheel_assessments_of(me, 500).await?
        } else {
            let mut rows: Vec<AssessmentRow> = Vec::new();
            for rel in self.relationships(actor).await? {
                if rel.my_side == Some(Side::Coach) && rel.leader_id.as_str() == leader && rel.answered_at.is_some() {
                    for row in self.store.wheel_assessments_for_coach(&leader, rel.id.as_str(), 500).await? {
                        if !rows.iter().any(|r| r.id == row.id) {
                            rows.push(row);
                        }
                    }
                }
            }
            rows
        };
        let viewer = self.member(actor).await?;
        let mut chosen = Vec::new();
        for row in candidates {
            let readable = privacy::can_read(&viewer, &assessment_meta(&row)).allowed();
            if readable && row.status == "complete" && template_key_matches(&row, template_key) {
                let entries = self.store.wheel_entries(&row.id).await?;
                let assessment = rebuild(&row, &entries)?;
                chosen.push((row, assessment));
            }
        }
        chosen.sort_by_key(|(row, _)| (row.taken_at, row.created_at));
        let Some((latest, _)) = chosen.last() else { return Err(AppError::NotFound("trend")) };
        let partners = self.my_mentors(actor).await?;
        Ok(TrendPage {
            owner_id: latest.owner_id.clone(),
            owner_name: latest.owner_name.clone(),
            template_name: latest.template_name.clone(),
            template_key: template_key.to_owned(),
            assessments: chosen.iter().map(|(row, _)| AssessmentSummary::from_row(row, me, &partners)).collect(),
            series: TrendSeries::build(chosen.iter().map(|(row, a)| (Millis(row.taken_at), a))),
        })
    }
}

fn template_key_matches(row: &AssessmentRow, key: &str) -> bool {
    template_key(row) == key
}
