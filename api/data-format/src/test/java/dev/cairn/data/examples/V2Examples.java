package dev.cairn.data.examples;

import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.record.ChunkBundleV2;
import dev.cairn.data.record.RecordAuthenticator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * The stored v2 example in {@code src/test/resources/v2/}: a chunk bundle record v2 of the two stored v1 envelopes
 * under v1's test tenant, agent, backup and MAC key, and the program that wrote it once ({@link V1Examples} says how
 * to run such a program; the argument is {@code src/test/resources/v2}). {@link StoredV2ExamplesTest} decodes it.
 */
public final class V2Examples {
    private V2Examples() {}

    /** The bundle's chunks: v1's stored envelopes, zstd first. */
    static List<ChunkBundleV2.Chunk> chunks() {
        Properties v1 = properties("/v1/examples.properties");
        return List.of(
                new ChunkBundleV2.Chunk(
                        ChunkId.parse(v1.getProperty("chunk-zstd.id")), resource("/v1/chunk-zstd.envelope")),
                new ChunkBundleV2.Chunk(
                        ChunkId.parse(v1.getProperty("chunk-raw.id")), resource("/v1/chunk-raw.envelope")));
    }

    public static void main(String[] args) throws IOException {
        Path folder = Files.createDirectories(Path.of(args[0]));
        byte[] value = new ChunkBundleV2(V1Examples.TENANT, V1Examples.AGENT, V1Examples.BACKUP, chunks()).encode();
        Files.write(folder.resolve("bundle.bin"), value);
        Properties index = new Properties();
        index.setProperty("record.tenant", V1Examples.TENANT.toString());
        index.setProperty("record.agent", V1Examples.AGENT.toString());
        index.setProperty("record.backup", V1Examples.BACKUP.toString());
        index.setProperty("record.value", "bundle.bin");
        index.setProperty(
                "record.mac",
                HexFormat.of()
                        .formatHex(RecordAuthenticator.mac(
                                V1Examples.macKey(), V1Examples.TENANT, V1Examples.AGENT, V1Examples.BACKUP, value)));
        try (OutputStream out = Files.newOutputStream(folder.resolve("examples.properties"))) {
            index.store(out, "Cairn stored examples v2 (V2Examples): a chunk bundle record");
        }
    }

    static Properties properties(String name) {
        Properties p = new Properties();
        try (InputStream in = V2Examples.class.getResourceAsStream(name)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static byte[] resource(String name) {
        try (InputStream in = V2Examples.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
