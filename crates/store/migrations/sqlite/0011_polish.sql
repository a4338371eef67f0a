-- Search finds themes by their words. Until now a theme ("What I must let go of") was in no
-- search row: not its own, and not in the rows of the reflections tagged with it, so "letting
-- go" found nothing. From here on the store writes a private row of kind 'theme' for each new
-- theme and puts a reflection's theme labels on the last line of its row; this migration does
-- the same for what exists, then rebuilds the FTS5 index (its tokenizer stays 'porter
-- unicode61': English stems, so "letting" meets "let").
INSERT INTO search_documents
    (record_id, kind, owner_id, relationship_id, audience, audience_target, shared_at, title, body, updated_at)
SELECT id, 'theme', owner_id, NULL, 'private', NULL, created_at, label, label, created_at
FROM themes
WHERE true
ON CONFLICT (record_id) DO NOTHING;

UPDATE search_documents
SET body = body || char(10) || (
    SELECT group_concat(label, ', ') FROM (
        SELECT t.label FROM reflection_themes rt JOIN themes t ON t.id = rt.theme_id
        WHERE rt.reflection_id = search_documents.record_id ORDER BY t.label
    )
)
WHERE kind = 'reflection'
  AND EXISTS (SELECT 1 FROM reflection_themes rt WHERE rt.reflection_id = search_documents.record_id);

INSERT INTO search_fts(search_fts) VALUES ('rebuild');

-- An invitation handed out as a link names whom it is for, so the leader's pages say "your
-- invitation to Sam" until it is answered (issue 14). Optional: an e-mail names them already.
ALTER TABLE relationships ADD COLUMN invitee_name TEXT;

-- Facts about this instance as a whole, one row each. The demo loader writes 'demo_loaded', and
-- only then does the sign-in page list the demo sign-ins: a real instance never has the row.
CREATE TABLE instance_settings (
    setting_key TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);
