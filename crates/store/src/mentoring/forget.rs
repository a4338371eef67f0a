//! What leaving removes from just-in-time mentoring: the person's advice requests (with their
//! experts, items, the experts' reminders and plan steps, and the experts' links). Reminders are
//! rows of `expert_reminders` that go with their roster row; none waits in the outbox.
//! Advice they gave someone else as an expert is theirs too: it goes, and their place on that
//! roster keeps no name, address or note of theirs.

/// Statements run with `$1` = the person's id inside the deletion's transaction.
pub(crate) const FORGET_BY_ID: &[&str] = &[
    "DELETE FROM capabilities WHERE id IN (SELECT e.capability_id FROM advice_experts e \
        JOIN advice_requests q ON q.id = e.request_id WHERE q.owner_id = $1)",
    "DELETE FROM audience_changes WHERE record_id IN (SELECT id FROM advice_requests WHERE owner_id = $1)",
    "DELETE FROM advice_requests WHERE owner_id = $1",
];

/// Statements run with `$1` = the person's e-mail, for the rosters of other people's requests.
pub(crate) const FORGET_BY_EMAIL: &[&str] = &[
    "DELETE FROM advice_items WHERE expert_id IN (SELECT id FROM advice_experts WHERE email = $1)",
    "DELETE FROM capabilities WHERE id IN (SELECT capability_id FROM advice_experts WHERE email = $1)",
    "UPDATE advice_experts SET status = 'withdrawn', capability_id = NULL, \
        name = 'a former member', email = '', placement_note = NULL, more_time_note = NULL, \
        decline_note = NULL WHERE email = $1",
];
