-- Contests: the themed calls (主题征集) of the Science Week. The foundation keeps the call itself; categories,
-- rubrics, rounds and submissions come with the contests-and-judging feature.
CREATE TABLE contest (
    id                    uuid         PRIMARY KEY,
    year                  int          NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title                 text         NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    theme                 text         NOT NULL CHECK (length(theme) BETWEEN 1 AND 200),
    description           text         NOT NULL DEFAULT '',
    time_zone             text         NOT NULL DEFAULT 'Asia/Shanghai',
    submission_opens_at   timestamptz  NOT NULL,
    submission_closes_at  timestamptz  NOT NULL,
    created_at            timestamptz  NOT NULL DEFAULT now(),
    version               bigint       NOT NULL DEFAULT 0,
    CHECK (submission_closes_at > submission_opens_at)
);
CREATE INDEX contest_created_idx ON contest (created_at DESC, id DESC);
