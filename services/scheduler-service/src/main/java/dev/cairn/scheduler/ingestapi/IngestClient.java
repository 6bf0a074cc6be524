package dev.cairn.scheduler.ingestapi;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The ingest service's internal backups API, with the scheduler's own client credentials. URL and timeouts:
 * {@code quarkus.rest-client.ingest-service.*}.
 */
@RegisterRestClient(configKey = "ingest-service")
@OidcClientFilter
@Path("/internal/v1/tenants/{tenantId}/backups")
public interface IngestClient {
    /** Deletes a finished backup; {@link Gone} when there is none, {@link NotFinished} while it is being taken. */
    @DELETE
    @Path("/{backupId}")
    void delete(@PathParam("tenantId") UUID tenantId, @PathParam("backupId") UUID backupId);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return switch (response.getStatus()) {
            case 404 -> new Gone();
            case 409 -> new NotFinished();
            default -> new IllegalStateException("the ingest service answered HTTP " + response.getStatus());
        };
    }

    /** No such backup (any more). */
    final class Gone extends RuntimeException {
        Gone() {
            super("gone", null, false, false);
        }
    }

    /** The backup has not finished. */
    final class NotFinished extends RuntimeException {
        NotFinished() {
            super("not finished", null, false, false);
        }
    }
}
