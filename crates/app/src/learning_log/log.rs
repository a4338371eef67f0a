//! A participant's own log: sessions planned and held, the two cases, the answers, the actions
//! that grow from them, and sharing the pack with the facilitators.

use super::views::{
    AnswerPair, AnswerView, CoachSession, LogPage, ProgrammeSummary, QuestionView, ResourceView, Role, SessionView,
    SkillCount,
};
use super::{log_meta, programme_id, window_of};
use crate::error::{AppError, AppResult};
use crate::journal::ActionInput;
use crate::journal::time::parse_date;
use crate::{Actor, App};
use coachkit_domain::RecordId;
use coachkit_domain::learning_log::questions::{ACTION_KEYS, AGENDA_KEY};
use coachkit_domain::learning_log::sessions::{check_date, check_held, check_new_session};
use coachkit_domain::learning_log::{CaseKind, Skill, check_cases, limits};
use coachkit_domain::learning_log::{actions::actions_from_answer, skills::recurring};
use coachkit_domain::privacy::{self, Audience};
use coachkit_domain::relationship::Side;
use coachkit_domain::text::{FieldError, bounded, optional_bounded};
use coachkit_domain::time::Millis;
use coachkit_store::learning_log::{GrowText, NewSession, ParticipantRow, ProgrammeRow, SessionRow};
use coachkit_store::now_ms;
use serde::Deserialize;
use utoipa::ToSchema;

/// A session as planned (date, who, topic, GROW plan) or recorded (the GROW notes).
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
#[schema(as = LearningLogSessionInput)]
pub struct SessionInput {
    /// The day, "2026-11-12": inside the programme's window.
    pub held_on: String,
    /// A relationship in which you are the coach, or empty for someone without an account...
    pub relationship_id: String,
    /// ...named here.
    pub coachee_name: String,
    pub topic: String,
    pub goal: String,
    pub reality: String,
    pub options: String,
    pub way_forward: String,
}

/// One answer to one question about one case.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AnswerInput {
    /// "best" or "hardest".
    pub case: String,
    /// The question's position, from 0.
    pub position: i64,
    /// Empty removes the answer.
    pub answer: String,
    /// One of "open_questions", "listening", "trust", "grow", "preparation", "feedback", or empty.
    pub skill: String,
}

fn grow(input: &SessionInput, errors: &mut Vec<FieldError>) -> GrowText {
    let mut field = |name: &'static str, raw: &str| {
        optional_bounded(name, raw, limits::GROW).map_err(|e| errors.push(e)).ok().flatten()
    };
    GrowText {
        goal: field("goal", &input.goal),
        reality: field("reality", &input.reality),
        options: field("options", &input.options),
        way_forward: field("way_forward", &input.way_forward),
    }
}

fn session_day(raw: &str) -> Result<i64, FieldError> {
    match parse_date("held_on", raw) {
        // Noon: the day stays the same in every time zone a person is likely to be in.
        Ok(Some(d)) => Ok(d + 12 * Millis::HOUR),
        Ok(None) => Err(FieldError::new("held_on", "must not be empty")),
        Err(_) => Err(FieldError::new("held_on", "must be a date such as 2026-11-12")),
    }
}

/// Domain messages speak of "when"; the form's field is the day.
fn as_day(mut e: FieldError) -> FieldError {
    if e.field == "when" {
        e.field = "held_on";
    }
    e
}

impl App {
    /// The actor's own log in a programme, whole.
    pub async fn ll_log(&self, actor: &Actor, id: &str) -> AppResult<LogPage> {
        let (p, m) = self.own_log(actor, id).await?;
        let mut page = self.log_page(&p, &m, Role::Participant).await?;
        let tags = self.store.ll_skill_tags_of(&actor.user.id).await?;
        page.skills = skill_counts(tags.iter().filter_map(|t| Skill::parse(t)));
        page.coachees = self
            .relationships(actor)
            .await?
            .into_iter()
            .filter(|r| r.my_side == Some(Side::Coach) && r.ended_at.is_none() && r.answered_at.is_some())
            .map(|r| (r.id.to_string(), r.leader_name.clone()))
            .collect();
        Ok(page)
    }

