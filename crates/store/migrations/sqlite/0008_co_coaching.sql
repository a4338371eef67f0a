-- Practice 4: co-coaching between two organisations. An engagement (a programme for the privacy
-- policy, facilitated by one person) between two organisations, sides 'a' and 'b', each side a
-- programme of its own (`side_a_id`, `side_b_id`) so that value can be shown to one side only;
-- its participants (invited by e-mail, joined through a guest link, agreeing to the ground
-- rules); their challenge cards (private drafts until submitted, read by everyone in once the
-- facilitator opens them); teams of cards spanning both sides, and pairs the facilitator
-- rejected; each team's shared space and its outcome at session two; each side's value records
-- and the facilitator's fee proposal. Identical SQL for both backends.

CREATE TABLE cc_engagements (
    id                 TEXT PRIMARY KEY,
    facilitator_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_a_id           TEXT NOT NULL REFERENCES organisations(id),
    org_b_id           TEXT NOT NULL REFERENCES organisations(id),
    side_a_id          TEXT NOT NULL UNIQUE,
    side_b_id          TEXT NOT NULL UNIQUE,
    common_area        TEXT NOT NULL,
    brief              TEXT NOT NULL,
    ground_rules       TEXT NOT NULL,
    stage              TEXT NOT NULL CHECK (stage IN ('preparing', 'cards_open', 'teamed', 'cancelled')),
    session_one_at     BIGINT NOT NULL,
    session_one_place  TEXT NOT NULL,
    session_one_agenda TEXT NOT NULL,
    session_two_at     BIGINT NOT NULL,
    session_two_place  TEXT NOT NULL,
    session_two_agenda TEXT NOT NULL,
    -- The calendar files' SEQUENCE: bumped whenever a date moves or session two is cancelled,
    -- so calendars replace the event they hold.
    ics_sequence       BIGINT NOT NULL DEFAULT 0,
    cards_opened_at    BIGINT,
    session_one_closed_at BIGINT,
    -- Fee proposal on value: the model and its one number (a sum or a percentage).
    fee_model          TEXT CHECK (fee_model IN ('fixed', 'share', 'success')),
    fee_number         BIGINT,
    fee_note           TEXT,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    CHECK (org_a_id <> org_b_id)
);
CREATE INDEX cc_engagements_by_facilitator ON cc_engagements(facilitator_id, created_at);

CREATE TABLE cc_participants (
    id             TEXT PRIMARY KEY,
    engagement_id  TEXT NOT NULL REFERENCES cc_engagements(id) ON DELETE CASCADE,
    side           TEXT NOT NULL CHECK (side IN ('a', 'b')),
    email          TEXT NOT NULL,
    name           TEXT NOT NULL,
    -- NULL until the invitation is taken up (the person may have had no account).
    user_id        TEXT REFERENCES users(id) ON DELETE CASCADE,
    agreed_at      BIGINT,
    invited_at     BIGINT NOT NULL,
    UNIQUE (engagement_id, email)
);
CREATE INDEX cc_participants_by_user ON cc_participants(user_id);

CREATE TABLE cc_cards (
    id            TEXT PRIMARY KEY,
    engagement_id TEXT NOT NULL REFERENCES cc_engagements(id) ON DELETE CASCADE,
    author_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    side          TEXT NOT NULL CHECK (side IN ('a', 'b')),
    position      BIGINT NOT NULL CHECK (position IN (1, 2)),
    what          TEXT NOT NULL,
    why           TEXT NOT NULL,
    success       TEXT NOT NULL,
    submitted_at  BIGINT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    UNIQUE (engagement_id, author_id, position)
);

CREATE TABLE cc_teams (
    id            TEXT PRIMARY KEY,
    engagement_id TEXT NOT NULL REFERENCES cc_engagements(id) ON DELETE CASCADE,
    -- Why the team exists, as the facilitator confirmed it (the engine's reason, or "built by hand").
    reason        TEXT NOT NULL,
    outcome       TEXT CHECK (outcome IN ('concluded', 'co_venture')),
    learning      TEXT,
    project_name  TEXT,
    project_aim   TEXT,
    first_steps   TEXT,
    owner_a_id    TEXT REFERENCES users(id),
    owner_b_id    TEXT REFERENCES users(id),
    nudged_at     BIGINT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX cc_teams_by_engagement ON cc_teams(engagement_id);

-- A card is in at most one team.
CREATE TABLE cc_team_cards (
    team_id TEXT NOT NULL REFERENCES cc_teams(id) ON DELETE CASCADE,
    card_id TEXT NOT NULL UNIQUE REFERENCES cc_cards(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, card_id)
);

-- Pairs the facilitator said no to: never suggested again. card_a < card_b.
CREATE TABLE cc_rejected_pairs (
    engagement_id TEXT NOT NULL REFERENCES cc_engagements(id) ON DELETE CASCADE,
    card_a        TEXT NOT NULL,
    card_b        TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (engagement_id, card_a, card_b)
);

-- The team's shared space: notes, actions (owner, due date), check-ins, links, and the
-- facilitator's comments. All `TeamNote` records with the team as audience.
CREATE TABLE cc_team_items (
    id         TEXT PRIMARY KEY,
    team_id    TEXT NOT NULL REFERENCES cc_teams(id) ON DELETE CASCADE,
    author_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('note', 'action', 'checkin', 'link', 'comment')),
    text       TEXT NOT NULL,
    url        TEXT,
    owner_id   TEXT REFERENCES users(id),
    due_at     BIGINT,
    done_at    BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX cc_team_items_by_team ON cc_team_items(team_id, created_at);

-- What the work was worth to one side. shared = 1: the other organisation may see it too.
CREATE TABLE cc_values (
    id            TEXT PRIMARY KEY,
    engagement_id TEXT NOT NULL REFERENCES cc_engagements(id) ON DELETE CASCADE,
    side          TEXT NOT NULL CHECK (side IN ('a', 'b')),
    author_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    outcome       TEXT NOT NULL,
    measure       TEXT NOT NULL CHECK (measure IN ('money', 'time', 'other')),
    amount        BIGINT NOT NULL CHECK (amount >= 0),
    unit          TEXT,
    confidence    TEXT NOT NULL CHECK (confidence IN ('low', 'medium', 'high')),
    shared        BIGINT NOT NULL DEFAULT 0,
    shared_at     BIGINT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX cc_values_by_engagement ON cc_values(engagement_id, side);

-- Reminders to write cards, waiting in the outbox; submitting cancels the ones not yet sent.
CREATE TABLE cc_reminders (
    participant_id TEXT NOT NULL REFERENCES cc_participants(id) ON DELETE CASCADE,
    mail_id        TEXT NOT NULL,
    PRIMARY KEY (participant_id, mail_id)
);
