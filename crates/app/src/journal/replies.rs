//! Replies: a thread on a reflection shared with a coach or mentor. The reply's author chooses
//! which part of the reflection's readers sees it (one person across a relationship, or everyone
//! who may read the reflection); the policy (`privacy::can_read_reply`) decides every read, and
//! each reader is told through the outbox.

use super::reflections::reflection_meta;
use super::{audience_value, meta};
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::journal::{AudienceChoice, limits};
use coachkit_domain::privacy::{self, Audience, RecordKind, RecordMeta, Viewer};
use coachkit_domain::relationship::{RelationshipStatus, Side};
use coachkit_domain::text::{FieldError, bounded};
use coachkit_domain::{RecordId, RelationshipId, UserId};
use coachkit_store::journal::{ReflectionRow, ReplyRow};
use serde::{Deserialize, Serialize};

/// The item kind replies hang on today.
const REFLECTION: &str = "reflection";

/// What a reply form sends.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
#[schema(as = JournalReplyInput)]
pub struct ReplyInput {
    #[schema(schema_with = coachkit_domain::text::schema::required::<{ coachkit_domain::journal::limits::REPLY }>, required = true)]
    pub body: String,
    /// "relationship:<id>" (one person) or "item_readers" (everyone who may read the item);
    /// empty means the narrowest choice offered.
    #[schema(schema_with = coachkit_domain::journal::audience_schema::reply)]
    pub audience: String,
}

/// A reply as its reader sees it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
#[schema(as = JournalReply)]
pub struct ReplyView {
    pub id: String,
    pub author_id: String,
    pub author_name: String,
    pub body: String,
    /// Who sees it, in words ("only Priya Nandakumar", "everyone who can read it").
    pub audience: String,
    pub created_at: i64,
}

fn reply_meta(r: &ReplyRow) -> RecordMeta {
    meta(RecordKind::Reply, &r.id, &r.author_id, &r.audience, r.audience_target.clone(), r.shared_at)
}

/// The people on the other side of each of the actor's active relationships with the
/// reflection's author (or, for the author, with each coach): (relationship, that person, name).
struct Circle {
    partners: Vec<(RelationshipId, UserId, String)>,
}

impl App {
    /// The reflection, if the actor may read it, with the actor's policy facts.
    async fn readable_reflection(&self, actor: &Actor, id: &str) -> AppResult<(ReflectionRow, Viewer)> {
        let row = self.store.reflection(id).await?.ok_or(AppError::NotFound("reflection"))?;
        let viewer = self.member(actor).await?;
        Self::check_read(&viewer, &reflection_meta(&row), "reflection")?;
        Ok((row, viewer))
    }

    /// Who the actor can address in a thread on `row`: the author addresses each active coach or
    /// mentor who may read it, a coach or mentor addresses the author.
    async fn circle(&self, actor: &Actor, row: &ReflectionRow) -> AppResult<Circle> {
        let item = reflection_meta(row);
        let mut partners = vec![];
        for r in self.relationships(actor).await? {
            if r.status != RelationshipStatus::Active {
                continue;
            }
            let coaching_the_author = r.my_side == Some(Side::Coach) && r.leader_id.as_str() == row.author_id;
            if coaching_the_author {
                partners.push((r.id.clone(), r.leader_id.clone(), r.leader_name.clone()));
            } else if r.my_side == Some(Side::Leader)
                && actor.user.id == row.author_id
                && let Some(coach) = r.coach_id.clone()
                && self.may_read_as(&coach, &item).await?
            {
                partners.push((r.id.clone(), coach, r.partner_name()));
            }
        }
        Ok(Circle { partners })
    }

    /// Would `user` be allowed to read `item`? (Loads their policy facts.)
    async fn may_read_as(&self, user: &UserId, item: &RecordMeta) -> AppResult<bool> {
        let Some(u) = self.store.user_by_id(user).await? else { return Ok(false) };
        let viewer = Viewer::Member(self.store.member_facts(&u).await?);
        Ok(privacy::can_read(&viewer, item).allowed())
    }

    /// The audiences the actor may give a reply on this reflection, narrowest first. Empty when
    /// the actor reads it without being its author or one of the author's coaches (a public
    /// reflection read by someone else): they may read, not reply.
    pub async fn reply_choices(&self, actor: &Actor, reflection_id: &str) -> AppResult<Vec<AudienceChoice>> {
        let (row, _) = self.readable_reflection(actor, reflection_id).await?;
        let circle = self.circle(actor, &row).await?;
        let mut choices: Vec<AudienceChoice> = circle
            .partners
            .iter()
            .map(|(r, _, name)| AudienceChoice { value: format!("relationship:{r}"), label: format!("Only {name}") })
            .collect();
        if !choices.is_empty() {
            choices.push(AudienceChoice {
                value: audience_value(&Audience::ItemReaders),
                label: "Everyone this reflection is shared with".into(),
            });
        }
        Ok(choices)
    }

