//! Setting up a programme, changing it, its questions, and starting a copy for one's own team.

use super::views::{LearningLogHome, ProgrammeSummary};
use super::window_of;
use crate::error::{AppError, AppResult};
use crate::journal::time::parse_date;
use crate::{Actor, App};
use coachkit_domain::learning_log::resources::{TOOLKIT, sheet};
use coachkit_domain::learning_log::{ProgrammeSettings, QuestionSet, limits};
use coachkit_domain::text::{FieldError, optional_bounded};
use coachkit_domain::time::Millis;
use coachkit_domain::{OrgId, ProgrammeId, RecordId};
use coachkit_store::learning_log::{NewProgramme, NewResource, SettingsChange};
use coachkit_store::now_ms;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A programme as its facilitator sets it up.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct ProgrammeInput {
    pub name: String,
    /// The training it follows, e.g. "Coaching master class, November".
    pub training: String,
    /// The first day sessions count, "2026-11-02"; empty for today.
    pub starts_on: String,
    /// 1 to 26; empty for the method's 6.
    pub weeks: String,
    /// 1 to 10; empty for the method's 5.
    pub session_cap: String,
    /// The organisation it belongs to (one the facilitator is a member of), or empty.
    pub org_id: String,
    /// The questions in order; empty for our default sixteen.
    pub questions: Vec<QuestionInput>,
    /// Toolkit sheets to hand out, by key: "grow", "preparation", "listening", "questions".
    pub toolkit: Vec<String>,
    /// The facilitator's own links or short texts.
    pub resources: Vec<ResourceInput>,
}

/// One question of a programme's edited copy.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
#[schema(as = LearningLogQuestionInput)]
pub struct QuestionInput {
    /// The default question's key it rewords ("did", "stop_start_continue", ...), or empty for a new one.
    pub key: String,
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ limits::QUESTION }>, required = true)]
    pub prompt: String,
}

/// A link or a short text the facilitator hands out.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct ResourceInput {
    /// Needed unless there is a link (which then stands as its title).
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ limits::RESOURCE_TITLE }>)]
    pub title: String,
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ limits::RESOURCE_BODY }>)]
    pub body: String,
    /// "https://..." or "http://...", or empty.
    #[schema(schema_with = link_schema)]
    pub url: String,
}

/// What [`resources`] takes as a link: empty, or text starting with https:// or http://.
fn link_schema() -> utoipa::openapi::schema::Object {
    let refused = coachkit_domain::text::schema::REFUSED;
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .max_length(Some(limits::URL))
        .pattern(Some(format!("^(https?://[^{refused}]*)?$")))
        .build()
}

impl App {
    /// Sets up a programme; the actor becomes its facilitator. Every field is checked first: a
    /// refused programme writes nothing.
    pub async fn create_ll_programme(&self, actor: &Actor, input: &ProgrammeInput) -> AppResult<String> {
        self.create_programme_from(actor, input, None).await
    }

    async fn create_programme_from(
        &self,
        actor: &Actor,
        input: &ProgrammeInput,
        copied_from: Option<&str>,
    ) -> AppResult<String> {
        let mut errors: Vec<FieldError> = vec![];
        let settings = ProgrammeSettings::parse(&input.name, &input.training, &input.weeks, &input.session_cap)
            .map_err(|e| errors.extend(e))
            .ok();
        let starts_at = start_day(&input.starts_on).map_err(|e| errors.push(e)).ok();
        let questions = if input.questions.is_empty() {
            Some(QuestionSet::default_set())
        } else {
            QuestionSet::parse(&pairs_of(&input.questions)).map_err(|e| errors.push(e)).ok()
        };
        let resources = resources(input).map_err(|e| errors.extend(e)).ok();
        let org = self.org_for_programme(actor, &input.org_id).await.map_err(|e| errors.push(e)).ok();
        let (Some(s), Some(starts_at), Some(questions), Some(resources), Some(org)) =
            (settings, starts_at, questions, resources, org)
        else {
            return Err(AppError::Invalid(errors));
        };
        let id = ProgrammeId::new().to_string();
        let pairs: Vec<(String, String)> = questions.into_questions().into_iter().map(|q| (q.key, q.prompt)).collect();
        self.store
            .create_ll_programme(NewProgramme {
                id: &id,
                created_by: &actor.user.id,
                org_id: org.as_deref(),
                copied_from,
                name: &s.name,
                training: s.training.as_deref(),
                starts_at,
                weeks: s.weeks,
                session_cap: s.session_cap,
                questions: &pairs,
                resources: &resources,
            })
            .await?;
        Ok(id)
    }

