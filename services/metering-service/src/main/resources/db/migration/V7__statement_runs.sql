-- Statements runs (docs/partner-api.md): every run, scheduled or asked for by an operator, with its outcome. A run
-- over many tenants takes minutes, so an operator's request answers 202 at once and this row says how it went.
CREATE TABLE statement_run (
    id               UUID          PRIMARY KEY,
    -- 'schedule', or the operator's subject
    requested_by     VARCHAR(255)  NOT NULL,
    -- an operator's Idempotency-Key: a repeated request answers the run the first one started
    idempotency_key  VARCHAR(255)  UNIQUE,
    -- StatementRunPhase: Running, Completed, Failed
    phase            VARCHAR(16)   NOT NULL,
    started_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    finished_at      TIMESTAMPTZ,
    drafts           INTEGER       NOT NULL DEFAULT 0,
    finalized        INTEGER       NOT NULL DEFAULT 0,
    skipped          INTEGER       NOT NULL DEFAULT 0,
    -- the first reasons for skipping tenants, or why the run failed
    messages         TEXT
);
CREATE INDEX statement_run_started ON statement_run (started_at DESC);
