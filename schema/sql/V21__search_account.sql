-- A work's search document carries its owner's organization: renaming it re-indexes the owner's works.
CREATE FUNCTION search_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.organization IS DISTINCT FROM OLD.organization THEN
        PERFORM search_work_changed(w.id) FROM work w WHERE w.owner_id = NEW.id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER account_search AFTER UPDATE ON account
    FOR EACH ROW EXECUTE FUNCTION search_account_changed();
