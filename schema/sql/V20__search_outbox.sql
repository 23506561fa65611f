-- Search consistency: every change that alters a search document leaves, in the same transaction, an outbox row
-- (what to re-index) and a new per-work search version (which document state is newest). Triggers do it, so no
-- code path can forget it; the indexer drains the outbox and the drift check compares versions.

CREATE SEQUENCE search_version_seq;

-- The newest search version of every work ever indexed. The version is taken from the sequence while holding the
-- row lock of the upsert, so per work it grows in commit order: a document built in a snapshot carries exactly
-- the version of that snapshot, and Elasticsearch (external versioning) refuses to let an older one overwrite it.
CREATE TABLE search_version (
    work_id  uuid   PRIMARY KEY,
    version  bigint NOT NULL
);

CREATE TABLE search_outbox (
    id          bigserial    PRIMARY KEY,
    work_id     uuid         NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now()
);

-- The one function every trigger calls: marks a work as changed for search.
CREATE FUNCTION search_work_changed(changed uuid) RETURNS void LANGUAGE sql AS $$
    INSERT INTO search_version (work_id, version) VALUES (changed, nextval('search_version_seq'))
        ON CONFLICT (work_id) DO UPDATE SET version = nextval('search_version_seq');
    INSERT INTO search_outbox (work_id) VALUES (changed);
$$;

-- Trigger function for any table with a work_id column (or the work table itself, whose key is id). Adding a
-- table that feeds search documents is one line:
--   CREATE TRIGGER x_search AFTER INSERT OR UPDATE OR DELETE ON x FOR EACH ROW EXECUTE FUNCTION search_row_changed();
CREATE FUNCTION search_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    key text := CASE WHEN TG_TABLE_NAME = 'work' THEN 'id' ELSE 'work_id' END;
    old_id uuid;
    new_id uuid;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        old_id := (to_jsonb(OLD) ->> key)::uuid;
        PERFORM search_work_changed(old_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        new_id := (to_jsonb(NEW) ->> key)::uuid;
        IF old_id IS DISTINCT FROM new_id THEN
            PERFORM search_work_changed(new_id);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER work_search AFTER INSERT OR UPDATE OR DELETE ON work
    FOR EACH ROW EXECUTE FUNCTION search_row_changed();
CREATE TRIGGER work_topic_search AFTER INSERT OR UPDATE OR DELETE ON work_topic
    FOR EACH ROW EXECUTE FUNCTION search_row_changed();
CREATE TRIGGER work_creator_search AFTER INSERT OR UPDATE OR DELETE ON work_creator
    FOR EACH ROW EXECUTE FUNCTION search_row_changed();

-- Collections (专题): organizer-curated, ordered, titled lists of published works.
CREATE TABLE collection (
    id           uuid         PRIMARY KEY,
    title        text         NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    title_en     text         CHECK (length(title_en) <= 300),
    description  text         NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now(),
    version      bigint       NOT NULL DEFAULT 0
);
CREATE INDEX collection_created_idx ON collection (created_at DESC, id DESC);

CREATE TABLE collection_work (
    collection_id  uuid NOT NULL REFERENCES collection (id) ON DELETE CASCADE,
    work_id        uuid NOT NULL REFERENCES work (id) ON DELETE CASCADE,
    position       int  NOT NULL,
    PRIMARY KEY (collection_id, work_id)
);
CREATE INDEX collection_work_work_idx ON collection_work (work_id);

CREATE TRIGGER collection_work_search AFTER INSERT OR UPDATE OR DELETE ON collection_work
    FOR EACH ROW EXECUTE FUNCTION search_row_changed();

-- Works that existed before this migration get a version and an outbox row, so the first indexer pass covers them.
INSERT INTO search_version (work_id, version) SELECT id, nextval('search_version_seq') FROM work;
INSERT INTO search_outbox (work_id) SELECT id FROM work;
