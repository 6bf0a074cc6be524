package dev.cairn.data.chunk;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals chunks (keyed id, zstd when it shrinks, AES-256-GCM) and opens them again, checking everything.
 *
 * <p>Envelope v1: {@code 'C' 'K'}, version {@code 1}, flags (bit 0: zstd), plaintext length (uint32, big-endian),
 * nonce (12 random bytes), then ciphertext and 16-byte tag. The associated data binds the envelope to its tenant and
 * chunk id and covers the header, so that an envelope moved to another tenant or id, or with a changed header, does
 * not open. Thread-safe: each thread gets its own {@code Mac} and {@code Cipher}.
 */
public final class ChunkSealer {
    public static final byte VERSION = 1;
    public static final int HEADER_LENGTH = 2 + 1 + 1 + 4 + 12;
    public static final int TAG_LENGTH = 16;
    private static final byte FLAG_ZSTD = 1;
    private static final int ZSTD_LEVEL = 1;
    /** Chunks larger than this are first probed on a sample: incompressible data is not compressed in full. */
    private static final int PROBE_SIZE = 64 * 1024;

    private static final byte[] AAD_PREFIX = "cairn-chunk-v1".getBytes(StandardCharsets.US_ASCII);

    private final ChunkKeys keys;
    /** Per thread: {@code Mac} and {@code Cipher} instances are not thread-safe, a sealer is. */
    private final ThreadLocal<Mac> hmac;

    private final ThreadLocal<Cipher> cipher;
    private final SecretKeySpec encryptionKey;
    private final SecureRandom random = new SecureRandom();

