package dev.cairn.ingest.chunk;

import dev.cairn.data.chunk.ChunkId;
import dev.cairn.ingest.agent.AgentDirectory;
import dev.cairn.ingest.agent.AgentIdentity;
import dev.cairn.ingest.pack.Catalog;
import dev.cairn.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Deduplication before the network: an agent asks, in batches, which chunk ids its tenant lacks. The tenant comes
 * from the agent's token; ids are keyed hashes per tenant, so asking about another tenant's ids reveals nothing.
 */
@Path("/api/v1/chunks/missing")
@Tag(name = "Chunks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChunkResource {
    private final Catalog catalog;
    private final AgentDirectory agents;
    private final JsonWebToken token;

    public ChunkResource(Catalog catalog, AgentDirectory agents, JsonWebToken token) {
        this.catalog = catalog;
        this.agents = agents;
        this.token = token;
    }

    @POST
    @RolesAllowed("agent")
    @Operation(summary = "Which of these chunk ids does my tenant lack (agents, up to 10,000 ids a call)")
    public MissingChunks missing(@Valid @NotNull MissingChunksRequest request) {
        UUID tenant = tenant();
        Set<ChunkId> asked = new LinkedHashSet<>();
        request.ids().forEach(id -> asked.add(ChunkId.parse(id)));
        Set<ChunkId> known = catalog.known(tenant, asked);
        List<String> missing = asked.stream()
                .filter(id -> !known.contains(id))
                .map(ChunkId::hex)
                .toList();
        return new MissingChunks(missing);
    }

    /** The agent's tenant, once its cluster is known to be active (a revoked agent is refused within seconds). */
    private UUID tenant() {
        UUID tenant;
        UUID cluster;
        try {
            Object tenantClaim = token.getClaim("tenant_id");
            Object clusterClaim = token.getClaim("cluster_id");
            tenant = UUID.fromString(String.valueOf(tenantClaim));
            cluster = UUID.fromString(String.valueOf(clusterClaim));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(403, "not-an-agent", "Not an agent", "this operation needs an agent's token");
        }
        AgentIdentity agent = agents.find(cluster).orElse(null);
        if (agent == null || !agent.active() || !agent.tenantId().equals(tenant)) {
            throw new ProblemException(403, "agent-revoked", "Agent revoked", "this agent's access was revoked");
        }
        return tenant;
    }
}
