-- Experts' reminders leave the outbox for the nudges job: each run finds them from the facts
-- (the request still collecting, the expert still awaited and not stopped, their date and when
-- it was given, how many went before), records each once by its key and mails it by a guarded
-- UPDATE in the same transaction as its outbox row, as every nudge is. An expert has no account,
-- so these are not `nudges` rows (keyed by a person) but live here, beside the roster row.

-- When the expert's current answer-by date was given (the request sent, the expert added in
-- someone's place, or more time asked for): the reminders are spread from then to the date.
ALTER TABLE advice_experts ADD COLUMN answer_by_given_at BIGINT;

-- Each reminder once: (expert, occasion, step) is unique, so a second finding (a rerun, another
-- instance) adds nothing. occasion is the answer-by date, so a new date is a new timetable and
-- the old one's reminders still waiting become void. state: pending, sent, void.
CREATE TABLE expert_reminders (
    id         TEXT PRIMARY KEY,
    expert_id  TEXT NOT NULL REFERENCES advice_experts(id) ON DELETE CASCADE,
    occasion   BIGINT NOT NULL,
    step       BIGINT NOT NULL,
    due_at     BIGINT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'void')),
    mail_id    TEXT,
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    UNIQUE (expert_id, occasion, step)
);
CREATE INDEX expert_reminders_pending ON expert_reminders(state, due_at);

-- What the old way queued. A date was given when its reminders were queued (the latest queueing
-- is the current date's), else when the expert was named.
UPDATE advice_experts SET answer_by_given_at = COALESCE(
    (SELECT MAX(o.created_at) FROM advice_reminders r JOIN outbox o ON o.id = r.mail_id
     WHERE r.expert_id = advice_experts.id),
    created_at);

-- Reminders sent (or being sent) stay counted toward the three: those queued for the current
-- date (within a minute of its queueing) as its first steps in order, earlier ones under a past
-- occasion of their own.
INSERT INTO expert_reminders (id, expert_id, occasion, step, due_at, state, mail_id, created_at, decided_at)
SELECT 'migrated-' || r.mail_id, r.expert_id,
       CASE WHEN o.created_at >= x.answer_by_given_at - 60000 THEN x.answer_by ELSE r.send_at END,
       CASE WHEN o.created_at >= x.answer_by_given_at - 60000 THEN
           (SELECT COUNT(*) FROM advice_reminders r2 JOIN outbox o2 ON o2.id = r2.mail_id
            WHERE r2.expert_id = r.expert_id AND (o2.sent_at IS NOT NULL OR o2.claimed_until IS NOT NULL)
            AND o2.created_at >= x.answer_by_given_at - 60000 AND r2.send_at <= r.send_at)
       ELSE 1 END,
       r.send_at, 'sent', r.mail_id, r.send_at, COALESCE(o.sent_at, r.send_at)
FROM advice_reminders r JOIN advice_experts x ON x.id = r.expert_id LEFT JOIN outbox o ON o.id = r.mail_id
WHERE o.id IS NULL OR o.sent_at IS NOT NULL OR o.claimed_until IS NOT NULL;

-- Those still waiting in the outbox go: the nudges job sends them now, at the same moments.
DELETE FROM outbox WHERE sent_at IS NULL AND claimed_until IS NULL
    AND id IN (SELECT mail_id FROM advice_reminders);
DROP TABLE advice_reminders;
