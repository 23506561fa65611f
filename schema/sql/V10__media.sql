-- Media: files of works, uploaded by clients straight to object storage and accepted only once verified.

-- One attempt to upload one file. The object key is generated here; the client's file name is only shown.
CREATE TABLE upload_session (
    id                   uuid         PRIMARY KEY,
    work_id              uuid         NOT NULL REFERENCES work (id) ON DELETE CASCADE,
    owner_id             uuid         NOT NULL REFERENCES account (id),
    object_key           text         NOT NULL UNIQUE,
    file_name            text         NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    declared_type        text         NOT NULL,
    size_bytes           bigint       NOT NULL CHECK (size_bytes > 0),
    sha256               text         NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    -- Set for multipart uploads only.
    multipart_upload_id  text,
    part_size            bigint,
    part_count           int,
    status               text         NOT NULL CHECK (status IN ('OPEN', 'VERIFYING', 'COMPLETED', 'REJECTED', 'EXPIRED')),
    rejection            text,
    rejection_message    text,
    created_at           timestamptz  NOT NULL,
    expires_at           timestamptz  NOT NULL,
    finished_at          timestamptz
);
CREATE INDEX upload_session_open_idx ON upload_session (expires_at) WHERE status IN ('OPEN', 'VERIFYING');
CREATE INDEX upload_session_work_idx ON upload_session (work_id);

-- A verified file: facts measured from its bytes. GPS is kept for organizers and never shown or copied.
CREATE TABLE media_asset (
    id                uuid              PRIMARY KEY,
    work_id           uuid              NOT NULL REFERENCES work (id) ON DELETE CASCADE,
    owner_id          uuid              NOT NULL REFERENCES account (id),
    object_key        text              NOT NULL UNIQUE,
    file_name         text              NOT NULL,
    mime_type         text              NOT NULL,
    size_bytes        bigint            NOT NULL,
    sha256            text              NOT NULL,
    width             int,
    height            int,
    orientation       int,
    color_space       text,
    captured_at       timestamptz,
    camera            text,
    gps_latitude      double precision,
    gps_longitude     double precision,
    duration_seconds  double precision,
    frame_rate        double precision,
    video_codec       text,
    audio_codec       text,
    bitrate_bps       bigint,
    created_at        timestamptz       NOT NULL
);
CREATE INDEX media_asset_work_idx ON media_asset (work_id, created_at);

-- Derived files, generated asynchronously; the lease column doubles as the retry schedule.
CREATE TABLE rendition (
    asset_id         uuid         NOT NULL REFERENCES media_asset (id) ON DELETE CASCADE,
    kind             text         NOT NULL CHECK (kind IN ('THUMBNAIL', 'PREVIEW', 'POSTER')),
    status           text         NOT NULL CHECK (status IN ('PENDING', 'READY', 'FAILED', 'SKIPPED')),
    object_key       text         UNIQUE,
    content_type     text,
    width            int,
    height           int,
    size_bytes       bigint,
    attempts         int          NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz  NOT NULL,
    message          text,
    updated_at       timestamptz  NOT NULL,
    PRIMARY KEY (asset_id, kind)
);
CREATE INDEX rendition_pending_idx ON rendition (next_attempt_at) WHERE status = 'PENDING';

-- Every download of an original: who, which file, when, under which licence.
CREATE TABLE download_record (
    id             uuid         PRIMARY KEY,
    asset_id       uuid         NOT NULL REFERENCES media_asset (id) ON DELETE CASCADE,
    work_id        uuid         NOT NULL REFERENCES work (id) ON DELETE CASCADE,
    account_id     uuid         NOT NULL REFERENCES account (id),
    licence        text         NOT NULL,
    downloaded_at  timestamptz  NOT NULL
);
CREATE INDEX download_record_time_idx ON download_record (downloaded_at DESC, id DESC);
CREATE INDEX download_record_work_idx ON download_record (work_id, downloaded_at DESC);
