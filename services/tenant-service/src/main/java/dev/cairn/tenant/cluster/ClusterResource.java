package dev.cairn.tenant.cluster;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Page;
import dev.cairn.tenant.http.Answers;
import dev.cairn.tenant.idempotency.IdempotencyKeys;
import dev.cairn.tenant.identity.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's tenant's clusters. Another tenant's cluster answers 404, as if it did not exist. */
@Path("/api/v1/clusters")
@Tag(name = "Clusters")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {
    private final ClusterService clusters;
    private final CurrentCaller caller;
    private final IdempotencyKeys keys;

    public ClusterResource(ClusterService clusters, CurrentCaller caller, IdempotencyKeys keys) {
        this.clusters = clusters;
        this.caller = caller;
        this.keys = keys;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(
            summary = "My clusters and whether their agents are online, oldest first, a page at a time (cursor from"
                    + " the previous page)")
    public Page<ClusterView> list(
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) {
        return clusters.list(caller.tenantId(), cursor, limit);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(
            summary = "Add a cluster: returns a one-time registration token and the helm one-liner; a repeated"
                    + " Idempotency-Key answers the cluster again with a new token while its agent has not registered")
    public Response create(@Valid @NotNull NewCluster request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        UUID tenant = caller.tenantId();
        var made = keys.once(
                "tenant:" + tenant,
                "cluster.create",
                idempotencyKey,
                request,
                () -> clusters.create(tenant, request),
                c -> c.cluster().id().toString(),
                id -> clusters.createdAgain(tenant, UUID.fromString(id)));
        return Answers.made(
                201, made, "/api/v1/clusters/" + made.result().cluster().id());
    }

    @GET
    @Path("/{clusterId}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(summary = "Read one of my clusters")
    public ClusterView get(@PathParam("clusterId") UUID clusterId) {
        return clusters.get(caller.tenantId(), clusterId);
    }

    @POST
    @Path("/{clusterId}/registration-token")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Issue a new registration token for a cluster whose agent has not registered yet")
    public Registration reissueToken(@PathParam("clusterId") UUID clusterId) {
        return clusters.reissueToken(caller.tenantId(), clusterId);
    }

    @DELETE
    @Path("/{clusterId}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Revoke a cluster's agent: its Kafka user, API client and keys stop working")
    public Response revoke(@PathParam("clusterId") UUID clusterId) {
        clusters.revoke(caller.tenantId(), clusterId);
        return Response.noContent().build();
    }
}
