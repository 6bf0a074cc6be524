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
 * encoding of the version, tenant, agent, backup, chunk id and the SHA-256 of the envelope. A record whose headers
 * or value were changed, or that claims another tenant or agent, does not verify.
 */
public final class RecordAuthenticator {
    private static final byte[] LABEL = "cairn-record-v1".getBytes(StandardCharsets.US_ASCII);

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

    /** The MAC of a record (32 bytes). */
    public static byte[] mac(byte[] macKey, ChunkRecordV1 record) {
        Instances instances = INSTANCES.get();
        try {
            if (!Arrays.equals(instances.key, macKey)) {
                instances.hmac.init(new SecretKeySpec(macKey, "HmacSHA256"));
                instances.key = macKey.clone();
            }
            return instances.hmac.doFinal(canonical(record, instances.sha256));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    /** True when {@code mac} is the record's MAC under {@code macKey} (compared in constant time). */
    public static boolean verify(byte[] macKey, ChunkRecordV1 record, byte[] mac) {
        return mac != null && MessageDigest.isEqual(mac(macKey, record), mac);
    }

    private static byte[] canonical(ChunkRecordV1 record, MessageDigest sha256) {
        byte[] valueHash = sha256.digest(record.envelope());
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
