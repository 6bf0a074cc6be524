package dev.cairn.it.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every image the platform chart runs, as the build wrote it ({@code <module>/target/<artifact>-image.tar}): named as
 * the chart names it (k8s's PlatformChartTest checks the chart's side), run as the chart's user 185, on the Debian
 * base whose every package has the dpkg record scanners read, the Quarkus application in layers that change least
 * first, nothing of Jib's default class layout. One of them, the gateway (it needs no database), is started from its
 * own files only, as a container runtime would, and answers its health check on every interface.
 */
class ContainerImagesTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("cairn.repository", "../.."));
    private static final String VERSION = System.getProperty("cairn.version");

    @TempDir
    Path tmp;

    @Test
    void theGatewaysImageStartsFromItsOwnFilesAsItsUserAndListensOnEveryInterface() throws Exception {
        Path tarball = REPOSITORY.resolve("web/gateway/target/cairn-gateway-image.tar");
        assumeTrue(Files.exists(tarball), "the images are built in the package phase (skipped with -Dimage.skip)");
        assumeTrue(run(List.of("id", "-u")).strip().equals("0"), "chroot needs root");
        OciArchive image = OciArchive.open(tarball);
        Path root = image.unpackInto(Files.createDirectories(tmp.resolve("root")));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        image.config().at("/config/Entrypoint").forEach(a -> command.add("'" + a.asText() + "'"));
        // a container runtime's part: its own mount namespace with /proc and /dev, the image's user, its environment
        ProcessBuilder container = new ProcessBuilder(
                        "unshare",
                        "--mount",
                        "--fork",
                        "--kill-child",
                        "sh",
                        "-c",
                        "mount -t proc proc '" + root + "/proc' && mount --bind /dev '" + root + "/dev' && exec chroot"
                                + " --userspec=185:185 '" + root + "' " + String.join(" ", command))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("gateway.log").toFile());
        container.environment().clear();
        image.config().at("/config/Env").forEach(e -> {
            String[] kv = e.asText().split("=", 2);
            container.environment().put(kv[0], kv[1]);
        });
        container.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        container.environment().put("JAVA_TOOL_OPTIONS", "-Xmx96m -XX:TieredStopAtLevel=1");
        Process process = container.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI live = URI.create("http://127.0.0.1:" + port + "/q/health/live");
            Awaitility.await("the gateway's health check (log: " + tmp.resolve("gateway.log") + ")")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> http.send(HttpRequest.newBuilder(live).build(), HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 200);
            assertThat(Files.readString(tmp.resolve("gateway.log")))
                    .contains("Listening on: http://0.0.0.0:" + port)
                    .contains("Profile prod activated");
        } finally {
            // stopped as a pod is, by TERM to the application (unshare passes no signal on; and the application runs
            // as another user, out of reach of its --kill-child); killed if it does not end, so nothing outlives a test
            List<ProcessHandle> tree = process.descendants().toList();
            tree.forEach(ProcessHandle::destroy);
            boolean stopped = process.waitFor(30, TimeUnit.SECONDS);
            if (!stopped) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            assertThat(stopped).as("the application ends on TERM within 30 s").isTrue();
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "services/tenant-service",
                "services/ingest-service",
                "services/scheduler-service",
                "services/metering-service",
                "services/recovery-service",
                "web/gateway",
                "web/portal"
            })
    void theImageRunsTheQuarkusApplicationAsTheChartsUserOnScannableDebianPackages(String module) throws Exception {
        String artifact = "cairn-" + Path.of(module).getFileName();
        Path tarball = REPOSITORY.resolve(module).resolve("target").resolve(artifact + "-image.tar");
        assumeTrue(Files.exists(tarball), "the images are built in the package phase (skipped with -Dimage.skip)");

        OciArchive image = OciArchive.open(tarball);
        JsonNode config = image.config();

        assertThat(image.reference()).isEqualTo("ghcr.io/cairn-dev/" + artifact + ":" + VERSION);
        assertThat(config.path("architecture").asText()).isEqualTo("amd64");
        assertThat(config.path("os").asText()).isEqualTo("linux");
        assertThat(config.at("/config/User").asText()).isEqualTo("185:185");
        assertThat(config.at("/config/Labels/org.opencontainers.image.version").asText())
                .isEqualTo(VERSION);
        assertThat(config.at("/config/Entrypoint").toString())
                .isEqualTo("[\"/opt/java/bin/java\",\"-Djava.util.logging.manager=org.jboss.logmanager.LogManager\","
                        + "\"-jar\",\"/deployments/quarkus-run.jar\"]");
        assertThat(config.at("/config/Env").toString()).contains("JAVA_HOME=/opt/java");

        // the base's layer, then Jib's: the libraries before the application's own code, which is the smallest
        assertThat(image.layerComments()).hasSize(4).endsWith("libraries", "application");
        List<Long> sizes = image.layerSizes();
        assertThat(sizes.get(3)).isLessThan(sizes.get(2));

        Map<String, Integer> files = image.files();
        assertThat(files).containsEntry("deployments/quarkus-run.jar", 3);
        assertThat(files.keySet()).anyMatch(f -> f.startsWith("deployments/lib/main/") && files.get(f) == 2);
        assertThat(files.keySet()).noneMatch(f -> f.startsWith("app/"));
        assertThat(files).containsKeys("opt/java", "usr/lib/jvm/java-25-openjdk-amd64/bin/java", "etc/os-release");
        assertThat(files).containsKeys("etc/ssl/certs/java/cacerts", "etc/passwd");

        String packages = config.at("/config/Labels/dev.cairn.base.packages").asText();
        assertThat(packages).contains("openjdk-25-jre-headless=", "libc6=", "ca-certificates=");
        for (String installed : packages.split(" ")) {
            String name = installed.substring(0, installed.indexOf('='));
            assertThat(files).as(installed).containsKey("var/lib/dpkg/status.d/" + name);
        }
        assertThat(Arrays.stream(packages.split(" ")).map(p -> p.substring(0, p.indexOf('='))))
                .as("what a headless server never loads stays out")
                .doesNotContain("libnss3", "libjpeg62-turbo", "liblcms2-2", "util-linux");
    }
}
