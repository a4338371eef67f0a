-- Practice 2: the balance wheel. A person's templates (named lists of 2 to 12 areas), assessments
-- (the leader's; each keeps its own copy of the areas it was made with, so an old picture stays
-- right after its template changes), and reframing items (concrete tasks for one area, any of
-- which may become an action of practice 1). Identical SQL for both backends: SQLite reads
-- DOUBLE PRECISION as REAL.

CREATE TABLE wheel_templates (
    id         TEXT PRIMARY KEY,
    owner_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX wheel_templates_by_owner ON wheel_templates(owner_id, updated_at);

CREATE TABLE wheel_template_areas (
    template_id TEXT NOT NULL REFERENCES wheel_templates(id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    name        TEXT NOT NULL,
    meaning     TEXT,
    PRIMARY KEY (template_id, position)
);

-- `template_id` says which template the areas came from (NULL: the built-in four areas). It has
-- no foreign key on purpose: a deleted template leaves its assessments, and their trend, intact.
-- `live` marks an assessment filled in together in a session: while it is a draft and its
-- relationship is active, the coach of `relationship_id` may fill it in as well as its owner.
-- `revision` grows with every save, so two people filling one form never overwrite each other
-- unknowingly.
CREATE TABLE wheel_assessments (
    id              TEXT PRIMARY KEY,
    owner_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    relationship_id TEXT REFERENCES relationships(id) ON DELETE SET NULL,
    started_by      TEXT REFERENCES users(id) ON DELETE SET NULL,
    live            BIGINT NOT NULL DEFAULT 0,
    template_id     TEXT,
    template_name   TEXT NOT NULL,
    unit            TEXT NOT NULL CHECK (unit IN ('hours_per_week', 'share_of_time')),
    status          TEXT NOT NULL CHECK (status IN ('draft', 'complete')),
    audience        TEXT NOT NULL,
    audience_target TEXT,
    shared_at       BIGINT NOT NULL,
    taken_at        BIGINT NOT NULL,
    revision        BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX wheel_assessments_by_owner ON wheel_assessments(owner_id, taken_at);
CREATE INDEX wheel_assessments_by_relationship ON wheel_assessments(relationship_id);

-- One row per area of an assessment: the copied area and what was entered for it (NULL: not
-- entered yet). Times are in the assessment's unit.
CREATE TABLE wheel_assessment_areas (
    assessment_id TEXT NOT NULL REFERENCES wheel_assessments(id) ON DELETE CASCADE,
    position      BIGINT NOT NULL,
    name          TEXT NOT NULL,
    meaning       TEXT,
    rating        BIGINT CHECK (rating BETWEEN 1 AND 9),
    spent         DOUBLE PRECISION CHECK (spent >= 0 AND spent <= 168),
    wished        DOUBLE PRECISION CHECK (wished >= 0 AND wished <= 168),
    note          TEXT,
    PRIMARY KEY (assessment_id, position)
);

-- "If your whole job were only this area, what would you do?": the answers, one task a row.
CREATE TABLE wheel_reframing_items (
    id            TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES wheel_assessments(id) ON DELETE CASCADE,
    area_position BIGINT NOT NULL,
    text          TEXT NOT NULL,
    action_id     TEXT REFERENCES actions(id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX wheel_reframing_items_by_assessment ON wheel_reframing_items(assessment_id, area_position, created_at);
