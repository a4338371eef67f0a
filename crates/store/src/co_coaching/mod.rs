//! Practice 4's storage: engagements between two organisations, their participants, challenge
//! cards, teams (and rejected pairs), each team's shared space, and each side's value records.
//! Rows come back as plain columns; the app asks the privacy policy about every row before
//! anything is shown. Every change of state is one guarded UPDATE.

mod cards;
mod engagements;
pub(crate) mod forget;
mod participants;
mod space;
mod teams;
mod values;

pub use cards::CardRow;
pub use engagements::{EngagementRow, NewEngagement, SessionChange};
pub use participants::ParticipantRow;
pub use space::{NewTeamItem, TeamItemRow};
pub use teams::{TeamOutcome, TeamRow};
pub use values::{NewValue, ValueRow};

/// What the privacy policy needs about one person's part in co-coaching.
#[derive(Clone, Debug, Default)]
pub struct Memberships {
    /// Engagements, and both their sides, the person facilitates.
    pub facilitates: Vec<String>,
    /// Engagements, and the one side, the person takes part in.
    pub programmes: Vec<String>,
    /// Teams the person's cards are in.
    pub teams: Vec<String>,
}

impl crate::Store {
    /// The person's engagements (as facilitator, or as a participant who joined) and teams, as
    /// programme and team ids for the policy.
    pub async fn co_coaching_memberships(&self, user: &str) -> crate::error::DbResult<Memberships> {
        let facilitated: Vec<(String, String, String)> =
            sqlx::query_as("SELECT id, side_a_id, side_b_id FROM cc_engagements WHERE facilitator_id = $1")
                .bind(user)
                .fetch_all(&self.pool)
                .await?;
        let joined: Vec<(String, String)> = sqlx::query_as(
            "SELECT e.id, CASE WHEN p.side = 'a' THEN e.side_a_id ELSE e.side_b_id END \
             FROM cc_participants p JOIN cc_engagements e ON e.id = p.engagement_id \
             WHERE p.user_id = $1 AND p.agreed_at IS NOT NULL",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        let teams: Vec<(String,)> = sqlx::query_as(
            "SELECT DISTINCT t.team_id FROM cc_team_cards t JOIN cc_cards c ON c.id = t.card_id WHERE c.author_id = $1",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        Ok(Memberships {
            facilitates: facilitated.into_iter().flat_map(|(e, a, b)| [e, a, b]).collect(),
            programmes: joined.into_iter().flat_map(|(e, s)| [e, s]).collect(),
            teams: teams.into_iter().map(|(t,)| t).collect(),
        })
    }
}
