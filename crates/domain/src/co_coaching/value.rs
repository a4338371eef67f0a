//! What the work was worth to each organisation, and a fee drafted on that value. Each
//! organisation records outcomes with estimates in money, time or a measure of its own, each with
//! a confidence. A fee is a fixed sum, a share of the value, or a success fee; it is always shown
//! as a share of the money value each organisation recorded, never as a rate per hour or day.

use super::{Side, limits};
use crate::text::{FieldError, bounded, optional_bounded};

/// What an estimate counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Money, in whole units of the instance's currency.
    Money,
    /// Time saved, in hours.
    Time,
    /// A measure the organisation names itself (complaints, vacancies, tonnes...).
    Other,
}

impl Measure {
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Money => "money",
            Measure::Time => "time",
            Measure::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "money" => Measure::Money,
            "time" => Measure::Time,
            "other" => Measure::Other,
            _ => return None,
        })
    }
}

/// How sure the organisation is of its estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "low" => Confidence::Low,
            "medium" => Confidence::Medium,
            "high" => Confidence::High,
            _ => return None,
        })
    }
}

/// One recorded outcome with its estimate, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Estimate {
    pub outcome: String,
    pub measure: Measure,
    pub amount: i64,
    /// The unit of an `Other` measure; None for money and time.
    pub unit: Option<String>,
    pub confidence: Confidence,
}

/// Largest amount accepted: beyond a trillion it is a typing slip.
const MAX_AMOUNT: i64 = 1_000_000_000_000;

fn amount(field: &'static str, raw: &str) -> Result<i64, FieldError> {
    let cleaned: String = raw.trim().chars().filter(|c| *c != ',' && *c != '_' && *c != ' ').collect();
    match cleaned.parse::<i64>() {
        Ok(n) if (0..=MAX_AMOUNT).contains(&n) => Ok(n),
        _ => Err(FieldError::new(field, "must be a whole number, 0 or more")),
    }
}

impl Estimate {
    pub fn parse(
        outcome: &str,
        measure: &str,
        raw_amount: &str,
        unit: &str,
        confidence: &str,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = vec![];
        let outcome = bounded("outcome", outcome, limits::VALUE_OUTCOME).map_err(|e| errors.push(e)).ok();
        let measure = Measure::parse(measure.trim());
        if measure.is_none() {
            errors.push(FieldError::new("measure", "must be money, time or another measure"));
        }
        let amount = amount("amount", raw_amount).map_err(|e| errors.push(e)).ok();
        let unit = match (measure, optional_bounded("unit", unit, limits::UNIT)) {
            (Some(Measure::Other), Ok(None)) => {
                errors.push(FieldError::new("unit", "must name what is counted, e.g. complaints a month"));
                None
            }
            (Some(Measure::Other), Ok(Some(u))) => Some(Some(u)),
            (_, Ok(_)) => Some(None),
            (_, Err(e)) => {
                errors.push(e);
                None
            }
        };
        let confidence = Confidence::parse(confidence.trim());
        if confidence.is_none() {
            errors.push(FieldError::new("confidence", "must be low, medium or high"));
        }
        match (outcome, measure, amount, unit, confidence) {
            (Some(outcome), Some(measure), Some(amount), Some(unit), Some(confidence)) if errors.is_empty() => {
                Ok(Self { outcome, measure, amount, unit, confidence })
            }
            _ => Err(errors),
        }
    }
}

/// The facilitator's fee, on value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fee {
    /// One sum for the engagement, split evenly between the two organisations.
    Fixed { amount: i64 },
    /// This many percent of the money value each organisation recorded.
    Share { percent: i64 },
    /// A sum each organisation pays only if its outcome comes true.
    Success { amount_each: i64 },
}

