-- Issue 11 item 1: a work's publication history (requests, decisions, takedowns) is read from the audit log by entity.
CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, seq DESC);
