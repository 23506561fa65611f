-- Issue 13 item 3: completeUpload answers at once (status VERIFYING) and verification runs as a job (UploadVerifier).
-- A worker claims a session with a random token and a lease; it pushes the lease forward while it works, and a session
-- whose lease ran out (its instance died) is claimed again by the sweeper. The verdict is written only under the
-- token that claimed it, so two instances never verify one session at once and a late worker cannot write over a
-- newer one. Between attempts (object store unavailable) the lease column holds the time of the next attempt.
ALTER TABLE upload_session
    ADD COLUMN verify_claim          uuid,
    ADD COLUMN verify_claimed_until  timestamptz,
    ADD COLUMN verify_attempts       int NOT NULL DEFAULT 0;

-- FAILED: verification could not finish (the store stayed unavailable through every attempt); not the file's fault.
ALTER TABLE upload_session DROP CONSTRAINT upload_session_status_check;
ALTER TABLE upload_session ADD CONSTRAINT upload_session_status_check
    CHECK (status IN ('OPEN', 'VERIFYING', 'COMPLETED', 'REJECTED', 'EXPIRED', 'FAILED'));

-- Sessions an instance of the previous version was verifying inside a request when this ran: give that request a
-- minute to finish, then the sweeper takes over whatever is still VERIFYING.
UPDATE upload_session SET verify_claimed_until = now() + interval '1 minute' WHERE status = 'VERIFYING';

-- What the sweeper looks for: VERIFYING sessions whose lease (or retry time) has passed.
CREATE INDEX upload_session_verify_due_idx ON upload_session (verify_claimed_until) WHERE status = 'VERIFYING';
