-- The built search document of each work, as the indexer last sent it to Elasticsearch (issue 13 item 4): the exact
-- bulk source, including the word fields the service segments in Java (w.*, not in the index's _source). A reindex
-- (mapping change, Elasticsearch upgrade, cluster rebuild) streams these bodies instead of segmenting and serialising
-- every work again, which was most of its cost; it builds only the works whose row is missing or stale.
--
-- A row is served only while it is exact: its version equals the work's row in search_version (read in the same
-- statement), its builder equals the running code's (SearchDocuments.BUILDER: document code and analyser), and the
-- clock has not passed fresh_until (a work published for a later time gets its autocomplete entry at that time, so
-- its document built before then expires then). Otherwise the work is built again, from PostgreSQL.
--
-- Written by the indexer in the transaction that claims the outbox rows (the same snapshot the document was read in)
-- and by the reindex for the documents it built; a write never replaces a newer version. No foreign key to work: the
-- reindex reads only works that exist, the indexer deletes the row of a deleted work, and a per-row check would cost
-- the bulk writes of a reindex; rows whose work is gone after a race are removed at the end of each reindex.
-- bytea, compressed by TOAST once a row passes toast_tuple_target (2 kB by default: long descriptions).
CREATE TABLE search_document (
    work_id      uuid         PRIMARY KEY,
    version      bigint       NOT NULL,
    builder      text         NOT NULL,
    fresh_until  timestamptz,
    body         bytea        NOT NULL
);
