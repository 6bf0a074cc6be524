-- Partners (resellers, MSPs) who manage customer tenants of their own.
CREATE TABLE partner (
    id          UUID          PRIMARY KEY,
    name        VARCHAR(100)  NOT NULL,
    -- the partner's API client (client credentials) in the identity provider
    client_id   VARCHAR(100)  NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ   NOT NULL
);
ALTER TABLE tenant ADD CONSTRAINT tenant_partner FOREIGN KEY (partner_id) REFERENCES partner (id);
CREATE INDEX tenant_partner_id ON tenant (partner_id) WHERE partner_id IS NOT NULL;
