package dev.cairn.ingest.tenantapi;

import dev.cairn.api.agent.ClusterPhase;
import dev.cairn.ingest.agent.AgentDirectory;
import dev.cairn.ingest.agent.AgentIdentity;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Agents from the tenant service's internal API, cached in the bounded {@code agents} cache (Caffeine: size and
 * time to live in application.properties) so that a revocation takes effect within seconds. An unknown agent is
 * cached too (a negative entry): a flood of records naming one costs one lookup per time to live, not one each. A
 * failed lookup is not cached.
 */
@ApplicationScoped
public class TenantServiceAgentDirectory implements AgentDirectory {
    private final TenantServiceClient tenantService;

    public TenantServiceAgentDirectory(@RestClient TenantServiceClient tenantService) {
        this.tenantService = tenantService;
    }

    @Override
    @CacheResult(cacheName = "agents")
    public Optional<AgentIdentity> find(UUID clusterId) {
        dev.cairn.api.agent.AgentIdentity identity;
        try {
            identity = tenantService.agent(clusterId);
        } catch (TenantServiceClient.NoSuchAgentException e) {
            return Optional.empty();
        }
        return Optional.of(new AgentIdentity(
                clusterId,
                identity.tenantId(),
                identity.phase() == ClusterPhase.Connected,
                Optional.ofNullable(identity.macKey()).map(Base64.getDecoder()::decode),
                identity.homeRegion()));
    }
}
