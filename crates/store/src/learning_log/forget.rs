//! What leaving removes from the learning log: the person's log in every programme (sessions,
//! answers, case studies, the participant row), their facilitator notes and their place as a
//! facilitator. A programme they set up stays (its participants' logs are theirs), as do the
//! facilitators' notes on this person's log. Someone else's session that coached this person keeps
//! its text but names "a former member" and loses the link.

/// Statements run with `$1` = the person's id inside the deletion's transaction.
pub(crate) const FORGET_BY_ID: &[&str] = &[
    "DELETE FROM ll_answers WHERE participant_id = $1",
    "DELETE FROM ll_case_studies WHERE participant_id = $1",
    "DELETE FROM ll_sessions WHERE participant_id = $1",
    "DELETE FROM ll_coach_notes WHERE facilitator_id = $1",
    "DELETE FROM ll_participants WHERE user_id = $1",
    "DELETE FROM ll_facilitators WHERE user_id = $1",
    "UPDATE ll_sessions SET coachee_id = NULL, coachee_name = 'a former member' WHERE coachee_id = $1",
    "UPDATE ll_invitations SET invited_by = NULL WHERE invited_by = $1",
    "UPDATE ll_invitations SET accepted_by = NULL WHERE accepted_by = $1",
];

/// Statements run with `$1` = the person's e-mail: invitations sent to the address keep their
/// place in the programme's list without it.
pub(crate) const FORGET_BY_EMAIL: &[&str] = &["UPDATE ll_invitations SET email = NULL WHERE email = $1"];
