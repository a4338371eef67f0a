//! Setting up a programme and changing it, its questions, starting a copy for one's own team,
//! inviting people (by e-mail, or a link to hand out) and joining by the link.

use super::{LearningLogCreated, Whole, programme};
use crate::api::extract::Json;
use crate::auth::{ApiActor, MaybeActor};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use coachkit_app::learning_log::{JoinPreview, LearningLogHome, ProgrammeInput, QuestionInput, ResourceInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A new programme. It needs a name; every other field may be left out. What is missing or wrong
/// comes back as one problem per field, and nothing is saved.
#[derive(Default, Deserialize, ToSchema)]
pub struct NewProgramme {
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::learning_log::limits::NAME }>, required = true)]
    name: Option<String>,
    /// The training it follows, e.g. "Coaching master class, November".
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable::<{ coachkit_domain::learning_log::limits::TRAINING }>)]
    training: Option<String>,
    /// The first day sessions count, "2026-11-02"; left out for today.
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable_date)]
    starts_on: Option<String>,
    /// 1 to 26; left out for the method's 6.
    #[serde(default)]
    #[schema(schema_with = weeks_schema)]
    weeks: Option<Whole>,
    /// 1 to 10; left out for the method's 5.
    #[serde(default)]
    #[schema(schema_with = cap_schema)]
    session_cap: Option<Whole>,
    /// An organisation you are a member of, or left out.
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable_uuid)]
    org_id: Option<String>,
    /// The questions in order (at most twenty-four); left out for our default sixteen.
    #[serde(default)]
    #[schema(max_items = 24)]
    questions: Vec<QuestionInput>,
    /// Toolkit sheets to hand out, by key: "grow", "preparation", "listening", "questions".
    #[serde(default)]
    #[schema(schema_with = toolkit_schema)]
    toolkit: Vec<String>,
    /// Your own links or short texts.
    #[serde(default)]
    resources: Vec<ResourceInput>,
}

/// The keys of the toolkit's sheets, from the toolkit itself.
fn toolkit_schema() -> utoipa::openapi::schema::Array {
    use coachkit_domain::learning_log::resources::TOOLKIT;
    let key = coachkit_domain::text::schema::words(TOOLKIT.map(|s| s.key));
    utoipa::openapi::schema::ArrayBuilder::new().items(key).build()
}

/// Every question a client sends needs its prompt: the form's rule that an emptied prompt drops
/// the question is for people editing a list in place, and would make a body the document
/// refuses (the schema requires `prompt`) quietly succeed.
fn every_prompt_given(questions: &[QuestionInput]) -> Result<(), ApiError> {
    match questions.iter().position(|q| q.prompt.trim().is_empty()) {
        None => Ok(()),
        Some(i) => {
            Err(coachkit_app::AppError::field("questions", format!("question {} needs its prompt", i + 1)).into())
        }
    }
}

fn weeks_schema() -> utoipa::openapi::schema::Schema {
    use coachkit_domain::learning_log::programme::WEEKS;
    coachkit_domain::text::schema::whole_number::<{ WEEKS.0 }, { WEEKS.1 }>()
}

fn cap_schema() -> utoipa::openapi::schema::Schema {
    use coachkit_domain::learning_log::programme::CAP;
    coachkit_domain::text::schema::whole_number::<{ CAP.0 }, { CAP.1 }>()
}

impl NewProgramme {
    fn input(self) -> ProgrammeInput {
        ProgrammeInput {
            name: self.name.unwrap_or_default(),
            training: self.training.unwrap_or_default(),
            starts_on: self.starts_on.unwrap_or_default(),
            weeks: self.weeks.map(|w| w.text()).unwrap_or_default(),
            session_cap: self.session_cap.map(|c| c.text()).unwrap_or_default(),
            org_id: self.org_id.unwrap_or_default(),
            questions: self.questions,
            toolkit: self.toolkit,
            resources: self.resources,
        }
    }
}

/// A programme's settings. Sessions already in logs stay as they are.
#[derive(Default, Deserialize, ToSchema)]
pub struct ProgrammeSettings {
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::learning_log::limits::NAME }>, required = true)]
    name: Option<String>,
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable::<{ coachkit_domain::learning_log::limits::TRAINING }>)]
    training: Option<String>,
    /// Left out to keep the first day.
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable_date)]
    starts_on: Option<String>,
    /// 1 to 26; left out for the method's 6.
    #[serde(default)]
    #[schema(schema_with = weeks_schema)]
    weeks: Option<Whole>,
    /// 1 to 10; left out for the method's 5.
    #[serde(default)]
    #[schema(schema_with = cap_schema)]
    session_cap: Option<Whole>,
}

