-- Outlet library (issue 11.2): download counts, works with files, saved searches with alerts, bulk downloads.

-- Downloads per work, counted from the download log as it is written. Search documents carry the count. The log
-- itself never touches the search outbox: search.DownloadCountFlush periodically marks the works whose count moved
-- since the last flush (downloads <> indexed), so a burst of downloads of one work becomes one outbox row per flush,
-- not one index write per download.
CREATE TABLE work_download_count (
    work_id    uuid    PRIMARY KEY REFERENCES work (id) ON DELETE CASCADE,
    downloads  bigint  NOT NULL DEFAULT 0 CHECK (downloads >= 0),
    indexed    bigint  NOT NULL DEFAULT 0
);
CREATE INDEX work_download_count_moved_idx ON work_download_count (work_id) WHERE downloads <> indexed;

CREATE FUNCTION download_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO work_download_count (work_id, downloads) VALUES (NEW.work_id, 1)
        ON CONFLICT (work_id) DO UPDATE SET downloads = work_download_count.downloads + 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER download_record_counted AFTER INSERT ON download_record
    FOR EACH ROW EXECUTE FUNCTION download_counted();

INSERT INTO work_download_count (work_id, downloads)
    SELECT work_id, count(*) FROM download_record GROUP BY work_id;

-- Downloads handed out as part of one bulk (ZIP) download name it.
ALTER TABLE download_record ADD COLUMN bulk_download_id uuid;

-- Whether a work has at least one verified file, kept by a trigger on media_asset whatever code path adds or removes
-- files, so listings and search can leave out works without files.
ALTER TABLE work ADD COLUMN has_files boolean NOT NULL DEFAULT false;
UPDATE work w SET has_files = true WHERE EXISTS (SELECT 1 FROM media_asset m WHERE m.work_id = w.id);
-- The public listing restricted to works with files: the same order as work_status_listing_idx.
CREATE INDEX work_with_files_listing_idx ON work (status, created_at DESC, id DESC) WHERE has_files;

CREATE FUNCTION work_files_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE work SET has_files = false
         WHERE id = OLD.work_id AND has_files
           AND NOT EXISTS (SELECT 1 FROM media_asset m WHERE m.work_id = OLD.work_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE work SET has_files = true WHERE id = NEW.work_id AND NOT has_files;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER media_asset_has_files AFTER INSERT OR UPDATE OF work_id OR DELETE ON media_asset
    FOR EACH ROW EXECUTE FUNCTION work_files_changed();

-- Saved searches of media outlets: a query and a filter as searchWorks takes them, with an alert switch.
CREATE TABLE saved_search (
    id          uuid         PRIMARY KEY,
    account_id  uuid         NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name        text         NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    query       text         NOT NULL DEFAULT '' CHECK (length(query) <= 200),
    filter      jsonb        NOT NULL DEFAULT '{}',
    alerts      boolean      NOT NULL DEFAULT true,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL
);
CREATE INDEX saved_search_account_idx ON saved_search (account_id, created_at, id);
CREATE INDEX saved_search_alerting_idx ON saved_search (id) WHERE alerts;

-- Works that became PUBLISHED and still have to be matched against the saved searches. The trigger writes a row in
-- the transaction that publishes, however it publishes (results, publication review, a scheduled release);
-- search.SavedSearchAlerts removes it once the work is publicly visible in the index and matched.
CREATE TABLE saved_search_pending (
    work_id     uuid         PRIMARY KEY REFERENCES work (id) ON DELETE CASCADE,
    queued_at   timestamptz  NOT NULL DEFAULT now(),
    checked_at  timestamptz
);

CREATE FUNCTION work_published_for_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'PUBLISHED' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'PUBLISHED'
            OR OLD.published_at IS DISTINCT FROM NEW.published_at) THEN
        INSERT INTO saved_search_pending (work_id) VALUES (NEW.id)
            ON CONFLICT (work_id) DO UPDATE SET checked_at = NULL;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER work_published_alerts AFTER INSERT OR UPDATE OF status, published_at ON work
    FOR EACH ROW EXECUTE FUNCTION work_published_for_alerts();

-- One bulk (ZIP) download: the files chosen when it was requested (licences accepted, downloads logged then), served
-- while it has not expired under a random URL token of which only the SHA-256 is kept.
CREATE TABLE bulk_download (
    id            uuid         PRIMARY KEY,
    token_sha256  text         NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    account_id    uuid         NOT NULL REFERENCES account (id),
    work_ids      uuid[]       NOT NULL,
    asset_ids     uuid[]       NOT NULL,
    total_bytes   bigint       NOT NULL,
    created_at    timestamptz  NOT NULL,
    expires_at    timestamptz  NOT NULL,
    streams       int          NOT NULL DEFAULT 0
);
CREATE INDEX bulk_download_account_idx ON bulk_download (account_id, created_at DESC);
