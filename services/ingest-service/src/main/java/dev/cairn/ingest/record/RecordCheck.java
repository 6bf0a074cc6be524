package dev.cairn.ingest.record;

import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.record.ChunkBundleV2;
import dev.cairn.data.record.ChunkRecordV1;
import dev.cairn.data.record.PackReferenceV3;
import dev.cairn.data.record.RecordAuthenticator;
import dev.cairn.ingest.agent.AgentDirectory;
import dev.cairn.ingest.agent.AgentIdentity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides whether a record from the data topic is what it claims: format v1 (one chunk), v2 (a bundle of chunks) or v3
 * (a pack the agent uploaded itself), a known and active agent of the tenant it names, and a MAC that verifies with
 * that agent's key over the whole value.
 * Anything else is rejected with a reason, never thrown; a bundle is accepted or rejected whole.
 */
public final class RecordCheck {
    private final AgentDirectory agents;

    public RecordCheck(AgentDirectory agents) {
        this.agents = agents;
    }

    /**
     * @param key the record key (v1: the chunk id; v2: only for partitioning)
     * @param headers the record's headers, last value per name
     * @param value the record value (v1: the sealed chunk; v2: the bundle; v3: the pack reference)
     */
    public Verdict check(byte[] key, Map<String, byte[]> headers, byte[] value) {
        String version = text(headers.get(ChunkRecordV1.H_VERSION));
        boolean v1 = ChunkRecordV1.VERSION.equals(version);
        boolean v3 = PackReferenceV3.VERSION.equals(version);
        if (!v1 && !v3 && !ChunkBundleV2.VERSION.equals(version)) {
            return new Verdict.Rejected("unsupported or missing record version");
        }
        if (v1 && (key == null || key.length != ChunkId.LENGTH)) {
            return new Verdict.Rejected("the key is not a 32-byte chunk id");
        }
        if (v1 && !isEnvelope(value)) {
            return new Verdict.Rejected("the value is not a chunk envelope v1");
        }
        Optional<UUID> tenant = uuid(headers.get(ChunkRecordV1.H_TENANT));
        Optional<UUID> agent = uuid(headers.get(ChunkRecordV1.H_AGENT));
        Optional<UUID> backup = uuid(headers.get(ChunkRecordV1.H_BACKUP));
        if (tenant.isEmpty() || agent.isEmpty() || backup.isEmpty()) {
            return new Verdict.Rejected("missing or malformed tenant, agent or backup header");
        }
        Optional<AgentIdentity> identity = agents.find(agent.get());
        if (identity.isEmpty()) {
            return new Verdict.Rejected("unknown agent " + agent.get());
        }
        AgentIdentity a = identity.get();
        if (!a.tenantId().equals(tenant.get())) {
            return new Verdict.Rejected("agent " + agent.get() + " does not belong to tenant " + tenant.get());
        }
        if (!a.active() || a.macKey().isEmpty()) {
            return new Verdict.Rejected("agent " + agent.get() + " is revoked");
        }
        byte[] mac = headers.get(ChunkRecordV1.H_MAC);
        if (v1) {
            ChunkRecordV1 record = new ChunkRecordV1(tenant.get(), agent.get(), backup.get(), ChunkId.of(key), value);
            if (!RecordAuthenticator.verify(a.macKey().get(), record, mac)) {
                return notVouched(agent.get());
            }
            return new Verdict.Accepted(
                    tenant.get(), List.of(new ChunkBundleV2.Chunk(record.chunkId(), value)), a.homeRegion());
        }
        if (v3) {
            // the MAC first here too; it vouches for the pack's size and MD5, which ingest then checks on the object
            if (!RecordAuthenticator.verifyPackReference(
                    a.macKey().get(), tenant.get(), agent.get(), backup.get(), value, mac)) {
                return notVouched(agent.get());
            }
            try {
                return new Verdict.Uploaded(
                        tenant.get(), agent.get(), backup.get(), PackReferenceV3.decode(value), a.homeRegion());
            } catch (IllegalArgumentException e) {
                return new Verdict.Rejected(e.getMessage());
            }
        }
        // the MAC first: nothing of a value its agent did not vouch for is decoded
        if (!RecordAuthenticator.verify(a.macKey().get(), tenant.get(), agent.get(), backup.get(), value, mac)) {
            return notVouched(agent.get());
        }
        List<ChunkBundleV2.Chunk> chunks;
        try {
            chunks = ChunkBundleV2.decode(value);
        } catch (IllegalArgumentException e) {
            return new Verdict.Rejected(e.getMessage());
        }
        for (ChunkBundleV2.Chunk chunk : chunks) {
            if (!isEnvelope(chunk.envelope())) {
                return new Verdict.Rejected("chunk " + chunk.id().hex() + " of the bundle is not a chunk envelope v1");
            }
        }
        return new Verdict.Accepted(tenant.get(), chunks, a.homeRegion());
    }

    private static boolean isEnvelope(byte[] value) {
        return value != null
                && value.length >= ChunkSealer.HEADER_LENGTH + ChunkSealer.TAG_LENGTH
                && value[0] == 'C'
                && value[1] == 'K'
                && value[2] == ChunkSealer.VERSION;
    }

    private static Verdict notVouched(UUID agent) {
        return new Verdict.Rejected("the record's MAC does not verify with agent " + agent + "'s key");
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Optional<UUID> uuid(byte[] bytes) {
        try {
            return bytes == null ? Optional.empty() : Optional.of(UUID.fromString(text(bytes)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
