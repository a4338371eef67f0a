//! The coach's home: for each client (or mentee) of the actor, what is new since their last held
//! session, the next session, and what the coach owes. Read in a fixed number of queries (one per
//! kind of record, `Store::coach_home`), then every record asked of the policy as the coach.

use super::{ActionView, ReflectionView, meta};
use crate::error::AppResult;
use crate::{Actor, App, RelationshipView};
use coachkit_domain::privacy::Viewer;
use coachkit_domain::privacy::{self, RecordKind};
use coachkit_domain::relationship::{RelationshipStatus, Side};
use coachkit_store::journal::ClientNewsRows;
use coachkit_store::now_ms;
use serde::Serialize;

/// A session as the coach's home lists it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
#[schema(as = CoachHomeSession)]
pub struct SessionBrief {
    pub id: String,
    pub starts_at: i64,
}

/// A finished balance wheel the client shared.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
#[schema(as = CoachHomeWheel)]
pub struct WheelBrief {
    pub id: String,
    pub template_name: String,
    pub taken_at: i64,
}

/// An open question of the client's that moved (answered, dropped, new, or a reflection on it).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
#[schema(as = CoachHomeQuestion)]
pub struct QuestionBrief {
    pub id: String,
    pub text: String,
    pub status: String,
}

/// One client on the coach's home.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ClientCard {
    pub relationship: RelationshipView,
    /// "client" or "mentee", as the relationship's kind says.
    pub leader_title: String,
    /// The last held session; "new" means since it.
    pub last_session: Option<SessionBrief>,
    pub next_session: Option<SessionBrief>,
    pub shared: Vec<ReflectionView>,
    pub actions_done: Vec<ActionView>,
    pub actions_overdue: Vec<ActionView>,
    pub wheels: Vec<WheelBrief>,
    pub questions: Vec<QuestionBrief>,
    /// Held sessions the coach has not written their note on yet, newest first.
    pub notes_to_write: Vec<SessionBrief>,
    /// The coach's own open actions in this relationship.
    pub my_actions: Vec<ActionView>,
}

impl ClientCard {
    /// Anything new from the client since the last session?
    pub fn has_news(&self) -> bool {
        !(self.shared.is_empty()
            && self.actions_done.is_empty()
            && self.actions_overdue.is_empty()
            && self.wheels.is_empty()
            && self.questions.is_empty())
    }
}

impl App {
    /// The actor's clients and mentees (active relationships where they are the coach side),
    /// each with what is new, what is next and what the coach owes, most recently active first.
    pub async fn coach_home(&self, actor: &Actor) -> AppResult<Vec<ClientCard>> {
        let relationships: Vec<RelationshipView> = self
            .relationships(actor)
            .await?
            .into_iter()
            .filter(|r| r.my_side == Some(Side::Coach) && r.status == RelationshipStatus::Active)
            .collect();
        if relationships.is_empty() {
            return Ok(vec![]);
        }
        let now = now_ms();
        let (rows, viewer) = tokio::try_join!(
            async { self.store.coach_home(&actor.user.id, now).await.map_err(crate::AppError::from) },
            self.member(actor)
        )?;
        let VisibleNews { mut shared, actions, wheels, questions } = VisibleNews::of(&viewer, rows.news);
        self.add_themes(&mut shared).await?;

        let mut cards: Vec<ClientCard> = relationships
            .into_iter()
            .map(|rel| {
                let leader = rel.leader_id.as_str().to_owned();
                let mine = |rid: &str| rid == rel.id.as_str();
                let sessions: Vec<_> = rows.sessions.iter().filter(|s| mine(&s.relationship_id)).collect();
                let brief = |s: &&coachkit_store::journal::CoachSessionRow| SessionBrief {
                    id: s.id.clone(),
                    starts_at: s.starts_at,
                };
                let held: Vec<_> = sessions.iter().filter(|s| s.status == "held").collect();
                let last_session = held.last().map(|s| brief(s));
                let next_session =
                    sessions.iter().find(|s| s.status == "planned" && s.starts_at >= now - 3_600_000).map(brief);
                let notes_to_write = held.iter().rev().filter(|s| s.noted == 0).take(5).map(|s| brief(s)).collect();
                let of_leader = |owner: &str| owner == leader;
                ClientCard {
                    leader_title: rel.kind.leader_title().to_owned(),
                    last_session,
                    next_session,
                    shared: shared.iter().filter(|r| r.author_id == leader).cloned().collect(),
                    actions_done: actions
                        .iter()
                        .filter(|(o, a)| of_leader(o) && a.status.as_str() == "done")
                        .map(|(_, a)| a.clone())
                        .collect(),
                    actions_overdue: actions
                        .iter()
                        .filter(|(o, a)| of_leader(o) && a.overdue)
                        .map(|(_, a)| a.clone())
                        .collect(),
                    wheels: wheels.iter().filter(|(o, _)| *o == leader).map(|(_, w)| w.clone()).collect(),
                    questions: questions.iter().filter(|(o, _)| *o == leader).map(|(_, q)| q.clone()).collect(),
                    notes_to_write,
                    my_actions: rows
                        .own_actions
                        .iter()
                        .filter(|a| a.relationship_id.as_deref().is_some_and(mine))
                        .cloned()
                        .map(super::actions::view_for_coach)
                        .collect(),
                    relationship: rel,
                }
            })
            .collect();
        // Clients with news first, then by their last session, most recent first.
        cards.sort_by_key(|c| (!c.has_news(), std::cmp::Reverse(c.last_session.as_ref().map(|s| s.starts_at))));
        Ok(cards)
    }
}

