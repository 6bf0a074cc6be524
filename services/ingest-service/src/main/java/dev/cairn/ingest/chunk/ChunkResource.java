package dev.cairn.ingest.chunk;

import dev.cairn.api.agent.backup.ChunkIds;
import dev.cairn.api.agent.backup.MissingChunks;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.ingest.IngestConfig;
import dev.cairn.ingest.agent.Caller;
import dev.cairn.ingest.pack.Catalog;
import dev.cairn.platform.identity.Roles;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Deduplication before the network: an agent asks, in batches, which chunk ids its tenant lacks. The tenant comes
 * from the agent's token; ids are keyed hashes per tenant, so asking about another tenant's ids reveals nothing. What
 * is answered present is promised: garbage collection keeps it while a backup of the tenant is in progress, and for
 * its safety window (docs/adr/0015).
 */
@Path("/api/v1/chunks/missing")
@Tag(name = "Chunks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChunkResource {
    private final Catalog catalog;
    private final Caller caller;
    private final IngestConfig config;

    public ChunkResource(Catalog catalog, Caller caller, IngestConfig config) {
        this.catalog = catalog;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Which of these chunk ids does my tenant lack (agents, up to 10,000 ids a call)")
    public MissingChunks missing(@Valid @NotNull ChunkIds request) {
        UUID tenant = caller.agent().tenantId();
        Set<ChunkId> asked = new LinkedHashSet<>();
        request.ids().forEach(id -> asked.add(ChunkId.parse(id)));
        Set<ChunkId> known = catalog.promise(tenant, asked, config.gc().promiseRefresh());
        List<String> missing = asked.stream()
                .filter(id -> !known.contains(id))
                .map(ChunkId::hex)
                .toList();
        return new MissingChunks(missing);
    }
}
