package dev.cairn.recovery.ingestapi;

import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.recovery.identity.CurrentCaller;
import dev.cairn.recovery.recovery.Backups;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The caller's backups, as ingest answers the caller itself. */
@ApplicationScoped
public class IngestBackups implements Backups {
    /** Backups read per page while a cluster's newest Completed one is searched for. */
    private static final int PAGE = 200;

    private final IngestBackupsClient ingest;
    private final CurrentCaller caller;

    public IngestBackups(@RestClient IngestBackupsClient ingest, CurrentCaller caller) {
        this.ingest = ingest;
        this.caller = caller;
    }

    @Override
    public Optional<Summary> own(UUID backupId) {
        try {
            return Optional.of(of(ingest.get(caller.bearer(), backupId)));
        } catch (IngestBackupsClient.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Summary> latestCompleted(UUID clusterId) {
        String cursor = null;
        do {
            IngestBackupsClient.BackupPage page = ingest.list(caller.bearer(), clusterId, PAGE, cursor);
            Optional<Summary> found = page.items().stream()
                    .filter(b -> b.phase() == BackupPhase.Completed)
                    .findFirst()
                    .map(IngestBackups::of);
            if (found.isPresent()) {
                return found;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return Optional.empty();
    }

    private static Summary of(IngestBackupsClient.BackupSummary b) {
        return new Summary(b.id(), b.clusterId(), b.phase());
    }
}
