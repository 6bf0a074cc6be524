-- Recoveries: a backup restored into a cluster of its tenant, run as a persisted state machine (RecoveryPhase;
-- docs/adr/0018). Each step reads its row FOR UPDATE SKIP LOCKED, acts (every action is idempotent: the command is
-- keyed by the recovery's id, a pin is a PUT), and records what it did, so that a crash in any state resumes there.
CREATE TABLE recovery (
    id                 UUID         PRIMARY KEY,
    tenant_id          UUID         NOT NULL,
    requested_by       TEXT         NOT NULL,
    idempotency_key    VARCHAR(255),
    -- the request as sent (an Idempotency-Key reused with another body is refused)
    request            JSONB        NOT NULL,
    backup_id          UUID         NOT NULL,
    -- how the backup was chosen: "backup" (named) or "latest Completed of cluster <id>"
    selector           TEXT         NOT NULL,
    target_cluster_id  UUID         NOT NULL,
    -- the RESTORE command's spec (RestoreSpec)
    spec               JSONB        NOT NULL,
    -- RecoveryPhase: Planned, Staging, Restoring, Verifying, Completed, PartiallyFailed, Failed, Cancelled
    phase              VARCHAR(32)  NOT NULL,
    reason             TEXT,
    phase_since        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- the region the restore reads from, and what Staging found in each region
    region             VARCHAR(63),
    regions            JSONB,
    command_id         UUID,
    progress           JSONB,
    report             JSONB,
    verification       JSONB,
    cancel_requested   BOOLEAN      NOT NULL DEFAULT false,
    -- a step that failed for a passing reason waits, doubling
    attempts           INTEGER      NOT NULL DEFAULT 0,
    last_error         TEXT,
    next_step_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at        TIMESTAMPTZ
);
CREATE UNIQUE INDEX recovery_idempotency ON recovery (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX recovery_tenant ON recovery (tenant_id, created_at DESC, id DESC);
CREATE INDEX recovery_due ON recovery (next_step_at) WHERE phase IN ('Planned', 'Staging', 'Restoring', 'Verifying');

-- Every transition of a recovery, in order: from (absent for the first), to, when, why.
CREATE TABLE recovery_transition (
    recovery_id  UUID         NOT NULL REFERENCES recovery (id) ON DELETE CASCADE,
    seq          INTEGER      NOT NULL,
    from_phase   VARCHAR(32),
    to_phase     VARCHAR(32)  NOT NULL,
    at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    reason       TEXT         NOT NULL,
    PRIMARY KEY (recovery_id, seq)
);
