-- Practice 5: just-in-time mentoring. A leader's advice request (the capability, its context,
-- the thread and goal once the advice is open), its experts (each reached through their own
-- guest link, `capability_id`), the experts' advice items (sealed while the request is
-- collecting: the app shows them to nobody but their author until every remaining expert has
-- answered), reminders waiting in the outbox, and the action plan's steps (journal actions).
-- Identical SQL for both backends.

CREATE TABLE advice_requests (
    id              TEXT PRIMARY KEY,
    owner_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    capability      TEXT NOT NULL,
    context         TEXT NOT NULL,
    horizon_months  BIGINT NOT NULL CHECK (horizon_months BETWEEN 6 AND 12),
    answer_by       BIGINT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'collecting', 'open', 'done')),
    -- NULL: the roster has at least one expert inside and one outside. Otherwise the leader's
    -- reason for going without the mix, shown on the request.
    mix_override    TEXT,
    audience        TEXT NOT NULL,
    audience_target TEXT,
    shared_at       BIGINT NOT NULL,
    opened_at       BIGINT,
    -- What the insight engine suggested when the seal opened (JSON), and what the leader chose.
    suggestion      TEXT,
    chosen_items    TEXT,
    choice          TEXT CHECK (choice IN ('suggested', 'runner_up', 'manual')),
    goal            TEXT,
    goal_done_at    BIGINT,
    thanks          TEXT,
    thanks_sent_at  BIGINT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX advice_requests_by_owner ON advice_requests(owner_id, created_at);

CREATE TABLE advice_experts (
    id                 TEXT PRIMARY KEY,
    request_id         TEXT NOT NULL REFERENCES advice_requests(id) ON DELETE CASCADE,
    position           BIGINT NOT NULL,
    name               TEXT NOT NULL,
    email              TEXT NOT NULL,
    placement          TEXT NOT NULL CHECK (placement IN ('inside', 'outside')),
    placement_note     TEXT,
    message            TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('invited', 'opened', 'drafting', 'answered', 'more_time', 'declined', 'withdrawn')),
    capability_id      TEXT,
    answer_by          BIGINT NOT NULL,
    more_time_note     TEXT,
    decline_note       TEXT,
    -- The expert agreed that the leader may show their advice to the leader's own coaches.
    share_with_coaches BIGINT NOT NULL DEFAULT 0,
    replaces_id        TEXT,
    opened_at          BIGINT,
    answered_at        BIGINT,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE INDEX advice_experts_by_request ON advice_experts(request_id, position);
CREATE INDEX advice_experts_by_capability ON advice_experts(capability_id);

CREATE TABLE advice_items (
    id         TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES advice_requests(id) ON DELETE CASCADE,
    expert_id  TEXT NOT NULL REFERENCES advice_experts(id) ON DELETE CASCADE,
    position   BIGINT NOT NULL CHECK (position BETWEEN 1 AND 3),
    text       TEXT NOT NULL,
    example    TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (expert_id, position)
);
CREATE INDEX advice_items_by_request ON advice_items(request_id);

-- Reminders are outbox rows due later; these rows let an answer, a decline or a new date cancel
-- the ones not yet sent.
CREATE TABLE advice_reminders (
    expert_id TEXT NOT NULL REFERENCES advice_experts(id) ON DELETE CASCADE,
    mail_id   TEXT NOT NULL,
    send_at   BIGINT NOT NULL,
    PRIMARY KEY (expert_id, mail_id)
);

CREATE TABLE advice_plan_steps (
    request_id TEXT NOT NULL REFERENCES advice_requests(id) ON DELETE CASCADE,
    action_id  TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (request_id, action_id)
);
