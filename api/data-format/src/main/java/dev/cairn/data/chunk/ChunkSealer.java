package dev.cairn.data.chunk;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
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

    /**
     * The longest chunk: the chunker's maximum (docs/protocol.md, 4 MiB). Sealing refuses a longer one, and opening
     * refuses an envelope that claims one before allocating for it (a crafted envelope cannot make a restore allocate
     * gigabytes).
     */
    public static final int MAX_PLAIN_LENGTH = 4 * 1024 * 1024;

    /** The longest envelope: a chunk of {@link #MAX_PLAIN_LENGTH} stored raw, with header and tag. */
    public static final int MAX_ENVELOPE_LENGTH = HEADER_LENGTH + MAX_PLAIN_LENGTH + TAG_LENGTH;

    private static final byte FLAG_ZSTD = 1;
    private static final int ZSTD_LEVEL = 1;
    /** Chunks larger than this are first probed on a sample: incompressible data is not compressed in full. */
    private static final int PROBE_SIZE = 64 * 1024;

    /**
     * Chunks shorter than this are stored raw: zstd's frame takes about ten of their bytes back, and a call into it per
     * tiny file cost more than hashing and sealing it (a tree of small files is mostly such chunks).
     */
    static final int MIN_COMPRESS = 64;

    /** Bytes per call into AES-GCM when sealing (see {@link #seal(ChunkId, byte[], int, int)}). */
    private static final int SLICE = 16 * 1024;

    /**
     * Per thread: where a chunk is compressed before it is encrypted into its envelope, grown to the largest chunk
     * met (a few MiB per sealing thread, kept instead of allocated per chunk).
     */
    private static final ThreadLocal<byte[]> SCRATCH =
            ThreadLocal.withInitial(() -> new byte[(int) Zstd.compressBound(PROBE_SIZE)]);

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
        if (length > MAX_PLAIN_LENGTH) {
            throw new IllegalArgumentException("a chunk of " + length + " bytes is longer than " + MAX_PLAIN_LENGTH);
        }
        byte[] scratch = SCRATCH.get();
        int compressed = compress(data, offset, length, scratch);
        if (compressed > 0) {
            scratch = SCRATCH.get(); // compress may have grown it
        }
        byte[] body = compressed > 0 ? scratch : data;
        int bodyOffset = compressed > 0 ? 0 : offset;
        int bodyLength = compressed > 0 ? compressed : length;
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        byte[] envelope = new byte[HEADER_LENGTH + bodyLength + TAG_LENGTH];
        ByteBuffer.wrap(envelope)
                .put((byte) 'C')
                .put((byte) 'K')
                .put(VERSION)
                .put(compressed > 0 ? FLAG_ZSTD : 0)
                .putInt(length)
                .put(nonce);
        try {
            Cipher cipher = this.cipher.get();
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(id, envelope));
            // in slices: one call over megabytes runs GHASH and CTR interpreted for the first gigabytes of a
            // process (the intrinsics come with compiled callers, and a few calls per chunk compile late)
            int written = 0;
            for (int done = 0; done < bodyLength; done += SLICE) {
                int n = Math.min(SLICE, bodyLength - done);
                written += cipher.update(body, bodyOffset + done, n, envelope, HEADER_LENGTH + written);
            }
            written += cipher.doFinal(envelope, HEADER_LENGTH + written);
            if (written != bodyLength + TAG_LENGTH) {
                throw new IllegalStateException("AES-GCM wrote " + written + " bytes");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
        return new SealedChunk(id, envelope, length, compressed > 0);
    }

    /**
     * Gets AES-GCM and SHA-256 compiled before megabytes go through them: a fresh JVM runs GHASH, AES-CTR and SHA-256's
     * block loop interpreted (AES-GCM at about 30 MB/s here) until the methods that call their intrinsics are
     * compiled, which calls of a few megabytes each reach only after gigabytes. A few thousand small seals and opens
     * (under a throwaway key) get there in about half a second of a background thread; call it when data is about to
     * flow, not on every start.
     */
    public static void warmUp() {
        try {
            SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] plain = new byte[4096];
            byte[] sealed = new byte[plain.length + TAG_LENGTH];
            byte[] nonce = new byte[12];
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = new byte[32];
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                ByteBuffer.wrap(nonce).putInt(i);
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                int written = cipher.doFinal(plain, 0, plain.length, sealed, 0);
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                cipher.doFinal(sealed, 0, written, plain, 0);
                // the keyed ids and the record MAC: SHA-256's block loop, compiled with its intrinsic
                mac.update(plain, 0, plain.length);
                mac.doFinal(digest, 0);
                sha.update(plain, 0, plain.length);
                sha.digest();
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // only a warm-up: sealing works (if slowly) without it, and reports its own failures
        }
    }

    /** {@link #warmUp()} on a daemon thread of its own, so that the caller's work goes on meanwhile. */
    public static void warmUpInBackground() {
        Thread.ofPlatform().daemon().name("cairn-warm-up").start(ChunkSealer::warmUp);
    }

    /** Seals and opens per {@link #warmUp()}: measured, 5,000 reach compiled speed (bench/chunk-pipeline.sh). */
    private static final int WARM_UP_ROUNDS = 5000;

    /**
     * Opens an envelope that should hold the chunk {@code expected}: decrypts, decompresses, and checks that the
     * plaintext hashes to that id. Throws {@link ChunkIntegrityException} on any mismatch.
     */
    public byte[] open(byte[] envelope, ChunkId expected) {
        if (envelope.length < HEADER_LENGTH + TAG_LENGTH || envelope[0] != 'C' || envelope[1] != 'K') {
            throw new ChunkIntegrityException("not a chunk envelope");
        }
        if (envelope.length > MAX_ENVELOPE_LENGTH) {
            throw new ChunkIntegrityException(
                    "an envelope of " + envelope.length + " bytes is longer than any chunk's");
        }
        if (envelope[2] != VERSION) {
            throw new ChunkIntegrityException("chunk envelope version " + envelope[2] + " is not supported");
        }
        byte flags = envelope[3];
        int plainLength = ByteBuffer.wrap(envelope, 4, 4).getInt();
        if (plainLength > MAX_PLAIN_LENGTH) {
            throw new ChunkIntegrityException(
                    "the envelope claims a chunk of " + plainLength + " bytes, more than " + MAX_PLAIN_LENGTH);
        }
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

    /**
     * Compresses into {@code scratch} (grown in {@link #SCRATCH} when too small): the compressed length when zstd
     * made it smaller, else 0 (stored raw).
     */
    private static int compress(byte[] data, int offset, int length, byte[] scratch) {
        if (length < MIN_COMPRESS) {
            return 0;
        }
        ZstdCompressCtx ctx = COMPRESSORS.pollFirst();
        if (ctx == null) {
            ctx = new ZstdCompressCtx().setLevel(ZSTD_LEVEL);
        }
        try {
            if (length > 4 * PROBE_SIZE) {
                // already-compressed or encrypted data (media, archives) does not shrink: a sample from the middle
                // says so
                int probed = ctx.compressByteArray(
                        scratch, 0, scratch.length, data, offset + length / 2 - PROBE_SIZE / 2, PROBE_SIZE);
                if (probed > PROBE_SIZE * 0.97) {
                    return 0;
                }
            }
            int bound = (int) Zstd.compressBound(length);
            if (scratch.length < bound) {
                scratch = new byte[bound];
                SCRATCH.set(scratch);
            }
            int size = ctx.compressByteArray(scratch, 0, bound, data, offset, length);
            return size < length ? size : 0;
        } catch (ZstdException e) {
            return 0;
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
