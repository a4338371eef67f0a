-- Imports from another coachkit instance: which record of an export file became which record
-- here, per account, so importing the same file twice adds nothing the second time.
-- Identical to postgres/0003_import.sql.

CREATE TABLE imported_records (
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    source_id   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    new_id      TEXT NOT NULL,
    imported_at BIGINT NOT NULL,
    PRIMARY KEY (owner_id, source_id)
);
