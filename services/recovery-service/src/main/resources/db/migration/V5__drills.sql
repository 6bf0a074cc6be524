-- A restore drill is a recovery into scratch namespaces that the agent removes after the restore (ADR 0018).
ALTER TABLE recovery ADD COLUMN drill BOOLEAN NOT NULL DEFAULT false;
