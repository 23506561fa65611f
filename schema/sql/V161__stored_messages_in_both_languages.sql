-- Issue 8 item 11: a rejected upload's detail is stored as a message key and its arguments, e.g.
-- {"key": "media.rejected.imageTooSmall", "args": [480, 480, 1000]}, and rendered in each reader's language
-- (Accept-Language) when read. rejection_message held the detail as English text only.
ALTER TABLE upload_session ADD COLUMN rejection_detail jsonb;

-- Earlier rejections keep their reason, in either language; their English-only detail is not shown any more.
UPDATE upload_session
   SET rejection_detail = jsonb_build_object('key', 'media.rejection.' || rejection, 'args', '[]'::jsonb)
 WHERE rejection IS NOT NULL;

-- No longer written or read. Kept (nullable) for one release so that an instance of the previous version still
-- running during a rolling update can record a rejection; drop it in a later migration.
COMMENT ON COLUMN upload_session.rejection_message IS 'obsolete since V161: see rejection_detail';

-- The same for a rendition's message (why it is SKIPPED or FAILED, or that an attempt failed): rendition.message held
-- English text (with the tools' own errors, which now go to the log only).
ALTER TABLE rendition ADD COLUMN message_detail jsonb;
UPDATE rendition
   SET message_detail = jsonb_build_object('key',
           CASE WHEN status = 'SKIPPED' THEN 'media.rendition.skipped'
                WHEN status = 'FAILED' THEN 'media.rendition.failed'
                ELSE 'media.rendition.retryingEarlier' END, 'args', '[]'::jsonb)
 WHERE message IS NOT NULL;
COMMENT ON COLUMN rendition.message IS 'obsolete since V161: see message_detail';
