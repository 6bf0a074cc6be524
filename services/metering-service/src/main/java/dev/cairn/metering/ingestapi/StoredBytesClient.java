package dev.cairn.metering.ingestapi;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Ingest's exact stored-bytes counters, in pages, called with the metering service's client credentials. */
@RegisterRestClient(configKey = "ingest-service")
@OidcClientFilter
@Path("/internal/v1/stored-bytes")
public interface StoredBytesClient {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    CounterPage page(@QueryParam("cursor") UUID cursor, @QueryParam("limit") int limit);

    /** One page of counters. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record CounterPage(List<Counter> items, String nextCursor) {}

    /** A tenant's counter and when it last moved. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Counter(UUID tenantId, long storedBytes, Instant updatedAt) {}
}
