-- The backup catalog: what ingest has made durable. Layout and meaning: docs/architecture.md ("Data path").

-- A pack: one object in a tenant's home-region bucket holding many encrypted chunks.
CREATE TABLE pack (
    id             UUID         PRIMARY KEY,
    tenant_id      UUID         NOT NULL,
    region         VARCHAR(63)  NOT NULL,
    object_key     TEXT         NOT NULL UNIQUE,
    size_bytes     BIGINT       NOT NULL CHECK (size_bytes >= 0),
    chunk_count    INTEGER      NOT NULL CHECK (chunk_count >= 0),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX pack_tenant ON pack (tenant_id);

-- The chunk index: where each chunk of a tenant is stored. Idempotent on (tenant, chunk id).
CREATE TABLE chunk (
    tenant_id      UUID         NOT NULL,
    chunk_id       BYTEA        NOT NULL CHECK (octet_length(chunk_id) = 32),
    pack_id        UUID         NOT NULL REFERENCES pack (id),
    pack_offset    BIGINT       NOT NULL CHECK (pack_offset >= 0),
    stored_length  INTEGER      NOT NULL CHECK (stored_length > 0),
    PRIMARY KEY (tenant_id, chunk_id)
);
CREATE INDEX chunk_pack ON chunk (pack_id);

-- The exact stored-bytes counter per tenant, moved in the same transaction as the chunk rows.
CREATE TABLE tenant_storage (
    tenant_id      UUID         PRIMARY KEY,
    stored_bytes   BIGINT       NOT NULL DEFAULT 0 CHECK (stored_bytes >= 0),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Kafka offsets consumed, committed with the rows they produced (exactly-once into the catalog).
CREATE TABLE consumer_offset (
    topic          VARCHAR(249) NOT NULL,
    partition_no   INTEGER      NOT NULL,
    next_offset    BIGINT       NOT NULL,
    PRIMARY KEY (topic, partition_no)
);
