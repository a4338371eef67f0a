//! Loading the facts the privacy policy needs about a signed-in person.

use crate::error::DbResult;
use crate::{Store, users::UserRow};
use coachkit_domain::privacy::{Member, Tie};
use coachkit_domain::relationship::Side;
use coachkit_domain::time::Millis;
use coachkit_domain::{ProgrammeId, RelationshipId, TeamId, UserId};

/// Every fact the policy needs about one person, in one statement (`$1` the person): before, five
/// statements, three of them one after the other, ran for every page that asks the policy, and on
/// SQLite each is a round trip to a connection's worker thread. Every branch yields the same five
/// columns; `kind` says what `a`, `b`, `c` and `at` are:
/// - `tie`: an accepted relationship, active or ended (`a` its id, `b` the leader, `c` the coach,
///   `at` when it ended). The second branch skips a row the first has already given.
/// - `ll_facilitates` / `ll_takes_part`: a learning-log programme (`a`), run directly or through
///   the facilitator role in its organisation, or taken part in.
/// - `cc_facilitates`: a co-coaching engagement run (`a`) with its two sides (`b`, `c`).
/// - `cc_takes_part`: an engagement joined (`a`) and the person's own side (`b`).
/// - `cc_team`: a team (`a`) one of the person's cards is in.
pub const MEMBER_FACTS_SQL: &str = "\
SELECT 'tie' AS kind, id AS a, leader_id AS b, coach_id AS c, ended_at AS at FROM relationships \
 WHERE leader_id = $1 AND answered_at IS NOT NULL AND status IN ('active', 'ended') \
UNION ALL SELECT 'tie', id, leader_id, coach_id, ended_at FROM relationships \
 WHERE coach_id = $1 AND leader_id <> $1 AND answered_at IS NOT NULL AND status IN ('active', 'ended') \
UNION ALL SELECT 'll_facilitates', programme_id, CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT) \
  FROM ll_facilitators WHERE user_id = $1 \
UNION ALL SELECT 'll_facilitates', p.id, CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT) \
  FROM ll_programmes p JOIN memberships m ON m.org_id = p.org_id AND m.role = 'facilitator' WHERE m.user_id = $1 \
UNION ALL SELECT 'll_takes_part', programme_id, CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT) \
  FROM ll_participants WHERE user_id = $1 \
UNION ALL SELECT 'cc_facilitates', id, side_a_id, side_b_id, CAST(NULL AS BIGINT) FROM cc_engagements \
 WHERE facilitator_id = $1 \
UNION ALL SELECT 'cc_takes_part', e.id, CASE WHEN p.side = 'a' THEN e.side_a_id ELSE e.side_b_id END, \
       CAST(NULL AS TEXT), CAST(NULL AS BIGINT) \
  FROM cc_participants p JOIN cc_engagements e ON e.id = p.engagement_id WHERE p.user_id = $1 AND p.agreed_at IS NOT NULL \
UNION ALL SELECT DISTINCT 'cc_team', t.team_id, CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT) \
  FROM cc_team_cards t JOIN cc_cards c ON c.id = t.card_id WHERE c.author_id = $1";

type FactRow = (String, String, Option<String>, Option<String>, Option<i64>);

impl Store {
    /// The person as the policy sees them: their accepted relationships (active or ended) from
    /// their side, the learning-log programmes and co-coaching engagements (with their sides)
    /// they run or take part in, and the co-coaching teams their cards are in.
    pub async fn member_facts(&self, user: &UserRow) -> DbResult<Member> {
        let rows: Vec<FactRow> = sqlx::query_as(MEMBER_FACTS_SQL).bind(&user.id).fetch_all(&self.pool).await?;
        let mut member = Member { instance_admin: user.is_admin(), ..Member::alone(user.user_id()) };
        for (kind, a, b, c, at) in rows {
            match kind.as_str() {
                "tie" => {
                    let Some(coach) = c else { continue };
                    let (partner, my_side) = if b.as_deref() == Some(user.id.as_str()) {
                        (coach, Side::Leader)
                    } else {
                        (b.unwrap_or_default(), Side::Coach)
                    };
                    member.ties.push(Tie {
                        relationship: RelationshipId::from_trusted(a),
                        partner: UserId::from_trusted(partner),
                        my_side,
                        ended_at: at.map(Millis),
                    });
                }
                "ll_facilitates" => member.facilitates.push(ProgrammeId::from_trusted(a)),
                "cc_facilitates" => {
                    member.facilitates.extend([Some(a), b, c].into_iter().flatten().map(ProgrammeId::from_trusted))
                }
                "ll_takes_part" => member.programmes.push(ProgrammeId::from_trusted(a)),
                "cc_takes_part" => {
                    member.programmes.extend([Some(a), b].into_iter().flatten().map(ProgrammeId::from_trusted))
                }
                "cc_team" => member.teams.push(TeamId::from_trusted(a)),
                _ => {}
            }
        }
        Ok(member)
    }
}
