-- Practice 3: the Leadership Learning Log. A programme (the window of weeks after a training, the
-- cap on sessions, its own copy of the reflection questions and the resources handed out), its
-- facilitators, its invitations (each reached through a guest link, `capability_id`), and its
-- participants' logs: the coaching sessions they planned and held, the two cases they chose
-- (on the participant row), their answers, the coach-the-coach session, the facilitators'
-- private notes on a log, and case studies drawn from it. Identical SQL for both backends.

CREATE TABLE ll_programmes (
    id          TEXT PRIMARY KEY,
    created_by  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id      TEXT REFERENCES organisations(id) ON DELETE SET NULL,
    -- The programme this one was started from (a participant's own "buddy" programme).
    copied_from TEXT REFERENCES ll_programmes(id) ON DELETE SET NULL,
    name        TEXT NOT NULL,
    training    TEXT,
    starts_at   BIGINT NOT NULL,
    weeks       BIGINT NOT NULL CHECK (weeks BETWEEN 1 AND 26),
    session_cap BIGINT NOT NULL CHECK (session_cap BETWEEN 1 AND 10),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX ll_programmes_by_org ON ll_programmes(org_id);

CREATE TABLE ll_facilitators (
    programme_id TEXT NOT NULL REFERENCES ll_programmes(id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    added_at     BIGINT NOT NULL,
    PRIMARY KEY (programme_id, user_id)
);
CREATE INDEX ll_facilitators_by_user ON ll_facilitators(user_id);

-- The questions as this programme asks them: answers refer to a position, and the wording at
-- that position never changes once anyone has answered it.
CREATE TABLE ll_questions (
    programme_id TEXT NOT NULL REFERENCES ll_programmes(id) ON DELETE CASCADE,
    position     BIGINT NOT NULL,
    question_key TEXT NOT NULL,
    prompt       TEXT NOT NULL,
    PRIMARY KEY (programme_id, position)
);

CREATE TABLE ll_resources (
    id           TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES ll_programmes(id) ON DELETE CASCADE,
    position     BIGINT NOT NULL,
    -- A toolkit sheet by its key, or the facilitator's own link or short text.
    toolkit_key  TEXT,
    title        TEXT NOT NULL,
    body         TEXT,
    url          TEXT
);
CREATE INDEX ll_resources_by_programme ON ll_resources(programme_id, position);

CREATE TABLE ll_invitations (
    id            TEXT PRIMARY KEY,
    programme_id  TEXT NOT NULL REFERENCES ll_programmes(id) ON DELETE CASCADE,
    -- NULL for a link handed out by hand rather than mailed.
    email         TEXT,
    capability_id TEXT NOT NULL,
    invited_by    TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL,
    accepted_by   TEXT REFERENCES users(id) ON DELETE SET NULL,
    accepted_at   BIGINT
);
CREATE INDEX ll_invitations_by_programme ON ll_invitations(programme_id, created_at);

CREATE TABLE ll_participants (
    programme_id        TEXT NOT NULL REFERENCES ll_programmes(id) ON DELETE CASCADE,
    user_id             TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    joined_at           BIGINT NOT NULL,
    -- The last time the participant wrote anything in this log: the cohort view's "gone quiet".
    last_active_at      BIGINT NOT NULL,
    -- Who may read the log (the pack): private, or the programme's facilitators.
    audience            TEXT NOT NULL DEFAULT 'private',
    audience_target     TEXT,
    shared_at           BIGINT NOT NULL,
    best_session_id     TEXT,
    hardest_session_id  TEXT,
    coach_session_at    BIGINT,
    coach_session_place TEXT,
    -- Bumped whenever the coach-the-coach session moves, for the calendar file's SEQUENCE.
    coach_session_seq   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (programme_id, user_id)
);
CREATE INDEX ll_participants_by_user ON ll_participants(user_id);

CREATE TABLE ll_sessions (
    id                TEXT PRIMARY KEY,
    programme_id      TEXT NOT NULL REFERENCES ll_programmes(id) ON DELETE CASCADE,
    participant_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- The coachee: someone the participant coaches on coachkit (through that relationship), or
    -- just a name.
    relationship_id   TEXT REFERENCES relationships(id) ON DELETE SET NULL,
    coachee_id        TEXT REFERENCES users(id) ON DELETE SET NULL,
    coachee_name      TEXT NOT NULL,
    held_on           BIGINT NOT NULL,
    topic             TEXT NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('planned', 'held')),
    plan_goal         TEXT,
    plan_reality      TEXT,
    plan_options      TEXT,
    plan_way_forward  TEXT,
    notes_goal        TEXT,
    notes_reality     TEXT,
    notes_options     TEXT,
    notes_way_forward TEXT,
    held_at           BIGINT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX ll_sessions_by_log ON ll_sessions(programme_id, participant_id, held_on);

CREATE TABLE ll_answers (
    programme_id   TEXT NOT NULL REFERENCES ll_programmes(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    case_kind      TEXT NOT NULL CHECK (case_kind IN ('best', 'hardest')),
    position       BIGINT NOT NULL,
    answer         TEXT NOT NULL,
    skill          TEXT,
    updated_at     BIGINT NOT NULL,
    PRIMARY KEY (programme_id, participant_id, case_kind, position)
);

-- A facilitator's own notes on one participant's log: theirs alone.
CREATE TABLE ll_coach_notes (
    programme_id   TEXT NOT NULL REFERENCES ll_programmes(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    facilitator_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body           TEXT NOT NULL,
    updated_at     BIGINT NOT NULL,
    PRIMARY KEY (programme_id, participant_id, facilitator_id)
);

CREATE TABLE ll_case_studies (
    id                 TEXT PRIMARY KEY,
    programme_id       TEXT NOT NULL REFERENCES ll_programmes(id) ON DELETE CASCADE,
    participant_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    case_kind          TEXT NOT NULL CHECK (case_kind IN ('best', 'hardest')),
    session_id         TEXT REFERENCES ll_sessions(id) ON DELETE SET NULL,
    title              TEXT NOT NULL,
    body               TEXT NOT NULL,
    -- NULL: the coachee is named; otherwise the words that stand for them.
    coachee_alias      TEXT,
    audience           TEXT NOT NULL DEFAULT 'private',
    audience_target    TEXT,
    shared_at          BIGINT NOT NULL,
    author_consent_at  BIGINT,
    coachee_consent_at BIGINT,
    published_at       BIGINT,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE INDEX ll_case_studies_by_author ON ll_case_studies(participant_id, created_at);
