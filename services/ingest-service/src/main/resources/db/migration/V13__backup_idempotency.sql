-- An agent's retried POST /api/v1/backups (Idempotency-Key) answers the backup it started, instead of leaving an
-- orphan InProgress backup behind (issue 17).
ALTER TABLE backup ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX backup_idempotency ON backup (cluster_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
