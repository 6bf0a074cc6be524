package dev.cairn.data.record;

import dev.cairn.data.chunk.ChunkId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MAC that authenticates a chunk record to its agent: HMAC-SHA-256 under the agent's MAC key over a canonical
 * encoding of the version, tenant, agent, backup, chunk id and the SHA-256 of the envelope. A record whose headers
 * or value were changed, or that claims another tenant or agent, does not verify.
 */
public final class RecordAuthenticator {
    private static final byte[] LABEL = "cairn-record-v1".getBytes(StandardCharsets.US_ASCII);

    private RecordAuthenticator() {}

    /** The MAC of a record (32 bytes). */
    public static byte[] mac(byte[] macKey, ChunkRecordV1 record) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return hmac.doFinal(canonical(record));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    /** True when {@code mac} is the record's MAC under {@code macKey} (compared in constant time). */
    public static boolean verify(byte[] macKey, ChunkRecordV1 record, byte[] mac) {
        return mac != null && MessageDigest.isEqual(mac(macKey, record), mac);
    }

    private static byte[] canonical(ChunkRecordV1 record) throws GeneralSecurityException {
        byte[] valueHash = MessageDigest.getInstance("SHA-256").digest(record.envelope());
        ByteBuffer buffer = ByteBuffer.allocate(LABEL.length + 1 + 16 * 3 + ChunkId.LENGTH + 32);
        buffer.put(LABEL).put((byte) 1);
        putUuid(buffer, record.tenantId());
        putUuid(buffer, record.agentId());
        putUuid(buffer, record.backupId());
        buffer.put(record.chunkId().bytes()).put(valueHash);
        return buffer.array();
    }

    private static void putUuid(ByteBuffer buffer, UUID id) {
        buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }
}
