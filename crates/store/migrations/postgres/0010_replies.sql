-- Replies: a thread on a record shared with a coach (today a reflection). A reply's audience is
-- the part of the item's readers its author chose: one person across a relationship
-- ('relationship' + id) or everyone who may read the item ('item_readers'). The item is named by
-- kind and id, so a thread can later hang on actions or wheel assessments too; deleting the item
-- deletes its replies in the same transaction (the store does it, there is no foreign key).
-- Identical on both backends.

CREATE TABLE replies (
    id              TEXT PRIMARY KEY,
    item_kind       TEXT NOT NULL CHECK (item_kind IN ('reflection')),
    item_id         TEXT NOT NULL,
    author_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body            TEXT NOT NULL,
    audience        TEXT NOT NULL,
    audience_target TEXT,
    shared_at       BIGINT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX replies_by_item ON replies(item_kind, item_id, created_at);
