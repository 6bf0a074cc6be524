-- Monthly statements (docs/metering.md, "Statements"): one per tenant and month; Draft while the month runs (and
-- for finalize-after past its end), then Final: immutable, enforced here. Late usage of a finalized month becomes
-- an adjustment line on a later statement, never an edit.
CREATE TABLE statement (
    id            UUID           PRIMARY KEY,
    tenant_id     UUID           NOT NULL,
    partner_id    UUID,
    month         DATE           NOT NULL CHECK (extract(day FROM month) = 1),
    -- StatementStatus: Draft, Final
    status        VARCHAR(16)    NOT NULL,
    plan          VARCHAR(63)    NOT NULL,
    currency      CHAR(3)        NOT NULL,
    total         NUMERIC(20, 2) NOT NULL,
    computed_at   TIMESTAMPTZ    NOT NULL,
    finalized_at  TIMESTAMPTZ,
    UNIQUE (tenant_id, month)
);
CREATE INDEX statement_partner ON statement (partner_id, month, tenant_id);
CREATE INDEX statement_month ON statement (month, status);

CREATE TABLE statement_line (
    statement_id  UUID           NOT NULL REFERENCES statement (id),
    line_no       INTEGER        NOT NULL,
    -- storage, clusters, adjustment-storage, adjustment-clusters
    kind          VARCHAR(32)    NOT NULL,
    description   TEXT           NOT NULL,
    -- the month the quantity was used in (an adjustment's is an earlier, finalized month)
    for_month     DATE           NOT NULL,
    quantity      NUMERIC(30, 6) NOT NULL,
    unit          VARCHAR(32)    NOT NULL,
    unit_price    NUMERIC(18, 6) NOT NULL,
    amount        NUMERIC(20, 2) NOT NULL,
    PRIMARY KEY (statement_id, line_no)
);

-- A Final statement and its lines never change: any UPDATE or DELETE of them fails.
CREATE FUNCTION refuse_final_statement_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'Final' THEN
        RAISE EXCEPTION 'statement % is final and cannot change', OLD.id;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE FUNCTION refuse_final_statement_line_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM statement s WHERE s.id = OLD.statement_id AND s.status = 'Final') THEN
        RAISE EXCEPTION 'statement % is final and cannot change', OLD.statement_id;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER statement_final BEFORE UPDATE OR DELETE ON statement
    FOR EACH ROW EXECUTE FUNCTION refuse_final_statement_change();
CREATE TRIGGER statement_line_final BEFORE UPDATE OR DELETE ON statement_line
    FOR EACH ROW EXECUTE FUNCTION refuse_final_statement_line_change();

-- Partners' webhook endpoints, their events (the outbox of deliveries) and every attempt (the delivery log).
CREATE TABLE webhook (
    id           UUID          PRIMARY KEY,
    partner_id   UUID          NOT NULL,
    url          TEXT          NOT NULL,
    -- comma-separated: quota.warning, quota.exceeded, statement.finalized, backup.failed
    events       TEXT          NOT NULL,
    secret       VARCHAR(100)  NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now(),
    deleted_at   TIMESTAMPTZ
);
CREATE INDEX webhook_partner ON webhook (partner_id, created_at, id);

CREATE TABLE webhook_delivery (
    id              UUID          PRIMARY KEY,
    webhook_id      UUID          NOT NULL REFERENCES webhook (id),
    event_id        UUID          NOT NULL,
    event_type      VARCHAR(64)   NOT NULL,
    payload         TEXT          NOT NULL,
    -- DeliveryStatus: Pending, Delivered, Failed
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    last_status     INTEGER,
    last_error      TEXT,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    delivered_at    TIMESTAMPTZ,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'Pending';
CREATE INDEX webhook_delivery_log ON webhook_delivery (webhook_id, created_at, id);

-- Idempotency-Key of partners' POSTs: the key, what it created, and a hash of the request it came with.
CREATE TABLE idempotency_key (
    partner_id    UUID          NOT NULL,
    key           VARCHAR(255)  NOT NULL,
    request_hash  VARCHAR(64)   NOT NULL,
    resource_id   UUID          NOT NULL,
    created_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, key)
);
