-- Tenants, their keys, their clusters and the one-time tokens that register agents.

CREATE TABLE tenant (
    id                     UUID          PRIMARY KEY,
    name                   VARCHAR(100)  NOT NULL,
    -- FREE, ... (Plan)
    plan                   VARCHAR(32)   NOT NULL,
    -- hard limit of stored bytes in the home region; 10^12 on the Free plan
    quota_bytes            BIGINT        NOT NULL CHECK (quota_bytes >= 0),
    home_region            VARCHAR(63)   NOT NULL REFERENCES region (code),
    dr_region              VARCHAR(63)   REFERENCES region (code) CHECK (dr_region IS NULL OR dr_region <> home_region),
    -- ACTIVE, PENDING_DELETION, DELETED (TenantPhase)
    phase                  VARCHAR(32)   NOT NULL,
    partner_id             UUID,
    -- the email of the administrator who signed up; signup is idempotent on it
    admin_email            VARCHAR(254)  NOT NULL,
    -- SHA-256 of the signup request (name, regions): a retry with the same request gets the same tenant
    signup_fingerprint     VARCHAR(64)   NOT NULL,
    created_at             TIMESTAMPTZ   NOT NULL,
    updated_at             TIMESTAMPTZ   NOT NULL,
    deletion_requested_at  TIMESTAMPTZ,
    delete_after           TIMESTAMPTZ,
    deleted_at             TIMESTAMPTZ
);
CREATE UNIQUE INDEX tenant_admin_email ON tenant (lower(admin_email)) WHERE phase <> 'DELETED';
CREATE INDEX tenant_delete_after ON tenant (delete_after) WHERE phase = 'PENDING_DELETION';

-- A tenant's data keys, wrapped by the key-encryption key (KMS in production). Deleting the rows is crypto-shredding.
CREATE TABLE tenant_key (
    tenant_id      UUID          NOT NULL REFERENCES tenant (id),
    -- CHUNK_ID (HMAC-SHA-256 key of chunk ids), CHUNK_ENCRYPTION (AES-256-GCM key of chunk contents)
    purpose        VARCHAR(32)   NOT NULL,
    -- which key-encryption key wrapped it, e.g. "local:v1" or a KMS key ARN
    kek_id         VARCHAR(2048) NOT NULL,
    wrapped_key    BYTEA         NOT NULL,
    created_at     TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (tenant_id, purpose)
);

CREATE TABLE cluster (
    id                  UUID          PRIMARY KEY,
    tenant_id           UUID          NOT NULL REFERENCES tenant (id),
    name                VARCHAR(63)   NOT NULL,
    -- PENDING_REGISTRATION, CONNECTED, REVOKED (ClusterPhase)
    phase               VARCHAR(32)   NOT NULL,
    agent_version       VARCHAR(64),
    kubernetes_version  VARCHAR(64),
    node_count          INTEGER,
    namespace_count     INTEGER,
    last_heartbeat_at   TIMESTAMPTZ,
    registered_at       TIMESTAMPTZ,
    revoked_at          TIMESTAMPTZ,
    -- set when the agent's Kafka user and API client are gone; a revoked cluster without it is retried
    credentials_removed_at TIMESTAMPTZ,
    -- the agent's record-MAC key, wrapped like the tenant keys
    mac_kek_id          VARCHAR(2048),
    mac_key_wrapped     BYTEA,
    created_at          TIMESTAMPTZ   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL
);
CREATE UNIQUE INDEX cluster_tenant_name ON cluster (tenant_id, name) WHERE phase <> 'REVOKED';
CREATE INDEX cluster_tenant ON cluster (tenant_id);

-- One-time registration tokens: only a SHA-256 of the token is kept.
CREATE TABLE registration_token (
    token_hash     VARCHAR(64)   PRIMARY KEY,
    cluster_id     UUID          NOT NULL REFERENCES cluster (id),
    expires_at     TIMESTAMPTZ   NOT NULL,
    used_at        TIMESTAMPTZ,
    created_at     TIMESTAMPTZ   NOT NULL
);
CREATE INDEX registration_token_cluster ON registration_token (cluster_id);
