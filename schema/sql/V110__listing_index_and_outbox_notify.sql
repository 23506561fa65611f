-- Performance (issue 13).

-- The public listing is "status = PUBLISHED order by created_at desc, id desc limit 51". With the id in the index the
-- first page is 51 index entries whatever the library size; (status, created_at) alone needed an incremental sort.
CREATE INDEX work_status_listing_idx ON work (status, created_at DESC, id DESC);
DROP INDEX work_status_idx;

-- Wakes the search indexer on commit instead of waiting for its next poll: one NOTIFY per statement that wrote outbox
-- rows (PostgreSQL delivers it after commit, and folds identical ones within a transaction). Kept on the outbox table
-- itself, so it holds whichever trigger functions feed the outbox.
CREATE FUNCTION search_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('kepu_search_outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER search_outbox_wake AFTER INSERT ON search_outbox
    FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_notify();
