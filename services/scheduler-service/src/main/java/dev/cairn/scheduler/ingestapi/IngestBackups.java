package dev.cairn.scheduler.ingestapi;

import dev.cairn.scheduler.expiry.Backups;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Backups deleted through the ingest service. */
@ApplicationScoped
public class IngestBackups implements Backups {
    private final IngestClient ingest;

    public IngestBackups(@RestClient IngestClient ingest) {
        this.ingest = ingest;
    }

    @Override
    public boolean delete(UUID tenantId, UUID backupId) {
        try {
            ingest.delete(tenantId, backupId);
            return true;
        } catch (IngestClient.Gone e) {
            return true;
        } catch (IngestClient.NotFinished e) {
            return false;
        }
    }
}
