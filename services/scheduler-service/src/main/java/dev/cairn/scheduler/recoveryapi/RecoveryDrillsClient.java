package dev.cairn.scheduler.recoveryapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The recovery service's internal drills API, with the scheduler's own client credentials. URL and timeouts:
 * {@code quarkus.rest-client.recovery-service.*}.
 */
@RegisterRestClient(configKey = "recovery-service")
@OidcClientFilter
@Path("/internal/v1/drills")
public interface RecoveryDrillsClient {
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    DrillAnswer request(PolicyDrill drill);

    /** What the recovery service's PolicyDrill holds. */
    record PolicyDrill(
            UUID tenantId,
            UUID policyId,
            UUID runId,
            UUID backupId,
            UUID targetClusterId,
            List<String> includeNamespaces) {}

    /** The drill's recovery (the rest of the answer is ignored). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DrillAnswer(UUID id) {}
}
