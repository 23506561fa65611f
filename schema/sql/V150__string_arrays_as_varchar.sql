-- Every String[] attribute of an entity is mapped by Hibernate as varchar[], and Hibernate casts array parameters to
-- that type: array_contains(w.tags, :tag) renders as "tags @> cast(array[?] as varchar[])". PostgreSQL has no
-- text[] @> varchar[] operator, so on text[] columns such a filter failed (works(filter: {tag}) answered INTERNAL).
-- The columns take the type the mapping says; varchar without a length stores exactly what text stores.
-- SchemaTypesTest keeps it so: no text[] column in the schema.

ALTER TABLE account DROP CONSTRAINT account_granted_roles_check;
ALTER TABLE account
    ALTER COLUMN roles TYPE varchar[],
    ALTER COLUMN granted_roles TYPE varchar[];
ALTER TABLE account
    ADD CONSTRAINT account_granted_roles_check
        CHECK (granted_roles <@ ARRAY['JUDGE', 'MODERATOR', 'MEDIA']::varchar[]);

ALTER TABLE work
    ALTER COLUMN tags TYPE varchar[],
    ALTER COLUMN audience_levels TYPE varchar[];

ALTER TABLE media_asset ALTER COLUMN ai_label_sources TYPE varchar[];

ALTER TABLE contest ALTER COLUMN required_declarations TYPE varchar[];

ALTER TABLE contest_category
    ALTER COLUMN accepted_kinds TYPE varchar[],
    ALTER COLUMN mime_types TYPE varchar[],
    ALTER COLUMN aspect_ratios TYPE varchar[];

ALTER TABLE submission ALTER COLUMN declarations TYPE varchar[];
