-- Issue 12 (outlet and entrant screens). An outlet reads its own download history newest first (myDownloads), and an
-- owner may cancel a publication request while it still waits for a moderator: the request is kept as CANCELLED and
-- the work goes back to the state it had before the request (remembered here; DRAFT for requests made before this).

CREATE INDEX download_record_account_idx ON download_record (account_id, downloaded_at DESC, id DESC);

ALTER TABLE publication_request DROP CONSTRAINT publication_request_status_check;
ALTER TABLE publication_request ADD CONSTRAINT publication_request_status_check
    CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED'));
ALTER TABLE publication_request ADD COLUMN work_status_before text
    CHECK (work_status_before IN ('DRAFT', 'REJECTED', 'WITHDRAWN'));
