package dev.cairn.recovery.ingestapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.recovery.orchestration.Sources;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Ingest's internal API of a backup as a recovery's source, with the recovery service's own client credentials. */
@RegisterRestClient(configKey = "ingest-service")
@OidcClientFilter
@Path("/internal/v1/tenants/{tenantId}/backups/{backupId}")
@Produces(MediaType.APPLICATION_JSON)
public interface IngestSourceClient {
    @GET
    @Path("/source")
    SourceAnswer source(@PathParam("tenantId") UUID tenantId, @PathParam("backupId") UUID backupId);

    @PUT
    @Path("/source")
    @Consumes(MediaType.APPLICATION_JSON)
    void pin(@PathParam("tenantId") UUID tenantId, @PathParam("backupId") UUID backupId, Pin pin);

    @DELETE
    @Path("/source")
    void unpin(@PathParam("tenantId") UUID tenantId, @PathParam("backupId") UUID backupId);

    @POST
    @Path("/sample")
    @Consumes(MediaType.APPLICATION_JSON)
    Sources.Sample sample(
            @PathParam("tenantId") UUID tenantId, @PathParam("backupId") UUID backupId, SampleRequest request);

    /** The backup's phase and its regions. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SourceAnswer(BackupPhase phase, List<Sources.RegionState> regions) {}

    /** A pin. */
    record Pin(String region, Instant until) {}

    /** A sample to re-read. */
    record SampleRequest(String region, int chunks) {}

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 404) {
            return new Sources.Gone();
        }
        return new IllegalStateException("the ingest service answered HTTP " + response.getStatus());
    }
}
