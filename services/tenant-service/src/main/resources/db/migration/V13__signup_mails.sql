-- Signups waiting for their email's confirmation (issue 17, item 1): nothing is made in the identity provider or
-- the tenants' table until the link sent to the address is followed. A row per mail sent for a signup: a
-- confirmation (token_hash set, the password only as a PBKDF2 hash) or a note that the address has an account
-- already (no token). Rows expire (cairn.signup.confirmation-time); a confirmed row keeps the tenant it made (its
-- password hash cleared) so that following the link again answers the same tenant.
CREATE TABLE signup_mail (
    id                  UUID        PRIMARY KEY,
    email               TEXT        NOT NULL,
    kind                TEXT        NOT NULL CHECK (kind IN ('Confirmation', 'AccountExists')),
    token_hash          BYTEA       UNIQUE,
    organisation        TEXT,
    home_region         TEXT,
    dr_region           TEXT,
    fingerprint         TEXT,
    password_iterations INTEGER,
    password_salt       BYTEA,
    password_hash       BYTEA,
    tenant_id           UUID,
    created_at          TIMESTAMPTZ NOT NULL,
    expires_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX signup_mail_email ON signup_mail (email, expires_at);
CREATE INDEX signup_mail_expiry ON signup_mail (expires_at);
