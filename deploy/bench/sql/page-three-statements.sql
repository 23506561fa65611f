-- The first page of 50 published works as the service reads it (pgbench script, the "limit" of issue 13): the page
-- (51 rows: one more tells whether there is a next page), then creators and topics of those works in one statement
-- each. The service gets the ids from the page; pgbench cannot carry a row set between statements, so the batch
-- statements select them again through the same index (50 index entries, a small part of their cost).
SELECT id, kind, title, title_en, description, description_en, tags, region, credit_line, licence, owner_id, status,
       published_at, created_at, updated_at, version
FROM work WHERE status = 'PUBLISHED' ORDER BY created_at DESC, id DESC LIMIT 51;
SELECT c.work_id, c.position, c.name, c.name_en, c.affiliation, c.role
FROM work_creator c
WHERE c.work_id = ANY (ARRAY(SELECT id FROM work WHERE status = 'PUBLISHED' ORDER BY created_at DESC, id DESC LIMIT 50))
ORDER BY c.work_id, c.position;
SELECT wt.work_id, t.code, t.name_zh, t.name_en, t.position
FROM work_topic wt JOIN topic t ON t.code = wt.topic_code
WHERE wt.work_id = ANY (ARRAY(SELECT id FROM work WHERE status = 'PUBLISHED' ORDER BY created_at DESC, id DESC LIMIT 50))
ORDER BY t.position;