#[derive(Deserialize, ToSchema)]
pub struct QuestionsInput {
    /// The whole set in order (one to twenty-four questions).
    #[schema(min_items = 1, max_items = 24)]
    questions: Vec<QuestionInput>,
}

#[derive(Default, Deserialize, ToSchema)]
pub struct CopyProgramme {
    /// The new programme's name.
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::learning_log::limits::NAME }>, required = true)]
    name: Option<String>,
    /// Its first day, "2026-11-02"; left out for today.
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable_date)]
    starts_on: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[schema(as = LearningLogInviteInput)]
pub struct InviteInput {
    /// Addresses, one per line or separated by commas (at most 200). One bad address invites nobody.
    #[schema(schema_with = coachkit_domain::account::Email::list_schema)]
    emails: String,
    /// A word for them, put at the top of the mail (optional).
    #[serde(default)]
    #[schema(schema_with = coachkit_domain::text::schema::nullable::<2000>)]
    note: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = LearningLogInvited)]
pub struct Invited {
    /// How many addresses were mailed a link.
    invited: usize,
}

#[derive(Serialize, ToSchema)]
pub struct InvitationLink {
    /// Anyone holding it can join, with an account; it lives 120 days. Its last part is the
    /// secret for `/api/v1/learning-log/join/{secret}`.
    url: String,
}

