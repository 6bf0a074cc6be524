package dev.cairn.agent.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.agent.runtime.AgentRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's OCI images as Jib wrote them ({@code target/cairn-agent-image-<architecture>.tar}): their config runs the
 * agent as a non-root user on the architecture named, their base is Debian's packages with the dpkg records scanners
 * read, and the amd64 image's layers, unpacked into a root folder, run the agent with no other file from the host
 * (chroot, as uid 65532): proof that the runtime and its libraries are all inside. The arm64 image cannot run here (no
 * emulator): its Java launcher is checked to be an AArch64 program.
 */
class ContainerImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void oneArchiveHoldsBothArchitecturesUnderAMultiPlatformIndex() throws Exception {
        Path image = Path.of("target/cairn-agent-image.tar");
        assumeTrue(Files.exists(image), "the images are built in the package phase (skipped with -Dimage.skip)");
        Path oci = Files.createDirectories(tmp.resolve("multi"));
        run(List.of("tar", "-xf", image.toAbsolutePath().toString(), "-C", oci.toString()), 0);
        JsonNode index = JSON.readTree(oci.resolve("index.json").toFile());

        assertThat(index.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(index.path("manifests").findValuesAsText("architecture")).containsExactly("amd64", "arm64");
        assertThat(index.path("manifests").get(1).at("/platform/variant").asText())
                .isEqualTo("v8");
        for (JsonNode descriptor : index.path("manifests")) {
            assertThat(descriptor
                            .at("/annotations/org.opencontainers.image.ref.name")
                            .asText())
                    .isEqualTo("ghcr.io/cairn-dev/cairn-agent:" + AgentRuntime.VERSION);
            JsonNode manifest =
                    JSON.readTree(blob(oci, descriptor.path("digest").asText()).toFile());
            assertThat(blob(oci, manifest.at("/config/digest").asText())).exists();
            for (JsonNode layer : manifest.path("layers")) {
                assertThat(blob(oci, layer.path("digest").asText()))
                        .hasSize(layer.path("size").asLong());
            }
        }
    }

    @Test
    void theArm64ImageCarriesAnArm64RuntimeOnDebianPackages() throws Exception {
        Path root = unpack("arm64");
        JsonNode config = JSON.readTree(tmp.resolve("config.json").toFile());

        assertThat(config.path("architecture").asText()).isEqualTo("arm64");
        assertThat(config.path("config").path("User").asText()).isEqualTo("65532:65532");
        // ELF header: e_machine (bytes 18-19, little-endian) 183 is AArch64
        byte[] java = Files.readAllBytes(root.resolve("usr/lib/jvm/java-25-openjdk-arm64/bin/java"));
        assertThat((java[18] & 0xff) | (java[19] & 0xff) << 8).isEqualTo(183);
        assertThat(root.resolve("var/lib/dpkg/status.d/openjdk-25-jre-headless"))
                .content()
                .contains("Architecture: arm64");
        assertThat(root.resolve("var/lib/dpkg/status.d/libc6")).content().contains("Architecture: arm64");
    }

    @Test
    void theImageRunsTheAgentAsNonRootFromItsOwnFilesOnly() throws Exception {
        Path root = unpack("amd64");
        JsonNode config = JSON.readTree(tmp.resolve("config.json").toFile());

        assertThat(config.path("architecture").asText()).isEqualTo("amd64");
        assertThat(config.path("config").path("User").asText()).isEqualTo("65532:65532");
        assertThat(config.path("config").path("Entrypoint").get(0).asText()).isEqualTo("/opt/java/bin/java");
        assertThat(config.path("config").path("Cmd").get(0).asText()).isEqualTo("run");
        assertThat(config.path("config")
                        .path("Labels")
                        .path("org.opencontainers.image.version")
                        .asText())
                .isEqualTo(AgentRuntime.VERSION);
        assertThat(root.resolve("opt/java/bin/java")).isExecutable();
        assertThat(root.resolve("etc/os-release")).content().contains("ID=debian");
        assertThat(root.resolve("var/lib/dpkg/status.d/libc6")).content().contains("Architecture: amd64");

        // run its entry point as a container runtime would (own mount namespace, /proc mounted, the image's user):
        // with no arguments the agent prints its usage and exits 2; --version names the project's version
        assumeTrue(isRoot(), "chroot needs root; the image's config was checked");
        Files.createDirectories(root.resolve("proc"));
        StringBuilder entrypoint = new StringBuilder();
        config.path("config")
                .path("Entrypoint")
                .forEach(a -> entrypoint.append(" '").append(a.asText()).append("'"));
        String out = run(container(root, entrypoint.toString()), 2);
        assertThat(out)
                .contains("Usage: cairn-agent")
                .contains("run")
                .contains("node")
                .contains("hold");
        assertThat(run(container(root, entrypoint + " --version"), 0))
                .contains("cairn-agent " + AgentRuntime.VERSION)
                .doesNotContain("unknown");
        assertThat(run(container(root, " /opt/java/bin/java -version"), 0)).contains("25");
    }

    /** Unpacks the image's layers into {@code tmp/root} and its config into {@code tmp/config.json}. */
    private Path unpack(String architecture) throws Exception {
        Path image = Path.of("target/cairn-agent-image-" + architecture + ".tar");
        assumeTrue(Files.exists(image), "the images are built in the package phase (skipped with -Dimage.skip)");
        Path oci = Files.createDirectories(tmp.resolve("oci"));
        run(List.of("tar", "-xf", image.toAbsolutePath().toString(), "-C", oci.toString()), 0);
        JsonNode index = JSON.readTree(oci.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(
                blob(oci, index.path("manifests").get(0).path("digest").asText())
                        .toFile());
        Files.copy(blob(oci, manifest.path("config").path("digest").asText()), tmp.resolve("config.json"));
        Path root = Files.createDirectories(tmp.resolve("root"));
        for (JsonNode layer : manifest.path("layers")) {
            run(
                    List.of(
                            "tar",
                            "--warning=no-unknown-keyword",
                            "-xzf",
                            blob(oci, layer.path("digest").asText()).toString(),
                            "-C",
                            root.toString()),
                    0);
        }
        return root;
    }

    private static List<String> container(Path root, String command) {
        return List.of(
                "unshare",
                "--mount",
                "--fork",
                "sh",
                "-c",
                "mount -t proc proc '" + root + "/proc' && exec chroot --userspec=65532:65532 '" + root + "'"
                        + command);
    }

    private static Path blob(Path oci, String digest) {
        return oci.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        return run(List.of("id", "-u"), 0).strip().equals("0");
    }

    private static String run(List<String> command, int expectedExit) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isEqualTo(expectedExit);
        return out;
    }
}
