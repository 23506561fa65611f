-- Near-duplicate detection: perceptual hashes of each file's pictures, and the matches found between works.

-- position: 0 for an image; for a video the keyframe at 25 %, 50 % and 75 % of its duration (1, 2, 3).
-- variant: the whole picture (0) and its centre without 5 % (1) and 10 % (2) of each side, so cropped copies match.
CREATE TABLE media_fingerprint (
    asset_id  uuid      NOT NULL REFERENCES media_asset (id) ON DELETE CASCADE,
    position  smallint  NOT NULL,
    variant   smallint  NOT NULL,
    is_video  boolean   NOT NULL,
    hash      bigint    NOT NULL,
    PRIMARY KEY (asset_id, position, variant)
);

-- A file whose pictures are within the distance limit of another work's file; recorded in both directions.
CREATE TABLE near_duplicate (
    asset_id          uuid         NOT NULL REFERENCES media_asset (id) ON DELETE CASCADE,
    matched_asset_id  uuid         NOT NULL REFERENCES media_asset (id) ON DELETE CASCADE,
    work_id           uuid         NOT NULL REFERENCES work (id) ON DELETE CASCADE,
    matched_work_id   uuid         NOT NULL REFERENCES work (id) ON DELETE CASCADE,
    distance          int          NOT NULL CHECK (distance BETWEEN 0 AND 64),
    frames_matched    int          NOT NULL,
    detected_at       timestamptz  NOT NULL,
    PRIMARY KEY (asset_id, matched_asset_id)
);
CREATE INDEX near_duplicate_work_idx ON near_duplicate (work_id);
