-- Works: posters, photos, short videos, articles and other science-popularisation works.

-- Topic taxonomy, seeded from the fields named in the Science & Technology Week notice.
CREATE TABLE topic (
    code      text PRIMARY KEY,
    name_zh   text NOT NULL,
    name_en   text NOT NULL,
    position  int  NOT NULL
);

INSERT INTO topic (code, name_zh, name_en, position) VALUES
    ('ARTIFICIAL_INTELLIGENCE', '人工智能',       'Artificial intelligence',            1),
    ('BIOTECHNOLOGY',           '生物技术',       'Biotechnology',                      2),
    ('QUANTUM_TECHNOLOGY',      '量子科技',       'Quantum technology',                 3),
    ('AEROSPACE',               '航空航天',       'Aerospace',                          4),
    ('DEEP_SEA_DEEP_EARTH',     '深海深地探测',   'Deep-sea and deep-earth exploration', 5),
    ('NEW_ENERGY',              '新能源',         'New energy',                         6),
    ('NEW_MATERIALS',           '新材料',         'New materials',                      7),
    ('GENERAL_SCIENCE',         '综合科普',       'General science',                    8);

CREATE TABLE work (
    id              uuid         PRIMARY KEY,
    kind            text         NOT NULL CHECK (kind IN ('POSTER', 'PHOTO', 'SHORT_VIDEO', 'ARTICLE', 'OTHER')),
    title           text         NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    title_en        text         CHECK (length(title_en) <= 300),
    description     text         NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    description_en  text         CHECK (length(description_en) <= 8000),
    tags            text[]       NOT NULL DEFAULT '{}',
    region          text         NOT NULL,
    credit_line     text         NOT NULL CHECK (length(credit_line) BETWEEN 1 AND 300),
    licence         text         NOT NULL CHECK (licence IN ('CC_BY_4_0', 'CC_BY_SA_4_0', 'CC_BY_NC_4_0', 'CC_BY_NC_ND_4_0', 'EDITORIAL_USE_ONLY', 'ALL_RIGHTS_RESERVED')),
    owner_id        uuid         NOT NULL REFERENCES account (id),
    status          text         NOT NULL CHECK (status IN ('DRAFT', 'IN_MODERATION', 'PUBLISHED', 'REJECTED', 'WITHDRAWN')),
    published_at    timestamptz,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    version         bigint       NOT NULL DEFAULT 0
);

-- Keyset pagination walks (created_at, id) newest first.
CREATE INDEX work_created_idx ON work (created_at DESC, id DESC);
CREATE INDEX work_owner_idx ON work (owner_id, created_at DESC);
CREATE INDEX work_status_idx ON work (status, created_at DESC);

CREATE TABLE work_topic (
    work_id     uuid NOT NULL REFERENCES work (id) ON DELETE CASCADE,
    topic_code  text NOT NULL REFERENCES topic (code),
    PRIMARY KEY (work_id, topic_code)
);
CREATE INDEX work_topic_topic_idx ON work_topic (topic_code, work_id);

CREATE TABLE work_creator (
    work_id       uuid NOT NULL REFERENCES work (id) ON DELETE CASCADE,
    position      int  NOT NULL,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    name_en       text CHECK (length(name_en) <= 150),
    affiliation   text CHECK (length(affiliation) <= 200),
    role          text CHECK (length(role) <= 50),
    PRIMARY KEY (work_id, position)
);
