-- Issue 8 item 8: a rejected entrant revises the work and submits it again inside the window. The new entry links
-- to the rejected one, and a rejected entry no longer holds the work's place in the contest.
ALTER TABLE submission ADD COLUMN previous_id uuid REFERENCES submission (id);
CREATE UNIQUE INDEX submission_previous_uq ON submission (previous_id) WHERE previous_id IS NOT NULL;

DROP INDEX submission_live_work_uq;
CREATE UNIQUE INDEX submission_live_work_uq ON submission (contest_id, work_id)
    WHERE status NOT IN ('WITHDRAWN', 'REJECTED');

-- A rejected work stays unpublishable until a moderator approves a revision of it: the work's latest decision
-- counts (decisions are append-only, so a rejection can never be edited away; only a later approval lifts it).
CREATE OR REPLACE FUNCTION work_rejected_never_published() RETURNS trigger AS $$
BEGIN
    IF NEW.status = 'PUBLISHED' AND (SELECT d.decision FROM moderation_decision d WHERE d.work_id = NEW.id
            ORDER BY d.decided_at DESC, d.decision DESC LIMIT 1) = 'REJECT' THEN
        RAISE EXCEPTION 'work % was rejected by moderation and cannot be published', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
