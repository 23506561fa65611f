-- Contests, moderation and judging: categories with media rules, rubrics, rounds, submissions, moderation
-- decisions, judge panels, conflicts, assignments, immutable scores, awards and the append-only audit log.

ALTER TABLE contest
    ADD COLUMN judging_opens_at        timestamptz,
    ADD COLUMN judging_closes_at       timestamptz,
    ADD COLUMN entry_limit             int     NOT NULL DEFAULT 3 CHECK (entry_limit BETWEEN 1 AND 100),
    ADD COLUMN required_declarations   text[]  NOT NULL DEFAULT '{ORIGINALITY,CONSENT_OF_PEOPLE_SHOWN,MEDIA_LICENCE_GRANT}',
    ADD COLUMN conflict_same_region    boolean NOT NULL DEFAULT false,
    ADD COLUMN disagreement_threshold  numeric NOT NULL DEFAULT 20 CHECK (disagreement_threshold > 0),
    ADD COLUMN results_published_at    timestamptz,
    ADD CONSTRAINT contest_judging_window CHECK (judging_closes_at IS NULL OR judging_opens_at IS NULL
        OR judging_closes_at > judging_opens_at);

CREATE TABLE contest_category (
    id                    uuid     PRIMARY KEY,
    contest_id            uuid     NOT NULL REFERENCES contest (id) ON DELETE CASCADE,
    code                  text     NOT NULL CHECK (code ~ '^[A-Z0-9_]{1,40}$'),
    name                  text     NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    position              int      NOT NULL,
    accepted_kinds        text[]   NOT NULL CHECK (cardinality(accepted_kinds) > 0),
    -- Media rules, checked against probed facts. Empty arrays and nulls mean "no rule".
    mime_types            text[]   NOT NULL DEFAULT '{}',
    max_size_bytes        bigint   CHECK (max_size_bytes > 0),
    min_width             int      CHECK (min_width > 0),
    min_height            int      CHECK (min_height > 0),
    max_duration_seconds  numeric  CHECK (max_duration_seconds > 0),
    aspect_ratios         text[]   NOT NULL DEFAULT '{}',
    UNIQUE (contest_id, code)
);

CREATE TABLE rubric_criterion (
    id          uuid     PRIMARY KEY,
    contest_id  uuid     NOT NULL REFERENCES contest (id) ON DELETE CASCADE,
    code        text     NOT NULL CHECK (code ~ '^[A-Z0-9_]{1,40}$'),
    name        text     NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    weight      numeric  NOT NULL CHECK (weight > 0),
    scale_max   int      NOT NULL CHECK (scale_max BETWEEN 1 AND 100),
    position    int      NOT NULL,
    UNIQUE (contest_id, code)
);

CREATE TABLE contest_round (
    id                uuid  PRIMARY KEY,
    contest_id        uuid  NOT NULL REFERENCES contest (id) ON DELETE CASCADE,
    number            int   NOT NULL CHECK (number >= 1),
    name              text  NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    shortlist_size    int   CHECK (shortlist_size >= 1),
    judges_per_entry  int   NOT NULL DEFAULT 3 CHECK (judges_per_entry BETWEEN 1 AND 20),
    UNIQUE (contest_id, number)
);

CREATE TABLE submission (
    id            uuid         PRIMARY KEY,
    contest_id    uuid         NOT NULL REFERENCES contest (id),
    category_id   uuid         NOT NULL REFERENCES contest_category (id),
    work_id       uuid         NOT NULL REFERENCES work (id),
    entrant_id    uuid         NOT NULL REFERENCES account (id),
    -- Blind code shown to judges instead of any identity, e.g. E-7K2Q9.
    entry_code    text         NOT NULL UNIQUE,
    status        text         NOT NULL CHECK (status IN ('IN_MODERATION', 'ACCEPTED', 'REJECTED', 'WITHDRAWN')),
    declarations  text[]       NOT NULL,
    submitted_at  timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL,
    version       bigint       NOT NULL DEFAULT 0
);
-- A work is in a contest at most once while its submission is live (double submit).
CREATE UNIQUE INDEX submission_live_work_uq ON submission (contest_id, work_id) WHERE status <> 'WITHDRAWN';
CREATE INDEX submission_entrant_idx ON submission (entrant_id, contest_id);
CREATE INDEX submission_contest_idx ON submission (contest_id, status);

CREATE TABLE moderation_decision (
    id             uuid         PRIMARY KEY,
    submission_id  uuid         NOT NULL REFERENCES submission (id),
    work_id        uuid         NOT NULL REFERENCES work (id),
    moderator_id   uuid         NOT NULL REFERENCES account (id),
    stage          text         NOT NULL CHECK (stage IN ('ENTRY', 'PUBLICATION')),
    decision       text         NOT NULL CHECK (decision IN ('APPROVE', 'REJECT')),
    reason_code    text         NOT NULL,
    note           text         NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    decided_at     timestamptz  NOT NULL
);
CREATE INDEX moderation_decision_submission_idx ON moderation_decision (submission_id, decided_at);
CREATE INDEX moderation_decision_work_idx ON moderation_decision (work_id) WHERE decision = 'REJECT';

