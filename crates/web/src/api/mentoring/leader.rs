//! The leader's side of a request: write it with its experts, send it, change the roster while
//! answers come in, then (once the seal is open) choose the thread, write the goal, plan the
//! steps, mark it done and thank the experts. A coach the request was shared with may read it.
//! Someone else's request answers 404, as one that does not exist.

use super::{AdviceCreated, OptionalJson, record};
use crate::api::extract::Json;
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody, FieldProblem};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use coachkit_app::mentoring::{AdviceHome, CreateOutcome, RequestInput, RequestPage, StepInput};
use coachkit_domain::mentoring::{RawExpert, SmartReport};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

fn horizon_schema() -> utoipa::openapi::schema::Schema {
    use coachkit_domain::mentoring::HORIZON_MONTHS;
    coachkit_domain::text::schema::whole_number::<{ HORIZON_MONTHS.0 }, { HORIZON_MONTHS.1 }>()
}

/// The horizon as a JSON number (`9`) or as a form would send it (`"9"`).
#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
pub enum Months {
    Number(f64),
    Text(String),
}

impl Months {
    /// The text the use case parses: a whole number of months, or something it refuses.
    fn text(&self) -> String {
        match self {
            Months::Number(n) => n.to_string(),
            Months::Text(t) => t.clone(),
        }
    }
}

/// A new request and its experts. It needs the capability, the context and the experts; the
/// rest may be left out. What is missing or wrong comes back as one problem per field, and
/// nothing is saved.
#[derive(Default, Deserialize, ToSchema)]
pub struct NewAdviceRequest {
    /// The one capability to lift, said as something you do.
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::mentoring::limits::CAPABILITY }>, required = true)]
    capability: Option<String>,
    /// Why now, and to what end: what the experts read.
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::mentoring::limits::CONTEXT }>, required = true)]
    context: Option<String>,
    /// 6 to 12 months; left out for 12.
    #[serde(default)]
    #[schema(schema_with = horizon_schema)]
    horizon_months: Option<Months>,
    /// The date you would like the answers by, "2026-12-20"; left out for two weeks from today.
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable_date)]
    answer_by: Option<String>,
    /// Two to six experts (three is the method), at least one inside your organisation and one
    /// outside unless `override_mix` is set with a reason.
    #[serde(default)]
    #[schema(min_items = 2, max_items = 6, required = true)]
    experts: Vec<RawExpert>,
    #[serde(default)]
    override_mix: bool,
    /// Why you go without the inside/outside mix (required with `override_mix`).
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable::<{ coachkit_domain::mentoring::limits::OVERRIDE_REASON }>)]
    override_reason: Option<String>,
    /// Confirms a number of experts other than three; without it such a request answers 422
    /// with a problem on `confirm_count`.
    #[serde(default)]
    confirm_count: bool,
    /// "private" (default), "relationship:<id>" or "all_my_coaches".
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::journal::audience_schema::nullable_advice_request)]
    audience: Option<String>,
}

impl NewAdviceRequest {
    fn input(self) -> RequestInput {
        RequestInput {
            capability: self.capability.unwrap_or_default(),
            context: self.context.unwrap_or_default(),
            horizon_months: self.horizon_months.map(|m| m.text()).unwrap_or_default(),
            answer_by: self.answer_by.unwrap_or_default(),
            experts: self.experts,
            override_mix: self.override_mix,
            override_reason: self.override_reason.unwrap_or_default(),
            confirm_count: self.confirm_count,
            audience: self.audience.unwrap_or_default(),
        }
    }
}

/// The personal message to one expert, replacing the drafted one.
#[derive(Deserialize, ToSchema)]
pub struct ExpertMessage {
    expert_id: String,
    message: String,
}

#[derive(Default, Deserialize, ToSchema)]
pub struct SendAdviceRequest {
    /// Experts left out keep the drafted message (see `experts[].message` of the request).
    #[serde(default)]
    messages: Vec<ExpertMessage>,
}

