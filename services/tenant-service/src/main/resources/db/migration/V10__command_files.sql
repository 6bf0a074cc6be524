-- The file a BROWSE command sent for download (ADR 0021): kept in the tenant's home region for a while, then deleted.
ALTER TABLE agent_command
    ADD COLUMN file_region     TEXT,
    ADD COLUMN file_bytes      BIGINT,
    ADD COLUMN file_stored_at  TIMESTAMPTZ,
    ADD COLUMN file_deleted_at TIMESTAMPTZ;
CREATE INDEX agent_command_kept_files ON agent_command (file_stored_at)
    WHERE file_stored_at IS NOT NULL AND file_deleted_at IS NULL;
