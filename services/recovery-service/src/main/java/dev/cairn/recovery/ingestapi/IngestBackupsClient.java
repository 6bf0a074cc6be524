package dev.cairn.recovery.ingestapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.cairn.api.agent.backup.BackupPhase;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Ingest's public backups API, with the caller's own token. URL: {@code quarkus.rest-client.ingest-service.*}. */
@RegisterRestClient(configKey = "ingest-service")
@Path("/api/v1/backups")
@Produces(MediaType.APPLICATION_JSON)
public interface IngestBackupsClient {
    @GET
    @Path("/{backupId}")
    BackupSummary get(@HeaderParam("Authorization") String bearer, @PathParam("backupId") UUID backupId);

    /** A page of a cluster's backups, newest first (the first page without a cursor). */
    @GET
    BackupPage list(
            @HeaderParam("Authorization") String bearer,
            @QueryParam("clusterId") UUID clusterId,
            @QueryParam("limit") int limit,
            @QueryParam("cursor") String cursor);

    /** A page of backups, and where the next starts (absent on the last). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BackupPage(List<BackupSummary> items, String nextCursor) {}

    /** What a recovery reads of a backup. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BackupSummary(UUID id, UUID clusterId, BackupPhase phase) {}

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 404) {
            return new NotFound();
        }
        return new IllegalStateException("the ingest service answered HTTP " + response.getStatus());
    }

    /** The tenant has no such backup. */
    final class NotFound extends RuntimeException {
        NotFound() {
            super("not found", null, false, false);
        }
    }
}
