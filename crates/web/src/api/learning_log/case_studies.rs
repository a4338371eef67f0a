//! Case studies drawn from a log: drafted from one of the two cases, the coachee named or
//! anonymised, published only with the author's consent and, when the coachee has an account,
//! theirs too. A published case study is readable without an account.

use super::{LearningLogCreated, programme, record};
use crate::api::extract::Json;
use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use coachkit_app::learning_log::{CaseStudyInput, CaseStudyPage};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
pub struct DraftInput {
    /// "best" or "hardest": the case to draw it from (it must be chosen).
    case: String,
    /// Words that stand for the coachee ("an account manager"); left out to name them.
    #[serde(default)]
    coachee_alias: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct CoacheeConsent {
    /// The `updated_at` of the text you read: a text changed since is not agreed to (409).
    seen: i64,
}

#[derive(Deserialize, ToSchema)]
#[schema(as = LearningLogPublishInput)]
pub struct PublishInput {
    /// True to publish (every consent must be in, or 409), false to withdraw.
    published: bool,
}

/// Draft a case study from one of your two cases: the session, then each question with its
/// answer; with an alias, the coachee's name is replaced throughout.
#[utoipa::path(post, path = "/api/v1/learning-log/programmes/{id}/case-studies", tag = "learning_log", operation_id = "learning_log_draft_case_study",
    params(("id" = String, Path)), request_body = DraftInput,
    responses((status = 201, body = LearningLogCreated), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn draft(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<DraftInput>,
) -> Result<(StatusCode, axum::Json<LearningLogCreated>), ApiError> {
    let id = programme(&raw)?;
    let id = state.app.draft_ll_case_study(&actor, &id, &req.case, req.coachee_alias.as_deref().unwrap_or("")).await?;
    Ok((StatusCode::CREATED, axum::Json(LearningLogCreated { id })))
}

/// A case study, for whoever may read it: its author, the coachee asked to consent, or anyone
/// once it is published.
#[utoipa::path(get, path = "/api/v1/learning-log/case-studies/{id}", tag = "learning_log", operation_id = "learning_log_case_study",
    params(("id" = String, Path)),
    responses((status = 200, body = CaseStudyPage), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn get_one(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<axum::Json<CaseStudyPage>, ApiError> {
    Ok(axum::Json(state.app.ll_case_study(&actor, &record(&raw, "case study")?).await?))
}

/// A published case study, for anyone (no account needed).
#[utoipa::path(get, path = "/api/v1/learning-log/case-studies/{id}/public", tag = "learning_log", operation_id = "learning_log_public_case_study",
    params(("id" = String, Path)),
    responses((status = 200, body = CaseStudyPage), (status = 404, body = ErrorBody)),
    security(()))]
pub async fn public(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<axum::Json<CaseStudyPage>, ApiError> {
    Ok(axum::Json(state.app.public_ll_case_study(&record(&raw, "case study")?).await?))
}

/// Change the text. Any consent given to the old text lapses; a published one must be withdrawn
/// first (409).
#[utoipa::path(put, path = "/api/v1/learning-log/case-studies/{id}", tag = "learning_log", operation_id = "learning_log_update_case_study",
    params(("id" = String, Path)), request_body = CaseStudyInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn update(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(input): Json<CaseStudyInput>,
) -> Result<StatusCode, ApiError> {
    state.app.update_ll_case_study(&actor, &record(&raw, "case study")?, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// You, its author, agree to publish this text. When the coachee has an account, it is shown to
/// them to agree too.
#[utoipa::path(post, path = "/api/v1/learning-log/case-studies/{id}/consent", tag = "learning_log", operation_id = "learning_log_consent_case_study",
    params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn consent(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.app.consent_ll_case_study(&actor, &record(&raw, "case study")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// You, the coachee, agree to the text you were shown.
#[utoipa::path(post, path = "/api/v1/learning-log/case-studies/{id}/coachee-consent", tag = "learning_log", operation_id = "learning_log_coachee_consent_case_study",
    params(("id" = String, Path)), request_body = CoacheeConsent,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn coachee_consent(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<CoacheeConsent>,
) -> Result<StatusCode, ApiError> {
    state.app.coachee_consent_ll_case_study(&actor, &record(&raw, "case study")?, req.seen).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Publish the case study (once every consent is in, or 409), or withdraw it.
#[utoipa::path(put, path = "/api/v1/learning-log/case-studies/{id}/published", tag = "learning_log", operation_id = "learning_log_publish_case_study",
    params(("id" = String, Path)), request_body = PublishInput,
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn publish(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<PublishInput>,
) -> Result<StatusCode, ApiError> {
    state.app.publish_ll_case_study(&actor, &record(&raw, "case study")?, req.published).await?;
    Ok(StatusCode::NO_CONTENT)
}
