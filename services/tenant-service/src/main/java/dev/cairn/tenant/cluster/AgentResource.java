package dev.cairn.tenant.cluster;

import dev.cairn.platform.problem.ProblemException;
import dev.cairn.tenant.identity.CurrentCaller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What agents call: registration (with the one-time token) and heartbeats (with their own API token). */
@Path("/api/v1/agent")
@Tag(name = "Agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentResource {
    private final ClusterService clusters;
    private final CurrentCaller caller;
    private final JsonWebToken token;

    public AgentResource(ClusterService clusters, CurrentCaller caller, JsonWebToken token) {
        this.clusters = clusters;
        this.caller = caller;
        this.token = token;
    }

    @POST
    @Path("/register")
    @PermitAll
    @Operation(summary = "Exchange a one-time registration token for the agent's credentials and wrapped keys")
    public Response register(@Valid @NotNull AgentRegistrationRequest request) {
        return Response.status(201).entity(clusters.register(request)).build();
    }

    @POST
    @Path("/heartbeat")
    @RolesAllowed("agent")
    @Operation(summary = "Report the agent's and the cluster's state")
    public ClusterView heartbeat(@Valid @NotNull Heartbeat heartbeat) {
        return clusters.heartbeat(caller.tenantId(), clusterId(), heartbeat);
    }

    private UUID clusterId() {
        Object claim = token.getClaim("cluster_id");
        try {
            return UUID.fromString(String.valueOf(claim));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(403, "not-an-agent", "Not an agent", "this token is not an agent's");
        }
    }
}
