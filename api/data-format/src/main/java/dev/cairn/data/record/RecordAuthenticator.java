package dev.cairn.data.record;

import dev.cairn.data.chunk.ChunkId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MAC that authenticates a chunk record to its agent: HMAC-SHA-256 under the agent's MAC key over a canonical
 * encoding of the version, tenant, agent, backup, (v1) chunk id and the SHA-256 of the value (v1: the envelope; v2:
 * the bundle; v3: the pack reference). A record whose headers or value were changed, or that claims another tenant or agent, does not verify.
 */
public final class RecordAuthenticator {
    private static final byte[] LABEL = "cairn-record-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LABEL_V2 = "cairn-record-v2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LABEL_V3 = "cairn-record-v3".getBytes(StandardCharsets.US_ASCII);

    private RecordAuthenticator() {}

    /**
     * Per thread: an HMAC and a SHA-256 instance, reused from record to record (looking them up per record cost more
     * than hashing a small file's record), and the key the HMAC was last given.
     */
    private static final ThreadLocal<Instances> INSTANCES = ThreadLocal.withInitial(Instances::new);

    private static final class Instances {
        final Mac hmac;
        final MessageDigest sha256;
        byte[] key;

        Instances() {
            try {
                hmac = Mac.getInstance("HmacSHA256");
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
            }
        }
    }

    /** The MAC of a record v1 (32 bytes). */
    public static byte[] mac(byte[] macKey, ChunkRecordV1 record) {
        Instances instances = INSTANCES.get();
        byte[] valueHash = instances.sha256.digest(record.envelope());
        return hmac(
                instances,
                macKey,
                canonical(
                        LABEL, 1, record.tenantId(), record.agentId(), record.backupId(), record.chunkId(), valueHash));
    }

    /** True when {@code mac} is the record's MAC under {@code macKey} (compared in constant time). */
    public static boolean verify(byte[] macKey, ChunkRecordV1 record, byte[] mac) {
        return mac != null && MessageDigest.isEqual(mac(macKey, record), mac);
    }

    /**
     * The MAC of a bundle record v2 (32 bytes): as v1's, with the label {@code cairn-record-v2}, the byte 2, no chunk
     * id, and the SHA-256 of the whole value (its index and every envelope).
     */
    public static byte[] mac(byte[] macKey, UUID tenantId, UUID agentId, UUID backupId, byte[] value) {
        Instances instances = INSTANCES.get();
        byte[] valueHash = instances.sha256.digest(value);
        return hmac(instances, macKey, canonical(LABEL_V2, 2, tenantId, agentId, backupId, null, valueHash));
    }

    /** True when {@code mac} is the bundle record's MAC under {@code macKey} (compared in constant time). */
    public static boolean verify(byte[] macKey, UUID tenantId, UUID agentId, UUID backupId, byte[] value, byte[] mac) {
        return mac != null && MessageDigest.isEqual(mac(macKey, tenantId, agentId, backupId, value), mac);
    }

    /**
     * The MAC of a pack reference record v3 (32 bytes): as v2's, with the label {@code cairn-record-v3} and the byte
     * 3, over the SHA-256 of the value (which names the pack's size and MD5, so the MAC vouches for its bytes).
     */
    public static byte[] macPackReference(byte[] macKey, UUID tenantId, UUID agentId, UUID backupId, byte[] value) {
        Instances instances = INSTANCES.get();
        byte[] valueHash = instances.sha256.digest(value);
        return hmac(instances, macKey, canonical(LABEL_V3, 3, tenantId, agentId, backupId, null, valueHash));
    }

    /** True when {@code mac} is the pack reference record's MAC under {@code macKey} (constant time). */
    public static boolean verifyPackReference(
            byte[] macKey, UUID tenantId, UUID agentId, UUID backupId, byte[] value, byte[] mac) {
        return mac != null && MessageDigest.isEqual(macPackReference(macKey, tenantId, agentId, backupId, value), mac);
    }

    private static byte[] hmac(Instances instances, byte[] macKey, byte[] canonical) {
        try {
            if (!Arrays.equals(instances.key, macKey)) {
                instances.hmac.init(new SecretKeySpec(macKey, "HmacSHA256"));
                instances.key = macKey.clone();
            }
            return instances.hmac.doFinal(canonical);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    private static byte[] canonical(
            byte[] label, int version, UUID tenant, UUID agent, UUID backup, ChunkId chunkId, byte[] valueHash) {
        ByteBuffer buffer = ByteBuffer.allocate(
                label.length + 1 + 16 * 3 + (chunkId == null ? 0 : ChunkId.LENGTH) + valueHash.length);
        buffer.put(label).put((byte) version);
        putUuid(buffer, tenant);
        putUuid(buffer, agent);
        putUuid(buffer, backup);
        if (chunkId != null) {
            buffer.put(chunkId.bytes());
        }
        buffer.put(valueHash);
        return buffer.array();
    }

    private static void putUuid(ByteBuffer buffer, UUID id) {
        buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }
}
