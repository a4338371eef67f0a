//! Reflections: written after a session, shared by choice, tagged with themes.

use super::{audience_label, audience_value, meta};
use crate::error::{AppError, AppResult};
use crate::{Actor, App, RelationshipView};
use coachkit_domain::journal::{limits, parse_audience, parse_theme_list};
use coachkit_domain::privacy::{self, Audience, RecordKind, Viewer};
use coachkit_domain::relationship::Side;
use coachkit_domain::text::{FieldError, bounded, optional_bounded};
use coachkit_domain::{RecordId, RelationshipId};
use coachkit_store::journal::{NewReflection, ReflectionRow};
use serde::{Deserialize, Serialize};

/// What a reflection form sends.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ReflectionInput {
    #[schema(schema_with = coachkit_domain::text::schema::optional::<{ coachkit_domain::journal::limits::REFLECTION_TITLE }>)]
    pub title: String,
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::journal::limits::REFLECTION_BODY }>, required = true)]
    pub body: String,
    /// "private", "relationship:<id>", "all_my_coaches" or "public".
    #[schema(schema_with = coachkit_domain::journal::audience_schema::reflection)]
    pub audience: String,
    /// Comma-separated theme names.
    #[schema(schema_with = coachkit_domain::journal::theme_list_schema)]
    pub themes: String,
    /// The session it reflects on, if any.
    pub session_id: Option<String>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ReflectionView {
    pub id: String,
    pub author_id: String,
    pub author_name: String,
    pub title: Option<String>,
    pub body: String,
    /// Who may see it, in words ("only me", "Gareth", "public").
    pub audience: String,
    /// The audience's form value.
    pub audience_value: String,
    /// The mentor whose session it came from.
    pub mentor_name: Option<String>,
    pub session_id: Option<String>,
    pub relationship_id: Option<String>,
    pub themes: Vec<String>,
    pub theme_keys: Vec<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl ReflectionView {
    pub(crate) fn from_row(r: ReflectionRow, partners: &[RelationshipView]) -> Self {
        let audience = Audience::from_parts(&r.audience, r.audience_target.clone());
        Self {
            audience: audience_label(&audience, partners),
            audience_value: audience_value(&audience),
            id: r.id,
            author_id: r.author_id,
            author_name: r.author_name,
            title: r.title,
            body: r.body,
            mentor_name: r.mentor_name,
            session_id: r.session_id,
            relationship_id: r.relationship_id,
            themes: vec![],
            theme_keys: vec![],
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }

    /// The view of `row` if `viewer` may read it.
    pub(crate) fn visible(viewer: &Viewer, row: ReflectionRow, partners: &[RelationshipView]) -> Option<Self> {
        let record = meta(
            RecordKind::Reflection,
            &row.id,
            &row.author_id,
            &row.audience,
            row.audience_target.clone(),
            row.shared_at,
        );
        privacy::can_read(viewer, &record).allowed().then(|| Self::from_row(row, partners))
    }
}

pub(crate) fn reflection_meta(r: &ReflectionRow) -> coachkit_domain::privacy::RecordMeta {
    meta(RecordKind::Reflection, &r.id, &r.author_id, &r.audience, r.audience_target.clone(), r.shared_at)
}

struct Parsed {
    title: Option<String>,
    body: String,
    audience: Audience,
    themes: Vec<coachkit_domain::journal::ThemeName>,
}

impl App {
    fn parse_reflection(input: &ReflectionInput, mine: &[RelationshipId]) -> AppResult<Parsed> {
        let mut errors: Vec<FieldError> = vec![];
        let title = optional_bounded("title", &input.title, limits::REFLECTION_TITLE).map_err(|e| errors.push(e)).ok();
        let body = bounded("body", &input.body, limits::REFLECTION_BODY).map_err(|e| errors.push(e)).ok();
        let audience = parse_audience(&input.audience, RecordKind::Reflection, mine).map_err(|e| errors.push(e)).ok();
        let themes = parse_theme_list(&input.themes).map_err(|e| errors.push(e)).ok();
        match (title, body, audience, themes) {
            (Some(title), Some(body), Some(audience), Some(themes)) => Ok(Parsed { title, body, audience, themes }),
            _ => Err(AppError::Invalid(errors)),
        }
    }

    /// Writes a reflection, on a session of one of the actor's relationships (as leader) or alone.
    pub async fn write_reflection(&self, actor: &Actor, input: &ReflectionInput) -> AppResult<String> {
        let mentors = self.my_mentors(actor).await?;
        let mine: Vec<RelationshipId> = mentors.iter().map(|m| m.id.clone()).collect();
        let parsed = Self::parse_reflection(input, &mine)?;
        let (session_id, relationship_id) = match input.session_id.as_deref().filter(|s| !s.is_empty()) {
            Some(sid) => {
                let session = self.store.journal_session(sid).await?.ok_or(AppError::NotFound("session"))?;
                let rid = RelationshipId::from_trusted(session.relationship_id.clone());
                let (_, side) = self.active_party_of(actor, &rid).await?;
                if side != Side::Leader {
                    return Err(AppError::Forbidden("reflections are the leader's; coaches keep coach notes"));
                }
                (Some(session.id), Some(session.relationship_id))
            }
            None => (None, None),
        };
        let theme_ids = self.store.ensure_themes(&actor.user.id, &parsed.themes).await?;
        let id = RecordId::new().to_string();
        self.store
            .create_reflection(NewReflection {
                id: &id,
                author_id: &actor.user.id,
                session_id: session_id.as_deref(),
                relationship_id: relationship_id.as_deref(),
                title: parsed.title.as_deref(),
                body: &parsed.body,
                audience: &parsed.audience,
                theme_ids: &theme_ids,
            })
            .await?;
        Ok(id)
    }

    /// One reflection, if the actor may read it.
    pub async fn reflection(&self, actor: &Actor, id: &str) -> AppResult<ReflectionView> {
        let row = self.store.reflection(id).await?.ok_or(AppError::NotFound("reflection"))?;
        let viewer = self.member(actor).await?;
        Self::check_read(&viewer, &reflection_meta(&row), "reflection")?;
        let partners = self.my_mentors(actor).await?;
        let mut view = ReflectionView::from_row(row, &partners);
        self.add_themes(std::slice::from_mut(&mut view)).await?;
        Ok(view)
    }

    pub(crate) async fn add_themes(&self, views: &mut [ReflectionView]) -> AppResult<()> {
        let ids: Vec<String> = views.iter().map(|v| v.id.clone()).collect();
        let themes = self.store.themes_of_reflections(&ids).await?;
        for v in views.iter_mut() {
            for (rid, key, label) in &themes {
                if *rid == v.id {
                    v.theme_keys.push(key.clone());
                    v.themes.push(label.clone());
                }
            }
        }
        Ok(())
    }

    /// Edits a reflection (its author only); a change of audience is recorded.
    pub async fn edit_reflection(&self, actor: &Actor, id: &str, input: &ReflectionInput) -> AppResult<()> {
        let row = self.store.reflection(id).await?.ok_or(AppError::NotFound("reflection"))?;
        let viewer = self.member(actor).await?;
        Self::check_write(&viewer, &reflection_meta(&row), "reflection")?;
        let mentors = self.my_mentors(actor).await?;
        let mut mine: Vec<RelationshipId> = mentors.iter().map(|m| m.id.clone()).collect();
        let old = Audience::from_parts(&row.audience, row.audience_target.clone());
        // Keeping an audience that names an ended relationship is allowed; choosing it anew is not.
        if let Audience::Relationship(r) = &old {
            mine.push(r.clone());
        }
        let parsed = Self::parse_reflection(input, &mine)?;
        let theme_ids = self.store.ensure_themes(&actor.user.id, &parsed.themes).await?;
        self.store
            .update_reflection(&row.id, parsed.title.as_deref(), &parsed.body, &old, &parsed.audience, &theme_ids)
            .await?;
        Ok(())
    }

    pub async fn delete_reflection(&self, actor: &Actor, id: &str) -> AppResult<()> {
        let row = self.store.reflection(id).await?.ok_or(AppError::NotFound("reflection"))?;
        let viewer = self.member(actor).await?;
        Self::check_write(&viewer, &reflection_meta(&row), "reflection")?;
        self.store.delete_reflection(&row.id).await?;
        Ok(())
    }

    /// The actor's own journal, newest first, `limit` at a time before `before`.
    pub async fn journal(&self, actor: &Actor, before: Option<i64>, limit: i64) -> AppResult<Vec<ReflectionView>> {
        let partners = self.my_mentors(actor).await?;
        let mut views: Vec<ReflectionView> = self
            .store
            .reflections_by_author(&actor.user.id, before, limit.clamp(1, 200))
            .await?
            .into_iter()
            .map(|r| ReflectionView::from_row(r, &partners))
            .collect();
        self.add_themes(&mut views).await?;
        Ok(views)
    }

    /// When the audience of the actor's reflection changed: (from, to, when), in words.
    pub async fn reflection_history(&self, actor: &Actor, id: &str) -> AppResult<Vec<(String, String, i64)>> {
        let row = self.store.reflection(id).await?.ok_or(AppError::NotFound("reflection"))?;
        let viewer = self.member(actor).await?;
        Self::check_write(&viewer, &reflection_meta(&row), "reflection")?;
        let partners = self.relationships(actor).await?;
        Ok(self
            .store
            .audience_history(&row.id)
            .await?
            .into_iter()
            .map(|(fw, ft, tw, tt, at)| {
                (
                    audience_label(&Audience::from_parts(&fw, ft), &partners),
                    audience_label(&Audience::from_parts(&tw, tt), &partners),
                    at,
                )
            })
            .collect())
    }

    /// What the leader of a relationship has shared with the actor as their coach.
    pub async fn shared_with_me(&self, actor: &Actor, relationship: &RelationshipId) -> AppResult<Vec<ReflectionView>> {
        let (rel, side) = self.party_of(actor, relationship).await?;
        if side != Side::Coach {
            return Ok(vec![]);
        }
        let viewer = self.member(actor).await?;
        let mut views: Vec<ReflectionView> = self
            .store
            .reflections_for_coach(rel.leader_id.as_str(), rel.id.as_str(), 0)
            .await?
            .into_iter()
            .filter_map(|r| ReflectionView::visible(&viewer, r, &[]))
            .collect();
        self.add_themes(&mut views).await?;
        Ok(views)
    }
}
