//! Practice 1's use cases: sessions and notes, reflections and themes, killer questions, actions,
//! open questions, the public page, the preparation view, search and export. Every read of a
//! record goes through `privacy::can_read` with facts loaded for the actor; every write through
//! `privacy::can_write`.

mod actions;
pub(crate) mod calendar;
mod coaching;
pub mod export;
mod killer;
mod positions;
mod prep;
mod questions;
mod reflections;
mod replies;
mod search;
mod sessions;
mod themes;
pub mod time;

pub(crate) use actions::view_for_coach;
pub use actions::{ActionInput, ActionView};
pub use coaching::{ClientCard, QuestionBrief, SessionBrief, WheelBrief};
pub use killer::KillerView;
pub use positions::{PUBLISH_NOTE_MAX, PageContent, PositionView, PublicPage, PublishedPosition};
pub use prep::{Prep, PrepNote};
pub use questions::QuestionView;
pub use reflections::{ReflectionInput, ReflectionView};
pub use replies::{ReplyInput, ReplyView};
pub use search::SearchResult;
pub use sessions::{SessionInput, SessionPage, SessionView};
pub use themes::ThemePage;

use crate::error::{AppError, AppResult};
use crate::{Actor, App, RelationshipView};
use coachkit_domain::privacy::{self, Audience, Member, RecordKind, RecordMeta, Viewer};
use coachkit_domain::relationship::{RelationshipStatus, Side};
use coachkit_domain::time::Millis;
use coachkit_domain::{RecordId, RelationshipId, UserId};

/// Builds the policy's view of a stored record.
pub(crate) fn meta(
    kind: RecordKind,
    id: &str,
    owner: &str,
    audience: &str,
    target: Option<String>,
    shared_at: i64,
) -> RecordMeta {
    RecordMeta {
        id: RecordId::from_trusted(id.to_owned()),
        kind,
        owner: UserId::from_trusted(owner.to_owned()),
        audience: Audience::from_parts(audience, target),
        shared_at: Millis(shared_at),
        sealed: false,
        guest_author: None,
        frozen: false,
    }
}

/// The audience as a short phrase for pages ("only me", "Gareth", "all my coaches", "public").
pub fn audience_label(audience: &Audience, partners: &[RelationshipView]) -> String {
    match audience {
        Audience::Private => "only me".into(),
        Audience::Relationship(r) => {
            partners.iter().find(|p| &p.id == r).map(|p| p.partner_name()).unwrap_or_else(|| "one mentor".into())
        }
        Audience::AllMyCoaches => "all my coaches and mentors".into(),
        Audience::Public => "everyone (public)".into(),
        Audience::ItemReaders => "everyone who can read it".into(),
        Audience::ProgrammeFacilitators(_) => "programme facilitators".into(),
        Audience::ProgrammeMembers(_) => "programme members".into(),
        Audience::Team(_) => "team".into(),
    }
}

/// The stored value of an audience, as a form's `<select>` uses it.
pub fn audience_value(audience: &Audience) -> String {
    match audience {
        Audience::Relationship(r) => format!("relationship:{r}"),
        other => other.to_parts().0.to_owned(),
    }
}

impl App {
    /// The policy's view of the actor, with their relationships loaded.
    pub(crate) async fn member(&self, actor: &Actor) -> AppResult<Viewer> {
        self.viewer(actor).await
    }

    /// A relationship the actor is a party to, with their side; "not found" otherwise.
    pub(crate) async fn party_of(&self, actor: &Actor, id: &RelationshipId) -> AppResult<(RelationshipView, Side)> {
        let r = self.relationship(actor, id).await?;
        let side = r.my_side.ok_or(AppError::NotFound("relationship"))?;
        Ok((r, side))
    }

    /// Like `party_of`, but the relationship must be active: ended ones are read-only.
    pub(crate) async fn active_party_of(
        &self,
        actor: &Actor,
        id: &RelationshipId,
    ) -> AppResult<(RelationshipView, Side)> {
        let (r, side) = self.party_of(actor, id).await?;
        match r.status {
            RelationshipStatus::Active => Ok((r, side)),
            RelationshipStatus::Ended => {
                Err(AppError::Conflict("this relationship has ended; its history is read-only".into()))
            }
            _ => Err(AppError::Conflict("this relationship has not started yet".into())),
        }
    }

    /// The actor's coaches and mentors as a leader (active ones), for audience choices.
    pub async fn my_mentors(&self, actor: &Actor) -> AppResult<Vec<RelationshipView>> {
        Ok(self
            .relationships(actor)
            .await?
            .into_iter()
            .filter(|r| r.my_side == Some(Side::Leader) && r.status == RelationshipStatus::Active)
            .collect())
    }

    /// May the actor read this record? Answers "not found" when not, so ids cannot be probed.
    pub(crate) fn check_read(viewer: &Viewer, record: &RecordMeta, what: &'static str) -> AppResult<()> {
        if privacy::can_read(viewer, record).allowed() { Ok(()) } else { Err(AppError::NotFound(what)) }
    }

    pub(crate) fn check_write(viewer: &Viewer, record: &RecordMeta, what: &'static str) -> AppResult<()> {
        if privacy::can_write(viewer, record) {
            Ok(())
        } else if privacy::can_read(viewer, record).allowed() {
            Err(AppError::Forbidden("only its author can change this"))
        } else {
            Err(AppError::NotFound(what))
        }
    }
}

/// The member facts of a viewer, if signed in.
pub(crate) fn member_of(viewer: &Viewer) -> Option<&Member> {
    match viewer {
        Viewer::Member(m) => Some(m),
        _ => None,
    }
}
