-- Metering (docs/metering.md). Every time is UTC; an hour is [hour, hour + 1 h).

-- Kafka offsets consumed, committed with the aggregates they produced (exactly once in effect).
CREATE TABLE consumer_offset (
    topic          VARCHAR(249) NOT NULL,
    partition_no   INTEGER      NOT NULL,
    next_offset    BIGINT       NOT NULL,
    PRIMARY KEY (topic, partition_no)
);

-- Every usage event counted, once per id: the ledger the aggregates are sums of.
CREATE TABLE usage_event (
    id             UUID         PRIMARY KEY,
    tenant_id      UUID         NOT NULL,
    -- UsageKind: STORED, INGESTED, PROTECTED, NEW, RESTORED, REPLICATED
    kind           VARCHAR(32)  NOT NULL,
    bytes          BIGINT       NOT NULL,
    region         VARCHAR(63),
    cluster_id     UUID,
    backup_id      UUID,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    received_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- false between its insert and its aggregation, in the same transaction
    applied        BOOLEAN      NOT NULL DEFAULT false
);
CREATE INDEX usage_event_unapplied ON usage_event (id) WHERE NOT applied;
CREATE INDEX usage_event_tenant_time ON usage_event (tenant_id, occurred_at);

-- Per tenant and hour, only sums (so that a late event adds into its hour and order does not matter):
-- stored_delta: the hour's net change of stored bytes; stored_weighted: the sum of each STORED delta times the
-- microseconds left in the hour after it (byte-microseconds). With s0 the stored bytes at the hour's start (the sum
-- of all earlier deltas), the hour's stored byte-hours are (s0 * 3.6e9 + stored_weighted) / 3.6e9, exactly.
-- peak_offset: the highest the stored bytes rose above s0 within the hour (0 when they did not).
CREATE TABLE usage_hour (
    tenant_id        UUID           NOT NULL,
    hour             TIMESTAMPTZ    NOT NULL,
    stored_delta     BIGINT         NOT NULL DEFAULT 0,
    stored_weighted  NUMERIC(40, 0) NOT NULL DEFAULT 0,
    peak_offset      BIGINT         NOT NULL DEFAULT 0,
    ingested_bytes   BIGINT         NOT NULL DEFAULT 0,
    protected_bytes  BIGINT         NOT NULL DEFAULT 0,
    new_bytes        BIGINT         NOT NULL DEFAULT 0,
    restored_bytes   BIGINT         NOT NULL DEFAULT 0,
    replicated_bytes BIGINT         NOT NULL DEFAULT 0,
    backups          INTEGER        NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, hour)
);

-- The clusters a tenant protected (had a backup finish) in an hour; distinct counts over any period.
CREATE TABLE usage_cluster_hour (
    tenant_id   UUID         NOT NULL,
    hour        TIMESTAMPTZ  NOT NULL,
    cluster_id  UUID         NOT NULL,
    PRIMARY KEY (tenant_id, hour, cluster_id)
);

-- Each tenant's stored bytes now: the sum of its STORED events (compared with ingest's counter by reconciliation).
CREATE TABLE tenant_usage (
    tenant_id     UUID         PRIMARY KEY,
    stored_bytes  BIGINT       NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Where each tenant stands against its quota (QuotaLevel), and every change of level: the notices that warnings
-- (80 %, 100 %) are sent from.
CREATE TABLE quota_state (
    tenant_id    UUID         PRIMARY KEY,
    plan         VARCHAR(63)  NOT NULL,
    limit_bytes  BIGINT       NOT NULL,
    level        VARCHAR(16)  NOT NULL,
    changed_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE TABLE quota_notice (
    id           UUID         PRIMARY KEY,
    tenant_id    UUID         NOT NULL,
    level        VARCHAR(16)  NOT NULL,
    used_bytes   BIGINT       NOT NULL,
    limit_bytes  BIGINT       NOT NULL,
    plan         VARCHAR(63)  NOT NULL,
    at           TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX quota_notice_tenant ON quota_notice (tenant_id, at);
