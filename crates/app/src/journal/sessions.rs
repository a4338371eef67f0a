//! Sessions of a relationship: plan, hold, note, plan the next, put in a calendar.

use super::calendar::{Event, ics};
use super::time::parse_datetime;
use super::{KillerView, ReflectionView, meta};
use crate::error::{AppError, AppResult};
use crate::{Actor, App, RelationshipView};
use coachkit_domain::journal::{Grow, SessionStatus, limits, parse_theme_list};
use coachkit_domain::privacy::{Audience, RecordKind};
use coachkit_domain::relationship::{RelationshipStatus, Side};
use coachkit_domain::text::{FieldError, optional_bounded};
use coachkit_domain::{RecordId, RelationshipId};
use coachkit_store::journal::{NewSession, SessionRow};
use serde::{Deserialize, Serialize};

/// What a session form sends.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SessionInput {
    /// "2026-12-01T14:30", UTC.
    #[schema(schema_with = coachkit_domain::text::schema::datetime_local, required = true)]
    pub starts_at: String,
    #[schema(minimum = 5, maximum = 600)]
    pub duration_minutes: Option<i64>,
    /// "planned" or "held".
    #[schema(value_type = coachkit_domain::journal::SessionStatus)]
    pub status: String,
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ coachkit_domain::journal::limits::AGENDA }>)]
    pub agenda: String,
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ coachkit_domain::journal::limits::GROW_FIELD }>)]
    pub goal: String,
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ coachkit_domain::journal::limits::GROW_FIELD }>)]
    pub reality: String,
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ coachkit_domain::journal::limits::GROW_FIELD }>)]
    pub options: String,
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ coachkit_domain::journal::limits::GROW_FIELD }>)]
    pub way_forward: String,
    /// Comma-separated theme names (the leader's own themes).
    #[schema(schema_with = coachkit_domain::journal::theme_list_schema)]
    pub themes: String,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SessionView {
    pub id: String,
    pub relationship_id: String,
    pub starts_at: i64,
    pub duration_minutes: i64,
    pub status: SessionStatus,
    pub agenda: Option<String>,
    pub grow: Grow,
}

impl SessionView {
    fn from_row(r: SessionRow) -> Self {
        Self {
            status: SessionStatus::parse(&r.status).unwrap_or(SessionStatus::Planned),
            grow: Grow { goal: r.goal, reality: r.reality, options: r.options, way_forward: r.way_forward },
            id: r.id,
            relationship_id: r.relationship_id,
            starts_at: r.starts_at,
            duration_minutes: r.duration_minutes,
            agenda: r.agenda,
        }
    }
}

/// Everything one person may see of one session.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SessionPage {
    pub session: SessionView,
    pub relationship: RelationshipView,
    /// The viewer's own private detail of the conversation (never anyone else's).
    pub my_detail: Option<String>,
    /// The coach's own note, when the viewer is the coach, and whether it is shared with the client.
    pub my_coach_note: Option<String>,
    pub my_coach_note_shared: bool,
    /// Coach notes shared with the viewer (the leader).
    pub shared_notes: Vec<String>,
    pub reflections: Vec<ReflectionView>,
    pub killer_questions: Vec<KillerView>,
    /// The session's themes (the leader's vocabulary; shown to the leader only).
    pub themes: Vec<String>,
    pub read_only: bool,
}

fn parse_input(input: &SessionInput) -> Result<(i64, i64, SessionStatus, Option<String>, Grow), AppError> {
    let mut errors: Vec<FieldError> = vec![];
    let starts = parse_datetime("starts_at", &input.starts_at).map_err(|e| collect(&mut errors, e)).ok();
    let duration = input.duration_minutes.unwrap_or(60);
    if !(5..=600).contains(&duration) {
        errors.push(FieldError::new("duration_minutes", "must be between 5 and 600 minutes"));
    }
    let status = match input.status.as_str() {
        "" => Some(SessionStatus::Planned),
        s => SessionStatus::parse(s).or_else(|| {
            errors.push(FieldError::new("status", "must be planned or held"));
            None
        }),
    };
    let agenda = optional_bounded("agenda", &input.agenda, limits::AGENDA).map_err(|e| errors.push(e)).ok();
    let grow =
        Grow::parse(&input.goal, &input.reality, &input.options, &input.way_forward).map_err(|e| errors.extend(e)).ok();
    if let Err(e) = parse_theme_list(&input.themes) {
        errors.push(e);
    }
    match (starts, status, agenda, grow) {
        (Some(s), Some(st), Some(a), Some(g)) if errors.is_empty() => Ok((s, duration, st, a, g)),
        _ => Err(AppError::Invalid(errors)),
    }
}

