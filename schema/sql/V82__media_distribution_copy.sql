-- Distribution copies for media outlets: the original's pictures and sound with personal metadata removed and the
-- rights written in; one per asset, remade when the credit line or licence changes.
CREATE TABLE distribution_copy (
    asset_id      uuid         PRIMARY KEY REFERENCES media_asset (id) ON DELETE CASCADE,
    object_key    text         NOT NULL UNIQUE,
    content_type  text         NOT NULL,
    extension     text         NOT NULL,
    credit_line   text         NOT NULL,
    licence       text         NOT NULL,
    sha256        text         NOT NULL,
    size_bytes    bigint       NOT NULL,
    created_at    timestamptz  NOT NULL
);