-- A work a moderator ever rejected can never become PUBLISHED, whichever code path tries.
CREATE FUNCTION work_rejected_never_published() RETURNS trigger AS $$
BEGIN
    IF NEW.status = 'PUBLISHED' AND EXISTS (
            SELECT 1 FROM moderation_decision d WHERE d.work_id = NEW.id AND d.decision = 'REJECT') THEN
        RAISE EXCEPTION 'work % was rejected by moderation and cannot be published', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER work_rejected_never_published BEFORE INSERT OR UPDATE OF status ON work
    FOR EACH ROW EXECUTE FUNCTION work_rejected_never_published();

CREATE TABLE contest_judge (
    contest_id  uuid    NOT NULL REFERENCES contest (id) ON DELETE CASCADE,
    judge_id    uuid    NOT NULL REFERENCES account (id),
    max_load    int     CHECK (max_load >= 1),
    PRIMARY KEY (contest_id, judge_id)
);

-- Declared by a judge (an organization they are tied to, or an entry they recused from) or found by detection.
CREATE TABLE judge_conflict (
    id             uuid         PRIMARY KEY,
    contest_id     uuid         NOT NULL REFERENCES contest (id) ON DELETE CASCADE,
    judge_id       uuid         NOT NULL REFERENCES account (id),
    organization   text,
    submission_id  uuid         REFERENCES submission (id),
    note           text         NOT NULL DEFAULT '',
    declared_at    timestamptz  NOT NULL,
    CHECK (organization IS NOT NULL OR submission_id IS NOT NULL)
);
CREATE INDEX judge_conflict_contest_idx ON judge_conflict (contest_id, judge_id);

-- Entries of rounds after the first (round 1 holds every accepted submission).
CREATE TABLE round_entry (
    round_id       uuid NOT NULL REFERENCES contest_round (id) ON DELETE CASCADE,
    submission_id  uuid NOT NULL REFERENCES submission (id),
    PRIMARY KEY (round_id, submission_id)
);

CREATE TABLE assignment (
    id             uuid         PRIMARY KEY,
    round_id       uuid         NOT NULL REFERENCES contest_round (id),
    submission_id  uuid         NOT NULL REFERENCES submission (id),
    judge_id       uuid         NOT NULL REFERENCES account (id),
    automatic      boolean      NOT NULL,
    assigned_at    timestamptz  NOT NULL,
    UNIQUE (round_id, submission_id, judge_id)
);
CREATE INDEX assignment_judge_idx ON assignment (judge_id, round_id);

-- Scores are immutable: a judge's change appends a revision; the latest revision counts.
CREATE TABLE score (
    id             uuid         PRIMARY KEY,
    round_id       uuid         NOT NULL REFERENCES contest_round (id),
    submission_id  uuid         NOT NULL REFERENCES submission (id),
    judge_id       uuid         NOT NULL REFERENCES account (id),
    revision       int          NOT NULL CHECK (revision >= 1),
    submitted_at   timestamptz  NOT NULL,
    UNIQUE (round_id, submission_id, judge_id, revision)
);
CREATE TABLE score_item (
    score_id        uuid     NOT NULL REFERENCES score (id),
    criterion_code  text     NOT NULL,
    value           numeric  NOT NULL CHECK (value >= 0),
    comment         text     NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    PRIMARY KEY (score_id, criterion_code)
);

CREATE TABLE award (
    submission_id  uuid         PRIMARY KEY REFERENCES submission (id),
    contest_id     uuid         NOT NULL REFERENCES contest (id),
    tier           text         NOT NULL CHECK (tier IN ('FIRST_PRIZE', 'SECOND_PRIZE', 'THIRD_PRIZE', 'EXCELLENCE')),
    assigned_at    timestamptz  NOT NULL
);
CREATE INDEX award_contest_idx ON award (contest_id, tier);

CREATE TABLE audit_event (
    seq          bigserial    PRIMARY KEY,
    at           timestamptz  NOT NULL DEFAULT clock_timestamp(),
    actor        text,
    contest_id   uuid,
    action       text         NOT NULL,
    entity_type  text         NOT NULL,
    entity_id    text         NOT NULL,
    detail       text         NOT NULL DEFAULT ''
);
CREATE INDEX audit_event_contest_idx ON audit_event (contest_id, seq DESC);

CREATE FUNCTION append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$ LANGUAGE plpgsql;
CREATE TRIGGER score_append_only BEFORE UPDATE OR DELETE ON score
    FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER score_item_append_only BEFORE UPDATE OR DELETE ON score_item
    FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER moderation_decision_append_only BEFORE UPDATE OR DELETE ON moderation_decision
    FOR EACH ROW EXECUTE FUNCTION append_only();

-- Categories a panel judge covers; none means all.
CREATE TABLE contest_judge_category (
    contest_id   uuid NOT NULL,
    judge_id     uuid NOT NULL,
    category_id  uuid NOT NULL REFERENCES contest_category (id) ON DELETE CASCADE,
    PRIMARY KEY (contest_id, judge_id, category_id),
    FOREIGN KEY (contest_id, judge_id) REFERENCES contest_judge (contest_id, judge_id) ON DELETE CASCADE
);