    public ChunkSealer(ChunkKeys keys) {
        this.keys = keys;
        SecretKeySpec idKey = new SecretKeySpec(keys.idKey(), "HmacSHA256");
        this.encryptionKey = new SecretKeySpec(keys.encryptionKey(), "AES");
        this.hmac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(idKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
            }
        });
        this.cipher = ThreadLocal.withInitial(() -> {
            try {
                return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM unavailable", e);
            }
        });
        hmac.get();
        cipher.get();
    }

    /** The id of a plaintext: HMAC-SHA-256 under the tenant's id key. */
    public ChunkId id(byte[] data, int offset, int length) {
        Mac mac = hmac.get();
        mac.update(data, offset, length);
        return ChunkId.of(mac.doFinal());
    }

    /** Seals {@code length} bytes of {@code data} from {@code offset}. */
    public SealedChunk seal(byte[] data, int offset, int length) {
        return seal(id(data, offset, length), data, offset, length);
    }

    /**
     * Seals a chunk whose id the caller has computed with {@link #id} already (the agent hashes every chunk to know
     * whether to send it; hashing again would cost a second pass). A wrong id makes an envelope that never opens.
     */
    public SealedChunk seal(ChunkId id, byte[] data, int offset, int length) {
        byte[] body;
        byte flags = 0;
        byte[] compressed = compress(data, offset, length);
        if (compressed != null) {
            body = compressed;
            flags = FLAG_ZSTD;
        } else {
            body = null;
        }
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        int bodyLength = body == null ? length : body.length;
        ByteBuffer envelope = ByteBuffer.allocate(HEADER_LENGTH + bodyLength + TAG_LENGTH);
        envelope.put((byte) 'C')
                .put((byte) 'K')
                .put(VERSION)
                .put(flags)
                .putInt(length)
                .put(nonce);
        try {
            Cipher cipher = this.cipher.get();
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(id, envelope.array()));
            int written = body == null
                    ? cipher.doFinal(data, offset, length, envelope.array(), HEADER_LENGTH)
                    : cipher.doFinal(body, 0, body.length, envelope.array(), HEADER_LENGTH);
            if (written != bodyLength + TAG_LENGTH) {
                throw new IllegalStateException("AES-GCM wrote " + written + " bytes");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
        return new SealedChunk(id, envelope.array(), length, flags == FLAG_ZSTD);
    }

    /**
     * Opens an envelope that should hold the chunk {@code expected}: decrypts, decompresses, and checks that the
     * plaintext hashes to that id. Throws {@link ChunkIntegrityException} on any mismatch.
     */
    public byte[] open(byte[] envelope, ChunkId expected) {
        if (envelope.length < HEADER_LENGTH + TAG_LENGTH || envelope[0] != 'C' || envelope[1] != 'K') {
            throw new ChunkIntegrityException("not a chunk envelope");
        }
        if (envelope[2] != VERSION) {
            throw new ChunkIntegrityException("chunk envelope version " + envelope[2] + " is not supported");
        }
        byte flags = envelope[3];
        int plainLength = ByteBuffer.wrap(envelope, 4, 4).getInt();
        if (plainLength < 0 || (flags & ~FLAG_ZSTD) != 0) {
            throw new ChunkIntegrityException("malformed chunk envelope header");
        }
        byte[] body;
        try {
            Cipher cipher = this.cipher.get();
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, envelope, 8, 12));
            cipher.updateAAD(aad(expected, envelope));
            body = cipher.doFinal(envelope, HEADER_LENGTH, envelope.length - HEADER_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new ChunkIntegrityException(
                    "chunk " + expected + " does not decrypt: damaged, or not this tenant's", e);
        }
        byte[] plain;
        if ((flags & FLAG_ZSTD) != 0) {
            plain = new byte[plainLength];
            ZstdDecompressCtx ctx = DECOMPRESSORS.pollFirst();
            if (ctx == null) {
                ctx = new ZstdDecompressCtx();
            }
            int size;
            try {
                size = ctx.decompressByteArray(plain, 0, plainLength, body, 0, body.length);
            } catch (ZstdException e) {
                size = -1;
            } finally {
                DECOMPRESSORS.offerFirst(ctx);
            }
            if (size != plainLength) {
                throw new ChunkIntegrityException("chunk " + expected + " does not decompress");
            }
        } else {
            plain = body;
            if (plain.length != plainLength) {
                throw new ChunkIntegrityException("chunk " + expected + " has the wrong length");
            }
        }
        if (!id(plain, 0, plain.length).equals(expected)) {
            throw new ChunkIntegrityException("chunk content does not match its id " + expected);
        }
        return plain;
    }

    /**
     * zstd contexts, reused: making one per chunk (as {@code Zstd.compressByteArray} does) churns megabytes of native
     * memory per chunk, which glibc keeps; the agent's RSS grew by tens of MiB with it. At most as many as chunks
     * sealed at once, kept for the life of the process (zstd-jni contexts are freed only by {@code close}).
     */
    private static final ConcurrentLinkedDeque<ZstdCompressCtx> COMPRESSORS = new ConcurrentLinkedDeque<>();

    private static final ConcurrentLinkedDeque<ZstdDecompressCtx> DECOMPRESSORS = new ConcurrentLinkedDeque<>();

    /** zstd output when it is smaller than the input, else null (stored raw). */
    private static byte[] compress(byte[] data, int offset, int length) {
        ZstdCompressCtx ctx = COMPRESSORS.pollFirst();
        if (ctx == null) {
            ctx = new ZstdCompressCtx().setLevel(ZSTD_LEVEL);
        }
        try {
            if (length > 4 * PROBE_SIZE) {
                // already-compressed or encrypted data (media, archives) does not shrink: a sample from the middle
                // says so
                byte[] probe = new byte[(int) Zstd.compressBound(PROBE_SIZE)];
                int probed = ctx.compressByteArray(
                        probe, 0, probe.length, data, offset + length / 2 - PROBE_SIZE / 2, PROBE_SIZE);
                if (probed > PROBE_SIZE * 0.97) {
                    return null;
                }
            }
            byte[] out = new byte[(int) Zstd.compressBound(length)];
            int size = ctx.compressByteArray(out, 0, out.length, data, offset, length);
            if (size >= length) {
                return null;
            }
            return java.util.Arrays.copyOf(out, size);
        } catch (ZstdException e) {
            return null;
        } finally {
            COMPRESSORS.offerFirst(ctx);
        }
    }

    /** Associated data: a label, the tenant, the chunk id, and the envelope header before the nonce. */
    private byte[] aad(ChunkId id, byte[] header) {
        ByteBuffer aad = ByteBuffer.allocate(AAD_PREFIX.length + 16 + ChunkId.LENGTH + 8);
        aad.put(AAD_PREFIX)
                .putLong(keys.tenantId().getMostSignificantBits())
                .putLong(keys.tenantId().getLeastSignificantBits())
                .put(id.bytes())
                .put(header, 0, 8);
        return aad.array();
    }
}
