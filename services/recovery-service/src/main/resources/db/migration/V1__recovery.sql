-- Recovery orchestration: a persisted state machine that survives restarts (docs/architecture.md, "Regions").

CREATE TABLE recovery_plan (
    id             UUID         PRIMARY KEY,
    tenant_id      UUID         NOT NULL,
    backup_id      UUID         NOT NULL,
    source_region  VARCHAR(63)  NOT NULL,
    target_cluster UUID         NOT NULL,
    -- PLANNED, STAGING, RESTORING, VERIFYING, COMPLETED, FAILED
    phase          VARCHAR(32)  NOT NULL,
    detail         TEXT,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX recovery_plan_tenant ON recovery_plan (tenant_id);

-- How far each region's copy of a tenant's data lags behind its home region.
CREATE TABLE replication_lag (
    tenant_id      UUID         NOT NULL,
    region         VARCHAR(63)  NOT NULL,
    replicated_to  TIMESTAMPTZ,
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, region)
);
