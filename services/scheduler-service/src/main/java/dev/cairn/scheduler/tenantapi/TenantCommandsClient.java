package dev.cairn.scheduler.tenantapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.cairn.api.agent.command.BackupSpec;
import dev.cairn.api.agent.command.CommandPhase;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The tenant service's internal commands API, called with the scheduler service's own client credentials (an OIDC
 * client token, fetched on first use). URL and timeouts: {@code quarkus.rest-client.tenant-service.*}.
 */
@RegisterRestClient(configKey = "tenant-service")
@OidcClientFilter
@Path("/internal/v1/commands")
@Produces(MediaType.APPLICATION_JSON)
public interface TenantCommandsClient {
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    CommandAnswer queue(ScheduledCommand request);

    @GET
    @Path("/{commandId}")
    CommandAnswer get(@PathParam("commandId") UUID commandId);

    @POST
    @Path("/{commandId}/cancel")
    CommandAnswer cancel(@PathParam("commandId") UUID commandId);

    /** What the tenant service's ScheduledCommand holds. */
    record ScheduledCommand(UUID tenantId, UUID clusterId, UUID policyId, UUID runId, BackupSpec backup) {}

    /** What the scheduler reads of a command (the rest is ignored). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CommandAnswer(UUID id, CommandPhase phase, Report report, String message) {
        /** The final report: the backup's id, for a BACKUP. */
        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Report(UUID id) {}
    }
}
