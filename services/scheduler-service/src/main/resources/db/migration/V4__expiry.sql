-- Retention: when a run's backup was deleted because its policy no longer kept it, and why.
ALTER TABLE policy_run ADD COLUMN expired_at TIMESTAMPTZ;
ALTER TABLE policy_run ADD COLUMN expired_because TEXT;
CREATE INDEX policy_run_live_backups ON policy_run (policy_id) WHERE backup_id IS NOT NULL AND expired_at IS NULL;
