package dev.cairn.ingest.record;

import dev.cairn.data.record.ChunkBundleV2;
import dev.cairn.data.record.PackReferenceV3;
import java.util.List;
import java.util.UUID;

/** What ingest decides about one record: accept it into a pack of its tenant, or dead-letter it with a reason. */
public sealed interface Verdict {

    /**
     * A record authenticated to its agent and tenant: its chunks (one for v1, a bundle's for v2) go into packs in
     * {@code homeRegion}.
     */
    record Accepted(UUID tenantId, List<ChunkBundleV2.Chunk> chunks, String homeRegion) implements Verdict {}

    /**
     * A pack reference record v3 authenticated to its agent and tenant: the agent says it uploaded this pack for this
     * backup. Its upload slot and the object itself are checked before the pack is committed (ADR 0025).
     */
    record Uploaded(UUID tenantId, UUID agentId, UUID backupId, PackReferenceV3 pack, String homeRegion)
            implements Verdict {}

    /** A record that goes to the dead-letter topic; {@code reason} says why, for operators. */
    record Rejected(String reason) implements Verdict {}
}
