-- Identity: accounts of people and organisations using kepu-media.
-- Authentication is the OIDC provider's job; an account row holds what kepu-media itself needs to know
-- (profile, organisation for conflict-of-interest checks, region) keyed by the token's subject.

CREATE TABLE account (
    id                 uuid         PRIMARY KEY,
    subject            text         NOT NULL UNIQUE,
    display_name       text         NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    organization       text         CHECK (length(organization) <= 200),
    organization_type  text         NOT NULL CHECK (organization_type IN
                           ('UNIVERSITY', 'RESEARCH_INSTITUTE', 'ENTERPRISE', 'SOCIETY', 'SCHOOL', 'MEDIA_OUTLET', 'INDIVIDUAL')),
    region             text         NOT NULL,
    -- Roles as granted by the identity provider when the account last registered or signed in; informative
    -- (e.g. listing judges). Authorization always uses the roles of the presented token.
    roles              text[]       NOT NULL DEFAULT '{}',
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now(),
    version            bigint       NOT NULL DEFAULT 0
);
