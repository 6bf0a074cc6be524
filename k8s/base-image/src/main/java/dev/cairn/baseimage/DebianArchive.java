package dev.cairn.baseimage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.tukaani.xz.XZInputStream;

/**
 * One Debian archive suite as served over HTTPS (say {@code https://deb.debian.org/debian}, suite {@code trixie}): its
 * package index for an architecture, and its packages. Every file is checked by SHA-256 along the chain the archive
 * publishes (the release file, whose OpenPGP signature by a Debian archive key is checked first, names each index's
 * hash, each index entry its package's hash) and kept in a cache folder by content, so a second build downloads only what changed. The release file is read once per build.
 */
final class DebianArchive {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http;
    private final URI base;
    private final String suite;
    private final Path cache;
    private final ReleaseSignature signature;
    private String release;

    DebianArchive(HttpClient http, URI base, String suite, Path cache, ReleaseSignature signature) {
        this.http = http;
        this.signature = signature;
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.suite = suite;
        this.cache = cache;
    }

    /** The suite's name, as in {@code dists/<suite>}. */
    String suite() {
        return suite;
    }

    /**
     * The suite's {@code main} packages for {@code architecture} (with the architecture-independent ones), the newest
     * version of each name.
     */
    Map<String, ControlStanza> packages(String architecture) throws IOException {
        String index = "main/binary-" + architecture + "/Packages.xz";
        if (release == null) {
            release = verified(fetch("dists/" + suite + "/InRelease"), Instant.now());
        }
        FileHash expected = ReleaseFile.hashOf(release, index);
        Path packagesXz = cached(expected, "dists/" + suite + "/" + index, "index-" + expected.sha256() + ".xz");
        String text;
        try (InputStream in = new XZInputStream(Files.newInputStream(packagesXz))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, ControlStanza> newest = new HashMap<>();
        for (ControlStanza stanza : ControlStanza.parseAll(text)) {
            newest.merge(stanza.required("Package"), stanza, DebianArchive::newer);
        }
        return newest;
    }

    /**
     * The signed text of the suite's release file, once its signature is good and it is still valid at {@code now}.
     */
    String verified(byte[] inRelease, Instant now) throws IOException {
        ReleaseSignature.Verified verified = signature.verify(inRelease);
        Instant validUntil = ReleaseFile.validUntil(verified.text());
        if (validUntil != null && validUntil.isBefore(now)) {
            throw new IOException("the release file of " + base + "dists/" + suite + " expired at " + validUntil
                    + ": a stale mirror, or an old release file replayed");
        }
        System.out.println("[base-image] " + suite + ": release file signed by " + verified.signers());
        return verified.text();
    }

    /** The package {@code stanza} describes (from this suite's index), downloaded or from the cache, verified. */
    Path download(ControlStanza stanza) throws IOException {
        String filename = stanza.required("Filename");
        FileHash expected = new FileHash(stanza.required("SHA256"), Long.parseLong(stanza.required("Size")));
        return cached(expected, filename, "pool-" + filename.substring(filename.lastIndexOf('/') + 1));
    }

    static ControlStanza newer(ControlStanza a, ControlStanza b) {
        return version(a).compareTo(version(b)) >= 0 ? a : b;
    }

    static DebianVersion version(ControlStanza stanza) {
        return DebianVersion.parse(stanza.required("Version"));
    }

    private Path cached(FileHash expected, String path, String name) throws IOException {
        Path file = cache.resolve(name);
        if (Files.exists(file) && expected.matches(file)) {
            return file;
        }
        Files.createDirectories(cache);
        Path part = Files.createTempFile(cache, name, ".part");
        try {
            Files.write(part, fetch(path));
            if (!expected.matches(part)) {
                throw new IOException(base.resolve(path) + " does not match its published SHA-256 " + expected.sha256()
                        + " and size " + expected.size());
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private byte[] fetch(String path) throws IOException {
        URI uri = base.resolve(path);
        System.out.println("[base-image] GET " + uri);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: GET " + uri, e);
        }
    }

    /**
     * A published file's SHA-256 (hex) and size.
     *
     * @param sha256 lower-case hex
     * @param size bytes
     */
    record FileHash(String sha256, long size) {
        boolean matches(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                if (Files.size(file) != size) {
                    return false;
                }
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
                return HexFormat.of().formatHex(digest.digest()).equals(sha256);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
