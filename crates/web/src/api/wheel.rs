//! The balance wheel over JSON: list, start and read assessments, save entries, list and create
//! templates. Times and ratings are JSON numbers; a refused body answers 422 with one problem per
//! input, named by its place (`entries[2].rating`, `areas[0].name`), and nothing is saved.

use super::extract::Json;
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody, FieldProblem};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use coachkit_app::AppError;
use coachkit_app::wheel::{
    AssessmentPage, AssessmentSummary, EntryInput, SaveInput, StartInput, TemplateView, WheelError,
};
use coachkit_domain::wheel::{RawArea, WheelFieldError};
use serde::Deserialize;
use utoipa::ToSchema;

/// One area's entry. Leave a value out (or null) for "not entered yet".
#[derive(Deserialize, ToSchema)]
#[serde(try_from = "serde_json::Map<String, serde_json::Value>")]
pub struct EntryRequest {
    /// A whole number from 1 to 9.
    #[serde(default)]
    #[schema(schema_with = rating_schema)]
    rating: Option<f64>,
    /// Time spent now, in the assessment's unit (at most 100%, or the 168 hours of a week).
    #[serde(default)]
    #[schema(schema_with = amount_schema)]
    spent: Option<f64>,
    /// Time wished, in the assessment's unit.
    #[serde(default)]
    #[schema(schema_with = amount_schema)]
    wished: Option<f64>,
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable::<{ coachkit_domain::wheel::AreaNote::MAX }>)]
    note: Option<String>,
}

/// `v` as text with at most six decimals and no trailing zeros ("7.5", "12", "33.333333").
fn short_number(v: f64) -> String {
    if !v.is_finite() || v.abs() >= 1e9 {
        return v.to_string();
    }
    let text = format!("{v:.6}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// What `Rating::parse` reads, or `null` for not rated yet.
fn rating_schema() -> utoipa::openapi::Object {
    use coachkit_domain::wheel::Rating;
    use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Integer, Type::Null]))
        .minimum(Some(f64::from(Rating::MIN)))
        .maximum(Some(f64::from(Rating::MAX)))
        .build()
}

/// An amount of time, or `null` for not entered yet. The unit may be the stored assessment's,
/// so the bound is the larger one (the 168 hours of a week); a share above 100% is refused.
fn amount_schema() -> utoipa::openapi::Object {
    use coachkit_domain::wheel::HOURS_IN_WEEK;
    use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Number, Type::Null]))
        .minimum(Some(0.0))
        .maximum(Some(HOURS_IN_WEEK))
        .build()
}

/// An entry's fields, read only from a JSON object: serde would also read a struct from an array
/// of its fields in order (`[null, null]`), which the document does not allow.
#[derive(Deserialize)]
struct EntryFields {
    #[serde(default)]
    rating: Option<f64>,
    #[serde(default)]
    spent: Option<f64>,
    #[serde(default)]
    wished: Option<f64>,
    #[serde(default)]
    note: Option<String>,
}

impl TryFrom<serde_json::Map<String, serde_json::Value>> for EntryRequest {
    type Error = serde_json::Error;
    fn try_from(fields: serde_json::Map<String, serde_json::Value>) -> Result<Self, Self::Error> {
        let f: EntryFields = serde_json::from_value(serde_json::Value::Object(fields))?;
        Ok(Self { rating: f.rating, spent: f.spent, wished: f.wished, note: f.note })
    }
}

