package dev.cairn.agent.backup;

import dev.cairn.api.agent.backup.PackUpload;
import dev.cairn.data.chunk.SealedChunk;
import dev.cairn.data.record.PackReferenceV3;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/**
 * The claim-check (ADR 0025): sealed chunks gathered into packs of about {@link #PACK_BYTES}, which the agent uploads
 * itself through an upload slot's pre-signed URL (with {@code Content-MD5}) and then announces on the data topic with
 * a pack reference record v3 carrying the pack's index, size, MD5 and the agent's MAC. Ingest never carries these
 * bytes; it checks the object against the record and commits it. A pack that ends smaller than
 * {@link #MIN_UPLOAD_BYTES} (the tail of a backup, a backup of a few megabytes) goes to {@code records} chunk by
 * chunk instead (bundles), where an object, a slot and a check per small pack would cost more than they save.
 *
 * <p>Memory: one open pack plus at most {@link #UPLOADS} packs being uploaded; a sender that closes a pack uploads it
 * itself while the others go on filling the next.
 */
public final class PackUploadSink implements ChunkSink {
    /** The size a pack is closed at (a chunk that would take it past this starts the next one). */
    public static final int PACK_BYTES = 8 << 20;

    /**
     * Packs smaller than this travel as records (bundles) instead: half a pack, so every pack closed for being full
     * (the next chunk, at most 4 MiB, would not fit) is uploaded, and what remains at the end of a backup mostly
     * travels as records.
     */
    public static final int MIN_UPLOAD_BYTES = PACK_BYTES / 2;

    /**
     * The most chunks a pack holds: its reference record stays under 600 KB (36 bytes a chunk), and a pack of that
     * many small files (a few megabytes) travels as bundles anyway.
     */
    public static final int MAX_CHUNKS = 16_384;

    /** Packs uploaded at once. */
    static final int UPLOADS = 2;

    /** How long closing waits for uploads in flight. */
    static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofMinutes(2);

    /** What the sink needs of the platform: {@code PlatformClient}'s slot and PUT calls. */
    public interface Uploads {
        /** A slot for one pack of {@code backup}; the same key answers the same slot. */
        PackUpload slot(UUID backup, String idempotencyKey);

        /** PUTs {@code parts}, {@code size} bytes in all, to a slot's URL with their MD5 (base64). */
        void put(String url, List<byte[]> parts, long size, String md5Base64);
    }

    private final ChunkSink records;
    private final Uploads platform;
    private final Semaphore uploads = new Semaphore(UPLOADS);

    /** The open pack (guarded by {@code this}): its backup, chunks and size. */
    private UUID openBackup;

    private List<SealedChunk> open = new ArrayList<>();
    private long openBytes;

    public PackUploadSink(ChunkSink records, Uploads platform) {
        this.records = records;
        this.platform = platform;
    }

    @Override
    public void send(UUID backup, SealedChunk chunk) {
        List<SealedChunk> full = null;
        UUID fullBackup;
        synchronized (this) {
            fullBackup = openBackup;
            if (!open.isEmpty()
                    && (!backup.equals(openBackup)
                            || openBytes + chunk.envelope().length > PACK_BYTES
                            || open.size() == MAX_CHUNKS)) {
                full = take();
            }
            openBackup = backup;
            open.add(chunk);
            openBytes += chunk.envelope().length;
        }
        if (full != null) {
            ship(fullBackup, full);
        }
    }

    @Override
    public void sendPack(UUID backup, PackReferenceV3 reference) {
        records.sendPack(backup, reference);
    }

    @Override
    public void flush() {
        List<SealedChunk> rest;
        UUID backup;
        synchronized (this) {
            backup = openBackup;
            rest = open.isEmpty() ? null : take();
        }
        if (rest != null) {
            ship(backup, rest);
        }
        records.flush();
    }

    private List<SealedChunk> take() {
        List<SealedChunk> taken = open;
        open = new ArrayList<>();
        openBytes = 0;
        return taken;
    }

    private void ship(UUID backup, List<SealedChunk> chunks) {
        long size = 0;
        for (SealedChunk c : chunks) {
            size += c.envelope().length;
        }
        if (size < MIN_UPLOAD_BYTES) {
            chunks.forEach(c -> records.send(backup, c));
            return;
        }
        uploads.acquireUninterruptibly();
        try {
            upload(backup, chunks, size);
        } finally {
            uploads.release();
        }
    }

    private void upload(UUID backup, List<SealedChunk> chunks, long size) {
        List<byte[]> parts = new ArrayList<>(chunks.size());
        List<PackReferenceV3.Entry> entries = new ArrayList<>(chunks.size());
        MessageDigest md5 = md5();
        for (SealedChunk c : chunks) {
            parts.add(c.envelope());
            entries.add(new PackReferenceV3.Entry(c.id(), c.envelope().length));
            md5.update(c.envelope());
        }
        byte[] digest = md5.digest();
        PackUpload slot = platform.slot(backup, UUID.randomUUID().toString());
        if (size > slot.maxBytes()) {
            throw new IllegalStateException("a pack of " + size + " bytes is larger than the platform's upload slots ("
                    + slot.maxBytes() + ")");
        }
        platform.put(slot.url(), parts, size, Base64.getEncoder().encodeToString(digest));
        records.sendPack(backup, new PackReferenceV3(slot.packId(), size, digest, entries));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    /**
     * Waits (up to {@link #CLOSE_WAIT}) for uploads in flight to finish and be announced, then closes the records'
     * sink, which sends what it holds: a backup that ends early (failed, cancelled) leaves no uploaded pack
     * unannounced, so ingest commits or refuses (and deletes) each one rather than leaving orphans to the sweep.
     */
    @Override
    public void close() {
        try {
            if (!uploads.tryAcquire(UPLOADS, CLOSE_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                System.err.println("warning: pack uploads still running after " + CLOSE_WAIT.toSeconds()
                        + " s; their objects are left to the platform's orphan sweep");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            records.close();
        }
    }
}
