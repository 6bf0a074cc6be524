package dev.cairn.scheduler.ingestapi;

import dev.cairn.scheduler.policy.ObjectLocks;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Immutable backups through the ingest service. */
@ApplicationScoped
public class IngestObjectLocks implements ObjectLocks {
    private final IngestLockClient ingest;

    public IngestObjectLocks(@RestClient IngestLockClient ingest) {
        this.ingest = ingest;
    }

    @Override
    public Optional<String> unavailable(UUID tenantId) {
        IngestLockClient.Immutability answer = ingest.immutability(tenantId);
        return answer.available()
                ? Optional.empty()
                : Optional.of("region " + answer.region() + ": " + answer.detail());
    }

    @Override
    public Instant lock(UUID tenantId, UUID backupId, Instant until) {
        return ingest.lock(tenantId, backupId, new IngestLockClient.LockBackup(until))
                .lockedUntil();
    }
}
