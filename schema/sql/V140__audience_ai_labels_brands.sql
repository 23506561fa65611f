-- Labels outlets and schools ask for (issue 11, items 5 and 6): audience levels and the AI-generation declaration on
-- every work, the AI label found in each verified file's metadata, contest categories that require or forbid
-- AI-generated entries, and science-popularisation brands (网络科普品牌) that works belong to.

-- Brands and series: an organisation's video channel, column or volunteer-service brand.
CREATE TABLE brand (
    id                  uuid         PRIMARY KEY,
    name                text         NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    name_en             text         CHECK (length(name_en) <= 200),
    owner_organization  text         NOT NULL CHECK (length(owner_organization) BETWEEN 1 AND 200),
    kind                text         NOT NULL,
    description         text         NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    description_en      text         CHECK (length(description_en) <= 8000),
    -- A verified image file whose renditions are the brand's logo.
    logo_asset_id       uuid         REFERENCES media_asset (id) ON DELETE SET NULL,
    -- Accounts (members of the owner organisation) organizers let edit the brand and file works under it.
    manager_ids         uuid[]       NOT NULL DEFAULT '{}',
    created_by          uuid         NOT NULL REFERENCES account (id),
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0
);
CREATE INDEX brand_created_idx ON brand (created_at DESC, id DESC);
CREATE INDEX brand_managers_idx ON brand USING gin (manager_ids);

ALTER TABLE work
    -- PRESCHOOL, PRIMARY_SCHOOL, SECONDARY_SCHOOL, UNIVERSITY, GENERAL_PUBLIC, PROFESSIONAL (works.AudienceLevel).
    ADD COLUMN audience_levels text[] NOT NULL DEFAULT '{}',
    -- What the entrant declared about AI: NONE, ASSISTED, GENERATED; null while undeclared (works made before).
    ADD COLUMN ai_use          text CHECK (ai_use IN ('NONE', 'ASSISTED', 'GENERATED')),
    ADD COLUMN ai_use_note     text CHECK (length(ai_use_note) <= 1000),
    ADD COLUMN brand_id        uuid REFERENCES brand (id) ON DELETE SET NULL;
CREATE INDEX work_brand_idx ON work (brand_id) WHERE brand_id IS NOT NULL;

-- The implicit AI label read from a file's metadata when it was verified (GB 45438-2025 AIGC field, XMP
-- DigitalSourceType, C2PA manifest): the strongest kind found, the places it was found and the declared producer.
ALTER TABLE media_asset
    ADD COLUMN ai_label          text CHECK (ai_label IN ('GENERATED', 'COMPOSITE', 'POSSIBLY_GENERATED',
                                                          'PROVENANCE_MANIFEST')),
    ADD COLUMN ai_label_sources  text[] NOT NULL DEFAULT '{}',
    ADD COLUMN ai_label_producer text CHECK (length(ai_label_producer) <= 200);

-- ALLOWED (default), FORBIDDEN (no AI-generated entries) or REQUIRED (only AI-generated entries).
ALTER TABLE contest_category
    ADD COLUMN ai_policy text NOT NULL DEFAULT 'ALLOWED' CHECK (ai_policy IN ('ALLOWED', 'FORBIDDEN', 'REQUIRED'));

-- Outlet copies carry the AI label in their metadata: a changed label makes a new copy, like a changed licence.
ALTER TABLE distribution_copy
    ADD COLUMN ai_label text NOT NULL DEFAULT '';
