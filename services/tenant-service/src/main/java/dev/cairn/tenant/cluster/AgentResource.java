package dev.cairn.tenant.cluster;

import dev.cairn.api.agent.AgentRegistrationRequest;
import dev.cairn.api.agent.Heartbeat;
import dev.cairn.platform.identity.Roles;
import dev.cairn.tenant.identity.CurrentCaller;
import io.smallrye.common.annotation.RunOnVirtualThread;
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

    public AgentResource(ClusterService clusters, CurrentCaller caller) {
        this.clusters = clusters;
        this.caller = caller;
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
    @RolesAllowed(Roles.AGENT)
    // thousands of agents' heartbeats wait for the database pool on virtual threads, not in the worker pool's queue
    // (where, when a platform's worth of agents reconnect at once, they waited past their timeout)
    @RunOnVirtualThread
    @Operation(summary = "Report the agent's and the cluster's state")
    public ClusterView heartbeat(@Valid @NotNull Heartbeat heartbeat) {
        return clusters.heartbeat(caller.tenantId(), caller.clusterId(), heartbeat);
    }
}
