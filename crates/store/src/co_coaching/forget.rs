//! What leaving removes from co-coaching: the person's cards, team notes, value records and
//! participant rows (and the invitations' links and reminders). Engagements they facilitate and the
//! teams they were in stay with everyone else; a team item or team they owned loses its owner.

/// Statements run with `$1` = the person's id inside the deletion's transaction.
pub(crate) const FORGET_BY_ID: &[&str] = &[
    "DELETE FROM cc_team_items WHERE author_id = $1",
    "UPDATE cc_team_items SET owner_id = NULL WHERE owner_id = $1",
    "DELETE FROM cc_values WHERE author_id = $1",
    "DELETE FROM cc_cards WHERE author_id = $1",
    "UPDATE cc_teams SET owner_a_id = NULL WHERE owner_a_id = $1",
    "UPDATE cc_teams SET owner_b_id = NULL WHERE owner_b_id = $1",
    "DELETE FROM outbox WHERE id IN (SELECT r.mail_id FROM cc_reminders r \
        JOIN cc_participants p ON p.id = r.participant_id WHERE p.user_id = $1)",
    "DELETE FROM capabilities WHERE purpose = 'engagement_invite' \
        AND target_id IN (SELECT id FROM cc_participants WHERE user_id = $1)",
    "DELETE FROM cc_participants WHERE user_id = $1",
];

/// Statements run with `$1` = the person's e-mail: invitations not yet taken up hold the address
/// and the name the facilitator typed.
pub(crate) const FORGET_BY_EMAIL: &[&str] = &[
    "DELETE FROM outbox WHERE id IN (SELECT r.mail_id FROM cc_reminders r \
        JOIN cc_participants p ON p.id = r.participant_id WHERE p.email = $1)",
    "DELETE FROM capabilities WHERE purpose = 'engagement_invite' \
        AND target_id IN (SELECT id FROM cc_participants WHERE email = $1)",
    "DELETE FROM cc_participants WHERE email = $1",
];