    /// The thread on a reflection: the replies the actor may read, oldest first.
    pub async fn reflection_replies(&self, actor: &Actor, reflection_id: &str) -> AppResult<Vec<ReplyView>> {
        let (row, viewer) = self.readable_reflection(actor, reflection_id).await?;
        let item = reflection_meta(&row);
        let partners = self.relationships(actor).await?;
        Ok(self
            .store
            .replies_on(REFLECTION, &row.id)
            .await?
            .into_iter()
            .filter(|r| privacy::can_read_reply(&viewer, &reply_meta(r), &item).allowed())
            .map(|r| {
                let audience = match Audience::from_parts(&r.audience, r.audience_target.clone()) {
                    Audience::Relationship(rel) => {
                        let named = partners.iter().find(|p| p.id == rel);
                        // The one person on the other side of the author's relationship.
                        let name = named.map(|p| {
                            if p.leader_id.as_str() == r.author_id {
                                p.partner_name_for_coach_slot()
                            } else {
                                p.leader_name.clone()
                            }
                        });
                        format!("only {}", name.unwrap_or_else(|| "one person".into()))
                    }
                    Audience::ItemReaders => "everyone this reflection is shared with".into(),
                    _ => "only its author".into(),
                };
                ReplyView {
                    id: r.id,
                    author_id: r.author_id,
                    author_name: r.author_name,
                    body: r.body,
                    audience,
                    created_at: r.created_at,
                }
            })
            .collect())
    }

    /// Replies to a reflection; tells each reader it reaches through the outbox.
    pub async fn reply_to_reflection(
        &self,
        actor: &Actor,
        reflection_id: &str,
        input: &ReplyInput,
    ) -> AppResult<String> {
        let (row, _) = self.readable_reflection(actor, reflection_id).await?;
        let choices = self.reply_choices(actor, &row.id).await?;
        if choices.is_empty() {
            return Err(AppError::Forbidden(
                "only the author and their coaches and mentors (in an active relationship) reply here",
            ));
        }
        let mut errors = vec![];
        let body = bounded("body", &input.body, limits::REPLY).map_err(|e| errors.push(e)).ok();
        let raw = input.audience.trim();
        let chosen = if raw.is_empty() { choices.first() } else { choices.iter().find(|c| c.value == raw) };
        if chosen.is_none() {
            // A relationship that is not among this reply's readers is "not there" for this
            // person (404 in the API), as a path id would be; anything else is a wrong value.
            let well_formed = raw == "item_readers"
                || raw.strip_prefix("relationship:").is_some_and(|r| RelationshipId::parse(r).is_ok());
            let refusal = if well_formed { FieldError::not_found } else { FieldError::new };
            errors.push(refusal("audience", "is not one of the choices"));
        }
        let (Some(body), Some(choice)) = (body, chosen) else { return Err(AppError::Invalid(errors)) };
        let audience = match choice.value.strip_prefix("relationship:") {
            Some(r) => Audience::Relationship(RelationshipId::from_trusted(r.to_owned())),
            None => Audience::ItemReaders,
        };
        let id = RecordId::new().to_string();
        let at = self.store.create_reply(&id, REFLECTION, &row.id, &actor.user.id, &body, &audience).await?;
        let reply = RecordMeta::owned(
            RecordKind::Reply,
            UserId::from_trusted(actor.user.id.clone()),
            audience,
            coachkit_domain::time::Millis(at),
        );
        self.tell_reply_readers(actor, &row, &id, &reply).await?;
        Ok(id)
    }

    /// A reply notice (a nudge, so each person's choice, digest and quiet hours apply) for each
    /// person the new reply reaches (never its author). It names who replied and links to the
    /// thread; the reply's words stay behind sign-in, never in a nudge or the outbox.
    async fn tell_reply_readers(
        &self,
        actor: &Actor,
        row: &ReflectionRow,
        reply_id: &str,
        reply: &RecordMeta,
    ) -> AppResult<()> {
        let item = reflection_meta(row);
        // Everyone a thread can reach: the author and the coaches and mentors of the author.
        let mut people = vec![UserId::from_trusted(row.author_id.clone())];
        for r in self.store.relationships_of(&UserId::from_trusted(row.author_id.clone())).await? {
            if r.leader_id == row.author_id
                && let Some(c) = r.coach_id
            {
                people.push(UserId::from_trusted(c));
            }
        }
        people.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        people.dedup();
        let title = row.title.clone().unwrap_or_else(|| "a reflection".into());
        for person in people.into_iter().filter(|p| p.as_str() != actor.user.id) {
            let Some(u) = self.store.user_by_id(&person).await? else { continue };
            let viewer = Viewer::Member(self.store.member_facts(&u).await?);
            if !privacy::can_read_reply(&viewer, reply, &item).allowed() {
                continue;
            }
            let line = format!(
                "{} replied on “{}” by {}. Read the reply, and answer it if you like.",
                actor.user.display_name, title, row.author_name
            );
            let link = format!("/journal/reflections/{}#replies", row.id);
            self.notice_reply(&u.id, reply_id, reply.shared_at.0, line, link).await?;
        }
        Ok(())
    }
}
