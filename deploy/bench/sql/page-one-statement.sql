-- The same page as one statement with JSON aggregation (pgbench script): the fastest PostgreSQL can hand it out.
SELECT json_agg(p) FROM (
  SELECT w.id, w.kind, w.title, w.title_en, w.tags, w.region, w.credit_line, w.licence, w.status, w.created_at,
         w.updated_at,
         (SELECT json_agg(json_build_object('name', c.name, 'affiliation', c.affiliation) ORDER BY c.position)
            FROM work_creator c WHERE c.work_id = w.id) AS creators,
         (SELECT json_agg(json_build_object('code', t.code, 'nameZh', t.name_zh) ORDER BY t.position)
            FROM work_topic wt JOIN topic t ON t.code = wt.topic_code WHERE wt.work_id = w.id) AS topics
  FROM work w WHERE w.status = 'PUBLISHED' ORDER BY w.created_at DESC, w.id DESC LIMIT 50) p;