    /// An organisation the actor belongs to, named by id; empty for none.
    async fn org_for_programme(&self, actor: &Actor, raw: &str) -> Result<Option<String>, FieldError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        let message = "must be an organisation you belong to";
        let id = OrgId::parse(raw).map_err(|_| FieldError::new("org_id", message))?;
        match self.org(actor, &id).await {
            Ok((org, _)) => Ok(Some(org.id)),
            // A well-formed id of an organisation that is not yours is "not there" for you.
            Err(_) => Err(FieldError::not_found("org_id", message)),
        }
    }

    /// Changes a programme's name, training, window or cap (its facilitators only). Sessions
    /// already in logs stay as they are; the cohort view counts those outside a moved window apart.
    pub async fn update_ll_programme(&self, actor: &Actor, id: &str, input: &ProgrammeInput) -> AppResult<()> {
        let (p, _) = self.run_programme(actor, id).await?;
        let mut errors = vec![];
        let s = ProgrammeSettings::parse(&input.name, &input.training, &input.weeks, &input.session_cap)
            .map_err(|e| errors.extend(e))
            .ok();
        let starts_at = if input.starts_on.trim().is_empty() {
            Some(p.starts_at)
        } else {
            start_day(&input.starts_on).map_err(|e| errors.push(e)).ok()
        };
        let (Some(s), Some(starts_at)) = (s, starts_at) else { return Err(AppError::Invalid(errors)) };
        self.store
            .update_ll_programme(
                &p.id,
                SettingsChange {
                    name: &s.name,
                    training: s.training.as_deref(),
                    starts_at,
                    weeks: s.weeks,
                    session_cap: s.session_cap,
                },
            )
            .await?;
        Ok(())
    }

    /// Replaces the programme's questions with an edited copy, while nobody has answered yet.
    pub async fn edit_ll_questions(&self, actor: &Actor, id: &str, questions: &[QuestionInput]) -> AppResult<()> {
        let (p, _) = self.run_programme(actor, id).await?;
        let set = QuestionSet::parse(&pairs_of(questions)).map_err(|e| AppError::Invalid(vec![e]))?;
        let pairs: Vec<(String, String)> = set.into_questions().into_iter().map(|q| (q.key, q.prompt)).collect();
        if !self.store.replace_ll_questions(&p.id, &pairs).await? {
            return Err(AppError::Conflict(
                "participants have started answering, so the questions stay as they were asked".into(),
            ));
        }
        Ok(())
    }

    /// Starts the same programme for the actor's own team: the same questions and resources,
    /// a new window from `starts_on`, the actor as its facilitator. Participants and
    /// facilitators of the programme may both do this.
    pub async fn copy_ll_programme(&self, actor: &Actor, id: &str, name: &str, starts_on: &str) -> AppResult<String> {
        let (p, _, _) = self.visible_programme(actor, id).await?;
        let questions = self.store.ll_questions(&p.id).await?;
        let resources = self.store.ll_resources(&p.id).await?;
        let input = ProgrammeInput {
            name: name.into(),
            training: p.training.clone().unwrap_or_default(),
            starts_on: starts_on.into(),
            weeks: p.weeks.to_string(),
            session_cap: p.session_cap.to_string(),
            org_id: String::new(),
            questions: questions.into_iter().map(|q| QuestionInput { key: q.question_key, prompt: q.prompt }).collect(),
            toolkit: resources.iter().filter_map(|r| r.toolkit_key.clone()).collect(),
            resources: resources
                .into_iter()
                .filter(|r| r.toolkit_key.is_none())
                .map(|r| ResourceInput {
                    title: r.title,
                    body: r.body.unwrap_or_default(),
                    url: r.url.unwrap_or_default(),
                })
                .collect(),
        };
        self.create_programme_from(actor, &input, Some(&p.id)).await
    }

    /// The practice's home: programmes I run and programmes I take part in, with what each needs.
    pub async fn learning_log_home(&self, actor: &Actor) -> AppResult<LearningLogHome> {
        let (facilitated, joined) = self.store.ll_programmes_of(&actor.user.id).await?;
        let now = Millis(now_ms());
        let summary = |p: &coachkit_store::learning_log::ProgrammeRow| ProgrammeSummary::of(p, window_of(p), now);
        let case_studies = self.store.ll_case_studies_of(&actor.user.id).await?;
        Ok(LearningLogHome {
            facilitating: facilitated.iter().map(summary).collect(),
            taking_part: joined.iter().map(summary).collect(),
            case_studies: case_studies.into_iter().map(super::views::CaseStudyLine::of).collect(),
            to_consent: self.case_studies_to_consent(actor).await?,
        })
    }
}

fn pairs_of(questions: &[QuestionInput]) -> Vec<(String, String)> {
    questions.iter().map(|q| (q.key.clone(), q.prompt.clone())).collect()
}

/// The first day of the window: a date, or today when empty.
fn start_day(raw: &str) -> Result<i64, FieldError> {
    match parse_date("starts_on", raw) {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Ok(now_ms().div_euclid(Millis::DAY) * Millis::DAY),
        Err(_) => Err(FieldError::new("starts_on", "must be a date such as 2026-11-02")),
    }
}

fn resources(input: &ProgrammeInput) -> Result<Vec<NewResource>, Vec<FieldError>> {
    let mut out = vec![];
    let mut errors = vec![];
    for key in &input.toolkit {
        match sheet(key) {
            Some(s) => out.push(NewResource {
                id: RecordId::new().to_string(),
                toolkit_key: Some(s.key.into()),
                title: s.title.into(),
                body: Some(s.body.into()),
                url: None,
            }),
            None => errors.push(FieldError::new(
                "toolkit",
                format!("names a sheet we do not have; choose from {}", TOOLKIT.map(|s| s.key).join(", ")),
            )),
        }
    }
    for r in &input.resources {
        let title = optional_bounded("resources", &r.title, limits::RESOURCE_TITLE).map_err(|e| errors.push(e));
        let body = optional_bounded("resources", &r.body, limits::RESOURCE_BODY).map_err(|e| errors.push(e));
        let url = optional_bounded("resources", &r.url, limits::URL).map_err(|e| errors.push(e));
        let (Ok(title), Ok(body), Ok(url)) = (title, body, url) else { continue };
        if title.is_none() && body.is_none() && url.is_none() {
            continue;
        }
        if let Some(u) = &url
            && !(u.starts_with("https://") || u.starts_with("http://"))
        {
            errors.push(FieldError::new("resources", "links must start with https:// or http://"));
            continue;
        }
        let Some(title) = title.or_else(|| url.clone()) else {
            errors.push(FieldError::new("resources", "need a title for a text"));
            continue;
        };
        out.push(NewResource { id: RecordId::new().to_string(), toolkit_key: None, title, body, url });
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}
