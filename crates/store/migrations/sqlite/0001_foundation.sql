-- Foundation: accounts, sessions, tokens, organisations, relationships, guest links, mail, sign-in
-- attempts. Times are BIGINT milliseconds since the epoch; ids are UUIDv7 text.
-- Kept identical to migrations/postgres/0001_foundation.sql except where the dialects differ.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    handle        TEXT NOT NULL UNIQUE,
    headline      TEXT,
    password_hash TEXT NOT NULL,
    is_admin      BIGINT NOT NULL DEFAULT 0,
    disabled_at   BIGINT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);

CREATE TABLE organisations (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE memberships (
    org_id     TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('member', 'facilitator', 'admin')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships(user_id);

-- A leader and a coach or mentor. coach_id is NULL while an invitation sent by link is unanswered.
CREATE TABLE relationships (
    id            TEXT PRIMARY KEY,
    leader_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    coach_id      TEXT REFERENCES users(id) ON DELETE CASCADE,
    invitee_email TEXT,
    kind          TEXT NOT NULL CHECK (kind IN ('coaching', 'mentoring')),
    status        TEXT NOT NULL CHECK (status IN ('pending', 'active', 'declined', 'ended')),
    message       TEXT,
    created_at    BIGINT NOT NULL,
    answered_at   BIGINT,
    ended_at      BIGINT,
    CHECK (coach_id IS NULL OR coach_id <> leader_id)
);
CREATE INDEX relationships_by_leader ON relationships(leader_id, created_at);
CREATE INDEX relationships_by_coach ON relationships(coach_id, created_at);

-- Guest links: only the hash of the secret is kept.
CREATE TABLE capabilities (
    id         TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL,
    target_id  TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    used_at    BIGINT
);
CREATE INDEX capabilities_by_target ON capabilities(purpose, target_id);

-- Every message goes through here; the sender claims a row with a lease so two app instances
-- never send the same message.
CREATE TABLE outbox (
    id              TEXT PRIMARY KEY,
    to_addr         TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_by      TEXT,
    claimed_until   BIGINT,
    sent_at         BIGINT,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox(sent_at, next_attempt_at);

CREATE TABLE login_attempts (
    id      TEXT PRIMARY KEY,
    email   TEXT NOT NULL,
    address TEXT NOT NULL,
    at      BIGINT NOT NULL,
    ok      BIGINT NOT NULL
);
CREATE INDEX login_attempts_by_email ON login_attempts(email, at);
CREATE INDEX login_attempts_by_address ON login_attempts(address, at);