#[derive(Default, Deserialize, ToSchema)]
pub struct ReplaceExpert {
    /// The newcomer, checked like the experts of a new request.
    #[serde(default)]
    expert: RawExpert,
    /// Their personal message; left out for the drafted one.
    #[serde(default)]
    message: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct ThreadChoice {
    /// "suggested", "runner_up" or "manual".
    choice: String,
    /// With "manual": the item ids, at least two from at least two experts.
    #[serde(default)]
    items: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct GoalInput {
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::mentoring::limits::GOAL }>)]
    goal: String,
}

#[derive(Deserialize, ToSchema)]
pub struct ThanksInput {
    /// Thanks, and what came of the advice; sent to every expert who answered.
    note: String,
}

#[derive(Serialize, ToSchema)]
pub struct ThanksSent {
    /// How many experts were written to.
    sent: usize,
}

#[derive(Deserialize, ToSchema)]
pub struct AudienceInput {
    /// "private", "relationship:<id>" or "all_my_coaches".
    #[schema(schema_with = coachkit_domain::journal::audience_schema::advice_request)]
    audience: String,
}

/// Your requests, and those your clients shared with you; never a word of advice.
#[utoipa::path(get, path = "/api/v1/advice", tag = "mentoring",
    responses((status = 200, body = AdviceHome), (status = 401, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn home(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<AdviceHome>, ApiError> {
    Ok(axum::Json(state.app.advice_home(&actor).await?))
}

/// Write a request (a draft: nothing is sent until `send`). A number of experts other than three
/// answers 422 with a problem on `confirm_count` until the body confirms it.
#[utoipa::path(post, path = "/api/v1/advice", tag = "mentoring", request_body = NewAdviceRequest,
    responses((status = 201, body = AdviceCreated), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(req): Json<NewAdviceRequest>,
) -> Result<Response, ApiError> {
    // A form skips a wholly empty row; a client sending one has left someone out by mistake.
    if let Some(i) = req.experts.iter().position(RawExpert::is_blank) {
        let problem = format!("expert {} is empty: give their name and e-mail", i + 1);
        return Err(coachkit_app::AppError::field("experts", problem).into());
    }
    match state.app.create_advice_request(&actor, &req.input()).await? {
        CreateOutcome::Created(id) => Ok((StatusCode::CREATED, axum::Json(AdviceCreated { id })).into_response()),
        CreateOutcome::NeedsConfirmation(message) => {
            let fields = vec![FieldProblem { field: "confirm_count".into(), message: message.clone() }];
            let body = ErrorBody { code: "invalid".into(), message, fields };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, axum::Json(body)).into_response())
        }
    }
}

/// A request as you may see it: while sealed, each expert's status and nothing they wrote; once
/// open, the advice, the suggested thread, the goal and the plan.
#[utoipa::path(get, path = "/api/v1/advice/{id}", tag = "mentoring", params(("id" = String, Path)),
    responses((status = 200, body = RequestPage), (status = 404, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn get_one(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<RequestPage>, ApiError> {
    Ok(axum::Json(state.app.advice_request_page(&actor, &record(&raw, "advice request")?).await?))
}

/// Send a draft request: each expert gets their message and their own link. The body may be left
/// out to send the drafted messages.
#[utoipa::path(post, path = "/api/v1/advice/{id}/send", tag = "mentoring", params(("id" = String, Path)),
    request_body(content = Option<SendAdviceRequest>, description = "Optional: without a body the drafted messages go as they are."),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn send(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    OptionalJson(req): OptionalJson<SendAdviceRequest>,
) -> Result<StatusCode, ApiError> {
    let id = record(&raw, "advice request")?;
    let messages: Vec<(String, String)> = req.messages.into_iter().map(|m| (m.expert_id, m.message)).collect();
    state.app.send_advice_request(&actor, &id, &messages).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replace an expert who has not answered: their link stops working, the newcomer is sent theirs.
#[utoipa::path(post, path = "/api/v1/advice/{id}/experts/{expert}/replace", tag = "mentoring",
    params(("id" = String, Path), ("expert" = String, Path, description = "The expert to replace")),
    request_body = ReplaceExpert,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn replace(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, expert)): Path<(String, String)>,
    Json(req): Json<ReplaceExpert>,
) -> Result<StatusCode, ApiError> {
    let id = record(&raw, "advice request")?;
    let old = record(&expert, "expert")?;
    state.app.replace_advice_expert(&actor, &id, &old, &req.expert, req.message.as_deref().unwrap_or("")).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Go on without an expert who has not answered; if everyone else has, the seal opens.
#[utoipa::path(post, path = "/api/v1/advice/{id}/experts/{expert}/withdraw", tag = "mentoring",
    params(("id" = String, Path), ("expert" = String, Path, description = "The expert to go on without")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn withdraw(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path((raw, expert)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let id = record(&raw, "advice request")?;
    let expert = record(&expert, "expert")?;
    state.app.withdraw_advice_expert(&actor, &id, &expert).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Choose the thread: the suggestion, the runner-up, or items picked by hand.
#[utoipa::path(put, path = "/api/v1/advice/{id}/thread", tag = "mentoring", params(("id" = String, Path)),
    request_body = ThreadChoice,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn choose_thread(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<ThreadChoice>,
) -> Result<StatusCode, ApiError> {
    let id = record(&raw, "advice request")?;
    state.app.choose_advice_thread(&actor, &id, &req.choice, &req.items).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The SMART checker's reading of a goal; nothing is saved.
#[utoipa::path(post, path = "/api/v1/advice/{id}/goal/check", tag = "mentoring", params(("id" = String, Path)),
    request_body = GoalInput,
    responses((status = 200, body = SmartReport), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn check_goal(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<GoalInput>,
) -> Result<axum::Json<SmartReport>, ApiError> {
    let id = record(&raw, "advice request")?;
    Ok(axum::Json(state.app.check_advice_goal(&actor, &id, &req.goal).await?))
}

/// Save the goal (whatever the checker says: it advises, you decide) and get its reading.
#[utoipa::path(put, path = "/api/v1/advice/{id}/goal", tag = "mentoring", params(("id" = String, Path)),
    request_body = GoalInput,
    responses((status = 200, body = SmartReport), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn save_goal(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<GoalInput>,
) -> Result<axum::Json<SmartReport>, ApiError> {
    let id = record(&raw, "advice request")?;
    Ok(axum::Json(state.app.save_advice_goal(&actor, &id, &req.goal).await?))
}

/// Add a step of the plan: a private action in your journal, listed with the request.
#[utoipa::path(post, path = "/api/v1/advice/{id}/steps", tag = "mentoring", params(("id" = String, Path)),
    request_body = StepInput,
    responses((status = 201, body = AdviceCreated), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn add_step(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(step): Json<StepInput>,
) -> Result<(StatusCode, axum::Json<AdviceCreated>), ApiError> {
    let id = record(&raw, "advice request")?;
    let id = state.app.add_advice_step(&actor, &id, &step).await?;
    Ok((StatusCode::CREATED, axum::Json(AdviceCreated { id })))
}

/// Mark the goal done (it must be written first).
#[utoipa::path(post, path = "/api/v1/advice/{id}/done", tag = "mentoring", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn done(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = record(&raw, "advice request")?;
    state.app.finish_advice_request(&actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Thank every expert who answered (by mail and on their page); may be sent again.
#[utoipa::path(post, path = "/api/v1/advice/{id}/thanks", tag = "mentoring", params(("id" = String, Path)),
    request_body = ThanksInput,
    responses((status = 200, body = ThanksSent), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn thank(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<ThanksInput>,
) -> Result<axum::Json<ThanksSent>, ApiError> {
    let id = record(&raw, "advice request")?;
    Ok(axum::Json(ThanksSent { sent: state.app.thank_advice_experts(&actor, &id, &req.note).await? }))
}

/// Who else may see the request, and the advice of the experts who agreed.
#[utoipa::path(put, path = "/api/v1/advice/{id}/audience", tag = "mentoring", params(("id" = String, Path)),
    request_body = AudienceInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn set_audience(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<AudienceInput>,
) -> Result<StatusCode, ApiError> {
    let id = record(&raw, "advice request")?;
    state.app.set_advice_request_audience(&actor, &id, &req.audience).await?;
    Ok(StatusCode::NO_CONTENT)
}
