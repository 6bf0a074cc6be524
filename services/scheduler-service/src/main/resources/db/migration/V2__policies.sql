-- Backup policies (services/scheduler-service, dev.cairn.scheduler.policy). The tenant and cluster belong to the
-- tenant service; no foreign keys across schemas (docs/adr/0003).
CREATE TABLE policy (
    id                   UUID          PRIMARY KEY,
    tenant_id            UUID          NOT NULL,
    cluster_id           UUID          NOT NULL,
    name                 VARCHAR(63)   NOT NULL,
    -- the BACKUP command's spec, JSON (docs/protocol.md, "Agent commands, v1")
    backup_spec          TEXT          NOT NULL,
    -- either a cron expression (five fields) in an IANA time zone, or an interval
    cron                 VARCHAR(200),
    time_zone            VARCHAR(64),
    interval_seconds     BIGINT        CHECK (interval_seconds >= 60),
    jitter_seconds       BIGINT        CHECK (jitter_seconds BETWEEN 0 AND 3600),
    keep_last            INTEGER       CHECK (keep_last >= 1),
    keep_hourly          INTEGER       CHECK (keep_hourly >= 1),
    keep_daily           INTEGER       CHECK (keep_daily >= 1),
    keep_weekly          INTEGER       CHECK (keep_weekly >= 1),
    keep_monthly         INTEGER       CHECK (keep_monthly >= 1),
    keep_yearly          INTEGER       CHECK (keep_yearly >= 1),
    max_age_seconds      BIGINT        CHECK (max_age_seconds > 0),
    -- Active, Paused
    phase                VARCHAR(16)   NOT NULL,
    consecutive_failures INTEGER       NOT NULL DEFAULT 0,
    idempotency_key      VARCHAR(200),
    created_at           TIMESTAMPTZ   NOT NULL,
    updated_at           TIMESTAMPTZ   NOT NULL,
    CHECK ((cron IS NULL) <> (interval_seconds IS NULL)),
    UNIQUE (tenant_id, name),
    UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX policy_tenant_page ON policy (tenant_id, created_at, id);
