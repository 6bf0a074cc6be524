package dev.cairn.ingest.replication;

import java.util.Optional;
import java.util.UUID;

/** Where a tenant's data lives: its home region and its DR region (from the tenant service, cached for seconds). */
public interface TenantRegions {
    /** A tenant's regions. */
    record Regions(String home, String dr) {
        /** Whether its objects are copied anywhere: a DR region other than home. */
        public boolean replicated() {
            return dr != null && !dr.isBlank() && !dr.equals(home);
        }
    }

    /**
     * The tenant's regions; empty when the tenant is unknown (deleted).
     *
     * @throws IllegalStateException when they cannot be read now (the task waits)
     */
    Optional<Regions> find(UUID tenantId);
}
