-- Media: a real video pipeline, blind rendition keys, progress, and the zoomable LARGE image rendition.

-- LARGE: a zoomable image rendition for judges. Videos get a THUMBNAIL too (cut from the poster frame).
ALTER TABLE rendition DROP CONSTRAINT rendition_kind_check;
ALTER TABLE rendition ADD CONSTRAINT rendition_kind_check CHECK (kind IN ('THUMBNAIL', 'PREVIEW', 'POSTER', 'LARGE'));

-- A random key per rendition, fixed when the row is created: the object key and the URL path carry it instead of the
-- asset id, so nothing a judge receives leads back to the work, its owner or the upload.
ALTER TABLE rendition ADD COLUMN blind_key text;
UPDATE rendition SET blind_key = replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')
    WHERE blind_key IS NULL;
ALTER TABLE rendition ALTER COLUMN blind_key SET NOT NULL;
ALTER TABLE rendition ADD CONSTRAINT rendition_blind_key_key UNIQUE (blind_key);

-- Percent done of a running transcode (0..100), shown to the entrant while the preview is made.
ALTER TABLE rendition ADD COLUMN progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100);
UPDATE rendition SET progress = 100 WHERE status = 'READY';

-- Display rotation of a video (degrees clockwise, from its display matrix); width and height are as displayed.
ALTER TABLE media_asset ADD COLUMN rotation int;
