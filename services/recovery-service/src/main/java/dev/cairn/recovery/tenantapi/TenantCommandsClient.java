package dev.cairn.recovery.tenantapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.api.agent.command.CommandPhase;
import dev.cairn.api.agent.command.RestoreSpec;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The tenant service's internal commands API, with the recovery service's own client credentials. URL and timeouts:
 * {@code quarkus.rest-client.tenant-service.*}.
 */
@RegisterRestClient(configKey = "tenant-service")
@OidcClientFilter
@Path("/internal/v1/commands")
@Produces(MediaType.APPLICATION_JSON)
public interface TenantCommandsClient {
    @POST
    @Path("/restores")
    @Consumes(MediaType.APPLICATION_JSON)
    CommandAnswer queue(RecoveryCommand request);

    @GET
    @Path("/{commandId}")
    CommandAnswer get(@PathParam("commandId") UUID commandId);

    @POST
    @Path("/{commandId}/cancel")
    CommandAnswer cancel(@PathParam("commandId") UUID commandId);

    /** What the tenant service's RecoveryCommand holds. */
    record RecoveryCommand(UUID tenantId, UUID clusterId, UUID recoveryId, RestoreSpec restore) {}

    /** What a recovery reads of a command (the rest is ignored). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CommandAnswer(UUID id, CommandPhase phase, JsonNode progress, JsonNode report, String message) {}

    /**
     * A 4xx is a definite answer (a refused spec, no such cluster or command, a revoked cluster, an ended command);
     * anything else may pass.
     */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() >= 400 && response.getStatus() < 500 && response.getStatus() != 429) {
            String detail = response.hasEntity()
                    ? response.readEntity(JsonNode.class).path("detail").asText()
                    : "";
            return new Definite(response.getStatus(), detail);
        }
        return new IllegalStateException("the tenant service answered HTTP " + response.getStatus());
    }

    /** A definite refusal: the status and the problem's detail. */
    final class Definite extends RuntimeException {
        final int status;

        Definite(int status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }
    }
}
