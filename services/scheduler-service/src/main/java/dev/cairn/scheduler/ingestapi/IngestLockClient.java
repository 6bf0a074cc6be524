package dev.cairn.scheduler.ingestapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The ingest service's internal immutability API (object lock), with the scheduler's own client credentials. URL and
 * timeouts: {@code quarkus.rest-client.ingest-service.*}.
 */
@RegisterRestClient(configKey = "ingest-service")
@OidcClientFilter
@Path("/internal/v1/tenants/{tenantId}/immutability")
public interface IngestLockClient {
    /** Whether the tenant's home region can lock objects. */
    record Immutability(String region, boolean available, String detail) {}

    /** How long to hold a backup. */
    record LockBackup(Instant until) {}

    /** Until when a backup is held. */
    record BackupLock(UUID backupId, Instant lockedUntil) {}

    @GET
    Immutability immutability(@PathParam("tenantId") UUID tenantId);

    @PUT
    @Path("/backups/{backupId}")
    @Consumes(MediaType.APPLICATION_JSON)
    BackupLock lock(@PathParam("tenantId") UUID tenantId, @PathParam("backupId") UUID backupId, LockBackup request);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 404 || response.getStatus() == 409) {
            String detail = "HTTP " + response.getStatus();
            try {
                JsonNode problem = response.readEntity(JsonNode.class);
                detail = problem.path("detail").asText(detail);
            } catch (RuntimeException unreadable) {
                // the status says enough
            }
            return new dev.cairn.scheduler.policy.ObjectLocks.Refused(detail);
        }
        return new IllegalStateException("the ingest service answered HTTP " + response.getStatus());
    }
}
