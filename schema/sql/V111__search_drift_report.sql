-- The latest comparison of PostgreSQL with the search index (issue 13): computed on a schedule by one instance at a
-- time (advisory lock), read by every instance's readiness probe, which thereby costs one row whatever the library
-- size. One row, id 1.
CREATE TABLE search_drift_report (
    id          int          PRIMARY KEY CHECK (id = 1),
    checked_at  timestamptz  NOT NULL,
    took_ms     bigint       NOT NULL,
    report      jsonb        NOT NULL
);
