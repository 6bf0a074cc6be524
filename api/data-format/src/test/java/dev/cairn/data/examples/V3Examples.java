package dev.cairn.data.examples;

import dev.cairn.data.record.PackReferenceV3;
import dev.cairn.data.record.RecordAuthenticator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.UUID;

/**
 * The stored v3 example in {@code src/test/resources/v3/}: a pack of v1's two stored envelopes (as an agent uploads
 * it) and the pack reference record v3 that announces it, under v1's test tenant, agent, backup and MAC key; the
 * program that wrote them once (run like {@link V1Examples}' with {@code src/test/resources/v3}).
 * {@link StoredV3ExamplesTest} decodes them.
 */
public final class V3Examples {
    /** The example pack's id (an upload slot's). */
    static final UUID PACK = UUID.fromString("5ac4e7d0-0000-4000-8000-00000000000c");

    private V3Examples() {}

    /** The pack object: v2's chunks' envelopes back to back. */
    static byte[] pack() {
        ByteArrayOutputStream pack = new ByteArrayOutputStream();
        V2Examples.chunks().forEach(c -> pack.writeBytes(c.envelope()));
        return pack.toByteArray();
    }

    static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reference of {@link #pack()}. */
    static PackReferenceV3 reference() {
        byte[] pack = pack();
        return new PackReferenceV3(
                PACK,
                pack.length,
                md5(pack),
                V2Examples.chunks().stream()
                        .map(c -> new PackReferenceV3.Entry(c.id(), c.envelope().length))
                        .toList());
    }

    public static void main(String[] args) throws IOException {
        Path folder = Files.createDirectories(Path.of(args[0]));
        byte[] value = reference().encode();
        Files.write(folder.resolve("pack.bin"), pack());
        Files.write(folder.resolve("pack-reference.bin"), value);
        Properties index = new Properties();
        index.setProperty("record.tenant", V1Examples.TENANT.toString());
        index.setProperty("record.agent", V1Examples.AGENT.toString());
        index.setProperty("record.backup", V1Examples.BACKUP.toString());
        index.setProperty("record.value", "pack-reference.bin");
        index.setProperty("record.pack", "pack.bin");
        index.setProperty(
                "record.mac",
                HexFormat.of()
                        .formatHex(RecordAuthenticator.macPackReference(
                                V1Examples.macKey(), V1Examples.TENANT, V1Examples.AGENT, V1Examples.BACKUP, value)));
        try (OutputStream out = Files.newOutputStream(folder.resolve("examples.properties"))) {
            index.store(out, "Cairn stored examples v3 (V3Examples): a pack and its pack reference record");
        }
    }
}
