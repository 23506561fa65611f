-- The public answer cache (shared/graphql/PublicAnswerCache, issue 13) drops its answers, on every instance, when
-- public data changes. A work and everything that feeds its search document (topics, creators, media, submissions,
-- awards, collections' members, its owner's organization) already announce each commit on kepu_search_outbox (V110).
-- The tables below are read by anonymous queries without feeding the outbox: they announce their changes on
-- kepu_public_changed. One NOTIFY per statement, delivered after commit; PostgreSQL folds identical ones within a
-- transaction (the payload is the table's name, for diagnostics).

CREATE FUNCTION public_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('kepu_public_changed', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

-- Topic names (every listing shows them).
CREATE TRIGGER topic_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON topic
    FOR EACH STATEMENT EXECUTE FUNCTION public_changed_notify();
-- Brands and columns (brand, brands, Work.brand).
CREATE TRIGGER brand_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON brand
    FOR EACH STATEMENT EXECUTE FUNCTION public_changed_notify();
-- A collection's own title and description (its members go through the outbox).
CREATE TRIGGER collection_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON collection
    FOR EACH STATEMENT EXECUTE FUNCTION public_changed_notify();
-- Contests as the public sees them: the call, its windows, categories, rounds and rubric, published results.
CREATE TRIGGER contest_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contest
    FOR EACH STATEMENT EXECUTE FUNCTION public_changed_notify();
CREATE TRIGGER contest_category_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contest_category
    FOR EACH STATEMENT EXECUTE FUNCTION public_changed_notify();
CREATE TRIGGER contest_round_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contest_round
    FOR EACH STATEMENT EXECUTE FUNCTION public_changed_notify();
CREATE TRIGGER rubric_criterion_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rubric_criterion
    FOR EACH STATEMENT EXECUTE FUNCTION public_changed_notify();
-- Renditions: a published work's previews appear when their renditions are made.
CREATE TRIGGER rendition_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rendition
    FOR EACH STATEMENT EXECUTE FUNCTION public_changed_notify();
