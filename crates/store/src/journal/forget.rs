//! What leaving removes from the journal: everything the person wrote. Sessions stay: they are the
//! relationship's shared record, and the other party's notes hang on them.

/// Statements run with `$1` = the person's id, in this order, inside the deletion's transaction.
/// Reflections go before the themes and questions that link to them; links from records others
/// keep (an action's reflection, a question's asker, an assignee) are set to NULL.
pub(crate) const FORGET_BY_ID: &[&str] = &[
    "DELETE FROM audience_changes WHERE record_id IN (SELECT id FROM reflections WHERE author_id = $1)",
    "DELETE FROM audience_changes WHERE record_id IN (SELECT id FROM wheel_assessments WHERE owner_id = $1)",
    "DELETE FROM search_documents WHERE owner_id = $1",
    "DELETE FROM session_notes WHERE author_id = $1",
    // A thread goes with its reflection, and their own replies on others' reflections go too.
    "DELETE FROM replies WHERE item_kind = 'reflection' AND item_id IN (SELECT id FROM reflections WHERE author_id = $1)",
    "DELETE FROM replies WHERE author_id = $1",
    "DELETE FROM reflections WHERE author_id = $1",
    "DELETE FROM themes WHERE owner_id = $1",
    "DELETE FROM killer_questions WHERE leader_id = $1",
    "UPDATE killer_questions SET asked_by = NULL WHERE asked_by = $1",
    "DELETE FROM toolkit_questions WHERE coach_id = $1",
    "DELETE FROM actions WHERE owner_id = $1",
    "UPDATE actions SET assignee_id = NULL WHERE assignee_id = $1",
    "DELETE FROM open_questions WHERE owner_id = $1",
    "DELETE FROM positions WHERE owner_id = $1",
    "DELETE FROM public_page_versions WHERE owner_id = $1",
    "DELETE FROM public_pages WHERE owner_id = $1",
    "DELETE FROM imported_records WHERE owner_id = $1",
];
