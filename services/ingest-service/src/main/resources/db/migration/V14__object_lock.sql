-- Immutable backups (ADR 0033): until when object lock holds a backup's manifest and its packs. A backup is not
-- deleted before its date (by its tenant, its policy's retention or anything else); a pack is neither rewritten nor
-- deleted before its own, the latest of the backups that reference it.
ALTER TABLE backup ADD COLUMN locked_until TIMESTAMPTZ;
ALTER TABLE pack ADD COLUMN locked_until TIMESTAMPTZ;
