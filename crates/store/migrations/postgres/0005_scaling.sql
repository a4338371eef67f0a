-- Indexes that keep the journal's busiest reads flat as the tables grow (measured by
-- bench/journal.sh at 10,000 and 1,000,000 reflections), and a search index that finds a word
-- only among the documents the searcher could be shown.
-- Same number and same plain indexes as sqlite/0005_scaling.sql; the full-text part differs.

-- Newest first with the id as tie-break, exactly as the lists ask: a page of 50 stops after 50
-- index entries instead of sorting everything the author or relationship ever wrote.
DROP INDEX reflections_by_author;
CREATE INDEX reflections_by_author ON reflections(author_id, created_at, id);
DROP INDEX actions_by_relationship;
CREATE INDEX actions_by_relationship ON actions(relationship_id, created_at, id);

-- Search. A word found in two documents of three used to be looked up in the whole GIN index and
-- every hit filtered afterwards: at a million reflections one search read 700,000 rows. The
-- vector now also holds access tokens, and a search asks for its words AND one of the
-- searcher's tokens, which GIN answers by skipping through both posting lists:
--   o<owner>0  always (the owner sees their own);
--   r<relationship>0  when shared with one relationship;
--   c<owner>0  when shared with all the owner's coaches.
-- The same tokens as on SQLite. The vector is stored, computed from the columns the app already
-- writes, so it cannot drift and a search need not parse any text it does not show.
DROP INDEX search_documents_fts;
ALTER TABLE search_documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector('english', title || ' ' || body) ||
    to_tsvector('simple', 'o' || replace(owner_id, '-', '') || '0' ||
        CASE audience
            WHEN 'relationship' THEN ' r' || replace(coalesce(audience_target, ''), '-', '') || '0'
            WHEN 'all_my_coaches' THEN ' c' || replace(owner_id, '-', '') || '0'
            ELSE ''
        END)
) STORED;
CREATE INDEX search_documents_fts ON search_documents USING GIN (search_vector);
