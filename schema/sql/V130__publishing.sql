-- Issue 11 item 1: publication outside contests. An owner (or an organizer for an organisation) asks for a work to be
-- published; moderators review the request at the PUBLICATION stage with the same reasons and append-only decisions
-- as entries; an approval may carry a release time (embargo) until which the work stays invisible. Organizers take
-- published works down with a reason and may put them back.

CREATE TABLE publication_request (
    id            uuid         PRIMARY KEY,
    work_id       uuid         NOT NULL REFERENCES work (id),
    requested_by  uuid         NOT NULL REFERENCES account (id),
    on_behalf_of  text         CHECK (length(on_behalf_of) <= 200),
    note          text         NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    status        text         NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    requested_at  timestamptz  NOT NULL,
    decided_at    timestamptz,
    release_at    timestamptz,
    -- When the work actually became public: at the approval, or when the release job passed release_at.
    released_at   timestamptz,
    version       bigint       NOT NULL DEFAULT 0,
    CHECK (status = 'PENDING' OR decided_at IS NOT NULL),
    CHECK (release_at IS NULL OR status = 'APPROVED')
);
-- One open request per work.
CREATE UNIQUE INDEX publication_request_pending_uq ON publication_request (work_id) WHERE status = 'PENDING';
-- The moderation inbox reads pending requests oldest first.
CREATE INDEX publication_request_pending_idx ON publication_request (requested_at, id) WHERE status = 'PENDING';
-- The release job reads approved requests whose time has come.
CREATE INDEX publication_request_due_idx ON publication_request (release_at)
    WHERE status = 'APPROVED' AND released_at IS NULL;
CREATE INDEX publication_request_work_idx ON publication_request (work_id, requested_at DESC);

-- A moderation decision is about an entry (submission) or a publication request, never both.
ALTER TABLE moderation_decision ALTER COLUMN submission_id DROP NOT NULL;
ALTER TABLE moderation_decision ADD COLUMN publication_request_id uuid REFERENCES publication_request (id);
ALTER TABLE moderation_decision ADD CONSTRAINT moderation_decision_one_subject
    CHECK ((submission_id IS NULL) <> (publication_request_id IS NULL));
ALTER TABLE moderation_decision ADD CONSTRAINT moderation_decision_request_stage
    CHECK (publication_request_id IS NULL OR stage = 'PUBLICATION');
CREATE UNIQUE INDEX moderation_decision_request_uq ON moderation_decision (publication_request_id)
    WHERE publication_request_id IS NOT NULL;

CREATE TABLE work_takedown (
    id              uuid         PRIMARY KEY,
    work_id         uuid         NOT NULL REFERENCES work (id),
    reason          text         NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    taken_down_by   uuid         NOT NULL REFERENCES account (id),
    taken_down_at   timestamptz  NOT NULL,
    lifted_by       uuid         REFERENCES account (id),
    lifted_at       timestamptz,
    CHECK ((lifted_by IS NULL) = (lifted_at IS NULL))
);
CREATE UNIQUE INDEX work_takedown_open_uq ON work_takedown (work_id) WHERE lifted_at IS NULL;
