package dev.cairn.ingest.tenantapi;

import dev.cairn.api.agent.AgentIdentity;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The tenant service's internal agents API, called with the ingest service's own client credentials (an OIDC
 * client token, fetched on first use and refreshed before it expires). Timeouts and the URL are the
 * {@code quarkus.rest-client.tenant-service.*} settings.
 */
@RegisterRestClient(configKey = "tenant-service")
@OidcClientFilter
@Path("/internal/v1/agents")
public interface TenantServiceClient {
    /** An agent's tenant, phase, MAC key and home region; {@link NoSuchAgentException} when there is no such agent. */
    @GET
    @Path("/{clusterId}")
    @Produces(MediaType.APPLICATION_JSON)
    AgentIdentity agent(@PathParam("clusterId") UUID clusterId);

    /** 404 means no such agent (an answer, cached); anything else is a failure (retried by the next record). */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 404) {
            return new NoSuchAgentException();
        }
        return new IllegalStateException("the tenant service answered HTTP " + response.getStatus());
    }

    /** The tenant service knows no agent of that cluster. */
    final class NoSuchAgentException extends RuntimeException {
        NoSuchAgentException() {
            super("no such agent", null, false, false);
        }
    }
}
