//! Case studies drawn from a log: drafted from a case's answers, the coachee named or
//! anonymised, published only with the author's consent and, when the coachee has an account
//! here, theirs too. A published case study has a public page.

use super::views::{CaseStudyLine, CaseStudyPage};
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::learning_log::case_study::{anonymise, publish_blockers};
use coachkit_domain::learning_log::{CaseKind, limits};
use coachkit_domain::privacy::{self, Audience, RecordKind, RecordMeta, Viewer};
use coachkit_domain::text::{FieldError, bounded, optional_bounded};
use coachkit_domain::time::Millis;
use coachkit_domain::{RecordId, RelationshipId, UserId};
use coachkit_store::learning_log::{CaseStudyRow, NewCaseStudy};
use serde::Deserialize;
use utoipa::ToSchema;

/// The editable parts of a case study.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CaseStudyInput {
    pub title: String,
    pub body: String,
    /// Words that stand for the coachee ("an account manager"); empty to name them.
    pub coachee_alias: String,
}

fn meta(c: &CaseStudyRow) -> RecordMeta {
    RecordMeta {
        id: RecordId::from_trusted(c.id.clone()),
        ..RecordMeta::owned(
            RecordKind::CaseStudy,
            UserId::from_trusted(c.participant_id.clone()),
            Audience::from_parts(&c.audience, c.audience_target.clone()),
            Millis(c.shared_at),
        )
    }
}

impl App {
    /// Drafts a case study from one of the actor's two cases: the session, then each question
    /// with its answer. With an alias, the coachee's name is replaced throughout. Returns its id.
    pub async fn draft_ll_case_study(&self, actor: &Actor, id: &str, case: &str, alias: &str) -> AppResult<String> {
        let (p, m) = self.own_log(actor, id).await?;
        let case = CaseKind::parse(case).ok_or_else(|| AppError::field("case", "must be best or hardest"))?;
        let session_id = match case {
            CaseKind::Best => m.best_session_id.clone(),
            CaseKind::Hardest => m.hardest_session_id.clone(),
        }
        .ok_or_else(|| AppError::field("case", "has no session chosen yet"))?;
        let alias =
            optional_bounded("coachee_alias", alias, limits::COACHEE_NAME).map_err(|e| AppError::Invalid(vec![e]))?;
        let session = self.store.ll_session(&session_id).await?.ok_or(AppError::NotFound("session"))?;
        let questions = self.store.ll_questions(&p.id).await?;
        let answers = self.store.ll_answers_of(&p.id, &m.user_id).await?;
        let mut body = format!("A coaching session on \"{}\", with {}.\n\n", session.topic, session.coachee_name);
        for q in &questions {
            if let Some(a) = answers.iter().find(|a| a.case_kind == case.as_str() && a.position == q.position) {
                // Plain text: the question on its own line above its answer; the page sets questions apart.
                body.push_str(&format!("{}\n{}\n\n", q.prompt, a.answer));
            }
        }
        let body = match &alias {
            Some(a) => anonymise(&body, &session.coachee_name, a),
            None => body,
        };
        let title = format!("{} coaching case: {}", case.label(), session.topic);
        // The topic may name the coachee as well.
        let title = match &alias {
            Some(a) => anonymise(&title, &session.coachee_name, a),
            None => title,
        };
        let title: String = title.chars().take(limits::CASE_TITLE).collect();
        let body: String = body.trim().chars().take(limits::CASE_BODY).collect();
        let cid = RecordId::new().to_string();
        self.store
            .create_ll_case_study(NewCaseStudy {
                id: &cid,
                programme_id: &p.id,
                participant_id: &m.user_id,
                case_kind: case.as_str(),
                session_id: Some(&session.id),
                title: &title,
                body: &body,
                coachee_alias: alias.as_deref(),
            })
            .await?;
        Ok(cid)
    }

    async fn own_case_study(&self, actor: &Actor, id: &str) -> AppResult<CaseStudyRow> {
        let c = self.store.ll_case_study(id).await?.ok_or(AppError::NotFound("case study"))?;
        if c.participant_id != actor.user.id {
            return Err(AppError::NotFound("case study"));
        }
        Ok(c)
    }

    /// The coachee's relationship with the author, when the case's session was held in one.
    async fn coachee_relationship(&self, c: &CaseStudyRow) -> AppResult<Option<String>> {
        let Some(sid) = &c.session_id else { return Ok(None) };
        Ok(self.store.ll_session(sid).await?.and_then(|s| s.relationship_id.filter(|_| s.coachee_id.is_some())))
    }

    /// Changes the draft's text. Any consent given to the old text lapses: what was agreed to is
    /// exactly what gets published.
    pub async fn update_ll_case_study(&self, actor: &Actor, id: &str, input: &CaseStudyInput) -> AppResult<()> {
        let c = self.own_case_study(actor, id).await?;
        let mut errors: Vec<FieldError> = vec![];
        let title = bounded("title", &input.title, limits::CASE_TITLE).map_err(|e| errors.push(e)).ok();
        let body = bounded("body", &input.body, limits::CASE_BODY).map_err(|e| errors.push(e)).ok();
        let alias = optional_bounded("coachee_alias", &input.coachee_alias, limits::COACHEE_NAME)
            .map_err(|e| errors.push(e))
            .ok();
        let (Some(title), Some(body), Some(alias)) = (title, body, alias) else {
            return Err(AppError::Invalid(errors));
        };
        if !self.store.update_ll_case_study(&c.id, &title, &body, alias.as_deref()).await? {
            return Err(AppError::Conflict("it is published; withdraw it before changing it".into()));
        }
        Ok(())
    }

