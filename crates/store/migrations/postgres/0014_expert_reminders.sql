-- An expert (who has no account) can stop the reminders about one request with the one-click
-- link in them; once stopped, no new date or replacement queues them again for that roster row.
ALTER TABLE advice_experts ADD COLUMN reminders_stopped_at BIGINT;
