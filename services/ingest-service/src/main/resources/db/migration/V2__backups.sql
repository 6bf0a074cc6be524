-- Backups and what they reference; the usage-events outbox. Formats: docs/protocol.md ("Backups, v1").

-- A backup of one source (a directory, or a cluster's resources and volumes) by one agent.
CREATE TABLE backup (
    id              UUID         PRIMARY KEY,
    tenant_id       UUID         NOT NULL,
    cluster_id      UUID         NOT NULL,
    source          TEXT         NOT NULL,
    -- BackupPhase: InProgress, Committing, Completed, PartiallyFailed, Failed
    phase           VARCHAR(32)  NOT NULL,
    failure         TEXT,
    started_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ,
    completed_at    TIMESTAMPTZ,
    files           BIGINT,
    directories     BIGINT,
    symlinks        BIGINT,
    logical_bytes   BIGINT,
    new_bytes       BIGINT,
    sent_bytes      BIGINT,
    warnings        BIGINT,
    errors          BIGINT,
    messages        TEXT,
    reference_count INTEGER,
    -- the chunk ids of the encrypted file tree, concatenated (32 bytes each)
    root            BYTEA,
    manifest_key    TEXT
);
CREATE INDEX backup_tenant ON backup (tenant_id, started_at DESC);
CREATE INDEX backup_committing ON backup (phase) WHERE phase = 'Committing';

-- Every chunk a backup references (what keeps the chunk from garbage collection, and what completion waits for).
CREATE TABLE backup_chunk (
    backup_id       UUID         NOT NULL REFERENCES backup (id) ON DELETE CASCADE,
    chunk_id        BYTEA        NOT NULL,
    PRIMARY KEY (backup_id, chunk_id)
);

-- Usage events (outbox): written in the transaction that changes what they count; metering reads them in order.
CREATE TABLE usage_event (
    id              UUID         PRIMARY KEY,
    seq             BIGSERIAL    NOT NULL UNIQUE,
    tenant_id       UUID         NOT NULL,
    -- STORED (bytes now held in object storage, signed delta) or INGESTED (envelope bytes received)
    kind            VARCHAR(32)  NOT NULL,
    bytes           BIGINT       NOT NULL,
    region          VARCHAR(63)  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX usage_event_tenant ON usage_event (tenant_id, seq);
