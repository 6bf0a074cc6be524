-- Commands a policy's schedule queued (scheduler service): the policy, and the run they are for (one per run).
ALTER TABLE agent_command ADD COLUMN policy_id UUID;
ALTER TABLE agent_command ADD COLUMN run_id UUID;
CREATE UNIQUE INDEX agent_command_run ON agent_command (run_id) WHERE run_id IS NOT NULL;
