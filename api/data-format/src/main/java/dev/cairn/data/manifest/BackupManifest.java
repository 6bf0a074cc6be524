package dev.cairn.data.manifest;

import dev.cairn.data.chunk.ChunkId;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The backup manifest v1 (docs/protocol.md, "Backup manifest v1"): sent by the agent at the end of a backup and kept
 * as the object {@code tenants/<tenant>/backups/<backup>.manifest}. It is plaintext metadata: ids, statistics, the
 * chunk ids of the encrypted file tree ({@code root}) and every chunk id the backup references ({@code references},
 * sorted, unique, including the root's). File names and contents are only inside the encrypted tree and chunks.
 *
 * @param references sorted ascending, without duplicates; contains every id of {@code root}
 */
public record BackupManifest(
        UUID backupId,
        UUID tenantId,
        UUID clusterId,
        String source,
        Instant startedAt,
        Instant finishedAt,
        Statistics statistics,
        List<String> messages,
        List<ChunkId> root,
        List<ChunkId> references) {

    static final byte[] MAGIC = {'C', 'B', 'M', 1};
    /** The most references one manifest may hold (about 20 TB of 1 MiB chunks). */
    public static final int MAX_REFERENCES = 20_000_000;
    /** The most messages (warnings, errors) one manifest keeps. */
    public static final int MAX_MESSAGES = 100;

    /**
     * What the agent counted.
     *
     * @param files files backed up other than directories and symlinks: regular files, FIFOs and device nodes
     * @param directories directories
     * @param symlinks symbolic links (stored, never followed)
     * @param logicalBytes the size of the files' contents (holes of sparse files included)
     * @param newBytes plaintext bytes this backup sent that the tenant did not store before
     * @param sentBytes envelope bytes sent (after compression and encryption)
     * @param warnings files that vanished or changed while read, or were skipped
     * @param errors files that could not be read: the backup is then PartiallyFailed
     */
    public record Statistics(
            long files,
            long directories,
            long symlinks,
            long logicalBytes,
            long newBytes,
            long sentBytes,
            long warnings,
            long errors) {

        /** The eight counts in the order above: the wire format's and the catalog's column order. */
        public long[] values() {
            return new long[] {files, directories, symlinks, logicalBytes, newBytes, sentBytes, warnings, errors};
        }
    }

    public BackupManifest {
        if (source.length() > 4096) {
            throw new IllegalArgumentException("source longer than 4096 characters");
        }
        messages = List.copyOf(messages.subList(0, Math.min(messages.size(), MAX_MESSAGES)));
        root = List.copyOf(root);
        references = List.copyOf(references);
        for (int i = 1; i < references.size(); i++) {
            if (references.get(i - 1).compareTo(references.get(i)) >= 0) {
                throw new IllegalArgumentException("references are not sorted and unique");
            }
        }
        for (ChunkId id : root) {
            if (java.util.Collections.binarySearch(references, id) < 0) {
                throw new IllegalArgumentException("a root chunk is not among the references");
            }
        }
    }

    /** This manifest but its references. */
    public Head head() {
        return new Head(
                backupId,
                tenantId,
                clusterId,
                source,
                startedAt,
                finishedAt,
                statistics,
                messages,
                root,
                references.size());
    }

    /** The manifest in its wire format. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + references.size() * ChunkId.LENGTH);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            uuid(out, backupId);
            uuid(out, tenantId);
            uuid(out, clusterId);
            out.writeLong(startedAt.toEpochMilli());
            out.writeLong(finishedAt.toEpochMilli());
            Statistics s = statistics;
            for (long v : s.values()) {
                out.writeLong(v);
            }
            string(out, source);
            out.writeShort(messages.size());
            for (String m : messages) {
                string(out, m.length() > 1000 ? m.substring(0, 1000) : m);
            }
            ids(out, root);
            ids(out, references);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a manifest whole; a malformed one fails with {@link IllegalArgumentException} saying what is wrong. For
     * a large one, {@link Reader} holds a batch of references at a time instead of all of them.
     */
    public static BackupManifest decode(InputStream stream) {
        Reader reader = Reader.open(stream);
        Head h = reader.head();
        List<ChunkId> references = new ArrayList<>(Math.min(h.referenceCount(), 1 << 16));
        for (byte[] batch = reader.next(1 << 16); batch != null; batch = reader.next(1 << 16)) {
            for (int at = 0; at < batch.length; at += ChunkId.LENGTH) {
                references.add(ChunkId.of(Arrays.copyOfRange(batch, at, at + ChunkId.LENGTH)));
            }
        }
        return new BackupManifest(
                h.backupId(),
                h.tenantId(),
                h.clusterId(),
                h.source(),
                h.startedAt(),
                h.finishedAt(),
                h.statistics(),
                h.messages(),
                h.root(),
                references);
    }

    /**
     * A manifest but its references: what a reader has in memory before the references come in batches.
     *
     * @param referenceCount how many references follow
     */
    public record Head(
            UUID backupId,
            UUID tenantId,
            UUID clusterId,
            String source,
            Instant startedAt,
            Instant finishedAt,
            Statistics statistics,
            List<String> messages,
            List<ChunkId> root,
            int referenceCount) {}

    /**
     * Reads a manifest a part at a time: its {@link Head} at once, then its references in batches of raw ids
     * ({@link #next}), each checked to be greater than the one before (sorted, unique) as it comes; after the last,
     * that every root id was among them and that nothing follows. Memory: the head and one batch. A malformed
     * manifest fails with {@link IllegalArgumentException} saying what is wrong, at the part where it is found.
     */
    public static final class Reader {
        private final DataInputStream in;
        private final Head head;
        private final java.util.Set<ChunkId> rootMissing;
        private int left;
        private final byte[] previous = new byte[ChunkId.LENGTH];
        private boolean first = true;

        private Reader(DataInputStream in, Head head) {
            this.in = in;
            this.head = head;
            this.left = head.referenceCount();
            this.rootMissing = new java.util.HashSet<>(head.root());
        }

        /** Reads the head of the manifest in {@code stream}. */
        public static Reader open(InputStream stream) {
            DataInputStream in = new DataInputStream(stream);
            try {
                byte[] magic = in.readNBytes(4);
                if (!Arrays.equals(magic, MAGIC)) {
                    throw new IllegalArgumentException("not a backup manifest v1");
                }
                UUID backup = uuid(in);
                UUID tenant = uuid(in);
                UUID cluster = uuid(in);
                Instant started = Instant.ofEpochMilli(in.readLong());
                Instant finished = Instant.ofEpochMilli(in.readLong());
                long[] v = new long[8];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readLong();
                    if (v[i] < 0) {
                        throw new IllegalArgumentException("negative statistic");
                    }
                }
                String source = string(in);
                if (source.length() > 4096) {
                    throw new IllegalArgumentException("source longer than 4096 characters");
                }
                int messageCount = in.readUnsignedShort();
                if (messageCount > MAX_MESSAGES) {
                    throw new IllegalArgumentException("more than " + MAX_MESSAGES + " messages");
                }
                List<String> messages = new ArrayList<>(messageCount);
                for (int i = 0; i < messageCount; i++) {
                    messages.add(string(in));
                }
                List<ChunkId> root = ids(in);
                int references = count(in);
                return new Reader(
                        in,
                        new Head(
                                backup,
                                tenant,
                                cluster,
                                source,
                                started,
                                finished,
                                new Statistics(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]),
                                List.copyOf(messages),
                                List.copyOf(root),
                                references));
            } catch (EOFException e) {
                throw new IllegalArgumentException("the manifest is truncated");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Head head() {
            return head;
        }

        /**
         * The next references, at most {@code max}, as their raw ids one after another; null after the last (when
         * the manifest is then checked whole).
         */
        public byte[] next(int max) {
            try {
                if (left == 0) {
                    if (in.read() != -1) {
                        throw new IllegalArgumentException("trailing bytes after the manifest");
                    }
                    if (!rootMissing.isEmpty()) {
                        throw new IllegalArgumentException("a root chunk is not among the references");
                    }
                    left = -1;
                    return null;
                }
                if (left < 0) {
                    return null;
                }
                int n = Math.min(max, left);
                byte[] batch = new byte[n * ChunkId.LENGTH];
                in.readFully(batch);
                for (int at = 0; at < batch.length; at += ChunkId.LENGTH) {
                    if (!first
                            && Arrays.compareUnsigned(previous, 0, ChunkId.LENGTH, batch, at, at + ChunkId.LENGTH)
                                    >= 0) {
                        throw new IllegalArgumentException("references are not sorted and unique");
                    }
                    first = false;
                    System.arraycopy(batch, at, previous, 0, ChunkId.LENGTH);
                    if (!rootMissing.isEmpty()) {
                        rootMissing.remove(ChunkId.of(Arrays.copyOfRange(batch, at, at + ChunkId.LENGTH)));
                    }
                }
                left -= n;
                return batch;
            } catch (EOFException e) {
                throw new IllegalArgumentException("the manifest is truncated");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void uuid(DataOutputStream out, UUID id) throws IOException {
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    private static UUID uuid(DataInputStream in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(Math.min(b.length, 65535));
        out.write(b, 0, Math.min(b.length, 65535));
    }

    private static String string(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readUnsignedShort()), StandardCharsets.UTF_8);
    }

    private static void ids(DataOutputStream out, List<ChunkId> ids) throws IOException {
        out.writeInt(ids.size());
        for (ChunkId id : ids) {
            out.write(id.bytes());
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_REFERENCES) {
            throw new IllegalArgumentException("bad chunk id count " + count);
        }
        return count;
    }

    private static List<ChunkId> ids(DataInputStream in) throws IOException {
        int count = count(in);
        List<ChunkId> ids = new ArrayList<>(Math.min(count, 1 << 16));
        byte[] id = new byte[ChunkId.LENGTH];
        for (int i = 0; i < count; i++) {
            in.readFully(id);
            ids.add(ChunkId.of(id));
        }
        return ids;
    }
}
