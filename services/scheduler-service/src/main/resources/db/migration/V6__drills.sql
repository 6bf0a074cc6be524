-- A policy's restore drill (issue 14, ADR 0018): after a run that made a backup, when the last drill is older than
-- drill_every_seconds, the backup is recovered as a drill into drill_cluster_id (scratch namespaces, verified,
-- removed; a signed report). last_drill_at is set once the recovery service took the drill.
ALTER TABLE policy ADD COLUMN drill_cluster_id UUID;
ALTER TABLE policy ADD COLUMN drill_every_seconds BIGINT CHECK (drill_every_seconds >= 3600);
ALTER TABLE policy ADD COLUMN last_drill_at TIMESTAMPTZ;
