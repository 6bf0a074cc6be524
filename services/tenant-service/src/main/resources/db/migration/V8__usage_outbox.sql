-- Usage events the tenant service counts (connected clusters), written in the transaction of the change they count
-- and relayed to the usage topic (docs/metering.md); the same shape as ingest's outbox (UsageOutbox).
CREATE TABLE usage_event (
    id           UUID         PRIMARY KEY,
    seq          BIGSERIAL    NOT NULL UNIQUE,
    tenant_id    UUID         NOT NULL,
    -- UsageKind: CONNECTED (a signed count of clusters)
    kind         VARCHAR(32)  NOT NULL,
    bytes        BIGINT       NOT NULL,
    region       VARCHAR(63),
    cluster_id   UUID,
    backup_id    UUID,
    detail       TEXT,
    occurred_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    relayed_at   TIMESTAMPTZ
);
CREATE INDEX usage_event_unrelayed ON usage_event (seq) WHERE relayed_at IS NULL;
