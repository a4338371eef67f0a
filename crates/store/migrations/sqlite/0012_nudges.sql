-- Nudges against going quiet, one scheduler for all timed work, and each person's time zone.

-- A person's IANA time zone: pages show times in it, quiet hours follow it.
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';

-- Mail may carry an HTML alternative and a one-click unsubscribe address (List-Unsubscribe).
ALTER TABLE outbox ADD COLUMN html_body TEXT;
ALTER TABLE outbox ADD COLUMN unsubscribe_url TEXT;

-- One row per timed job. An instance runs a job only after winning its lease with a conditional
-- UPDATE, so a job runs once per period however many instances share the database.
CREATE TABLE scheduler_jobs (
    name         TEXT PRIMARY KEY,
    next_run_at  BIGINT NOT NULL,
    leased_by    TEXT,
    leased_until BIGINT,
    last_run_at  BIGINT
);

-- Each nudge once: the unique key (person, kind, subject, occasion, step) makes finding the same
-- silence twice (two instances, a rerun) add nothing. occasion is the moment the silence is
-- measured from (a session's start, an action's due date), so a moved date is a new nudge.
-- state: pending, sent (its own mail), folded (into a digest), skipped (kind off), void (no
-- longer true, or expired before it could go).
CREATE TABLE nudges (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    occasion   BIGINT NOT NULL,
    step       BIGINT NOT NULL,
    line       TEXT NOT NULL,
    link_path  TEXT NOT NULL,
    extra_path TEXT,
    due_at     BIGINT NOT NULL,
    expires_at BIGINT,
    state      TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'folded', 'skipped', 'void')),
    mail_id    TEXT,
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    UNIQUE (user_id, kind, subject_id, occasion, step)
);
CREATE INDEX nudges_pending ON nudges(state, due_at);
CREATE INDEX nudges_by_subject ON nudges(kind, subject_id);

-- How a person wants each kind (no row: the kind's default).
CREATE TABLE nudge_preferences (
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    delivery   TEXT NOT NULL CHECK (delivery IN ('immediate', 'daily', 'weekly', 'off')),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- When a person last got a digest, and last got weekly items folded in; claimed by a conditional
-- UPDATE so two instances never send two digests in a day.
CREATE TABLE nudge_digests (
    user_id        TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    last_digest_at BIGINT NOT NULL DEFAULT 0,
    last_weekly_at BIGINT NOT NULL DEFAULT 0
);
