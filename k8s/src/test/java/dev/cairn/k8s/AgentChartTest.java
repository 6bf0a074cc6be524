package dev.cairn.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's chart: lint, render and check what a cluster would get, and what the schema refuses. */
class AgentChartTest {
    /** The chart as it is packaged: the source, versioned as the project (process-resources). */
    static final Path CHART = Path.of("target/chart/cairn-agent");

    static final String TOKEN = "cairn_reg_" + "A".repeat(40) + "b-_";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Renders the chart as the one-liner installs it, plus {@code extra} values. */
    static List<JsonNode> render(Map<String, String> extra) throws IOException {
        TemplateCommand t = new Helm(CHART)
                .template()
                .withName("cairn-agent")
                .withNamespace("cairn-system")
                .withKubeVersion(extra.getOrDefault("kubeVersion", "v1.31.4"))
                .set("registration.token", TOKEN)
                .set("platform.url", "https://cairn.example.com");
        for (Map.Entry<String, String> e : extra.entrySet()) {
            if (e.getKey().equals("kubeVersion")) {
                continue;
            }
            t = t.set(e.getKey(), e.getValue());
        }
        return Charts.objects(t.call());
    }

    static JsonNode one(List<JsonNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind)
                        && o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + objects));
    }

    @Test
    void lintsStrictlyWithTheOneLinersValues(@TempDir Path tmp) throws IOException {
        // helm-java's lint takes no --set: lint a copy whose values.yaml holds what the one-liner sets
        Path copy = Charts.copy(CHART, tmp.resolve("cairn-agent"));
        Path values = copy.resolve("values.yaml");
        Files.writeString(
                values,
                Files.readString(values)
                        .replace("  url: \"\"", "  url: \"https://cairn.example.com\"")
                        .replace("  token: \"\"", "  token: \"" + TOKEN + "\""));
        LintResult result = new Helm(copy).lint().strict().call();
        assertThat(result.isFailed())
                .as(String.join("\n", result.getMessages()))
                .isFalse();
    }

    @Test
    void theChartAndTheImageItRunsCarryTheProjectsVersion() throws IOException {
        String version = System.getProperty("cairn.version");
        assertThat(version).as("set by the build (k8s/pom.xml)").isNotBlank();
        JsonNode chart = YAML.readTree(CHART.resolve("Chart.yaml").toFile());
        assertThat(chart.path("version").asText()).isEqualTo(version);
        assertThat(chart.path("appVersion").asText()).isEqualTo(version);
        assertThat(one(render(Map.of()), "Deployment", "cairn-agent")
                        .at("/spec/template/spec/containers/0/image")
                        .asText())
                .isEqualTo("ghcr.io/cairn-dev/cairn-agent:" + version);
    }

    @Test
    void readsEverythingButWritesOnlyItsOwnSecretUnlessRestoresAreEnabled() throws IOException {
        List<JsonNode> objects = render(Map.of());
        JsonNode read = one(objects, "ClusterRole", "cairn-agent-read");
        assertThat(read.path("rules")).hasSize(1);
        assertThat(verbs(read.path("rules").get(0))).containsExactlyInAnyOrder("get", "list", "watch");
        assertThat(objects.stream()
                        .filter(o -> o.path("metadata").path("name").asText().endsWith("-restore")))
                .isEmpty();
        JsonNode own = one(objects, "Role", "cairn-agent-credentials");
        assertThat(own.path("metadata").path("namespace").asText()).isEqualTo("cairn-system");
        assertThat(own.path("rules").get(0).path("resourceNames").get(0).asText())
                .isEqualTo("cairn-agent-credentials");
        assertThat(verbs(own.path("rules").get(0))).containsExactlyInAnyOrder("get", "update");
        assertThat(verbs(own.path("rules").get(1))).containsExactly("create");
        for (JsonNode o : objects) {
            for (JsonNode rule : o.path("rules")) {
                String name = o.path("kind").asText() + " "
                        + o.path("metadata").path("name").asText();
                assertThat(verbs(rule)).as(name).doesNotContain("*");
                if (verbs(rule).contains("delete")) {
                    // only the volume tasks (ConfigMaps) in its own namespace are ever deleted
                    assertThat(o.path("kind").asText()).as(name).isEqualTo("Role");
                    assertThat(rule.path("resources").toString()).as(name).isEqualTo("[\"configmaps\"]");
                }
            }
        }
        JsonNode node = one(objects, "Role", "cairn-agent-node");
        assertThat(node.path("rules").get(0).path("resourceNames").get(0).asText())
                .isEqualTo("cairn-agent-credentials");
        assertThat(verbs(node.path("rules").get(0))).containsExactly("get");
        assertThat(verbs(node.path("rules").get(1))).containsExactlyInAnyOrder("get", "list", "update");
        assertThat(objects.stream()
                        .filter(o -> o.path("kind").asText().equals("ClusterRoleBinding"))
                        .flatMap(o -> java.util.stream.StreamSupport.stream(
                                o.path("subjects").spliterator(), false))
                        .map(subject -> subject.path("name").asText()))
                .as("the node agent has no cluster-wide role")
                .doesNotContain("cairn-agent-node");

        List<JsonNode> withRestore = render(Map.of("restore.enabled", "true"));
        JsonNode restore = one(withRestore, "ClusterRole", "cairn-agent-restore");
        assertThat(verbs(restore.path("rules").get(0))).containsExactlyInAnyOrder("create", "update", "patch");
        assertThat(verbs(restore.path("rules").get(2))).containsExactly("delete");
        assertThat(restore.path("rules").get(2).path("resources").toString()).isEqualTo("[\"pods\"]");
        JsonNode nodeAgent = one(withRestore, "DaemonSet", "cairn-agent-node")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        assertThat(nodeAgent.path("volumeMounts").get(0).path("readOnly").asBoolean())
                .isFalse();
        assertThat(nodeAgent
                        .path("securityContext")
                        .path("capabilities")
                        .path("add")
                        .toString())
                .isEqualTo("[\"DAC_READ_SEARCH\",\"DAC_OVERRIDE\",\"CHOWN\",\"FOWNER\"]");
        JsonNode binding = one(withRestore, "ClusterRoleBinding", "cairn-agent-restore");
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo("cairn-agent");
        assertThat(binding.path("subjects").get(0).path("namespace").asText()).isEqualTo("cairn-system");
    }

    @Test
    void runsAsNonRootWithAReadOnlyRootAndEdgeSizedLimits() throws IOException {
        JsonNode deployment = one(render(Map.of()), "Deployment", "cairn-agent");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext")
                        .path("seccompProfile")
                        .path("type")
                        .asText())
                .isEqualTo("RuntimeDefault");
        JsonNode container = pod.path("containers").get(0);
        JsonNode security = container.path("securityContext");
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(security.path("capabilities").path("drop").get(0).asText()).isEqualTo("ALL");
        assertThat(container.path("resources").path("limits").path("memory").asText())
                .isEqualTo("256Mi");
        assertThat(deployment.path("spec").path("strategy").path("type").asText())
                .isEqualTo("Recreate");
        assertThat(env(container, "JDK_JAVA_OPTIONS")).contains("-Xmx96m", "-XX:+UseSerialGC");
        assertThat(env(container, "CAIRN_PLATFORM_URL")).isEqualTo("https://cairn.example.com");
        // the token goes through a Secret, never the pod spec
        assertThat(container.toString()).doesNotContain(TOKEN);
        JsonNode secret = one(render(Map.of()), "Secret", "cairn-agent-registration");
        assertThat(secret.path("stringData").path("token").asText()).isEqualTo(TOKEN);
        assertThat(container.path("volumeMounts").findValuesAsText("mountPath"))
                .containsExactlyInAnyOrder("/var/lib/cairn-agent", "/tmp");
    }

    @Test
    void theNodeAgentReadsPodVolumesReadOnlyWithOnlyTheCapabilityToReadFiles() throws IOException {
        JsonNode daemonSet = one(render(Map.of()), "DaemonSet", "cairn-agent-node");
        JsonNode pod = daemonSet.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        JsonNode security = container.path("securityContext");
        assertThat(security.path("capabilities").path("drop").get(0).asText()).isEqualTo("ALL");
        assertThat(security.path("capabilities").path("add").toString()).isEqualTo("[\"DAC_READ_SEARCH\"]");
        assertThat(security.path("privileged").asBoolean()).isFalse();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        JsonNode mount = container.path("volumeMounts").get(0);
        assertThat(mount.path("mountPath").asText()).isEqualTo("/host/pods");
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        assertThat(mount.path("mountPropagation").asText()).isEqualTo("HostToContainer");
        assertThat(pod.path("volumes").get(0).path("hostPath").path("path").asText())
                .isEqualTo("/var/lib/kubelet/pods");
        assertThat(container.path("resources").path("limits").path("memory").asText())
                .isEqualTo("256Mi");
        assertThat(container.path("env").toString())
                .contains("{\"name\":\"NODE_NAME\",\"valueFrom\":{\"fieldRef\":{\"fieldPath\":\"spec.nodeName\"}}}");
        assertThat(container.path("args").get(0).asText()).isEqualTo("node");

        assertThat(render(Map.of("nodeAgent.enabled", "false")))
                .noneMatch(o -> o.path("kind").asText().equals("DaemonSet"));
    }

    @Test
    void aProxyReachesTheAgentsEnvironment() throws IOException {
        JsonNode container = one(render(Map.of("proxy.https", "http://proxy.corp:3128")), "Deployment", "cairn-agent")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        assertThat(env(container, "HTTPS_PROXY")).isEqualTo("http://proxy.corp:3128");
        assertThat(env(container, "NO_PROXY")).contains(".svc");
    }

    @Test
    void theSchemaRefusesBadValues() {
        for (Map<String, String> bad : List.of(
                Map.of("platform.url", "not a url"),
                Map.of("registration.token", "guess"),
                Map.of("restore.enabled", "maybe"),
                Map.of("resources.limits.memory", "lots"),
                Map.of("image.pullPolicy", "Sometimes"),
                Map.of("typo", "x"))) {
            assertThatThrownBy(() -> render(bad)).as(bad.toString()).hasMessageContaining("schema");
        }
    }

    @Test
    void withoutAPlatformUrlItRefusesToRender() {
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .withKubeVersion("v1.31.4")
                        .set("registration.token", TOKEN)
                        .call())
                .hasMessageContaining("/platform/url");
    }

    @Test
    void installsOnKubernetes127To134AndRefusesOlder() throws IOException {
        for (String v : List.of("v1.27.0", "v1.30.5+k3s1", "v1.34.1")) {
            assertThat(render(Map.of("kubeVersion", v))).as(v).isNotEmpty();
        }
        assertThatThrownBy(() -> render(Map.of("kubeVersion", "v1.26.9"))).hasMessageContaining("kubeVersion");
    }

    private static List<String> verbs(JsonNode rule) {
        List<String> verbs = new ArrayList<>();
        ((ArrayNode) rule.path("verbs")).forEach(v -> verbs.add(v.asText()));
        return verbs;
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        return null;
    }

    /** In a cluster the agent and the node agent log one JSON object per line (AgentLog), for the log collector. */
    @Test
    void theAgentsLogJsonInACluster() throws IOException {
        List<JsonNode> objects = render(Map.of());
        for (JsonNode workload :
                List.of(one(objects, "Deployment", "cairn-agent"), one(objects, "DaemonSet", "cairn-agent-node"))) {
            assertThat(workload.at("/spec/template/spec/containers/0/env").toString())
                    .contains("{\"name\":\"CAIRN_LOG_FORMAT\",\"value\":\"json\"}");
        }
    }
}
