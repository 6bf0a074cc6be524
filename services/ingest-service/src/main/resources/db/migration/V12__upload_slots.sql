-- Claim-check uploads (docs/adr/0025): a slot is a pack id handed to an agent with a pre-signed PUT URL for that
-- pack's object. A pack reference record v3 is accepted only for a slot of its tenant, agent and backup, and the
-- commit that makes the pack part of the catalog deletes the slot in the same transaction, so a record (or a replay of
-- it) commits a pack at most once. Slots protect their objects from the orphan sweep until they lapse.
CREATE TABLE upload_slot (
    pack_id          UUID         PRIMARY KEY,
    tenant_id        UUID         NOT NULL,
    agent_id         UUID         NOT NULL,
    backup_id        UUID         NOT NULL,
    region           VARCHAR(63)  NOT NULL,
    max_bytes        BIGINT       NOT NULL CHECK (max_bytes > 0),
    -- the agent's Idempotency-Key: a repeated request answers the same slot
    idempotency_key  VARCHAR(200),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at       TIMESTAMPTZ  NOT NULL,
    -- when a commit used it (its pack is in the catalog)
    used_at          TIMESTAMPTZ,
    UNIQUE (agent_id, idempotency_key)
);
CREATE INDEX upload_slot_expiry ON upload_slot (expires_at);
