package dev.cairn.ingest.quota;

import dev.cairn.platform.usage.Quota;
import java.util.Optional;
import java.util.UUID;

/** Where a tenant's plan and limit come from (the tenant service), cached for seconds. */
public interface QuotaDirectory {
    /**
     * The tenant's quota; empty when the tenant is unknown.
     *
     * @throws IllegalStateException when the directory cannot answer now (ingest then goes on without a limit)
     */
    Optional<Quota> find(UUID tenantId);
}
