package dev.cairn.ingest.tenantapi;

import dev.cairn.ingest.replication.TenantRegions;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Tenants' regions from the tenant service, in the bounded {@code regions} cache (a changed DR region applies to
 * objects committed after its time to live). An unknown tenant is cached too; a failed lookup is not.
 */
@ApplicationScoped
public class TenantServiceRegions implements TenantRegions {
    private final TenantQuotaClient tenantService;

    public TenantServiceRegions(@RestClient TenantQuotaClient tenantService) {
        this.tenantService = tenantService;
    }

    @Override
    @CacheResult(cacheName = "regions")
    public Optional<Regions> find(UUID tenantId) {
        try {
            TenantQuotaClient.QuotaAnswer answer = tenantService.quota(tenantId);
            return Optional.of(new Regions(answer.homeRegion(), answer.drRegion()));
        } catch (TenantQuotaClient.NoSuchTenantException e) {
            return Optional.empty();
        }
    }
}