impl EntryRequest {
    /// The entry as a form would send it, so JSON goes through the very same parser.
    fn input(&self) -> EntryInput {
        // A JSON number such as 33.333333333333336 is not typed text: it is written with at
        // most six decimals (the totals' tolerance), so the parser's length guard for typed
        // amounts does not refuse it.
        let number = |v: Option<f64>| v.map(short_number).unwrap_or_default();
        EntryInput {
            rating: number(self.rating),
            spent: number(self.spent),
            wished: number(self.wished),
            note: self.note.clone().unwrap_or_default(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct StartRequest {
    /// One of your template ids; leave out for the built-in four areas.
    #[serde(default)]
    template_id: Option<String>,
    /// "hours_per_week" (default) or "share_of_time".
    #[serde(default)]
    #[schema(value_type = Option<coachkit_domain::wheel::TimeUnit>)]
    unit: Option<String>,
    /// The day it was made, "2026-11-03"; today when left out.
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable_date)]
    taken_on: Option<String>,
    /// Fill it in live with this relationship's other party (as coach: your client's wheel).
    #[serde(default)]
    relationship_id: Option<String>,
    /// Without a relationship: "private" (default), "relationship:<id>" or "all_my_coaches".
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::journal::audience_schema::nullable_wheel_assessment)]
    audience: Option<String>,
    /// Area by area, in the template's order; may be shorter than the template.
    #[serde(default)]
    entries: Vec<EntryRequest>,
    /// Finish at once: every area then needs a rating, a time spent and a time wished.
    #[serde(default)]
    finish: bool,
}

#[derive(Deserialize, ToSchema)]
pub struct SaveRequest {
    /// The `revision` of the assessment you read; a save made since then refuses yours (409).
    revision: i64,
    /// "hours_per_week" or "share_of_time"; left out keeps the current unit.
    #[serde(default)]
    #[schema(value_type = Option<coachkit_domain::wheel::TimeUnit>)]
    unit: Option<String>,
    /// Every area, in order: what is left out is cleared.
    #[serde(default)]
    entries: Vec<EntryRequest>,
    #[serde(default)]
    finish: bool,
}

#[derive(Deserialize, ToSchema)]
pub struct AreaRequest {
    #[schema(schema_with = coachkit_domain::text::schema::one_line::<{ coachkit_domain::wheel::AreaName::MAX }>)]
    name: String,
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable_one_line::<{ coachkit_domain::wheel::AreaMeaning::MAX }>)]
    meaning: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct TemplateRequest {
    #[schema(schema_with = coachkit_domain::text::schema::one_line::<{ coachkit_domain::wheel::TemplateName::MAX }>)]
    name: String,
    /// 2 to 12 areas, names unique whatever their case.
    #[schema(min_items = 2, max_items = 12)]
    areas: Vec<AreaRequest>,
}

/// A wheel use case's refusal as JSON: field problems by their place, or the usual error body.
pub struct WheelApiError {
    error: WheelError,
    /// What the rows of this body are called: "entries" or "areas".
    rows: &'static str,
}

impl From<AppError> for WheelApiError {
    fn from(e: AppError) -> Self {
        Self { error: WheelError::App(e), rows: "entries" }
    }
}

fn refused(rows: &'static str) -> impl FnOnce(WheelError) -> WheelApiError {
    move |error| WheelApiError { error, rows }
}

fn problem(rows: &str, e: &WheelFieldError) -> FieldProblem {
    let field = match e.area {
        Some(i) => format!("{rows}[{i}].{}", e.field),
        None => e.field.to_owned(),
    };
    FieldProblem { field, message: e.message.clone() }
}

impl IntoResponse for WheelApiError {
    fn into_response(self) -> Response {
        match self.error {
            WheelError::Form(errors) => {
                let message = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
                let fields = errors.iter().map(|e| problem(self.rows, e)).collect();
                let (status, code) = crate::error::status_of_refusals(errors.iter().map(|e| e.refusal));
                let body = ErrorBody { code: code.into(), message, fields };
                (status, axum::Json(body)).into_response()
            }
            WheelError::App(e) => ApiError::App(e).into_response(),
        }
    }
}

