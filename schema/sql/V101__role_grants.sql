-- Roles organizers grant through the API (issue 11 item 4). The identity provider authenticates and carries the
-- roles a person gets by signing up (ENTRANT by self-registration; ORGANIZER for the first organizers, set in the
-- provider); JUDGE, MODERATOR and MEDIA are granted here, by organizers, and take effect on the next request, with
-- no token refresh and no admin credentials for the provider in the service. Every grant and revocation is in
-- audit_event (actions ROLE_GRANTED / ROLE_REVOKED, entity Account).
ALTER TABLE account
    ADD COLUMN granted_roles text[] NOT NULL DEFAULT '{}'
        CHECK (granted_roles <@ ARRAY['JUDGE', 'MODERATOR', 'MEDIA']::text[]);
