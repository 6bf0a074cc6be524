package dev.cairn.baseimage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * One OCI archive holding the same image for several platforms: the single-platform archives Jib wrote, their blobs
 * (shared layers once) and an index whose entries name each manifest's platform, so that {@code skopeo copy --all
 * oci-archive:...} or {@code crane push} publishes a multi-platform image and a node pulls its own architecture.
 * Arguments: the output archive, then the input archives.
 */
public final class MultiPlatformImage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SMALL = 1 << 20;

    private MultiPlatformImage() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: MultiPlatformImage <output.tar> <input.tar>...");
        }
        List<Path> inputs = java.util.Arrays.stream(args).skip(1).map(Path::of).toList();
        write(Path.of(args[0]), inputs);
    }

    /** Writes {@code target} from {@code inputs} (each an OCI archive of one manifest). */
    static void write(Path target, List<Path> inputs) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode manifests = index.putArray("manifests");
        for (Path input : inputs) {
            Map<String, byte[]> small = smallEntries(input);
            JsonNode single = JSON.readTree(required(small, "index.json", input));
            for (JsonNode descriptor : single.path("manifests")) {
                JsonNode manifest = JSON.readTree(
                        required(small, blob(descriptor.path("digest").asText()), input));
                JsonNode config = JSON.readTree(
                        required(small, blob(manifest.at("/config/digest").asText()), input));
                ObjectNode entry = descriptor.deepCopy();
                entry.set("platform", platform(config));
                manifests.add(entry);
            }
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Set<String> written = new HashSet<>();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(
                new BufferedOutputStream(Files.newOutputStream(part), 1 << 16), StandardCharsets.UTF_8.name())) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            DockerArchive.put(out, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            DockerArchive.put(out, "index.json", JSON.writeValueAsBytes(index));
            for (Path input : inputs) {
                try (TarArchiveInputStream in = open(input)) {
                    for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                        String name = e.getName().replaceFirst("^\\./", "");
                        if (e.isFile() && name.startsWith("blobs/") && written.add(name)) {
                            TarArchiveEntry copy = new TarArchiveEntry(name);
                            copy.setSize(e.getSize());
                            copy.setMode(0644);
                            out.putArchiveEntry(copy);
                            in.transferTo(out);
                            out.closeArchiveEntry();
                        }
                    }
                }
            }
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The index entry's platform of an image {@code config}: its architecture, OS and variant. Jib writes no variant;
     * an arm64 image's is {@code v8} (what registries list for 64-bit ARM, and what containerd normalises arm64 to),
     * so that {@code linux/arm64/v8} is named as such.
     */
    static ObjectNode platform(JsonNode config) {
        ObjectNode platform = JSON.createObjectNode();
        String architecture = config.path("architecture").asText();
        platform.put("architecture", architecture);
        platform.put("os", config.path("os").asText());
        if (config.hasNonNull("variant")) {
            platform.put("variant", config.path("variant").asText());
        } else if (architecture.equals("arm64")) {
            platform.put("variant", "v8");
        }
        return platform;
    }

    private static String blob(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    private static byte[] required(Map<String, byte[]> entries, String name, Path archive) throws IOException {
        byte[] data = entries.get(name);
        if (data == null) {
            throw new IOException(archive + " is not an OCI archive of one image: no " + name);
        }
        return data;
    }

    private static Map<String, byte[]> smallEntries(Path archive) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream in = open(archive)) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.isFile() && e.getSize() < SMALL) {
                    entries.put(e.getName().replaceFirst("^\\./", ""), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static TarArchiveInputStream open(Path archive) throws IOException {
        return new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16));
    }
}
