//! The facilitator's side: the cohort view, the coach-the-coach session and their own notes.

use super::log::skill_counts;
use super::views::{CohortLine, CohortPage, InvitationView, ProgrammeSummary, QuestionView, ResourceView};
use super::{log_meta, window_of};
use crate::error::{AppError, AppResult};
use crate::journal::calendar::{Event, ics_revision};
use crate::journal::time::parse_datetime;
use crate::{Actor, App};
use coachkit_domain::UserId;
use coachkit_domain::learning_log::questions::ACTION_KEYS;
use coachkit_domain::learning_log::{Progress, ProgressFacts, Skill, limits};
use coachkit_domain::privacy::{self, Audience, RecordKind, RecordMeta};
use coachkit_domain::text::{bounded, optional_bounded};
use coachkit_domain::time::Millis;
use coachkit_store::learning_log::ParticipantRow;
use coachkit_store::{NewMail, now_ms};

impl App {
    /// The cohort view: each participant's progress in counts and dates, who has gone quiet,
    /// and the skills counted across the logs shared with the facilitators (no text at all).
    pub async fn ll_cohort(&self, actor: &Actor, id: &str) -> AppResult<CohortPage> {
        let (p, viewer) = self.run_programme(actor, id).await?;
        let window = window_of(&p);
        // Six reads that do not depend on each other, sent together rather than one after another.
        let (rows, questions, tags, facilitators, resources, invitations) = tokio::try_join!(
            self.store.ll_cohort(&p.id, (window.starts_at.0, window.ends_at().0)),
            self.store.ll_questions(&p.id),
            self.store.ll_shared_skill_tags(&p.id),
            self.store.ll_facilitators(&p.id),
            self.store.ll_resources(&p.id),
            self.store.ll_invitations(&p.id),
        )?;
        let now = Millis(now_ms());
        let shared = |user: &str, audience: &str, target: Option<String>, shared_at: i64| {
            let meta = RecordMeta::owned(
                RecordKind::LearningLogEntry,
                UserId::from_trusted(user.to_owned()),
                Audience::from_parts(audience, target),
                Millis(shared_at),
            );
            privacy::can_read(&viewer, &meta).allowed()
        };
        let participants: Vec<CohortLine> = rows
            .iter()
            .map(|r| {
                let facts = progress_facts(&r.counts);
                let progress = Progress::of(&facts, questions.len() as i64, window, now);
                // The facilitator's own participation never counts as sharing with themselves.
                let open = r.user_id != actor.user.id
                    && shared(&r.user_id, &r.audience, r.audience_target.clone(), r.shared_at);
                CohortLine::of(r, &progress, open)
            })
            .collect();
        let skills = skill_counts(
            tags.iter()
                .filter(|t| shared(&t.participant_id, &t.audience, t.audience_target.clone(), t.shared_at))
                .filter_map(|t| Skill::parse(&t.skill)),
        );
        let answered_any = participants.iter().any(|l| l.answered > 0);
        Ok(CohortPage {
            programme: ProgrammeSummary::now(&p),
            facilitators: facilitators.into_iter().map(|f| f.1).collect(),
            questions: questions
                .into_iter()
                .map(|q| QuestionView {
                    makes_actions: ACTION_KEYS.contains(&q.question_key.as_str()),
                    position: q.position,
                    key: q.question_key,
                    prompt: q.prompt,
                })
                .collect(),
            questions_editable: !answered_any,
            resources: resources
                .into_iter()
                .map(|r| ResourceView {
                    from_toolkit: r.toolkit_key.is_some(),
                    title: r.title,
                    body: r.body,
                    url: r.url,
                })
                .collect(),
            shared_logs: participants.iter().filter(|l| l.shared).count(),
            quiet: participants.iter().filter(|l| l.quiet).count(),
            participants,
            invitations: invitations
                .into_iter()
                .map(|i| InvitationView { email: i.email, created_at: i.created_at, accepted_by: i.accepted_by_name })
                .collect(),
            skills,
        })
    }

    /// A participant of a programme the actor runs.
    async fn participant_of_mine(
        &self,
        actor: &Actor,
        id: &str,
        participant: &str,
    ) -> AppResult<(coachkit_store::learning_log::ProgrammeRow, ParticipantRow)> {
        let (p, _) = self.run_programme(actor, id).await?;
        let m = self.store.ll_participant(&p.id, participant).await?.ok_or(AppError::NotFound("participant"))?;
        Ok((p, m))
    }

