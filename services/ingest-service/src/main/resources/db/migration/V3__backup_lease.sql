-- Backups in progress are held by a lease their agent renews; one that lapses ends Failed (BackupService).
ALTER TABLE backup ADD COLUMN lease_until TIMESTAMPTZ;
-- backups left InProgress by an earlier build get one lease from now, then fail unless an agent renews them
UPDATE backup SET lease_until = now() + interval '10 minutes' WHERE phase = 'InProgress';
CREATE INDEX backup_lease ON backup (lease_until) WHERE phase = 'InProgress';