/// Your wheels, then the ones your clients share with you; newest first in each.
#[utoipa::path(get, path = "/api/v1/wheel/assessments", tag = "wheel",
    responses((status = 200, body = [AssessmentSummary])), security(("token" = []), ("session" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<Vec<AssessmentSummary>>, ApiError> {
    Ok(axum::Json(state.app.wheel_assessments(&actor).await?))
}

/// Start a wheel: yours, or (with a relationship in which you coach) your client's, filled in live.
#[utoipa::path(post, path = "/api/v1/wheel/assessments", tag = "wheel", request_body = StartRequest,
    responses((status = 201, body = AssessmentPage), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn start(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(req): Json<StartRequest>,
) -> Result<(StatusCode, axum::Json<AssessmentPage>), WheelApiError> {
    let input = StartInput {
        template_id: req.template_id.unwrap_or_default(),
        unit: req.unit.unwrap_or_default(),
        taken_on: req.taken_on.unwrap_or_default(),
        relationship_id: req.relationship_id.unwrap_or_default(),
        audience: req.audience.unwrap_or_default(),
        entries: req.entries.iter().map(EntryRequest::input).collect(),
        finish: req.finish,
    };
    let id = state.app.start_wheel_assessment(&actor, &input).await.map_err(refused("entries"))?;
    Ok((StatusCode::CREATED, axum::Json(state.app.wheel_assessment(&actor, &id).await?)))
}

/// One wheel with its reading and reframing tasks.
#[utoipa::path(get, path = "/api/v1/wheel/assessments/{id}", tag = "wheel", params(("id" = String, Path)),
    responses((status = 200, body = AssessmentPage), (status = 404, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn get_one(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> Result<axum::Json<AssessmentPage>, ApiError> {
    Ok(axum::Json(state.app.wheel_assessment(&actor, &id).await?))
}

/// Save every area's entry of a draft, or finish it.
#[utoipa::path(put, path = "/api/v1/wheel/assessments/{id}", tag = "wheel", params(("id" = String, Path)),
    request_body = SaveRequest,
    responses((status = 200, body = AssessmentPage), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn save(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    Json(req): Json<SaveRequest>,
) -> Result<axum::Json<AssessmentPage>, WheelApiError> {
    let input = SaveInput {
        unit: req.unit.unwrap_or_default(),
        revision: req.revision,
        entries: req.entries.iter().map(EntryRequest::input).collect(),
        finish: req.finish,
    };
    state.app.save_wheel_assessment(&actor, &id, &input).await.map_err(refused("entries"))?;
    Ok(axum::Json(state.app.wheel_assessment(&actor, &id).await?))
}

/// The built-in template, then your own.
#[utoipa::path(get, path = "/api/v1/wheel/templates", tag = "wheel",
    responses((status = 200, body = [TemplateView])), security(("token" = []), ("session" = [])))]
pub async fn templates(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<Vec<TemplateView>>, ApiError> {
    let mut all = vec![TemplateView::default_four()];
    all.extend(state.app.wheel_templates(&actor).await?);
    Ok(axum::Json(all))
}

/// Create a template of 2 to 12 areas.
#[utoipa::path(post, path = "/api/v1/wheel/templates", tag = "wheel", request_body = TemplateRequest,
    responses((status = 201, body = TemplateView), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn create_template(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(req): Json<TemplateRequest>,
) -> Result<(StatusCode, axum::Json<TemplateView>), WheelApiError> {
    let rows: Vec<RawArea> =
        req.areas.iter().map(|a| RawArea::new(a.name.clone(), a.meaning.clone().unwrap_or_default())).collect();
    let id = state.app.create_wheel_template(&actor, &req.name, &rows).await.map_err(refused("areas"))?;
    Ok((StatusCode::CREATED, axum::Json(state.app.wheel_template(&actor, &id).await?)))
}

#[cfg(test)]
mod tests {
    use super::EntryRequest;
    use serde_json::json;

    #[test]
    fn json_numbers_become_short_text() {
        use super::short_number;
        assert_eq!(short_number(7.5), "7.5");
        assert_eq!(short_number(12.0), "12");
        assert_eq!(short_number(100.0 / 3.0), "33.333333");
        assert_eq!(short_number(0.0), "0");
        assert_eq!(short_number(-1.25), "-1.25", "the parser refuses it as negative");
        assert_eq!(short_number(1e300), 1e300.to_string(), "left long for the parser to refuse");
    }

    #[test]
    fn an_entry_is_read_from_an_object_only() {
        let e: EntryRequest = serde_json::from_value(json!({"rating": 7, "note": "ok"})).unwrap();
        assert_eq!((e.rating, e.note.as_deref()), (Some(7.0), Some("ok")));
        assert!(serde_json::from_value::<EntryRequest>(json!({})).is_ok(), "every value may be left out");
        assert!(serde_json::from_value::<EntryRequest>(json!([null, null])).is_err(), "not an array of fields");
    }
}
