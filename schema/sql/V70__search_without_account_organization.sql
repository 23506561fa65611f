-- Issue 8 item 4: the search document no longer carries the uploading account's organisation (only creators and
-- affiliations as written on the work are public), so renaming an organisation no longer re-indexes anything.
DROP TRIGGER IF EXISTS account_search ON account;
DROP FUNCTION IF EXISTS search_account_changed();
