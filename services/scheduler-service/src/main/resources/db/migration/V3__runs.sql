-- Runs of backup policies: one per fire of a schedule (its id derived from the policy and the planned time, so a
-- retried fire is the same run) or per "run now"; the command it queued and how it ended.
CREATE TABLE policy_run (
    id           UUID          PRIMARY KEY,
    tenant_id    UUID          NOT NULL,
    policy_id    UUID          NOT NULL REFERENCES policy (id) ON DELETE CASCADE,
    planned_at   TIMESTAMPTZ   NOT NULL,
    fired_at     TIMESTAMPTZ   NOT NULL,
    manual       BOOLEAN       NOT NULL,
    -- Queued, Running, Completed, PartiallyFailed, Failed, Missed
    phase        VARCHAR(16)   NOT NULL,
    reason       TEXT,
    command_id   UUID,
    backup_id    UUID,
    finished_at  TIMESTAMPTZ
);
CREATE INDEX policy_run_policy ON policy_run (policy_id, fired_at DESC, id DESC);
CREATE INDEX policy_run_unfinished ON policy_run (fired_at) WHERE phase IN ('Queued', 'Running');

-- What a policy shows of its runs.
ALTER TABLE policy ADD COLUMN last_run_id UUID;
ALTER TABLE policy ADD COLUMN last_run_phase VARCHAR(16);
ALTER TABLE policy ADD COLUMN last_run_at TIMESTAMPTZ;
