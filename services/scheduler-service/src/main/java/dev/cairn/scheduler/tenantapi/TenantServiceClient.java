package dev.cairn.scheduler.tenantapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The tenant service's public API, called on behalf of the current user with the user's own token (the tenant
 * service applies its own ownership checks). URL and timeouts: {@code quarkus.rest-client.tenant-service.*}.
 */
@RegisterRestClient(configKey = "tenant-service")
@Path("/api/v1")
public interface TenantServiceClient {
    /** A cluster of the token's tenant; {@link NotFoundException} when it has none of that id. */
    @GET
    @Path("/clusters/{clusterId}")
    @Produces(MediaType.APPLICATION_JSON)
    ClusterSummary cluster(@HeaderParam("Authorization") String bearer, @PathParam("clusterId") UUID clusterId);

    /**
     * What the scheduler needs of a cluster (the rest of the answer is ignored).
     *
     * @param id the cluster
     * @param name its name
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClusterSummary(UUID id, String name) {}

    /** 404: not one of the tenant's clusters; anything else is a failure of the call. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 404) {
            return new NotFoundException();
        }
        return new IllegalStateException("the tenant service answered HTTP " + response.getStatus());
    }

    /** The tenant service knows no such thing of this tenant. */
    final class NotFoundException extends RuntimeException {
        NotFoundException() {
            super("not found", null, false, false);
        }
    }
}
