-- Garbage collection (docs/adr/0015-garbage-collection.md).

-- When the missing-query last answered "present" for a chunk: a chunk promised to a backup in progress, or within
-- the safety window, is never swept (an agent that was told the platform has it will reference it).
ALTER TABLE chunk ADD COLUMN promised_at TIMESTAMPTZ;

-- The bytes of chunk envelopes a pack was written with (its index object excluded): what its live fraction is
-- measured against. NULL for packs written before this column (their size_bytes is used).
ALTER TABLE pack ADD COLUMN data_bytes BIGINT CHECK (data_bytes >= 0);

-- When a pack stopped counting: rewritten into a new pack or emptied. Its objects are deleted after a grace
-- period of at least the pre-signed URL lifetime, so that restores in flight still read it; no chunk row points to
-- a retired pack.
ALTER TABLE pack ADD COLUMN retired_at TIMESTAMPTZ;
CREATE INDEX pack_retired ON pack (retired_at) WHERE retired_at IS NOT NULL;

-- One row per tenant and collection run: what it swept and gave back.
CREATE TABLE gc_run (
    run_id          UUID         NOT NULL,
    tenant_id       UUID         NOT NULL,
    started_at      TIMESTAMPTZ  NOT NULL,
    finished_at     TIMESTAMPTZ  NOT NULL,
    chunks_swept    BIGINT       NOT NULL,
    swept_bytes     BIGINT       NOT NULL,
    packs_rewritten INTEGER      NOT NULL,
    packs_emptied   INTEGER      NOT NULL,
    objects_deleted INTEGER      NOT NULL,
    reclaimed_bytes BIGINT       NOT NULL,
    PRIMARY KEY (run_id, tenant_id)
);
CREATE INDEX gc_run_recent ON gc_run (finished_at DESC);
