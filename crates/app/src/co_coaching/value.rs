//! What the work was worth to each organisation, the summary, and the fee proposal on value.

use super::{Ctx, value_meta};
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::RecordId;
use coachkit_domain::co_coaching::value::{Estimate, Fee, FeeShare, Measure, fee_shares};
use coachkit_domain::co_coaching::{Side, Stage, limits};
use coachkit_domain::privacy;
use coachkit_domain::text::optional_bounded;
use coachkit_store::co_coaching::{NewValue, ValueRow};
use serde::Deserialize;
use utoipa::ToSchema;

/// One outcome and its estimate, as the form sends it.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ValueInput {
    pub outcome: String,
    /// money, time or other.
    pub measure: String,
    /// A whole number: money in the instance's currency, time in hours, or the other measure's count.
    pub amount: String,
    /// For "other": what is counted.
    pub unit: String,
    /// low, medium or high.
    pub confidence: String,
}

/// One value record as shown.
#[derive(Clone, Debug, serde::Serialize, ToSchema)]
pub struct ValueView {
    pub id: String,
    pub org: String,
    pub author: String,
    pub outcome: String,
    pub measure: String,
    pub amount: i64,
    pub unit: Option<String>,
    pub confidence: String,
    pub shared: bool,
    /// Whether this person may edit and delete it (its author, still on its organisation's side).
    pub mine: bool,
}

/// One organisation's line of the fee proposal.
#[derive(Clone, Debug, serde::Serialize, ToSchema)]
pub struct FeeLine {
    pub org: String,
    pub value: i64,
    pub fee: i64,
    pub percent_of_value: Option<i64>,
}

/// The value page for this person.
#[derive(Clone, Debug)]
pub struct ValuePage {
    pub engagement_id: String,
    pub common_area: String,
    pub stage: Stage,
    pub facilitating: bool,
    pub my_org: Option<String>,
    /// Whether my organisation shows its records to the other one.
    pub my_side_shared: bool,
    pub records: Vec<ValueView>,
    /// Totals per organisation and measure among the records shown: (org, measure, unit, total).
    pub totals: Vec<(String, String, String, i64)>,
    pub fee_model: Option<String>,
    pub fee_number: Option<i64>,
    pub fee_note: Option<String>,
    /// The fee against each organisation's money value; each side sees only its own line.
    pub fee_lines: Vec<FeeLine>,
}

impl App {
    /// Records an outcome for my organisation.
    pub async fn add_value(&self, actor: &Actor, engagement: &str, input: &ValueInput) -> AppResult<()> {
        let ctx = self.engagement_ctx(actor, engagement).await?;
        let Some(me) = ctx.me.clone() else {
            return Err(AppError::Forbidden("value is recorded by the organisations' participants"));
        };
        if ctx.stage() != Stage::Teamed {
            return Err(AppError::Conflict("value is recorded once teams have formed".into()));
        }
        let e = Estimate::parse(&input.outcome, &input.measure, &input.amount, &input.unit, &input.confidence)
            .map_err(AppError::Invalid)?;
        self.store
            .add_value(NewValue {
                id: &RecordId::new().to_string(),
                engagement_id: &ctx.e.id,
                side: &me.side,
                author_id: &actor.user.id,
                outcome: &e.outcome,
                measure: e.measure.as_str(),
                amount: e.amount,
                unit: e.unit.as_deref(),
                confidence: e.confidence.as_str(),
            })
            .await?;
        Ok(())
    }

    /// One of my organisation's records that I wrote: one I cannot read is not found; one I can
    /// read but did not write is refused.
    async fn own_value_record(&self, actor: &Actor, engagement: &str, value: &str) -> AppResult<(Ctx, ValueRow)> {
        let ctx = self.engagement_ctx(actor, engagement).await?;
        let id = RecordId::parse(value).map_err(|_| AppError::NotFound("value record"))?;
        let found = self
            .store
            .values(&ctx.e.id)
            .await?
            .into_iter()
            .find(|v| v.id == id.as_str())
            .filter(|v| privacy::can_read(&ctx.viewer, &value_meta(&ctx, v)).allowed())
            .ok_or(AppError::NotFound("value record"))?;
        let same_side = ctx.me.as_ref().is_some_and(|m| m.side == found.side);
        if !same_side || !privacy::can_write(&ctx.viewer, &value_meta(&ctx, &found)) {
            return Err(AppError::Forbidden("only the person who recorded it, for their organisation, can change it"));
        }
        if ctx.stage() != Stage::Teamed {
            return Err(AppError::Conflict("value is recorded once teams have formed".into()));
        }
        Ok((ctx, found))
    }

    /// Rewrites one of my organisation's records that I wrote.
    pub async fn edit_value(&self, actor: &Actor, engagement: &str, value: &str, input: &ValueInput) -> AppResult<()> {
        let (ctx, found) = self.own_value_record(actor, engagement, value).await?;
        let e = Estimate::parse(&input.outcome, &input.measure, &input.amount, &input.unit, &input.confidence)
            .map_err(AppError::Invalid)?;
        let done = self
            .store
            .edit_value(NewValue {
                id: &found.id,
                engagement_id: &ctx.e.id,
                side: &found.side,
                author_id: &actor.user.id,
                outcome: &e.outcome,
                measure: e.measure.as_str(),
                amount: e.amount,
                unit: e.unit.as_deref(),
                confidence: e.confidence.as_str(),
            })
            .await?;
        if !done {
            return Err(AppError::NotFound("value record"));
        }
        Ok(())
    }

