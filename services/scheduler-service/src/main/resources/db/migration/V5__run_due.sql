-- When a run was due: its planned time plus the policy's jitter (what fire lag is measured from); runs made before
-- this column have none.
ALTER TABLE policy_run ADD COLUMN due_at TIMESTAMPTZ;
