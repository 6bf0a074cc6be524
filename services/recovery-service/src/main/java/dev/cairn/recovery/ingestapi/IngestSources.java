package dev.cairn.recovery.ingestapi;

import dev.cairn.recovery.orchestration.Sources;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Backups as recoveries' sources, through ingest's internal API. */
@ApplicationScoped
public class IngestSources implements Sources {
    private final IngestSourceClient ingest;

    public IngestSources(@RestClient IngestSourceClient ingest) {
        this.ingest = ingest;
    }

    @Override
    public Source source(UUID tenantId, UUID backupId) {
        IngestSourceClient.SourceAnswer a = ingest.source(tenantId, backupId);
        return new Source(a.phase(), a.regions());
    }

    @Override
    public void pin(UUID tenantId, UUID backupId, String region, Instant until) {
        ingest.pin(tenantId, backupId, new IngestSourceClient.Pin(region, until));
    }

    @Override
    public void unpin(UUID tenantId, UUID backupId) {
        try {
            ingest.unpin(tenantId, backupId);
        } catch (Gone e) {
            // the backup went, and its pin with it
        }
    }

    @Override
    public Sample sample(UUID tenantId, UUID backupId, String region, int chunks) {
        return ingest.sample(tenantId, backupId, new IngestSourceClient.SampleRequest(region, chunks));
    }
}