impl App {
    /// How many of the actor's clients and mentees shared something new since their last held
    /// session: the coach's home's count, from its news queries only (no sessions, no themes).
    pub async fn clients_with_news(&self, actor: &Actor) -> AppResult<usize> {
        let clients: Vec<String> = self
            .relationships(actor)
            .await?
            .into_iter()
            .filter(|r| r.my_side == Some(Side::Coach) && r.status == RelationshipStatus::Active)
            .map(|r| r.leader_id.as_str().to_owned())
            .collect();
        if clients.is_empty() {
            return Ok(0);
        }
        let (rows, viewer) = tokio::try_join!(
            async { self.store.client_news(&actor.user.id, now_ms()).await.map_err(crate::AppError::from) },
            self.member(actor)
        )?;
        let news = VisibleNews::of(&viewer, rows);
        Ok(clients.iter().filter(|c| news.has_news_from(c)).count())
    }
}

/// The clients' news that the coach may read, each with its client (the record's owner).
struct VisibleNews {
    shared: Vec<ReflectionView>,
    actions: Vec<(String, ActionView)>,
    wheels: Vec<(String, WheelBrief)>,
    questions: Vec<(String, QuestionBrief)>,
}

impl VisibleNews {
    /// Every candidate row asked of the policy as the coach.
    fn of(viewer: &Viewer, rows: ClientNewsRows) -> Self {
        let shared = rows.reflections.into_iter().filter_map(|r| ReflectionView::visible(viewer, r, &[])).collect();
        let actions = rows
            .actions
            .into_iter()
            .filter(|a| App::action_visible(viewer, a))
            .map(|a| (a.owner_id.clone(), super::actions::view_for_coach(a)))
            .collect();
        let wheels = rows
            .assessments
            .into_iter()
            .filter(|a| {
                let m = meta(
                    RecordKind::WheelAssessment,
                    &a.id,
                    &a.owner_id,
                    &a.audience,
                    a.audience_target.clone(),
                    a.shared_at,
                );
                privacy::can_read(viewer, &m).allowed()
            })
            .map(|a| (a.owner_id, WheelBrief { id: a.id, template_name: a.template_name, taken_at: a.taken_at }))
            .collect();
        let questions = rows
            .questions
            .into_iter()
            .filter(|q| {
                let m = meta(
                    RecordKind::OpenQuestion,
                    &q.id,
                    &q.owner_id,
                    &q.audience,
                    q.audience_target.clone(),
                    q.shared_at,
                );
                privacy::can_read(viewer, &m).allowed()
            })
            .map(|q| (q.owner_id, QuestionBrief { id: q.id, text: q.text, status: q.status }))
            .collect();
        Self { shared, actions, wheels, questions }
    }

    /// What [`ClientCard::has_news`] says of this client's card.
    fn has_news_from(&self, leader: &str) -> bool {
        self.shared.iter().any(|r| r.author_id == leader)
            || self.actions.iter().any(|(o, a)| o == leader && (a.status.as_str() == "done" || a.overdue))
            || self.wheels.iter().any(|(o, _)| o == leader)
            || self.questions.iter().any(|(o, _)| o == leader)
    }
}
