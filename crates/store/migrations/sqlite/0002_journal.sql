-- Practice 1: sessions, private notes, reflections, themes, killer questions, actions, open
-- questions, positions and the versioned public page, and one search index over them.
-- Identical to postgres/0002_journal.sql except for the full-text index at the end.

CREATE TABLE journal_sessions (
    id               TEXT PRIMARY KEY,
    relationship_id  TEXT NOT NULL REFERENCES relationships(id) ON DELETE CASCADE,
    created_by       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    starts_at        BIGINT NOT NULL,
    duration_minutes BIGINT NOT NULL DEFAULT 60,
    status           TEXT NOT NULL CHECK (status IN ('planned', 'held')),
    agenda           TEXT,
    goal             TEXT,
    reality          TEXT,
    options          TEXT,
    way_forward      TEXT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX journal_sessions_by_relationship ON journal_sessions(relationship_id, starts_at);

-- Each party's own notes on a session: the private detail (author only, always) or a coach's note
-- (private, or shared with that one client).
CREATE TABLE session_notes (
    id              TEXT PRIMARY KEY,
    session_id      TEXT NOT NULL REFERENCES journal_sessions(id) ON DELETE CASCADE,
    author_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('detail', 'coach_note')),
    body            TEXT NOT NULL,
    audience        TEXT NOT NULL,
    audience_target TEXT,
    shared_at       BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (session_id, author_id, kind)
);

