-- Tenants' life-cycle events (ADR 0030): written in the transaction of the change they announce (a purge begun),
-- relayed to the topic cairn.tenants.v1 (keyed by tenant, compacted) for every service that keeps tenant data.
CREATE TABLE tenant_event (
    id          UUID        PRIMARY KEY,
    seq         BIGSERIAL   NOT NULL UNIQUE,
    tenant_id   UUID        NOT NULL,
    -- TenantEvent.Type: Deleted
    type        VARCHAR(32) NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    relayed_at  TIMESTAMPTZ
);
CREATE INDEX tenant_event_unrelayed ON tenant_event (seq) WHERE relayed_at IS NULL;
