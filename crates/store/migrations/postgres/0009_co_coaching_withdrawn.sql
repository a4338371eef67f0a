-- Practice 4: a facilitator may withdraw an invitation that has not been taken up. The row stays
-- (so its link can say it was withdrawn, rather than that it never existed); a withdrawn
-- participant is left out of the engagement's lists, counts and mails. Identical SQL for both
-- backends.
ALTER TABLE cc_participants ADD COLUMN withdrawn_at BIGINT;
