package dev.cairn.baseimage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the images' base for each architecture asked for: {@code <out>/cairn-base-<architecture>.tar}, from Debian
 * stable's packages (the release, its point updates, its security archive). Run by the module's build (Maven's
 * {@code package} phase); arguments are {@code --name=value}: {@code mirror}, {@code security-mirror}, {@code release},
 * {@code cache}, {@code out}, {@code architectures} (comma-separated).
 */
public final class BuildBaseImages {
    /** The label listing the image's Debian packages, {@code name=version} separated by spaces. */
    public static final String PACKAGES_LABEL = "dev.cairn.base.packages";

    private BuildBaseImages() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String release = required(options, "release");
        Path cache = Path.of(required(options, "cache"));
        Path out = Files.createDirectories(Path.of(required(options, "out")));
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        URI mirror = URI.create(required(options, "mirror"));
        ReleaseSignature keys = ReleaseSignature.of(release);
        List<DebianArchive> suites = List.of(
                new DebianArchive(http, mirror, release, cache, keys),
                new DebianArchive(http, mirror, release + "-updates", cache, keys),
                new DebianArchive(
                        http, URI.create(required(options, "security-mirror")), release + "-security", cache, keys));
        for (String architecture : required(options, "architectures").split(",")) {
            build(architecture.strip(), release, suites, out.resolve("cairn-base-" + architecture.strip() + ".tar"));
        }
    }

    static void build(String architecture, String release, List<DebianArchive> suites, Path target) throws IOException {
        long started = System.nanoTime();
        List<Map<String, ControlStanza>> indexes = new ArrayList<>();
        Map<ControlStanza, DebianArchive> origin = new LinkedHashMap<>();
        for (DebianArchive suite : suites) {
            Map<String, ControlStanza> packages = suite.packages(architecture);
            indexes.add(packages);
            packages.values().forEach(stanza -> origin.put(stanza, suite));
        }
        List<ControlStanza> selected =
                PackageSelection.resolve(PackageSelection.ROOTS, PackageSelection.LEFT_OUT, indexes);
        String packages = selected.stream()
                .map(s -> s.required("Package") + "=" + s.required("Version"))
                .collect(Collectors.joining(" "));
        String javaRuntime = "/usr/lib/jvm/java-25-openjdk-" + architecture;
        DockerArchive.ImageConfig config = new DockerArchive.ImageConfig(
                "cairn-base:" + architecture,
                architecture,
                List.of(
                        "PATH=" + RootLayer.JAVA_HOME
                                + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                        "JAVA_HOME=" + RootLayer.JAVA_HOME,
                        "LANG=C.UTF-8",
                        "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"),
                Map.of(
                        PACKAGES_LABEL,
                        packages,
                        "org.opencontainers.image.description",
                        "Debian " + release + " (" + architecture + ") with OpenJDK 25's runtime: Cairn's base"),
                "cairn-base-image: Debian " + release + " packages " + packages);
        int[] certificates = new int[1];
        DockerArchive.write(target, config, tar -> {
            try (RootLayer layer = new RootLayer(tar)) {
                for (ControlStanza stanza : selected) {
                    layer.addPackage(stanza, origin.get(stanza).download(stanza));
                }
                layer.finish(javaRuntime);
                certificates[0] = layer.certificateCount();
            }
        });
        System.out.printf(
                "[base-image] %s: %d packages (%s), %d CA certificates, %.1f MB, %.1f s%n",
                target.getFileName(),
                selected.size(),
                packages,
                certificates[0],
                Files.size(target) / 1e6,
                (System.nanoTime() - started) / 1e9);
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "= is required; given: "
                    + Arrays.toString(options.keySet().toArray()));
        }
        return value;
    }
}