fn collect(errors: &mut Vec<FieldError>, e: AppError) {
    if let AppError::Invalid(f) = e {
        errors.extend(f);
    }
}

impl App {
    /// Plans (or logs) a session in an active relationship; either party may.
    pub async fn plan_session(
        &self,
        actor: &Actor,
        relationship: &RelationshipId,
        input: &SessionInput,
    ) -> AppResult<String> {
        let (rel, side) = self.active_party_of(actor, relationship).await?;
        let (starts_at, duration, status, agenda, grow) = parse_input(input)?;
        let id = RecordId::new().to_string();
        self.store
            .create_journal_session(
                NewSession {
                    id: &id,
                    relationship_id: rel.id.as_str(),
                    created_by: actor.user.id.as_str(),
                    starts_at,
                    duration_minutes: duration,
                    status: status.as_str(),
                    agenda: agenda.as_deref(),
                    grow: &grow,
                },
                rel.leader_id.as_str(),
            )
            .await?;
        if side == Side::Leader {
            self.set_session_themes(actor, &id, &input.themes).await?;
        }
        Ok(id)
    }

    async fn set_session_themes(&self, actor: &Actor, session: &str, raw: &str) -> AppResult<()> {
        let names = parse_theme_list(raw)?;
        let ids = self.store.ensure_themes(&actor.user.id, &names).await?;
        self.store.set_session_themes(session, &ids).await?;
        Ok(())
    }

    /// A session and the relationship it belongs to, if the actor is a party to it.
    async fn session_of_party(&self, actor: &Actor, id: &str) -> AppResult<(SessionRow, RelationshipView, Side)> {
        let row = self.store.journal_session(id).await?.ok_or(AppError::NotFound("session"))?;
        let viewer = self.member(actor).await?;
        let record =
            meta(RecordKind::Session, &row.id, "", "relationship", Some(row.relationship_id.clone()), row.created_at);
        let (rel, side) = self
            .party_of(actor, &RelationshipId::from_trusted(row.relationship_id.clone()))
            .await
            .map_err(|e| if matches!(e, AppError::NotFound(_)) { AppError::NotFound("session") } else { e })?;
        // The session's owner is the relationship's leader; the policy then decides for the coach.
        let record = coachkit_domain::privacy::RecordMeta { owner: rel.leader_id.clone(), ..record };
        Self::check_read(&viewer, &record, "session")?;
        Ok((row, rel, side))
    }

    /// Updates a session (either party, while the relationship is active).
    pub async fn update_session(&self, actor: &Actor, id: &str, input: &SessionInput) -> AppResult<()> {
        let (row, rel, side) = self.session_of_party(actor, id).await?;
        if rel.status != RelationshipStatus::Active {
            return Err(AppError::Conflict("this relationship has ended; its sessions are read-only".into()));
        }
        let (starts_at, _, status, agenda, grow) = parse_input(input)?;
        self.store
            .update_journal_session(
                &row.id,
                rel.leader_id.as_str(),
                starts_at,
                status.as_str(),
                agenda.as_deref(),
                &grow,
            )
            .await?;
        if side == Side::Leader {
            self.set_session_themes(actor, &row.id, &input.themes).await?;
        }
        Ok(())
    }

    /// Plans the next session four weeks after this one, at the same time, with the way forward
    /// of this one as its starting agenda.
    pub async fn plan_next_session(&self, actor: &Actor, id: &str) -> AppResult<String> {
        let (row, rel, _) = self.session_of_party(actor, id).await?;
        let next = SessionInput {
            starts_at: super::time::to_datetime_local(row.starts_at + 28 * 86_400_000),
            duration_minutes: Some(row.duration_minutes),
            status: "planned".into(),
            agenda: row.way_forward.map(|w| format!("Follow up on: {w}")).unwrap_or_default(),
            ..SessionInput::default()
        };
        self.plan_session(actor, &rel.id, &next).await
    }

    /// A relationship's sessions, newest first (for either party).
    pub async fn sessions(&self, actor: &Actor, relationship: &RelationshipId) -> AppResult<Vec<SessionView>> {
        let (rel, _) = self.party_of(actor, relationship).await?;
        Ok(self.store.journal_sessions_of(rel.id.as_str(), 200).await?.into_iter().map(SessionView::from_row).collect())
    }

