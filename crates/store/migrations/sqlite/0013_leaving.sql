-- Leaving and staying in touch (issue 13): when each person was last here, the mark of an account
-- that was deleted, and the one-click check-in on a relationship ("did you meet?").
-- Identical SQL for both backends.

-- Written at most once an hour per person (with the session's own ten-minute touch), so reads
-- stay reads. NULL: not seen since this column arrived.
ALTER TABLE users ADD COLUMN last_active_at BIGINT;

-- Set when the account was deleted. The row stays, emptied of the person (no e-mail, no name,
-- no password), so records others wrote that point at it keep their links and read "a former
-- member"; everything the person wrote is gone.
ALTER TABLE users ADD COLUMN deleted_at BIGINT;

-- One party's answer to "did you meet?" on a relationship. `session_id`: the held session the
-- answer "we met" recorded or marked held.
CREATE TABLE relationship_checkins (
    id              TEXT PRIMARY KEY,
    relationship_id TEXT NOT NULL REFERENCES relationships(id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    answer          TEXT NOT NULL CHECK (answer IN ('met', 'not_yet', 'stopped')),
    session_id      TEXT REFERENCES journal_sessions(id) ON DELETE SET NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX relationship_checkins_by_relationship ON relationship_checkins(relationship_id, created_at);
CREATE INDEX relationship_checkins_by_user ON relationship_checkins(user_id);
