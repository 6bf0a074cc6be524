package dev.cairn.ingest.record;

import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.record.ChunkRecordV1;
import dev.cairn.data.record.RecordAuthenticator;
import dev.cairn.ingest.agent.AgentDirectory;
import dev.cairn.ingest.agent.AgentIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides whether a record from the data topic is what it claims: format v1, a known and active agent of the tenant
 * it names, and a MAC that verifies with that agent's key. Anything else is rejected with a reason, never thrown.
 */
public final class RecordCheck {
    private final AgentDirectory agents;

    public RecordCheck(AgentDirectory agents) {
        this.agents = agents;
    }

    /**
     * @param key the record key (the chunk id)
     * @param headers the record's headers, last value per name
     * @param value the record value (the sealed chunk)
     */
    public Verdict check(byte[] key, Map<String, byte[]> headers, byte[] value) {
        if (!ChunkRecordV1.VERSION.equals(text(headers.get(ChunkRecordV1.H_VERSION)))) {
            return new Verdict.Rejected("unsupported or missing record version");
        }
        if (key == null || key.length != ChunkId.LENGTH) {
            return new Verdict.Rejected("the key is not a 32-byte chunk id");
        }
        if (value == null
                || value.length < ChunkSealer.HEADER_LENGTH + ChunkSealer.TAG_LENGTH
                || value[0] != 'C'
                || value[1] != 'K'
                || value[2] != ChunkSealer.VERSION) {
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
        ChunkRecordV1 record = new ChunkRecordV1(tenant.get(), agent.get(), backup.get(), ChunkId.of(key), value);
        if (!RecordAuthenticator.verify(a.macKey().get(), record, headers.get(ChunkRecordV1.H_MAC))) {
            return new Verdict.Rejected("the record's MAC does not verify with agent " + agent.get() + "'s key");
        }
        return new Verdict.Accepted(record, a.homeRegion());
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