    /// A participant's log as one of the programme's facilitators reads it: only if its author
    /// shared it with them (the same "not found" otherwise), with the facilitator's own note.
    pub async fn ll_pack_for_facilitator(&self, actor: &Actor, id: &str, participant: &str) -> AppResult<LogPage> {
        let (p, viewer) = self.run_programme(actor, id).await?;
        let m = self.store.ll_participant(&p.id, participant).await?.ok_or(AppError::NotFound("log"))?;
        if !privacy::can_read(&viewer, &log_meta(&m)).allowed() {
            return Err(AppError::NotFound("log"));
        }
        let mut page = self.log_page(&p, &m, Role::Facilitator).await?;
        page.my_note = self.store.ll_coach_note(&p.id, participant, &actor.user.id).await?;
        Ok(page)
    }

    pub(super) async fn log_page(&self, p: &ProgrammeRow, m: &ParticipantRow, role: Role) -> AppResult<LogPage> {
        // Five reads that do not depend on each other, sent together.
        let (questions, sessions, answers, resources, facilitators) = tokio::try_join!(
            self.store.ll_questions(&p.id),
            self.store.ll_sessions_of(&p.id, &m.user_id),
            self.store.ll_answers_of(&p.id, &m.user_id),
            self.store.ll_resources(&p.id),
            self.store.ll_facilitators(&p.id),
        )?;
        let answer = |case: CaseKind, position: i64| {
            answers.iter().find(|a| a.case_kind == case.as_str() && a.position == position).map(|a| AnswerView {
                text: a.answer.clone(),
                skill: a.skill.clone(),
                skill_label: a.skill.as_deref().and_then(Skill::parse).map(|s| s.label().to_owned()),
            })
        };
        let question_views: Vec<QuestionView> = questions
            .iter()
            .map(|q| QuestionView {
                position: q.position,
                key: q.question_key.clone(),
                prompt: q.prompt.clone(),
                makes_actions: ACTION_KEYS.contains(&q.question_key.as_str()),
            })
            .collect();
        let pairs: Vec<AnswerPair> = question_views
            .iter()
            .map(|q| AnswerPair {
                question: q.clone(),
                best: answer(CaseKind::Best, q.position),
                hardest: answer(CaseKind::Hardest, q.position),
            })
            .collect();
        let agenda: Vec<String> = pairs
            .iter()
            .filter(|a| a.question.key == AGENDA_KEY)
            .flat_map(|a| [a.best.as_ref(), a.hardest.as_ref()])
            .flatten()
            .map(|a| a.text.clone())
            .collect();
        let can_plan = (sessions.len() as i64) < p.session_cap;
        Ok(LogPage {
            programme: ProgrammeSummary::now(p),
            role,
            participant_id: m.user_id.clone(),
            participant_name: m.display_name.clone(),
            facilitators: facilitators.into_iter().map(|f| f.1).collect(),
            answered: answers.len() as i64,
            answers_expected: 2 * questions.len() as i64,
            questions: question_views,
            resources: resources
                .into_iter()
                .map(|r| ResourceView {
                    from_toolkit: r.toolkit_key.is_some(),
                    title: r.title,
                    body: r.body,
                    url: r.url,
                })
                .collect(),
            sessions: sessions
                .into_iter()
                .map(|s| SessionView::of(s, m.best_session_id.as_deref(), m.hardest_session_id.as_deref()))
                .collect(),
            best_session_id: m.best_session_id.clone(),
            hardest_session_id: m.hardest_session_id.clone(),
            answers: pairs,
            shared: m.audience == "programme_facilitators",
            coach_session: m.coach_session_at.map(|at| CoachSession {
                at,
                place: m.coach_session_place.clone(),
                agenda,
            }),
            skills: vec![],
            coachees: vec![],
            my_note: None,
            can_plan,
        })
    }