CREATE TABLE reflections (
    id              TEXT PRIMARY KEY,
    author_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    session_id      TEXT REFERENCES journal_sessions(id) ON DELETE SET NULL,
    relationship_id TEXT REFERENCES relationships(id) ON DELETE SET NULL,
    title           TEXT,
    body            TEXT NOT NULL,
    audience        TEXT NOT NULL,
    audience_target TEXT,
    shared_at       BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX reflections_by_author ON reflections(author_id, created_at);
CREATE INDEX reflections_by_session ON reflections(session_id);

-- Every change of who may see a record, kept so the author can see when they shared what.
CREATE TABLE audience_changes (
    id          TEXT PRIMARY KEY,
    record_id   TEXT NOT NULL,
    from_word   TEXT NOT NULL,
    from_target TEXT,
    to_word     TEXT NOT NULL,
    to_target   TEXT,
    changed_at  BIGINT NOT NULL
);
CREATE INDEX audience_changes_by_record ON audience_changes(record_id, changed_at);

CREATE TABLE themes (
    id         TEXT PRIMARY KEY,
    owner_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    theme_key  TEXT NOT NULL,
    label      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (owner_id, theme_key)
);

CREATE TABLE reflection_themes (
    theme_id      TEXT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    reflection_id TEXT NOT NULL REFERENCES reflections(id) ON DELETE CASCADE,
    PRIMARY KEY (theme_id, reflection_id)
);
CREATE INDEX reflection_themes_by_reflection ON reflection_themes(reflection_id);

CREATE TABLE session_themes (
    theme_id   TEXT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    session_id TEXT NOT NULL REFERENCES journal_sessions(id) ON DELETE CASCADE,
    PRIMARY KEY (theme_id, session_id)
);
CREATE INDEX session_themes_by_session ON session_themes(session_id);

-- The question a mentor asked that made the leader stop: the leader's, visible to that mentor.
CREATE TABLE killer_questions (
    id              TEXT PRIMARY KEY,
    leader_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    relationship_id TEXT NOT NULL REFERENCES relationships(id) ON DELETE CASCADE,
    session_id      TEXT REFERENCES journal_sessions(id) ON DELETE SET NULL,
    asked_by        TEXT REFERENCES users(id) ON DELETE SET NULL,
    text            TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX killer_questions_by_leader ON killer_questions(leader_id, created_at);
CREATE INDEX killer_questions_by_asker ON killer_questions(asked_by, created_at);

-- A coach's own bank of questions to reuse, seeded from the killer questions they asked.
CREATE TABLE toolkit_questions (
    id                 TEXT PRIMARY KEY,
    coach_id           TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    text               TEXT NOT NULL,
    source_question_id TEXT REFERENCES killer_questions(id) ON DELETE SET NULL,
    created_at         BIGINT NOT NULL
);
CREATE INDEX toolkit_questions_by_coach ON toolkit_questions(coach_id, created_at);

CREATE TABLE actions (
    id              TEXT PRIMARY KEY,
    owner_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    relationship_id TEXT REFERENCES relationships(id) ON DELETE SET NULL,
    session_id      TEXT REFERENCES journal_sessions(id) ON DELETE SET NULL,
    reflection_id   TEXT REFERENCES reflections(id) ON DELETE SET NULL,
    assignee_id     TEXT REFERENCES users(id) ON DELETE SET NULL,
    text            TEXT NOT NULL,
    due_at          BIGINT,
    status          TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    audience        TEXT NOT NULL,
    audience_target TEXT,
    shared_at       BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX actions_by_owner ON actions(owner_id, status, due_at);
CREATE INDEX actions_by_relationship ON actions(relationship_id, created_at);

CREATE TABLE open_questions (
    id              TEXT PRIMARY KEY,
    owner_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    text            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'answered', 'dropped')),
    audience        TEXT NOT NULL,
    audience_target TEXT,
    shared_at       BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX open_questions_by_owner ON open_questions(owner_id, status);

-- Reflections that moved an open question on.
CREATE TABLE question_progress (
    question_id   TEXT NOT NULL REFERENCES open_questions(id) ON DELETE CASCADE,
    reflection_id TEXT NOT NULL REFERENCES reflections(id) ON DELETE CASCADE,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (question_id, reflection_id)
);

CREATE TABLE positions (
    id          TEXT PRIMARY KEY,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    statement   TEXT NOT NULL,
    explanation TEXT,
    sort_order  BIGINT NOT NULL,
    listed      BIGINT NOT NULL DEFAULT 1,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX positions_by_owner ON positions(owner_id, sort_order);

CREATE TABLE position_themes (
    position_id TEXT NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
    theme_id    TEXT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    PRIMARY KEY (position_id, theme_id)
);

CREATE TABLE position_evidence (
    position_id   TEXT NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
    reflection_id TEXT NOT NULL REFERENCES reflections(id) ON DELETE CASCADE,
    PRIMARY KEY (position_id, reflection_id)
);

-- The public page: whether it is up, whether search engines may index it, and every published
-- version (a snapshot of the positions; evidence is stored by id and shown only while public).
CREATE TABLE public_pages (
    owner_id        TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    published       BIGINT NOT NULL DEFAULT 0,
    indexable       BIGINT NOT NULL DEFAULT 0,
    current_version BIGINT NOT NULL DEFAULT 0,
    updated_at      BIGINT NOT NULL
);

CREATE TABLE public_page_versions (
    owner_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    version      BIGINT NOT NULL,
    published_at BIGINT NOT NULL,
    note         TEXT,
    content      TEXT NOT NULL,
    PRIMARY KEY (owner_id, version)
);

-- One row per searchable text, written in the same transaction as the record, with the fields the
-- access filter needs. The full-text index over it is the one part that differs per backend.
CREATE TABLE search_documents (
    record_id       TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    owner_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    relationship_id TEXT,
    audience        TEXT NOT NULL,
    audience_target TEXT,
    shared_at       BIGINT NOT NULL,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX search_documents_by_owner ON search_documents(owner_id);
CREATE INDEX search_documents_by_target ON search_documents(audience_target);

-- SQLite: an FTS5 index whose content is search_documents, kept in step by triggers.
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, content = 'search_documents', content_rowid = 'rowid', tokenize = 'porter unicode61'
);
CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;
CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
    INSERT INTO search_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
