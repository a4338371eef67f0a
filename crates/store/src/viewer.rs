//! Loading the facts the privacy policy needs about a signed-in person.

use crate::error::DbResult;
use crate::{Store, users::UserRow};
use coachkit_domain::privacy::{Member, Tie};
use coachkit_domain::relationship::Side;
use coachkit_domain::time::Millis;
use coachkit_domain::{ProgrammeId, RelationshipId, TeamId, UserId};

impl Store {
    /// The person as the policy sees them: their accepted relationships (active or ended) from
    /// their side, and the learning-log programmes they facilitate or take part in. Co-coaching
    /// engagements and teams join here as that practice lands.
    pub async fn member_facts(&self, user: &UserRow) -> DbResult<Member> {
        // Three queries side by side, each on its own connection.
        let ties = async {
            sqlx::query_as::<_, (String, String, Option<String>, Option<i64>)>(
                "SELECT id, leader_id, coach_id, ended_at FROM relationships \
                 WHERE (leader_id = $1 OR coach_id = $1) AND answered_at IS NOT NULL AND status IN ('active', 'ended')",
            )
            .bind(&user.id)
            .fetch_all(&self.pool)
            .await
            .map_err(crate::error::DbError::from)
        };
        let (rows, (facilitates, programmes), cc) =
            tokio::try_join!(ties, self.ll_memberships(&user.id), self.co_coaching_memberships(&user.id))?;
        let ties = rows
            .into_iter()
            .filter_map(|(id, leader, coach, ended_at)| {
                let coach = coach?;
                let (partner, my_side) = if leader == user.id { (coach, Side::Leader) } else { (leader, Side::Coach) };
                Some(Tie {
                    relationship: RelationshipId::from_trusted(id),
                    partner: UserId::from_trusted(partner),
                    my_side,
                    ended_at: ended_at.map(Millis),
                })
            })
            .collect();
        let mut member = Member { ties, instance_admin: user.is_admin(), ..Member::alone(user.user_id()) };
        member.facilitates.extend(facilitates.into_iter().chain(cc.facilitates).map(ProgrammeId::from_trusted));
        member.programmes.extend(programmes.into_iter().chain(cc.programmes).map(ProgrammeId::from_trusted));
        member.teams.extend(cc.teams.into_iter().map(TeamId::from_trusted));
        Ok(member)
    }
}
