package dev.cairn.ingest.backup;

import dev.cairn.platform.problem.ProblemException;
import java.util.UUID;

/** No backup with this id for the caller's tenant (another tenant's backups are not found either). */
public class BackupNotFoundException extends ProblemException {
    public BackupNotFoundException(UUID id) {
        super(404, "backup-not-found", "Backup not found", "no backup " + id);
    }
}
