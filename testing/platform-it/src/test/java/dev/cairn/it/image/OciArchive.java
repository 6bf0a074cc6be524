package dev.cairn.it.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An OCI image layout in a tar file, as Jib's {@code buildTar} writes it: its one manifest, its configuration, and the
 * files of its layers (read from the archive as needed, nothing unpacked to disk).
 */
final class OciArchive {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path archive;
    private final JsonNode index;
    private final JsonNode manifest;
    private final JsonNode config;

    private OciArchive(Path archive) throws IOException {
        this.archive = archive;
        this.index = JSON.readTree(entry("index.json"));
        this.manifest =
                JSON.readTree(blob(index.path("manifests").get(0).path("digest").asText()));
        this.config = JSON.readTree(blob(manifest.path("config").path("digest").asText()));
    }

    static OciArchive open(Path archive) throws IOException {
        return new OciArchive(archive);
    }

    /** The name the image is tagged with ({@code org.opencontainers.image.ref.name}). */
    String reference() {
        return index.path("manifests")
                .get(0)
                .path("annotations")
                .path("org.opencontainers.image.ref.name")
                .asText();
    }

    JsonNode config() {
        return config;
    }

    /** Each layer's compressed size, in order. */
    List<Long> layerSizes() {
        List<Long> sizes = new ArrayList<>();
        manifest.path("layers").forEach(l -> sizes.add(l.path("size").asLong()));
        return sizes;
    }

    /** The layers' comments from the history, in layer order (Jib names its layers there). */
    List<String> layerComments() {
        List<String> comments = new ArrayList<>();
        config.path("history").forEach(h -> {
            if (!h.path("empty_layer").asBoolean()) {
                comments.add(h.path("comment").asText(h.path("created_by").asText()));
            }
        });
        return comments;
    }

    /** Every path in the image (no leading slash, folders with none at the end) and the index of its layer. */
    Map<String, Integer> files() throws IOException {
        Map<String, Integer> files = new LinkedHashMap<>();
        int n = 0;
        for (JsonNode layer : manifest.path("layers")) {
            int index = n++;
            try (InputStream blob = stream(name(layer.path("digest").asText()));
                    TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(blob, 1 << 16))) {
                for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                    files.put(e.getName().replaceFirst("^\\./", "").replaceFirst("/$", ""), index);
                }
            }
        }
        return files;
    }

    /**
     * Unpacks the layers in order into {@code root} with the system's tar (symbolic links, modes and all, as a
     * container runtime lays them out) and answers it.
     */
    Path unpackInto(Path root) throws IOException, InterruptedException {
        for (JsonNode layer : manifest.path("layers")) {
            Process tar = new ProcessBuilder("tar", "--warning=no-unknown-keyword", "-xzf", "-", "-C", root.toString())
                    .redirectErrorStream(true)
                    .start();
            try (InputStream blob = stream(name(layer.path("digest").asText()));
                    OutputStream in = tar.getOutputStream()) {
                blob.transferTo(in);
            }
            String out = new String(tar.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (tar.waitFor() != 0) {
                throw new IOException("tar could not unpack a layer of " + archive + ": " + out);
            }
        }
        return root;
    }

    private byte[] blob(String digest) throws IOException {
        return entry(name(digest));
    }

    private static String name(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    private byte[] entry(String name) throws IOException {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        }
    }

    /** The archive positioned at {@code name}'s content; closing it closes the archive. */
    private InputStream stream(String name) throws IOException {
        TarArchiveInputStream tar =
                new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16));
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
            if (e.getName().replaceFirst("^\\./", "").equals(name)) {
                return tar;
            }
        }
        tar.close();
        throw new IOException(archive + " has no " + name);
    }
}
