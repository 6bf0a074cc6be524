-- Commands to agents (back up now, restore), delivered over the agents' outbound long-poll; progress and the final
-- report come back on the same channel. Deleting a cluster (tenant purge) deletes its commands.

CREATE TABLE agent_command (
    id                UUID          PRIMARY KEY,
    tenant_id         UUID          NOT NULL REFERENCES tenant (id),
    cluster_id        UUID          NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,
    kind              VARCHAR(16)   NOT NULL,
    spec              TEXT          NOT NULL,
    phase             VARCHAR(24)   NOT NULL,
    cancel_requested  BOOLEAN       NOT NULL DEFAULT FALSE,
    requested_by      VARCHAR(255),
    created_at        TIMESTAMPTZ   NOT NULL,
    updated_at        TIMESTAMPTZ   NOT NULL,
    delivered_at      TIMESTAMPTZ,
    lease_until       TIMESTAMPTZ,
    deliveries        INTEGER       NOT NULL DEFAULT 0,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    progress          TEXT,
    report            TEXT,
    message           TEXT
);

CREATE INDEX agent_command_queue ON agent_command (cluster_id, phase, created_at);
CREATE INDEX agent_command_tenant ON agent_command (tenant_id, cluster_id, created_at DESC);
