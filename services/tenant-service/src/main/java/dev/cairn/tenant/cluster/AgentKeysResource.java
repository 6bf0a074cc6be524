package dev.cairn.tenant.cluster;

import dev.cairn.api.agent.AgentIdentity;
import dev.cairn.platform.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the ingest service needs to authenticate an agent's records: its tenant, whether it may still write, its
 * MAC key, and its tenant's home region. Internal: only the ingest service's identity may call it, and the gateway
 * does not route {@code /internal}.
 */
@Path("/internal/v1/agents")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class AgentKeysResource {
    private final ClusterService clusters;

    public AgentKeysResource(ClusterService clusters) {
        this.clusters = clusters;
    }

    @GET
    @Path("/{clusterId}")
    @RolesAllowed(Roles.INGEST_SERVICE)
    @Operation(summary = "An agent's tenant, phase, MAC key and home region (ingest service only)")
    public AgentIdentity agent(@PathParam("clusterId") UUID clusterId) {
        return clusters.agentIdentity(clusterId);
    }
}
