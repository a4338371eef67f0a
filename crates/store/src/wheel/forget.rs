//! What leaving removes from the balance wheel: the person's templates and assessments (with
//! their areas and reframing items). An assessment of someone else that this person started live
//! in a session stays that leader's, without the link to its starter.

/// Statements run with `$1` = the person's id inside the deletion's transaction.
pub(crate) const FORGET_BY_ID: &[&str] = &[
    "DELETE FROM wheel_templates WHERE owner_id = $1",
    "DELETE FROM wheel_assessments WHERE owner_id = $1",
    "UPDATE wheel_assessments SET started_by = NULL WHERE started_by = $1",
];
