package dev.cairn.recovery.schedulerapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The scheduler's public policies API, called with the caller's own token (the scheduler applies its own ownership
 * checks). URL and timeouts: {@code quarkus.rest-client.scheduler-service.*}.
 */
@RegisterRestClient(configKey = "scheduler-service")
@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
public interface SchedulerRunsClient {
    /** A page of the policy's runs in one phase, newest first. */
    @GET
    @Path("/{policyId}/runs")
    RunPage runs(
            @HeaderParam("Authorization") String bearer,
            @PathParam("policyId") UUID policyId,
            @QueryParam("phase") String phase,
            @QueryParam("limit") int limit);

    /** What a recovery reads of a page of runs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RunPage(List<Run> items) {}

    /** What a recovery reads of a run: the backup it made, and whether retention has deleted it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Run(UUID id, UUID backupId, Instant expiredAt) {}

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 404) {
            return new NotFound();
        }
        return new IllegalStateException("the scheduler answered HTTP " + response.getStatus());
    }

    /** The caller's tenant has no such policy. */
    final class NotFound extends RuntimeException {
        NotFound() {
            super("not found", null, false, false);
        }
    }
}
