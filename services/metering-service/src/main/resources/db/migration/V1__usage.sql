-- Usage events and their exact hourly aggregates. Meaning of the kinds: docs/architecture.md ("Metering").

-- Every usage event once: the event id makes redelivery harmless.
CREATE TABLE usage_event (
    event_id       UUID         PRIMARY KEY,
    tenant_id      UUID         NOT NULL,
    -- STORED_DELTA, INGESTED, REPLICATED, RESTORED
    kind           VARCHAR(32)  NOT NULL,
    bytes          BIGINT       NOT NULL,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX usage_event_tenant_time ON usage_event (tenant_id, occurred_at);

-- Hourly sums per tenant and kind, updated in the transaction that records the event.
CREATE TABLE usage_hourly (
    tenant_id      UUID         NOT NULL,
    kind           VARCHAR(32)  NOT NULL,
    hour           TIMESTAMPTZ  NOT NULL CHECK (date_trunc('hour', hour) = hour),
    bytes          BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, kind, hour)
);
