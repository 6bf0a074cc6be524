package dev.cairn.ingest.tenantapi;

import dev.cairn.ingest.quota.QuotaDirectory;
import dev.cairn.platform.usage.Quota;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Quotas from the tenant service, in the bounded {@code quotas} cache (a plan or quota change takes effect within
 * its time to live). An unknown tenant is cached too; a failed lookup is not.
 */
@ApplicationScoped
public class TenantServiceQuotaDirectory implements QuotaDirectory {
    private final TenantQuotaClient tenantService;

    public TenantServiceQuotaDirectory(@RestClient TenantQuotaClient tenantService) {
        this.tenantService = tenantService;
    }

    @Override
    @CacheResult(cacheName = "quotas")
    public Optional<Quota> find(UUID tenantId) {
        try {
            TenantQuotaClient.QuotaAnswer answer = tenantService.quota(tenantId);
            return Optional.of(new Quota(answer.plan(), answer.limitBytes()));
        } catch (TenantQuotaClient.NoSuchTenantException e) {
            return Optional.empty();
        }
    }
}
