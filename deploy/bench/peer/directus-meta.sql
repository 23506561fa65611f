-- Directus metadata for the bench tables: collections, the relations its GraphQL schema nests (works.creators O2M,
-- works.topics M2M through works_topics), and read access for anonymous callers (the Public policy), so that the
-- peer serves the same anonymous listing as kepu-media. The published-only rule is the query's filter
-- (directus-first-50.graphql), not a permission filter: Directus 12.4 refuses the whole collection to the Public
-- policy when its read permission carries {"status":{"_eq":"PUBLISHED"}} (FORBIDDEN, measured 2026-12-02); the SQL
-- it runs for the page has the same WHERE either way.
DELETE FROM directus_permissions WHERE collection IN ('works', 'creators', 'topics', 'works_topics');
DELETE FROM directus_relations WHERE many_collection IN ('creators', 'works_topics');
DELETE FROM directus_fields WHERE collection IN ('works', 'creators', 'topics', 'works_topics');
DELETE FROM directus_collections WHERE collection IN ('works', 'creators', 'topics', 'works_topics');
INSERT INTO directus_collections (collection) VALUES ('works'), ('creators'), ('topics'), ('works_topics');
UPDATE directus_collections SET hidden = true WHERE collection = 'works_topics';
INSERT INTO directus_fields (collection, field, special, interface) VALUES
    ('works', 'creators', 'o2m', 'list-o2m'),
    ('works', 'topics', 'm2m', 'list-m2m'),
    ('works', 'tags', 'cast-json', 'tags');
INSERT INTO directus_relations (many_collection, many_field, one_collection, one_field, junction_field, sort_field) VALUES
    ('creators', 'work_id', 'works', 'creators', NULL, 'sort'),
    ('works_topics', 'works_id', 'works', 'topics', 'topics_code', NULL),
    ('works_topics', 'topics_code', 'topics', NULL, 'works_id', NULL);
INSERT INTO directus_permissions (collection, action, fields, permissions, validation, policy)
SELECT c, 'read', '*', '{}'::json, '{}'::json,
       a.policy
FROM unnest(ARRAY['works', 'creators', 'topics', 'works_topics']) c
CROSS JOIN (SELECT policy FROM directus_access WHERE role IS NULL AND "user" IS NULL LIMIT 1) a;
