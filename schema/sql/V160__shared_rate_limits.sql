-- Rate-limit budgets shared by every instance (issue 13 item 7): one token bucket per caller key ("ip:…", "sub:…").
-- Unlogged: a budget is not data worth WAL, a replica or a backup; after a crash every bucket starts full again.
CREATE UNLOGGED TABLE rate_limit_bucket (
    key        varchar(300)     PRIMARY KEY,
    tokens     double precision NOT NULL,
    updated_at timestamptz      NOT NULL,
    -- when the bucket is full again (nothing to remember after that): the sweep deletes rows past it
    full_at    timestamptz      NOT NULL
);
CREATE INDEX rate_limit_bucket_full_at ON rate_limit_bucket (full_at);

-- Takes up to p_want tokens, plus at most p_extra more (never above 1/50 of what is left) that the calling instance
-- keeps for the caller's next requests, from the bucket of p_key (capacity p_capacity, refilled at
-- p_capacity per p_period_ms). PostgreSQL's clock, read after the row lock, is the only clock: the instances' clocks
-- do not matter. Answers how many were granted and, when none, how long until one is there.
CREATE FUNCTION rate_limit_take(p_key varchar, p_capacity integer, p_period_ms bigint, p_want integer, p_extra integer)
    RETURNS TABLE (granted integer, wait_ms bigint)
    LANGUAGE plpgsql AS
$$
DECLARE
    per_ms    double precision := p_capacity::double precision / p_period_ms;
    at        timestamptz;
    available double precision;
    taken     integer;
BEGIN
    INSERT INTO rate_limit_bucket (key, tokens, updated_at, full_at)
    VALUES (p_key, p_capacity, clock_timestamp(), clock_timestamp())
    ON CONFLICT (key) DO NOTHING;
    SELECT b.tokens, b.updated_at INTO available, at FROM rate_limit_bucket b WHERE b.key = p_key FOR UPDATE;
    available := least(p_capacity::double precision,
                       available + greatest(0, extract(epoch FROM clock_timestamp() - at) * 1000) * per_ms);
    at := clock_timestamp();
    taken := least(floor(available), p_want + least(p_extra, floor(available / 50)))::integer;
    available := available - greatest(taken, 0);
    UPDATE rate_limit_bucket
       SET tokens = available, updated_at = at,
           full_at = at + make_interval(secs => (p_capacity - available) / per_ms / 1000)
     WHERE key = p_key;
    granted := greatest(taken, 0);
    wait_ms := CASE WHEN taken > 0 THEN 0 ELSE ceil((1 - available) / per_ms)::bigint END;
    RETURN NEXT;
END
$$;
