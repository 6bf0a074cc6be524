-- Cross-region replication (docs/adr/0017-replication-from-a-queue-in-the-catalog.md). A task is written in the transaction that
-- commits an object to the catalog (COPY: pack, pack index, manifest) or forgets it (DELETE); the replicator takes
-- the oldest task of each object key, does it in the tenant's DR region, and deletes the task in the transaction
-- that records the copy. Pending tasks are the replication lag.
CREATE TABLE replication_task (
    id          BIGSERIAL    PRIMARY KEY,
    tenant_id   UUID         NOT NULL,
    object_key  TEXT         NOT NULL,
    action      VARCHAR(8)   NOT NULL CHECK (action IN ('COPY', 'DELETE')),
    -- the object's size (COPY): what the tenant's DR copy is behind by
    bytes       BIGINT       NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    attempts    INTEGER      NOT NULL DEFAULT 0,
    not_before  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_error  TEXT
);
CREATE INDEX replication_task_key ON replication_task (object_key, id);
CREATE INDEX replication_task_due ON replication_task (not_before, id);
CREATE INDEX replication_task_tenant ON replication_task (tenant_id, created_at);

-- The copies of an object beyond the one in its home region (pack.region; a manifest's home is the tenant's):
-- where else it is durable, checked after the copy (size and MD5).
CREATE TABLE object_copy (
    object_key  TEXT         NOT NULL,
    region      VARCHAR(63)  NOT NULL,
    tenant_id   UUID         NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    md5         VARCHAR(32)  NOT NULL,
    copied_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (object_key, region)
);
CREATE INDEX object_copy_tenant ON object_copy (tenant_id, copied_at);