    /// The session page for the actor: only what the policy lets them see.
    pub async fn session_page(&self, actor: &Actor, id: &str) -> AppResult<SessionPage> {
        let (row, rel, side) = self.session_of_party(actor, id).await?;
        let viewer = self.member(actor).await?;
        let mine = self.store.notes_by(&row.id, &actor.user.id).await?;
        let detail = mine.iter().find(|n| n.kind == "detail").map(|n| n.body.clone());
        let coach_note = mine.iter().find(|n| n.kind == "coach_note");
        let mut shared_notes = vec![];
        for n in self.store.notes_shared_on(&row.id, &actor.user.id).await? {
            let kind = if n.kind == "detail" { RecordKind::SessionDetail } else { RecordKind::CoachNote };
            let record = meta(kind, &n.id, &n.author_id, &n.audience, n.audience_target.clone(), n.shared_at);
            if coachkit_domain::privacy::can_read(&viewer, &record).allowed() {
                shared_notes.push(n.body);
            }
        }
        let partners = self.my_mentors(actor).await?;
        let reflections = self
            .store
            .reflections_of_session(&row.id)
            .await?
            .into_iter()
            .filter_map(|r| ReflectionView::visible(&viewer, r, &partners))
            .collect();
        let killer_questions = self
            .store
            .killer_questions_of_session(&row.id)
            .await?
            .into_iter()
            .filter_map(|k| KillerView::visible(&viewer, k))
            .collect();
        let themes = if side == Side::Leader {
            self.store.themes_of_session(&row.id).await?.into_iter().map(|(_, label)| label).collect()
        } else {
            vec![]
        };
        Ok(SessionPage {
            my_coach_note_shared: coach_note.map(|n| n.audience == "relationship").unwrap_or(false),
            my_coach_note: coach_note.map(|n| n.body.clone()),
            read_only: rel.status != RelationshipStatus::Active,
            session: SessionView::from_row(row),
            relationship: rel,
            my_detail: detail,
            shared_notes,
            reflections,
            killer_questions,
            themes,
        })
    }

    /// Writes the actor's private detail of the conversation (author only, always).
    pub async fn write_session_detail(&self, actor: &Actor, id: &str, body: &str) -> AppResult<()> {
        let (row, rel, _) = self.session_of_party(actor, id).await?;
        if rel.status != RelationshipStatus::Active {
            return Err(AppError::Conflict("this relationship has ended; its sessions are read-only".into()));
        }
        let body = optional_bounded("detail", body, limits::DETAIL)?.unwrap_or_default();
        self.store
            .upsert_note(
                &RecordId::new().to_string(),
                &row.id,
                rel.id.as_str(),
                &actor.user.id,
                "detail",
                &body,
                &Audience::Private,
            )
            .await?;
        Ok(())
    }

    /// Writes the coach's own note on a session; `share` shows it to that client.
    pub async fn write_coach_note(&self, actor: &Actor, id: &str, body: &str, share: bool) -> AppResult<()> {
        let (row, rel, side) = self.session_of_party(actor, id).await?;
        if side != Side::Coach {
            return Err(AppError::Forbidden("coach notes are for the coach or mentor in the session"));
        }
        if rel.status != RelationshipStatus::Active {
            return Err(AppError::Conflict("this relationship has ended; its sessions are read-only".into()));
        }
        let body = optional_bounded("note", body, limits::DETAIL)?.unwrap_or_default();
        let audience = if share { Audience::Relationship(rel.id.clone()) } else { Audience::Private };
        self.store
            .upsert_note(
                &RecordId::new().to_string(),
                &row.id,
                rel.id.as_str(),
                &actor.user.id,
                "coach_note",
                &body,
                &audience,
            )
            .await?;
        Ok(())
    }

    /// The session as a calendar file: (file name, contents).
    pub async fn session_calendar(&self, actor: &Actor, id: &str) -> AppResult<(String, String)> {
        let (row, rel, _) = self.session_of_party(actor, id).await?;
        let summary = format!(
            "{} session: {} and {}",
            if rel.kind.as_str() == "coaching" { "Coaching" } else { "Mentoring" },
            rel.leader_name,
            rel.partner_name_for_coach_slot()
        );
        let description = row.agenda.clone().unwrap_or_default();
        let text = ics(&Event {
            uid: &row.id,
            starts_at_ms: row.starts_at,
            duration_minutes: row.duration_minutes,
            summary: &summary,
            description: &description,
            stamp_ms: row.updated_at,
            zone: &actor.user.zone(),
        });
        Ok((format!("session-{}.ics", super::time::to_date(row.starts_at)), text))
    }
}
