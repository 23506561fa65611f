-- Issue 8 item 11: an audit event's detail is stored as a message key and its arguments (MsgJson), e.g.
-- {"key": "judging.audit.scored", "args": [2]}, and rendered in each reader's language (Accept-Language) when read.
-- detail keeps a plain text (English, or the user's own words) for events recorded before this migration, for the
-- machine-readable details (a role's code) and for an instance of the previous version during a rolling update.
-- Adding a column fires no row trigger: the log stays append-only, earlier rows are not rewritten.
ALTER TABLE audit_event ADD COLUMN detail_msg jsonb;
COMMENT ON COLUMN audit_event.detail_msg IS 'the detail as {"key", "args"}, rendered per reader; null: show detail';
