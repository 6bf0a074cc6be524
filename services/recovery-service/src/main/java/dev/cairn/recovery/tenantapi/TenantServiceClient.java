package dev.cairn.recovery.tenantapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.cairn.api.agent.ClusterPhase;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The tenant service's public API, called on behalf of the current user with the user's own token (the tenant
 * service applies its own ownership checks). URL and timeouts: {@code quarkus.rest-client.tenant-service.*}.
 */
@RegisterRestClient(configKey = "tenant-service")
@Path("/api/v1")
public interface TenantServiceClient {
    /** A cluster of the token's tenant; {@link NotFound} when it has none of that id. */
    @GET
    @Path("/clusters/{clusterId}")
    @Produces(MediaType.APPLICATION_JSON)
    ClusterSummary cluster(@HeaderParam("Authorization") String bearer, @PathParam("clusterId") UUID clusterId);

    /** What a recovery needs of a cluster (the rest of the answer is ignored). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClusterSummary(UUID id, ClusterPhase phase, String agentVersion, List<String> agentCapabilities) {}

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 404) {
            return new NotFound();
        }
        return new IllegalStateException("the tenant service answered HTTP " + response.getStatus());
    }

    /** The tenant has no such cluster. */
    final class NotFound extends RuntimeException {
        NotFound() {
            super("not found", null, false, false);
        }
    }
}
