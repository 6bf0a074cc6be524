package dev.cairn.baseimage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A one-layer image as a {@code docker save} archive ({@code manifest.json}, the image configuration, the gzipped
 * layer): the form Jib reads as a {@code tar://} base image. The layer's digest (uncompressed, the configuration's
 * {@code diff_id}) is computed while it is written.
 */
final class DockerArchive {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerArchive() {}

    /** Writes the layer {@code contents} makes, then the archive at {@code target}. */
    static void write(Path target, ImageConfig image, LayerContents contents) throws IOException {
        Path work = Files.createTempDirectory(target.getParent(), "base-image");
        try {
            Path layer = work.resolve("layer.tar.gz");
            MessageDigest diff = sha256();
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(layer), 1 << 16);
                    GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16);
                    DigestOutputStream tar = new DigestOutputStream(gzip, diff)) {
                contents.write(tar);
            }
            String diffId = "sha256:" + HexFormat.of().formatHex(diff.digest());
            byte[] config = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(image.toJson(diffId));
            byte[] manifest = JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(List.of(Map.of(
                            "Config",
                            "config.json",
                            "RepoTags",
                            List.of(image.tag()),
                            "Layers",
                            List.of("layer.tar.gz"))));
            Path part = work.resolve("image.tar");
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(part), 1 << 16), StandardCharsets.UTF_8.name())) {
                put(out, "manifest.json", manifest);
                put(out, "config.json", config);
                TarArchiveEntry entry = new TarArchiveEntry(layer.toFile(), "layer.tar.gz");
                out.putArchiveEntry(entry);
                Files.copy(layer, out);
                out.closeArchiveEntry();
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (var files = Files.list(work)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(work);
        }
    }

    /** Writes a small file into an image archive. */
    static void put(TarArchiveOutputStream out, String name, byte[] data) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(data.length);
        entry.setMode(0644);
        out.putArchiveEntry(entry);
        out.write(data);
        out.closeArchiveEntry();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a layer's tar stream. */
    @FunctionalInterface
    interface LayerContents {
        void write(OutputStream tar) throws IOException;
    }

    /**
     * The image configuration of a base image.
     *
     * @param tag the name the archive gives the image, e.g. {@code cairn-base:amd64}
     * @param architecture Debian's name for it ({@code amd64}, {@code arm64}): the OCI names are the same
     * @param env the environment, {@code NAME=value}
     * @param labels the image's labels
     * @param history what made the layer, shown by {@code docker history}
     */
    record ImageConfig(String tag, String architecture, List<String> env, Map<String, String> labels, String history) {
        ObjectNode toJson(String diffId) {
            ObjectNode root = JSON.createObjectNode();
            root.put("architecture", architecture);
            if (architecture.equals("arm64")) {
                root.put("variant", "v8");
            }
            root.put("os", "linux");
            root.put("created", "1970-01-01T00:00:00Z");
            ObjectNode config = root.putObject("config");
            ArrayNode envArray = config.putArray("Env");
            env.forEach(envArray::add);
            ObjectNode labelObject = config.putObject("Labels");
            labels.forEach(labelObject::put);
            ObjectNode rootfs = root.putObject("rootfs");
            rootfs.put("type", "layers");
            rootfs.putArray("diff_ids").add(diffId);
            ObjectNode step = root.putArray("history").addObject();
            step.put("created", "1970-01-01T00:00:00Z");
            step.put("created_by", history);
            return root;
        }
    }
}