    /// Who a session is with: a relationship in which the actor coaches (the coachee's account
    /// and name), or a name alone.
    async fn coachee(
        &self,
        actor: &Actor,
        input: &SessionInput,
        errors: &mut Vec<FieldError>,
    ) -> AppResult<Option<(Option<String>, Option<String>, String)>> {
        let rid = input.relationship_id.trim();
        if rid.is_empty() {
            return Ok(bounded("coachee_name", &input.coachee_name, limits::COACHEE_NAME)
                .map_err(|e| errors.push(e))
                .ok()
                .map(|name| (None, None, name)));
        }
        let mine = self.relationships(actor).await?.into_iter().find(|r| {
            r.id.as_str() == rid && r.my_side == Some(Side::Coach) && r.ended_at.is_none() && r.answered_at.is_some()
        });
        match mine {
            Some(r) => Ok(Some((Some(r.id.to_string()), Some(r.leader_id.to_string()), r.leader_name.clone()))),
            None => {
                errors.push(FieldError::new(
                    "relationship_id",
                    "must be someone you coach here, or leave it empty and give a name",
                ));
                Ok(None)
            }
        }
    }

    /// Plans a session in the actor's log. Over the cap or outside the window: a clear refusal
    /// and nothing saved.
    pub async fn plan_ll_session(&self, actor: &Actor, id: &str, input: &SessionInput) -> AppResult<String> {
        let (p, _) = self.own_log(actor, id).await?;
        let mut errors = vec![];
        let day = session_day(&input.held_on).map_err(|e| errors.push(e)).ok();
        let topic = bounded("topic", &input.topic, limits::TOPIC).map_err(|e| errors.push(e)).ok();
        let plan = grow(input, &mut errors);
        let coachee = self.coachee(actor, input, &mut errors).await?;
        let existing = self.store.ll_sessions_of(&p.id, &actor.user.id).await?.len() as i64;
        if let Some(day) = day
            && let Err(e) = check_new_session(window_of(&p), p.session_cap, existing, Millis(day))
        {
            errors.extend(e.into_iter().map(as_day));
        }
        let (Some(day), Some(topic), Some((relationship, coachee_id, name))) = (day, topic, coachee) else {
            return Err(AppError::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let sid = RecordId::new().to_string();
        let saved = self
            .store
            .create_ll_session(
                NewSession {
                    id: &sid,
                    programme_id: &p.id,
                    participant_id: &actor.user.id,
                    relationship_id: relationship.as_deref(),
                    coachee_id: coachee_id.as_deref(),
                    coachee_name: &name,
                    held_on: day,
                    topic: &topic,
                    plan: &plan,
                },
                p.session_cap,
            )
            .await?;
        if !saved {
            return Err(AppError::Conflict(format!(
                "this programme counts at most {} sessions, and your log already has them",
                p.session_cap
            )));
        }
        Ok(sid)
    }

    /// One of the actor's own sessions in this programme.
    async fn own_session(
        &self,
        actor: &Actor,
        id: &str,
        session: &str,
    ) -> AppResult<(ProgrammeRow, ParticipantRow, SessionRow)> {
        let (p, m) = self.own_log(actor, id).await?;
        let s = self.store.ll_session(session).await?.ok_or(AppError::NotFound("session"))?;
        if s.programme_id != p.id || s.participant_id != actor.user.id {
            return Err(AppError::NotFound("session"));
        }
        Ok((p, m, s))
    }

    /// Changes a session's day, topic and plan (the day stays inside the window).
    pub async fn update_ll_session(
        &self,
        actor: &Actor,
        id: &str,
        session: &str,
        input: &SessionInput,
    ) -> AppResult<()> {
        let (p, _, s) = self.own_session(actor, id, session).await?;
        let mut errors = vec![];
        let day = session_day(&input.held_on).map_err(|e| errors.push(e)).ok();
        let topic = bounded("topic", &input.topic, limits::TOPIC).map_err(|e| errors.push(e)).ok();
        let plan = grow(input, &mut errors);
        if let Some(day) = day
            && let Err(e) = check_date(window_of(&p), Millis(day))
        {
            errors.push(as_day(e));
        }
        if s.state == "held"
            && let Some(day) = day
            && let Err(e) = check_held(Millis(day), Millis(now_ms()))
        {
            errors.push(as_day(e));
        }
        let (Some(day), Some(topic)) = (day, topic) else { return Err(AppError::Invalid(errors)) };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        self.store.update_ll_session_plan(&s.id, day, &topic, &plan).await?;
        self.store.touch_ll_participant(&p.id, &actor.user.id).await?;
        Ok(())
    }

    /// Records a session as held, with its GROW notes (the four fields of `input`).
    pub async fn record_ll_session(
        &self,
        actor: &Actor,
        id: &str,
        session: &str,
        input: &SessionInput,
    ) -> AppResult<()> {
        let (p, _, s) = self.own_session(actor, id, session).await?;
        let mut errors = vec![];
        let notes = grow(input, &mut errors);
        if let Err(e) = check_held(Millis(s.held_on), Millis(now_ms())) {
            errors.push(as_day(e));
        }
        if notes.goal.is_none() && notes.reality.is_none() && notes.options.is_none() && notes.way_forward.is_none() {
            errors.push(FieldError::new("goal", "and the other GROW notes are all empty; write at least one"));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        self.store.record_ll_session(&s.id, &notes).await?;
        self.store.touch_ll_participant(&p.id, &actor.user.id).await?;
        Ok(())
    }

    /// Removes a planned or held session that is not one of the two cases, and that no case
    /// study was drawn from: the study's session is what says its coachee must consent too.
    pub async fn delete_ll_session(&self, actor: &Actor, id: &str, session: &str) -> AppResult<()> {
        let (_, _, s) = self.own_session(actor, id, session).await?;
        let studies = self.store.ll_case_studies_of(&actor.user.id).await?;
        if studies.iter().any(|c| c.session_id.as_deref() == Some(s.id.as_str())) {
            return Err(AppError::Conflict("a case study was drawn from this session, so the session stays".into()));
        }
        if !self.store.delete_ll_session(&s.id).await? {
            return Err(AppError::Conflict("this session is one of your two cases; choose another case first".into()));
        }
        Ok(())
    }

    /// Chooses the Best and the Most Challenging: two different held sessions (empty for none yet).
    pub async fn choose_ll_cases(&self, actor: &Actor, id: &str, best: &str, hardest: &str) -> AppResult<()> {
        let (p, _) = self.own_log(actor, id).await?;
        let sessions = self.store.ll_sessions_of(&p.id, &actor.user.id).await?;
        let held: Vec<&str> = sessions.iter().filter(|s| s.state == "held").map(|s| s.id.as_str()).collect();
        fn pick(s: &str) -> Option<&str> {
            Some(s.trim()).filter(|s| !s.is_empty())
        }
        let (best, hardest) = (pick(best), pick(hardest));
        check_cases(best, hardest, &held).map_err(AppError::Invalid)?;
        // Answers are about the session chosen when they were written: moving a case to another
        // session would set them beside a conversation they do not describe.
        let (_, m) = self.own_log(actor, id).await?;
        let answers = self.store.ll_answers_of(&p.id, &actor.user.id).await?;
        for (case, now, new) in [
            (CaseKind::Best, m.best_session_id.as_deref(), best),
            (CaseKind::Hardest, m.hardest_session_id.as_deref(), hardest),
        ] {
            let written = answers.iter().filter(|a| a.case_kind == case.as_str()).count();
            if now.is_some() && now != new && written > 0 {
                return Err(AppError::Conflict(format!(
                    "you have written {written} answer{} about the session you chose as \"{}\"; they would sit \
                     beside another session. Empty them in the questions below first, or keep this choice",
                    if written == 1 { "" } else { "s" },
                    case.label().to_lowercase(),
                )));
            }
        }
        self.store.set_ll_cases(&p.id, &actor.user.id, best, hardest).await?;
        Ok(())
    }

    /// Saves answers as the participant goes: every one is checked first, and a refused batch
    /// saves none. Answers need the case they are about to be chosen.
    pub async fn save_ll_answers(&self, actor: &Actor, id: &str, answers: &[AnswerInput]) -> AppResult<()> {
        let (p, m) = self.own_log(actor, id).await?;
        let positions: Vec<i64> = self.store.ll_questions(&p.id).await?.iter().map(|q| q.position).collect();
        let mut errors = vec![];
        let mut rows = vec![];
        for a in answers {
            let Some(case) = CaseKind::parse(&a.case) else {
                errors.push(FieldError::new("case", "must be best or hardest"));
                continue;
            };
            let chosen = match case {
                CaseKind::Best => m.best_session_id.is_some(),
                CaseKind::Hardest => m.hardest_session_id.is_some(),
            };
            if !chosen {
                errors.push(FieldError::new(
                    "case",
                    format!("\"{}\" has no session chosen yet; choose it before answering", case.label()),
                ));
                continue;
            }
            if !positions.contains(&a.position) {
                errors.push(FieldError::new("position", "is not a question of this programme"));
                continue;
            }
            let skill = match a.skill.trim() {
                "" => None,
                s => match Skill::parse(s) {
                    Some(k) => Some(k.as_str().to_owned()),
                    None => {
                        errors.push(FieldError::new("skill", "is not one of the skills we tag"));
                        continue;
                    }
                },
            };
            match optional_bounded("answer", &a.answer, limits::ANSWER) {
                Ok(text) => rows.push((case.as_str().to_owned(), a.position, text.unwrap_or_default(), skill)),
                Err(mut e) => {
                    e.message =
                        format!("to question {} ({}) {}", a.position + 1, case.label().to_lowercase(), e.message);
                    errors.push(e);
                }
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        self.store.save_ll_answers(&p.id, &actor.user.id, &rows).await?;
        Ok(())
    }

    /// Shares the log (the pack) with the programme's facilitators, or takes it back.
    pub async fn share_ll_log(&self, actor: &Actor, id: &str, shared: bool) -> AppResult<()> {
        let (p, _) = self.own_log(actor, id).await?;
        let audience = if shared { Audience::ProgrammeFacilitators(programme_id(&p)) } else { Audience::Private };
        self.store.set_ll_log_audience(&p.id, &actor.user.id, &audience).await?;
        Ok(())
    }

    /// Turns one answer into private journal actions: "stop, start, continue" into one action
    /// per verb, any other answer into one. Returns the new actions' ids.
    pub async fn ll_answer_to_actions(
        &self,
        actor: &Actor,
        id: &str,
        case: &str,
        position: i64,
    ) -> AppResult<Vec<String>> {
        let (p, _) = self.own_log(actor, id).await?;
        let case = CaseKind::parse(case).ok_or_else(|| AppError::field("case", "must be best or hardest"))?;
        let answers = self.store.ll_answers_of(&p.id, &actor.user.id).await?;
        let answer = answers
            .into_iter()
            .find(|a| a.case_kind == case.as_str() && a.position == position)
            .ok_or(AppError::NotFound("answer"))?;
        let mut ids = vec![];
        for text in actions_from_answer(&answer.answer) {
            let input = ActionInput { text, audience: "private".into(), ..Default::default() };
            ids.push(self.create_action(actor, &input).await?);
        }
        Ok(ids)
    }
}

pub(super) fn skill_counts(tags: impl IntoIterator<Item = Skill>) -> Vec<SkillCount> {
    recurring(tags)
        .into_iter()
        .map(|(s, count)| SkillCount { skill: s.as_str().into(), label: s.label().into(), count })
        .collect()
}
