-- The listing's data shape for the peer (Directus), generated like deploy/bench/seed-works.sh: :target works, 4 in 5
-- published, two creators each, one or two of the eight topics. Tables only; Directus' own metadata is added by
-- directus-meta.sql once its bootstrap has created its system tables.
DROP TABLE IF EXISTS works_topics, creators, works, topics;
CREATE TABLE topics (code varchar(64) PRIMARY KEY, name_zh varchar(64) NOT NULL, name_en varchar(128) NOT NULL,
                     position int NOT NULL);
INSERT INTO topics VALUES
    ('ARTIFICIAL_INTELLIGENCE', '人工智能', 'Artificial intelligence', 1), ('BIOTECHNOLOGY', '生物技术', 'Biotechnology', 2),
    ('QUANTUM_TECHNOLOGY', '量子科技', 'Quantum technology', 3), ('AEROSPACE', '航空航天', 'Aerospace', 4),
    ('DEEP_SEA_DEEP_EARTH', '深海深地探测', 'Deep-sea and deep-earth exploration', 5), ('NEW_ENERGY', '新能源', 'New energy', 6),
    ('NEW_MATERIALS', '新材料', 'New materials', 7), ('GENERAL_SCIENCE', '综合科普', 'General science', 8);
CREATE TABLE works (
    id uuid PRIMARY KEY, kind varchar(32) NOT NULL, title varchar(200) NOT NULL, title_en varchar(300),
    description text NOT NULL, tags json NOT NULL, region varchar(32) NOT NULL, credit_line varchar(300) NOT NULL,
    licence varchar(32) NOT NULL, status varchar(32) NOT NULL, published_at timestamptz,
    created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
CREATE INDEX works_status_listing_idx ON works (status, created_at DESC, id DESC);
CREATE TABLE creators (id serial PRIMARY KEY, work_id uuid NOT NULL REFERENCES works (id), sort int NOT NULL,
                       name varchar(100) NOT NULL, affiliation varchar(200));
CREATE INDEX creators_work_idx ON creators (work_id);
CREATE TABLE works_topics (id serial PRIMARY KEY, works_id uuid NOT NULL REFERENCES works (id),
                           topics_code varchar(64) NOT NULL REFERENCES topics (code));
CREATE INDEX works_topics_work_idx ON works_topics (works_id);

INSERT INTO works
SELECT md5('bench-work-' || g)::uuid, (ARRAY['POSTER','PHOTO','SHORT_VIDEO','ARTICLE','OTHER'])[1 + g % 5],
       '科普作品第' || g || '号：' || (ARRAY['量子计算入门','深海探测','新能源汽车','人工智能与生活','航天器返回'])[1 + g % 5],
       'Science work ' || g, '这是第' || g || '号科普作品的简介，介绍相关的科学知识。',
       json_build_array('科普', 'tag' || (g % 100)),
       (ARRAY['BEIJING','LIAONING','ZHEJIANG','HUBEI','CHONGQING','SHAANXI','XPCC'])[1 + g % 7],
       '张' || g || '（科普研究所' || (g % 50) || '）、李' || g,
       (ARRAY['CC_BY_4_0','CC_BY_SA_4_0','CC_BY_NC_4_0','CC_BY_NC_ND_4_0','EDITORIAL_USE_ONLY','ALL_RIGHTS_RESERVED'])[1 + g % 6],
       CASE WHEN g % 5 = 0 THEN 'DRAFT' ELSE 'PUBLISHED' END,
       CASE WHEN g % 5 = 0 THEN NULL ELSE timestamptz '2026-11-01' - g * interval '1 second' END,
       timestamptz '2026-11-01' - g * interval '1 second', timestamptz '2026-11-01' - g * interval '1 second'
FROM generate_series(1, :target) g;
INSERT INTO creators (work_id, sort, name, affiliation)
SELECT md5('bench-work-' || g)::uuid, p, CASE p WHEN 0 THEN '张' ELSE '李' END || g,
       CASE p WHEN 0 THEN '科普研究所' || (g % 50) END
FROM generate_series(1, :target) g CROSS JOIN generate_series(0, 1) p;
INSERT INTO works_topics (works_id, topics_code)
SELECT DISTINCT md5('bench-work-' || g)::uuid, t.code
FROM generate_series(1, :target) g JOIN topics t ON t.position IN (1 + g % 8, 1 + (g / 8) % 8);
ANALYZE;