    /// The author agrees to publish this text. When the coachee has an account, the draft is
    /// shown to them (through the relationship) to agree too.
    pub async fn consent_ll_case_study(&self, actor: &Actor, id: &str) -> AppResult<()> {
        let c = self.own_case_study(actor, id).await?;
        let audience = match self.coachee_relationship(&c).await? {
            Some(r) => Audience::Relationship(RelationshipId::from_trusted(r)),
            None => Audience::Private,
        };
        self.store.consent_ll_case_study_author(&c.id, &audience).await?;
        Ok(())
    }

    /// The coachee agrees to the text they were shown (`seen` is its last change: a text changed
    /// since is not agreed to).
    pub async fn coachee_consent_ll_case_study(&self, actor: &Actor, id: &str, seen: i64) -> AppResult<()> {
        let page = self.ll_case_study(actor, id).await?;
        if !page.asks_me {
            return Err(AppError::NotFound("case study"));
        }
        if !self.store.consent_ll_case_study_coachee(id, seen).await? {
            return Err(AppError::Conflict("the text changed since you read it; read it again first".into()));
        }
        Ok(())
    }

    /// Publishes the case study (its public page works without an account), once every consent is in.
    pub async fn publish_ll_case_study(&self, actor: &Actor, id: &str, publish: bool) -> AppResult<()> {
        let c = self.own_case_study(actor, id).await?;
        if publish {
            let needs_coachee = self.coachee_relationship(&c).await?.is_some();
            let blockers =
                publish_blockers(c.author_consent_at.is_some(), needs_coachee, c.coachee_consent_at.is_some());
            if !blockers.is_empty() {
                return Err(AppError::Conflict(format!("it cannot be published yet: {}", blockers.join(", and "))));
            }
        }
        self.store.set_ll_case_study_published(&c.id, publish).await?;
        Ok(())
    }

    /// A case study, for whoever may read it: its author, the coachee asked to consent, or anyone
    /// once it is published. The same "not found" otherwise.
    pub async fn ll_case_study(&self, actor: &Actor, id: &str) -> AppResult<CaseStudyPage> {
        let viewer = self.viewer(actor).await?;
        self.case_study_for(&viewer, Some(&actor.user.id), id).await
    }

    /// A published case study, for anyone (no account needed).
    pub async fn public_ll_case_study(&self, id: &str) -> AppResult<CaseStudyPage> {
        self.case_study_for(&Viewer::Anonymous, None, id).await
    }

    async fn case_study_for(&self, viewer: &Viewer, me: Option<&str>, id: &str) -> AppResult<CaseStudyPage> {
        let c = self.store.ll_case_study(id).await?.ok_or(AppError::NotFound("case study"))?;
        if !privacy::can_read(viewer, &meta(&c)).allowed() {
            return Err(AppError::NotFound("case study"));
        }
        let mine = me == Some(c.participant_id.as_str());
        let needs_coachee = self.coachee_relationship(&c).await?.is_some();
        let asks_me = !mine && c.audience == "relationship" && c.published_at.is_none();
        let programme_name = self.store.ll_programme(&c.programme_id).await?.map(|p| p.name).unwrap_or_default();
        let blockers = if mine {
            publish_blockers(c.author_consent_at.is_some(), needs_coachee, c.coachee_consent_at.is_some())
                .into_iter()
                .map(String::from)
                .collect()
        } else {
            vec![]
        };
        let line = CaseStudyLine::of(c.clone());
        Ok(CaseStudyPage {
            id: c.id,
            programme_id: c.programme_id,
            programme_name,
            title: c.title,
            body: c.body,
            author_name: c.author_name,
            case_kind: c.case_kind,
            coachee_alias: c.coachee_alias,
            state: line.state,
            published: c.published_at.is_some(),
            published_at: c.published_at,
            mine,
            needs_coachee,
            coachee_consented: c.coachee_consent_at.is_some(),
            author_consented: c.author_consent_at.is_some(),
            asks_me,
            updated_at: c.updated_at,
            blockers,
        })
    }

    /// Case studies about the actor, waiting for their consent.
    pub(super) async fn case_studies_to_consent(&self, actor: &Actor) -> AppResult<Vec<CaseStudyLine>> {
        let viewer = self.viewer(actor).await?;
        let Viewer::Member(m) = &viewer else { return Ok(vec![]) };
        let rels: Vec<String> = m
            .ties
            .iter()
            .filter(|t| t.my_side == coachkit_domain::relationship::Side::Leader)
            .map(|t| t.relationship.to_string())
            .collect();
        let rows = self.store.ll_case_studies_for_coachee(&rels).await?;
        Ok(rows
            .into_iter()
            .filter(|c| c.coachee_consent_at.is_none() && privacy::can_read(&viewer, &meta(c)).allowed())
            .map(CaseStudyLine::of)
            .collect())
    }
}