    /// Books or moves a participant's coach-the-coach session, and mails them its calendar file's address.
    pub async fn book_ll_coach_session(
        &self,
        actor: &Actor,
        id: &str,
        participant: &str,
        when: &str,
        place: &str,
    ) -> AppResult<()> {
        let (p, m) = self.participant_of_mine(actor, id, participant).await?;
        let mut errors = vec![];
        let at = parse_datetime("when", when)
            .map_err(|e| {
                if let AppError::Invalid(f) = e {
                    errors.extend(f)
                }
            })
            .ok();
        let place = optional_bounded("place", place, limits::PLACE).map_err(|e| errors.push(e)).ok();
        let (Some(at), Some(place)) = (at, place) else { return Err(AppError::Invalid(errors)) };
        let moved = m.coach_session_at.is_some();
        self.store.book_ll_coach_session(&p.id, &m.user_id, at, place.as_deref()).await?;
        if let Some(user) = self.store.user_by_id(&UserId::from_trusted(m.user_id.clone())).await? {
            let body = format!(
                "{who} has {what} your coach-the-coach session for \"{programme}\": {when} UTC{place}.\n\n\
                 Your log and the pack to bring: {base}/learning-log/{id}\n\
                 Add it to your calendar: {base}/learning-log/{id}/coach-session.ics\n",
                who = actor.user.display_name,
                what = if moved { "moved" } else { "booked" },
                programme = p.name,
                when = crate::journal::time::to_datetime_local(at).replace('T', " at "),
                place = place.map(|p| format!(", {p}")).unwrap_or_default(),
                base = self.config.base_url,
                id = p.id,
            );
            let subject = format!("Your coach-the-coach session, {}", p.name);
            self.store.enqueue_mail(NewMail { to: &user.email, subject: &subject, body: &body }).await?;
        }
        Ok(())
    }

    /// The coach-the-coach session as a calendar file, for the participant or a facilitator.
    /// Its sequence number grows each time the session moves, so calendars update the one event.
    pub async fn ll_coach_session_ics(&self, actor: &Actor, id: &str, participant: Option<&str>) -> AppResult<String> {
        let (p, _, role) = self.visible_programme(actor, id).await?;
        let user = match (role, participant) {
            (super::Role::Facilitator, Some(u)) => u.to_owned(),
            _ => actor.user.id.clone(),
        };
        let m = self.store.ll_participant(&p.id, &user).await?.ok_or(AppError::NotFound("participant"))?;
        let at = m.coach_session_at.ok_or(AppError::NotFound("coach-the-coach session"))?;
        let summary = format!("Coach-the-coach: {} ({})", m.display_name, p.name);
        let description = format!("{}/learning-log/{}", self.config.base_url, p.id);
        Ok(ics_revision(
            &Event {
                uid: &format!("ll-{}-{}", p.id, m.user_id),
                starts_at_ms: at,
                duration_minutes: 60,
                summary: &summary,
                description: &description,
                stamp_ms: now_ms(),
                zone: &actor.user.zone(),
            },
            m.coach_session_seq,
            false,
        ))
    }

    /// Saves the facilitator's own note on a participant's log: theirs alone, beside the pack
    /// the participant shared.
    pub async fn save_ll_coach_note(&self, actor: &Actor, id: &str, participant: &str, body: &str) -> AppResult<()> {
        let (p, m) = self.participant_of_mine(actor, id, participant).await?;
        let body = bounded("note", body, limits::NOTE).map_err(|e| AppError::Invalid(vec![e]))?;
        // A note is kept only beside a pack the facilitator may read.
        let viewer = self.viewer(actor).await?;
        if !privacy::can_read(&viewer, &log_meta(&m)).allowed() {
            return Err(AppError::NotFound("log"));
        }
        self.store.set_ll_coach_note(&p.id, &m.user_id, &actor.user.id, &body).await?;
        Ok(())
    }
}

/// A log's counts as the domain's progress rules read them (the cohort view and programme health).
pub(crate) fn progress_facts(c: &coachkit_store::learning_log::LogCounts) -> ProgressFacts {
    ProgressFacts {
        planned: c.planned,
        held: c.held,
        held_in_window: c.held_in_window,
        best_chosen: c.has_best == 1,
        hardest_chosen: c.has_hardest == 1,
        answered: c.answered,
        coach_session_at: c.coach_session_at.map(Millis),
        last_active_at: Millis(c.last_active_at),
    }
}
