-- Search documents carry the media facts of a work, the contests it was entered in and its award tiers once
-- results are published.
-- Entering, withdrawing and awarding change a work's document, so they reach the search outbox in the same
-- transaction, like every other source of a search document.

-- Accepted media carry the facts search filters on (orientation, video duration).
CREATE TRIGGER media_asset_search AFTER INSERT OR UPDATE OR DELETE ON media_asset
    FOR EACH ROW EXECUTE FUNCTION search_row_changed();

CREATE TRIGGER submission_search AFTER INSERT OR UPDATE OR DELETE ON submission
    FOR EACH ROW EXECUTE FUNCTION search_row_changed();

-- An award row names its submission, not the work: look the work up.
CREATE FUNCTION search_award_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM search_work_changed(s.work_id) FROM submission s WHERE s.id = OLD.submission_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM search_work_changed(s.work_id) FROM submission s WHERE s.id = NEW.submission_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER award_search AFTER INSERT OR UPDATE OR DELETE ON award
    FOR EACH ROW EXECUTE FUNCTION search_award_changed();

-- Publishing a contest's results reveals its tiers: every awarded work's document changes.
CREATE FUNCTION search_contest_results_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.results_published_at IS DISTINCT FROM OLD.results_published_at THEN
        PERFORM search_work_changed(s.work_id)
        FROM award aw JOIN submission s ON s.id = aw.submission_id
        WHERE aw.contest_id = NEW.id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER contest_results_search AFTER UPDATE ON contest
    FOR EACH ROW EXECUTE FUNCTION search_contest_results_changed();
