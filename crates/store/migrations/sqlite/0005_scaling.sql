-- Indexes that keep the journal's busiest reads flat as the tables grow (measured by
-- bench/journal.sh at 10,000 and 1,000,000 reflections), and a search index that finds a word
-- only among the documents the searcher could be shown.
-- Same number and same plain indexes as postgres/0005_scaling.sql; the full-text part differs.

-- Newest first with the id as tie-break, exactly as the lists ask: a page of 50 stops after 50
-- index entries instead of sorting everything the author or relationship ever wrote.
DROP INDEX reflections_by_author;
CREATE INDEX reflections_by_author ON reflections(author_id, created_at, id);
DROP INDEX actions_by_relationship;
CREATE INDEX actions_by_relationship ON actions(relationship_id, created_at, id);

-- Search. A word found in two documents of three used to be looked up in the whole index and
-- every hit filtered afterwards: the cost grew with everyone's journals. Each document now also
-- carries access tokens in a third column, `scope`, and a search asks for its words AND one of
-- the searcher's tokens, which FTS5 answers by skipping through both lists:
--   o<owner>0  always (the owner sees their own);
--   r<relationship>0  when shared with one relationship;
--   c<owner>0  when shared with all the owner's coaches.
-- Ids lose their hyphens so that each token is one word; the trailing 0 keeps the porter stemmer
-- from shortening a token that happens to end like an English suffix.
-- The scope is computed here, from the columns the app already writes, so it cannot drift.
--
-- The documents also get an explicit INTEGER PRIMARY KEY, the key the FTS index refers to:
-- VACUUM may renumber an implicit rowid, which would point the index at the wrong rows.
DROP TRIGGER search_documents_ai;
DROP TRIGGER search_documents_ad;
DROP TRIGGER search_documents_au;
DROP TABLE search_fts;

CREATE TABLE search_documents_keyed (
    doc_rowid       INTEGER PRIMARY KEY,
    record_id       TEXT NOT NULL UNIQUE,
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
INSERT INTO search_documents_keyed
    (doc_rowid, record_id, kind, owner_id, relationship_id, audience, audience_target, shared_at, title, body, updated_at)
SELECT rowid, record_id, kind, owner_id, relationship_id, audience, audience_target, shared_at, title, body, updated_at
FROM search_documents;
DROP TABLE search_documents;
ALTER TABLE search_documents_keyed RENAME TO search_documents;
CREATE INDEX search_documents_by_owner ON search_documents(owner_id);
CREATE INDEX search_documents_by_target ON search_documents(audience_target);

CREATE VIEW search_content AS
SELECT doc_rowid, title, body,
       'o' || replace(owner_id, '-', '') || '0' ||
       CASE audience
           WHEN 'relationship' THEN ' r' || replace(coalesce(audience_target, ''), '-', '') || '0'
           WHEN 'all_my_coaches' THEN ' c' || replace(owner_id, '-', '') || '0'
           ELSE ''
       END AS scope
FROM search_documents;

CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, scope, content = 'search_content', content_rowid = 'doc_rowid', tokenize = 'porter unicode61'
);
INSERT INTO search_fts(search_fts) VALUES ('rebuild');

CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_fts(rowid, title, body, scope)
    SELECT doc_rowid, title, body, scope FROM search_content WHERE doc_rowid = new.rowid;
END;
CREATE TRIGGER search_documents_ad BEFORE DELETE ON search_documents BEGIN
    INSERT INTO search_fts(search_fts, rowid, title, body, scope)
    SELECT 'delete', doc_rowid, title, body, scope FROM search_content WHERE doc_rowid = old.rowid;
END;
CREATE TRIGGER search_documents_bu BEFORE UPDATE ON search_documents BEGIN
    INSERT INTO search_fts(search_fts, rowid, title, body, scope)
    SELECT 'delete', doc_rowid, title, body, scope FROM search_content WHERE doc_rowid = old.rowid;
END;
CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_fts(rowid, title, body, scope)
    SELECT doc_rowid, title, body, scope FROM search_content WHERE doc_rowid = new.rowid;
END;
