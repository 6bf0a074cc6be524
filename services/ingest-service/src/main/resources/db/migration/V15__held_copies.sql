-- Immutable backups' DR copies (ADR 0033): until when object lock holds a copy in the tenant's DR region. A held
-- object's copy is held until the object's own date (CopyHolds), whichever of the copy and the hold came first.
ALTER TABLE object_copy ADD COLUMN locked_until TIMESTAMPTZ;
CREATE INDEX pack_held ON pack (locked_until) WHERE locked_until IS NOT NULL;
CREATE INDEX backup_held ON backup (locked_until) WHERE locked_until IS NOT NULL;
