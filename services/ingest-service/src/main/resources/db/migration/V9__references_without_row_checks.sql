-- A backup's references are inserted by its commit, tens of thousands of rows at once (a row per small file): the
-- foreign key checked each row against backup (an RI trigger per row, 60% of the insert). The commit inserts them in
-- the transaction that moves the backup InProgress -> Committing (its row locked), so the check proves nothing more;
-- the cascade stays, as one statement-level trigger over the deleted backups.
ALTER TABLE backup_chunk DROP CONSTRAINT backup_chunk_backup_id_fkey;

CREATE FUNCTION backup_chunk_follows_backup() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
BEGIN
    DELETE FROM backup_chunk bc USING deleted_backup d WHERE bc.backup_id = d.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER backup_deleted AFTER DELETE ON backup
    REFERENCING OLD TABLE AS deleted_backup
    FOR EACH STATEMENT EXECUTE FUNCTION backup_chunk_follows_backup();