impl Fee {
    pub fn model(&self) -> &'static str {
        match self {
            Fee::Fixed { .. } => "fixed",
            Fee::Share { .. } => "share",
            Fee::Success { .. } => "success",
        }
    }

    /// Parses the form: a model and its one number.
    pub fn parse(model: &str, raw: &str) -> Result<Self, FieldError> {
        match model.trim() {
            "fixed" => Ok(Fee::Fixed { amount: amount("fee_amount", raw)? }),
            "success" => Ok(Fee::Success { amount_each: amount("fee_amount", raw)? }),
            "share" => match amount("fee_amount", raw)? {
                p @ 1..=100 => Ok(Fee::Share { percent: p }),
                _ => Err(FieldError::new("fee_amount", "must be a percentage from 1 to 100")),
            },
            _ => Err(FieldError::new("fee_model", "must be a fixed fee, a share of value or a success fee")),
        }
    }

    /// The number stored beside the model.
    pub fn number(&self) -> i64 {
        match self {
            Fee::Fixed { amount } => *amount,
            Fee::Share { percent } => *percent,
            Fee::Success { amount_each } => *amount_each,
        }
    }

    /// What one organisation pays.
    pub fn due_from(&self, value: i64) -> i64 {
        match self {
            Fee::Fixed { amount } => amount / 2,
            Fee::Share { percent } => value.saturating_mul(*percent) / 100,
            Fee::Success { amount_each } => *amount_each,
        }
    }
}

/// The fee as one organisation sees it: what it pays, against the value it recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeeShare {
    pub side: Side,
    pub value: i64,
    pub fee: i64,
    /// The fee as a whole percentage of the value; None when no money value was recorded (a
    /// proposal on value cannot be judged against nothing, and the page says so).
    pub percent_of_value: Option<i64>,
}

/// The money value each side recorded, and the fee against it.
pub fn fee_shares(fee: &Fee, money_a: i64, money_b: i64) -> [FeeShare; 2] {
    let share = |side, value: i64| {
        let due = fee.due_from(value);
        FeeShare {
            side,
            value,
            fee: due,
            percent_of_value: (value > 0).then(|| ((due as i128 * 100 + value as i128 / 2) / value as i128) as i64),
        }
    };
    [share(Side::A, money_a), share(Side::B, money_b)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_parse_and_refuse_clearly() {
        let e = Estimate::parse("Fewer agency shifts", "money", "40,000", "", "medium").unwrap();
        assert_eq!((e.amount, e.unit), (40_000, None));
        let e = Estimate::parse("Complaints", "other", "12", "complaints a month", "low").unwrap();
        assert_eq!(e.unit.as_deref(), Some("complaints a month"));
        let errs = Estimate::parse("", "gold", "-3", "", "sure").unwrap_err();
        let fields: Vec<_> = errs.iter().map(|f| f.field).collect();
        assert_eq!(fields, ["outcome", "measure", "amount", "confidence"]);
        assert_eq!(Estimate::parse("x", "other", "1", "", "low").unwrap_err()[0].field, "unit");
    }

    #[test]
    fn every_fee_is_a_share_of_recorded_value() {
        let [a, b] = fee_shares(&Fee::Fixed { amount: 10_000 }, 50_000, 20_000);
        assert_eq!((a.fee, a.percent_of_value), (5_000, Some(10)));
        assert_eq!((b.fee, b.percent_of_value), (5_000, Some(25)));
        let [a, b] = fee_shares(&Fee::Share { percent: 8 }, 50_000, 0);
        assert_eq!((a.fee, a.percent_of_value), (4_000, Some(8)));
        assert_eq!((b.fee, b.percent_of_value), (0, None));
        let [a, _] = fee_shares(&Fee::Success { amount_each: 3_000 }, 12_000, 1);
        assert_eq!(a.percent_of_value, Some(25));
    }

    #[test]
    fn fee_forms() {
        assert_eq!(Fee::parse("share", "15"), Ok(Fee::Share { percent: 15 }));
        assert!(Fee::parse("share", "150").is_err());
        assert_eq!(Fee::parse("hourly", "90").unwrap_err().field, "fee_model");
        assert_eq!(Fee::parse("fixed", "12000").map(|f| f.number()), Ok(12_000));
    }
}