    /// Deletes one of my organisation's records that I wrote.
    pub async fn delete_value(&self, actor: &Actor, engagement: &str, value: &str) -> AppResult<()> {
        let (ctx, found) = self.own_value_record(actor, engagement, value).await?;
        if !self.store.delete_value(&found.id, &ctx.e.id, &found.side, &actor.user.id).await? {
            return Err(AppError::NotFound("value record"));
        }
        Ok(())
    }

    /// Shows (or stops showing) my organisation's records to the other organisation.
    pub async fn share_value(&self, actor: &Actor, engagement: &str, shared: bool) -> AppResult<()> {
        let ctx = self.engagement_ctx(actor, engagement).await?;
        let Some(me) = ctx.me.clone() else {
            return Err(AppError::Forbidden("only the organisation's participants choose whom it shows its value"));
        };
        self.store.share_side_values(&ctx.e.id, &me.side, shared).await?;
        Ok(())
    }

    /// The facilitator's fee proposal.
    pub async fn set_fee(
        &self,
        actor: &Actor,
        engagement: &str,
        model: &str,
        number: &str,
        note: &str,
    ) -> AppResult<()> {
        let ctx = self.engagement_ctx(actor, engagement).await?;
        ctx.must_facilitate()?;
        let fee = Fee::parse(model, number)?;
        let note = optional_bounded("fee_note", note, limits::FEE_NOTE)?;
        if !self.store.set_engagement_fee(&ctx.e.id, fee.model(), fee.number(), note.as_deref()).await? {
            return Err(AppError::Conflict("a fee is proposed once teams have formed".into()));
        }
        Ok(())
    }

    pub async fn value_page(&self, actor: &Actor, engagement: &str) -> AppResult<ValuePage> {
        let ctx: Ctx = self.engagement_ctx(actor, engagement).await?;
        let all = self.store.values(&ctx.e.id).await?;
        let org = |s: &str| ctx.org_name(Side::parse(s).unwrap_or(Side::A)).to_owned();
        let shown: Vec<_> =
            all.iter().filter(|v| privacy::can_read(&ctx.viewer, &value_meta(&ctx, v)).allowed()).collect();
        let my_side = ctx.my_side();
        let records: Vec<ValueView> = shown
            .iter()
            .map(|v| ValueView {
                id: v.id.clone(),
                org: org(&v.side),
                author: v.author_name.clone(),
                outcome: v.outcome.clone(),
                measure: v.measure.clone(),
                amount: v.amount,
                unit: v.unit.clone(),
                confidence: v.confidence.clone(),
                shared: v.shared == 1,
                mine: my_side.is_some_and(|s| s.as_str() == v.side)
                    && privacy::can_write(&ctx.viewer, &value_meta(&ctx, v)),
            })
            .collect();
        let mut totals: Vec<(String, String, String, i64)> = vec![];
        for v in &shown {
            let unit = v.unit.clone().unwrap_or_default();
            match totals.iter_mut().find(|t| t.0 == org(&v.side) && t.1 == v.measure && t.2 == unit) {
                Some(t) => t.3 += v.amount,
                None => totals.push((org(&v.side), v.measure.clone(), unit, v.amount)),
            }
        }
        let money = |side: Side| {
            shown
                .iter()
                .filter(|v| v.side == side.as_str() && v.measure == Measure::Money.as_str())
                .map(|v| v.amount)
                .sum::<i64>()
        };
        let fee = match (ctx.e.fee_model.as_deref(), ctx.e.fee_number) {
            (Some(m), Some(n)) => Fee::parse(m, &n.to_string()).ok(),
            _ => None,
        };
        let fee_lines = match &fee {
            Some(fee) => fee_shares(fee, money(Side::A), money(Side::B))
                .into_iter()
                // Each organisation sees its own line; the facilitator sees both.
                .filter(|s: &FeeShare| ctx.facilitator || Some(s.side) == my_side)
                .map(|s| FeeLine {
                    org: ctx.org_name(s.side).to_owned(),
                    value: s.value,
                    fee: s.fee,
                    percent_of_value: s.percent_of_value,
                })
                .collect(),
            None => vec![],
        };
        let my_side_shared = my_side.is_some_and(|s| all.iter().any(|v| v.side == s.as_str() && v.shared == 1));
        Ok(ValuePage {
            engagement_id: ctx.e.id.clone(),
            common_area: ctx.e.common_area.clone(),
            stage: ctx.stage(),
            facilitating: ctx.facilitator,
            my_org: my_side.map(|s| ctx.org_name(s).to_owned()),
            my_side_shared,
            records,
            totals,
            fee_model: if ctx.facilitator || !fee_lines.is_empty() { ctx.e.fee_model.clone() } else { None },
            fee_number: ctx.e.fee_number,
            fee_note: ctx.e.fee_note.clone(),
            fee_lines,
        })
    }
}
