//! Practice 4's use cases: co-coaching between two organisations.
//!
//! A facilitator creates an engagement between two organisations (existing, or created on the
//! spot) with the common area, the "thinking so far" brief and the ground rules, and two session
//! dates four to six weeks apart. They invite three or four people from each side by e-mail; each
//! joins through their link (signing up if they have no account), agreeing to the ground rules.
//! Participants write one or two challenge cards, private until the facilitator opens them at
//! session one; then the insight engine suggests teams across the two organisations and the
//! facilitator confirms, rejects, takes apart, merges or builds teams by hand. Ending session one
//! with no team cancels session two for everyone. Teams work in a shared space; at session two
//! each records an outcome; each organisation records what the work was worth to it, and the
//! facilitator drafts a fee on that value.
//!
//! Who may do what, all through `domain::privacy`:
//! - The engagement's page: its facilitator and joined participants (`can_see_programme`).
//! - A card (`Challenge`): its author while a draft or before the cards open; then everyone in
//!   the engagement (`ProgrammeMembers(engagement)`).
//! - The team space (`TeamNote`, audience the team): the team; the facilitator's comments are
//!   their own notes to the team. The facilitator sees how much each team wrote and when, not what.
//! - Value (`ValueRecord`): the side's participants and the facilitator
//!   (`ProgrammeMembers(side)`), the other organisation only once shared (`ProgrammeMembers(engagement)`).

mod brief;
mod cards;
pub mod demo;
mod engagements;
mod ics;
mod mail;
mod participants;
mod space;
mod suggest;
mod sweep;
mod teaming;
mod value;

pub use brief::render as render_brief;
pub use cards::{CardInput, CardView};
pub use engagements::{EngagementInput, EngagementLine, EngagementPage, ParticipantLine, SessionDates};
pub use participants::{InviteInput, JoinPage};
pub use space::{OutcomeInput, TeamItemInput, TeamItemView, TeamPage};
pub use suggest::{CardToTeam, LeftOut, SuggestInput, SuggestedGroup, TeamsSuggested};
pub use sweep::Swept;
pub use teaming::{SuggestedTeam, TeamView, TeamingPage, Unteamed};
pub use value::{FeeLine, ValueInput, ValuePage, ValueView};

use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::co_coaching::{Side, Stage};
use coachkit_domain::privacy::{self, Audience, RecordKind, RecordMeta, Viewer};
use coachkit_domain::time::Millis;
use coachkit_domain::{ProgrammeId, RecordId, TeamId, UserId};
use coachkit_store::co_coaching::{CardRow, EngagementRow, ParticipantRow, TeamItemRow, ValueRow};

/// The path of an invitation link; the secret follows.
pub const JOIN_PATH: &str = "/co-coaching/join/";

/// The engagement as one person may use it.
pub(crate) struct Ctx {
    pub e: EngagementRow,
    pub viewer: Viewer,
    pub facilitator: bool,
    /// The person's own participation, if they take part.
    pub me: Option<ParticipantRow>,
}

impl Ctx {
    pub fn stage(&self) -> Stage {
        Stage::parse(&self.e.stage).unwrap_or(Stage::Preparing)
    }
    pub fn programme(&self) -> ProgrammeId {
        ProgrammeId::from_trusted(self.e.id.clone())
    }
    pub fn my_side(&self) -> Option<Side> {
        self.me.as_ref().and_then(|p| Side::parse(&p.side))
    }
    pub fn org_name(&self, side: Side) -> &str {
        match side {
            Side::A => &self.e.org_a_name,
            Side::B => &self.e.org_b_name,
        }
    }
    pub fn side_programme(&self, side: Side) -> ProgrammeId {
        ProgrammeId::from_trusted(match side {
            Side::A => self.e.side_a_id.clone(),
            Side::B => self.e.side_b_id.clone(),
        })
    }
    /// Refuses anyone but the facilitator. They can see the engagement, so saying so is harmless.
    pub fn must_facilitate(&self) -> AppResult<()> {
        if self.facilitator {
            Ok(())
        } else {
            Err(AppError::Forbidden("only the engagement's facilitator can do that"))
        }
    }
}

fn not_found() -> AppError {
    AppError::NotFound("engagement")
}

/// A card as the policy sees it: its author's alone until it is submitted and the cards are open.
pub(crate) fn card_meta(ctx: &Ctx, c: &CardRow) -> RecordMeta {
    let audience = if ctx.stage().cards_open() && c.submitted_at.is_some() {
        Audience::ProgrammeMembers(ctx.programme())
    } else {
        Audience::Private
    };
    RecordMeta {
        id: RecordId::from_trusted(c.id.clone()),
        ..RecordMeta::owned(
            RecordKind::Challenge,
            UserId::from_trusted(c.author_id.clone()),
            audience,
            Millis(ctx.e.cards_opened_at.unwrap_or(c.updated_at)),
        )
    }
}

/// An item of a team's space: its author's, shown to the team.
pub(crate) fn item_meta(i: &TeamItemRow) -> RecordMeta {
    RecordMeta {
        id: RecordId::from_trusted(i.id.clone()),
        ..RecordMeta::owned(
            RecordKind::TeamNote,
            UserId::from_trusted(i.author_id.clone()),
            Audience::Team(TeamId::from_trusted(i.team_id.clone())),
            Millis(i.created_at),
        )
    }
}

/// A value record: its side's, or the whole engagement's once that side shared.
pub(crate) fn value_meta(ctx: &Ctx, v: &ValueRow) -> RecordMeta {
    let side = Side::parse(&v.side).unwrap_or(Side::A);
    let audience = if v.shared == 1 {
        Audience::ProgrammeMembers(ctx.programme())
    } else {
        Audience::ProgrammeMembers(ctx.side_programme(side))
    };
    RecordMeta {
        id: RecordId::from_trusted(v.id.clone()),
        ..RecordMeta::owned(
            RecordKind::ValueRecord,
            UserId::from_trusted(v.author_id.clone()),
            audience,
            Millis(v.shared_at),
        )
    }
}

impl App {
    /// The engagement, if this person may see it; `NotFound` otherwise (someone else's
    /// engagement is not admitted to exist).
    pub(crate) async fn engagement_ctx(&self, actor: &Actor, id: &str) -> AppResult<Ctx> {
        let id = ProgrammeId::parse(id).map_err(|_| not_found())?;
        let viewer = self.viewer(actor).await?;
        if !privacy::can_see_programme(&viewer, &id) {
            return Err(not_found());
        }
        let e = self.store.engagement(id.as_str()).await?.ok_or_else(not_found)?;
        let facilitator = privacy::can_run_programme(&viewer, &id);
        let me = self
            .store
            .participants(&e.id)
            .await?
            .into_iter()
            .find(|p| p.user_id.as_deref() == Some(actor.user.id.as_str()) && p.agreed_at.is_some());
        Ok(Ctx { e, viewer, facilitator, me })
    }
}
