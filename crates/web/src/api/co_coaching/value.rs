//! Value over JSON: the records you may see, recording, editing and deleting your own, showing
//! your organisation's to the other, and the facilitator's fee proposal on value.

use super::{engagement, record};
use crate::api::extract::Json;
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use coachkit_app::co_coaching::{FeeLine, ValueInput, ValueView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
pub struct Share {
    shared: bool,
}

/// What `Fee::parse` reads as a model.
fn fee_model_schema() -> utoipa::openapi::Object {
    coachkit_domain::text::schema::words(["fixed", "share", "success"])
}

/// The value records you may see, and the fee proposal as far as it is yours to see.
#[derive(Serialize, ToSchema)]
pub struct Values {
    records: Vec<ValueView>,
    /// fixed, share or success; shown to the facilitator, and to each organisation once proposed.
    fee_model: Option<String>,
    fee_number: Option<i64>,
    /// The fee against each organisation's money value: each side sees its own line.
    fee_lines: Vec<FeeLine>,
}

/// A number as JSON (`40000`) or as text (`"40000"`).
#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
#[schema(as = CoCoachingNumber)]
pub enum Number {
    Number(f64),
    Text(String),
}

/// The facilitator's fee proposal, on value: a fixed sum, a share of the value (percent), or a
/// success fee (percent); never an hourly rate.
#[derive(Deserialize, ToSchema)]
#[schema(as = CoCoachingFee)]
pub struct FeeProposal {
    /// "fixed" (a sum), "share" (a percentage of the value, 1 to 100) or "success" (a sum per
    /// success).
    #[schema(schema_with = fee_model_schema)]
    model: String,
    number: Number,
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ coachkit_domain::co_coaching::limits::FEE_NOTE }>)]
    note: String,
}

/// The value records you may see: your organisation's, and the other's if it shared them.
#[utoipa::path(get, path = "/api/v1/co-coaching/{id}/value", tag = "co-coaching", params(("id" = String, Path)),
    responses((status = 200, body = Values), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn values(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<Values>, ApiError> {
    let p = state.app.value_page(&actor, &engagement(&raw)?).await?;
    Ok(axum::Json(Values {
        records: p.records,
        fee_number: p.fee_model.as_ref().and(p.fee_number),
        fee_model: p.fee_model,
        fee_lines: p.fee_lines,
    }))
}

/// Record what the work was worth to your organisation.
#[utoipa::path(post, path = "/api/v1/co-coaching/{id}/value", tag = "co-coaching", params(("id" = String, Path)),
    request_body = ValueInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn add_value(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<ValueInput>,
) -> Result<StatusCode, ApiError> {
    state.app.add_value(&actor, &engagement(&raw)?, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Show (or stop showing) your organisation's value records to the other organisation.
#[utoipa::path(put, path = "/api/v1/co-coaching/{id}/value/shared", tag = "co-coaching", params(("id" = String, Path)),
    request_body = Share,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("token" = []), ("session" = [])))]
pub async fn share(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(s): Json<Share>,
) -> Result<StatusCode, ApiError> {
    state.app.share_value(&actor, &engagement(&raw)?, s.shared).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Rewrite a value record you made for your organisation.
#[utoipa::path(put, path = "/api/v1/co-coaching/{id}/value/{value}", tag = "co-coaching",
    params(("id" = String, Path), ("value" = String, Path)), request_body = ValueInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn edit_value(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, value)): Path<(String, String)>,
    Json(input): Json<ValueInput>,
) -> Result<StatusCode, ApiError> {
    state.app.edit_value(&actor, &engagement(&raw)?, &record(&value, "value record")?, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Delete a value record you made for your organisation.
#[utoipa::path(delete, path = "/api/v1/co-coaching/{id}/value/{value}", tag = "co-coaching",
    params(("id" = String, Path), ("value" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn delete_value(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, value)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    state.app.delete_value(&actor, &engagement(&raw)?, &record(&value, "value record")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Propose the fee on value (the facilitator, once teams formed).
#[utoipa::path(put, path = "/api/v1/co-coaching/{id}/fee", tag = "co-coaching", params(("id" = String, Path)),
    request_body = FeeProposal,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn fee(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(f): Json<FeeProposal>,
) -> Result<StatusCode, ApiError> {
    let number = match f.number {
        Number::Number(n) => n.to_string(),
        Number::Text(t) => t,
    };
    state.app.set_fee(&actor, &engagement(&raw)?, &f.model, &number, &f.note).await?;
    Ok(StatusCode::NO_CONTENT)
}
