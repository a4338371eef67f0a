//! Preparing the next session: what the leader shared since the last one, open actions and
//! questions, the last killer question, themes touched. Always computed as the coach or mentor
//! would see it, so the leader previews exactly what will be sent.

use super::{ActionView, KillerView, ReflectionView, meta};
use crate::error::{AppError, AppResult};
use crate::{Actor, App, RelationshipView};
use coachkit_domain::journal::SessionStatus;
use coachkit_domain::privacy::{self, RecordKind, Viewer};
use coachkit_domain::relationship::Side;
use coachkit_domain::{RelationshipId, UserId};
use coachkit_store::NewMail;
use serde::Serialize;

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Prep {
    pub relationship: RelationshipView,
    /// The last held session's time; everything "since" is measured from it.
    pub since: Option<i64>,
    pub shared: Vec<ReflectionView>,
    pub open_actions: Vec<ActionView>,
    pub open_questions: Vec<String>,
    pub last_killer_question: Option<KillerView>,
    pub themes: Vec<String>,
    /// Only in the coach's own view (empty when the leader previews): the coach's notes on this
    /// relationship's sessions, newest first, and every killer question of the leader's that
    /// this coach asked.
    pub my_notes: Vec<PrepNote>,
    pub asked_before: Vec<KillerView>,
}

/// One of the coach's own notes, beside the session it is about.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PrepNote {
    pub session_id: String,
    pub starts_at: i64,
    pub body: String,
}

impl App {
    /// The preparation view of a relationship, as its coach or mentor sees it.
    pub async fn prep(&self, actor: &Actor, relationship: &RelationshipId) -> AppResult<Prep> {
        let (rel, side) = self.party_of(actor, relationship).await?;
        let coach_id = rel.coach_id.clone().ok_or(AppError::NotFound("relationship"))?;
        let coach = self.store.user_by_id(&coach_id).await?.ok_or(AppError::NotFound("relationship"))?;
        let coach_view = Viewer::Member(self.store.member_facts(&coach).await?);
        let leader = rel.leader_id.as_str();

        let since = self
            .store
            .journal_sessions_of(rel.id.as_str(), 200)
            .await?
            .into_iter()
            .find(|s| SessionStatus::parse(&s.status) == Some(SessionStatus::Held))
            .map(|s| s.starts_at);
        let mut shared: Vec<ReflectionView> = self
            .store
            .reflections_for_coach(leader, rel.id.as_str(), since.unwrap_or(0))
            .await?
            .into_iter()
            .filter_map(|r| ReflectionView::visible(&coach_view, r, &[]))
            .collect();
        self.add_themes(&mut shared).await?;
        let mut themes: Vec<String> = shared.iter().flat_map(|r| r.themes.clone()).collect();
        themes.sort();
        themes.dedup();

        let open_actions = self
            .store
            .open_actions_of(leader, 100)
            .await?
            .into_iter()
            .filter(|a| Self::action_visible(&coach_view, a))
            .map(super::actions::view_for_coach)
            .collect();
        let open_questions = self
            .store
            .questions_of(leader)
            .await?
            .into_iter()
            .filter(|q| q.status == "open")
            .filter(|q| {
                let record = meta(
                    RecordKind::OpenQuestion,
                    &q.id,
                    &q.owner_id,
                    &q.audience,
                    q.audience_target.clone(),
                    q.shared_at,
                );
                privacy::can_read(&coach_view, &record).allowed()
            })
            .map(|q| q.text)
            .collect();
        let last_killer_question =
            self.store.last_killer_question(rel.id.as_str()).await?.and_then(|k| KillerView::visible(&coach_view, k));
        // The coach's own additions: their notes are theirs (never in the leader's preview), and
        // the questions they asked are read through the policy like any killer question.
        let (my_notes, asked_before) = if side == Side::Coach {
            let notes = self
                .store
                .coach_notes_of_relationship(rel.id.as_str(), &actor.user.id)
                .await?
                .into_iter()
                .map(|(session_id, starts_at, body)| PrepNote { session_id, starts_at, body })
                .collect();
            let asked = self
                .store
                .killer_questions_of(leader)
                .await?
                .into_iter()
                .filter(|k| k.asked_by.as_deref() == Some(actor.user.id.as_str()))
                .filter_map(|k| KillerView::visible(&coach_view, k))
                .collect();
            (notes, asked)
        } else {
            (vec![], vec![])
        };
        Ok(Prep {
            relationship: rel,
            since,
            shared,
            open_actions,
            open_questions,
            last_killer_question,
            themes,
            my_notes,
            asked_before,
        })
    }

    /// Mails the preparation view to the coach or mentor (the leader sends it).
    pub async fn send_prep(&self, actor: &Actor, relationship: &RelationshipId) -> AppResult<()> {
        let (rel, side) = self.active_party_of(actor, relationship).await?;
        if side != Side::Leader {
            return Err(AppError::Forbidden("the leader sends the preparation to their coach or mentor"));
        }
        let prep = self.prep(actor, &rel.id).await?;
        let coach = self
            .store
            .user_by_id(&rel.coach_id.clone().unwrap_or_else(UserId::new))
            .await?
            .ok_or(AppError::NotFound("relationship"))?;
        let mut body =
            format!("Hello {},\n\n{} has prepared your next session.\n", coach.display_name, rel.leader_name);
        let section = |title: &str, items: Vec<String>| {
            if items.is_empty() {
                String::new()
            } else {
                format!("\n{title}\n{}\n", items.iter().map(|i| format!("- {i}")).collect::<Vec<_>>().join("\n"))
            }
        };
        body.push_str(&section(
            "Shared with you since the last session:",
            prep.shared.iter().map(|r| r.title.clone().unwrap_or_else(|| first_line(&r.body))).collect(),
        ));
        body.push_str(&section("Open actions:", prep.open_actions.iter().map(|a| a.text.clone()).collect()));
        body.push_str(&section("Questions they are working on:", prep.open_questions.clone()));
        if let Some(k) = &prep.last_killer_question {
            body.push_str(&format!("\nThe last question that made them stop and think:\n\"{}\"\n", k.text));
        }
        body.push_str(&section("Themes touched:", prep.themes.clone()));
        body.push_str(&format!("\nThe full view: {}/relationships/{}/prep\n", self.config.base_url, rel.id));
        let subject = format!("{} prepared your next session", rel.leader_name);
        self.store.enqueue_mail(NewMail { to: &coach.email, subject: &subject, body: &body }).await?;
        Ok(())
    }
}

fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or_default();
    if line.chars().count() > 80 {
        format!("{}…", line.chars().take(80).collect::<String>())
    } else {
        line.to_owned()
    }
}