/// Programmes you run and programmes you take part in, your case studies, and case studies about
/// you waiting for your consent.
#[utoipa::path(get, path = "/api/v1/learning-log", tag = "learning_log", operation_id = "learning_log_home",
    responses((status = 200, body = LearningLogHome), (status = 401, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn home(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<LearningLogHome>, ApiError> {
    Ok(axum::Json(state.app.learning_log_home(&actor).await?))
}

/// Set up a programme; you become its facilitator.
#[utoipa::path(post, path = "/api/v1/learning-log/programmes", tag = "learning_log", operation_id = "learning_log_create_programme", request_body = NewProgramme,
    responses((status = 201, body = LearningLogCreated), (status = 401, body = ErrorBody),
        (status = 404, description = "The organisation is not one you belong to.", body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Json(req): Json<NewProgramme>,
) -> Result<(StatusCode, axum::Json<LearningLogCreated>), ApiError> {
    every_prompt_given(&req.questions)?;
    let id = state.app.create_ll_programme(&actor, &req.input()).await?;
    Ok((StatusCode::CREATED, axum::Json(LearningLogCreated { id })))
}

/// Change a programme's name, training, window or cap (its facilitators only).
#[utoipa::path(put, path = "/api/v1/learning-log/programmes/{id}", tag = "learning_log", operation_id = "learning_log_update_programme",
    params(("id" = String, Path)), request_body = ProgrammeSettings,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn update(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<ProgrammeSettings>,
) -> Result<StatusCode, ApiError> {
    let id = programme(&raw)?;
    let input = ProgrammeInput {
        name: req.name.unwrap_or_default(),
        training: req.training.unwrap_or_default(),
        starts_on: req.starts_on.unwrap_or_default(),
        weeks: req.weeks.map(|w| w.text()).unwrap_or_default(),
        session_cap: req.session_cap.map(|c| c.text()).unwrap_or_default(),
        ..Default::default()
    };
    state.app.update_ll_programme(&actor, &id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replace the programme's questions with an edited copy; once anyone has answered, they stay as
/// they were asked (409).
#[utoipa::path(put, path = "/api/v1/learning-log/programmes/{id}/questions", tag = "learning_log", operation_id = "learning_log_edit_questions",
    params(("id" = String, Path)), request_body = QuestionsInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn edit_questions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<QuestionsInput>,
) -> Result<StatusCode, ApiError> {
    let id = programme(&raw)?;
    every_prompt_given(&req.questions)?;
    state.app.edit_ll_questions(&actor, &id, &req.questions).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Start the same programme for your own team: the same questions and resources, a new window,
/// you as its facilitator. Its participants and facilitators may both do this.
#[utoipa::path(post, path = "/api/v1/learning-log/programmes/{id}/copy", tag = "learning_log", operation_id = "learning_log_copy_programme",
    params(("id" = String, Path)), request_body = CopyProgramme,
    responses((status = 201, body = LearningLogCreated), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn copy(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<CopyProgramme>,
) -> Result<(StatusCode, axum::Json<LearningLogCreated>), ApiError> {
    let id = programme(&raw)?;
    let name = req.name.unwrap_or_default();
    let id = state.app.copy_ll_programme(&actor, &id, &name, req.starts_on.as_deref().unwrap_or("")).await?;
    Ok((StatusCode::CREATED, axum::Json(LearningLogCreated { id })))
}

/// Invite people by e-mail: each address gets its own join link through the outbox.
#[utoipa::path(post, path = "/api/v1/learning-log/programmes/{id}/invitations", tag = "learning_log", operation_id = "learning_log_invite",
    params(("id" = String, Path)), request_body = InviteInput,
    responses((status = 200, body = Invited), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn invite(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<InviteInput>,
) -> Result<axum::Json<Invited>, ApiError> {
    let id = programme(&raw)?;
    let invited = state.app.invite_to_ll_programme(&actor, &id, &req.emails, req.note.as_deref().unwrap_or("")).await?;
    Ok(axum::Json(Invited { invited }))
}

/// A fresh link to hand out by hand (in the training room, in a chat).
#[utoipa::path(post, path = "/api/v1/learning-log/programmes/{id}/link", tag = "learning_log", operation_id = "learning_log_link",
    params(("id" = String, Path)),
    responses((status = 201, body = InvitationLink), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn link(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
) -> Result<(StatusCode, axum::Json<InvitationLink>), ApiError> {
    let id = programme(&raw)?;
    let url = state.app.ll_invitation_link(&actor, &id).await?;
    Ok((StatusCode::CREATED, axum::Json(InvitationLink { url })))
}

/// What an invitation link leads to, for anyone holding it (signed in or not).
#[utoipa::path(get, path = "/api/v1/learning-log/join/{secret}", tag = "learning_log", operation_id = "learning_log_join_preview",
    params(("secret" = String, Path, description = "The secret of the invitation link")),
    responses((status = 200, body = JoinPreview), (status = 404, body = ErrorBody)),
    security((), ("token" = []), ("session" = [])))]
pub async fn join_preview(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    Path(secret): Path<String>,
) -> Result<axum::Json<JoinPreview>, ApiError> {
    Ok(axum::Json(state.app.ll_join_preview(actor.as_ref(), &secret).await?))
}

/// Join the programme behind an invitation link (joining twice is harmless). Answers its id.
#[utoipa::path(post, path = "/api/v1/learning-log/join/{secret}", tag = "learning_log", operation_id = "learning_log_join",
    params(("secret" = String, Path, description = "The secret of the invitation link")),
    responses((status = 200, body = LearningLogCreated), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn join(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(secret): Path<String>,
) -> Result<axum::Json<LearningLogCreated>, ApiError> {
    let id = state.app.join_ll_programme(&actor, &secret).await?;
    Ok(axum::Json(LearningLogCreated { id }))
}

#[derive(Deserialize, ToSchema)]
pub struct FacilitatorInput {
    /// The e-mail of their account here.
    #[schema(schema_with = coachkit_domain::account::Email::schema)]
    email: String,
}

#[derive(Serialize, ToSchema)]
pub struct FacilitatorAdded {
    /// The name of the new co-facilitator (mailed that they now follow the programme).
    display_name: String,
}

/// Add a co-facilitator by the e-mail of their account: they follow the programme as you do (the
/// cohort, shared packs, bookings) and keep their own private notes.
#[utoipa::path(post, path = "/api/v1/learning-log/programmes/{id}/facilitators", tag = "learning_log",
    operation_id = "learning_log_add_facilitator", params(("id" = String, Path)), request_body = FacilitatorInput,
    responses((status = 200, body = FacilitatorAdded), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn add_facilitator(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw): Path<String>,
    Json(req): Json<FacilitatorInput>,
) -> Result<axum::Json<FacilitatorAdded>, ApiError> {
    let id = programme(&raw)?;
    let display_name = state.app.add_ll_facilitator(&actor, &id, &req.email).await?;
    Ok(axum::Json(FacilitatorAdded { display_name }))
}
