package dev.cairn.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform's chart: lint, render and check what a cluster would get, and what the schema refuses. */
class PlatformChartTest {
    /** The chart as it is packaged: the source, versioned, with the route table and the alert rules (k8s/pom.xml). */
    static final Path CHART = Path.of("target/chart/cairn-platform");

    static final List<String> SERVICES = List.of("tenant", "ingest", "scheduler", "metering", "recovery");
    static final List<String> COMPONENTS =
            List.of("tenant", "ingest", "scheduler", "metering", "recovery", "portal", "gateway");

    /** Who calls whom on the management port, as docs/architecture.md has it (callee: callers). */
    static final Map<String, Set<String>> CALLERS = Map.of(
            "tenant", Set.of("ingest", "scheduler", "metering", "recovery"),
            "ingest", Set.of("scheduler", "metering", "recovery"),
            "scheduler", Set.of("recovery"),
            "recovery", Set.of("scheduler"),
            "metering", Set.of());

    /** What a deployment must set (a production installation's values). */
    static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("entryPoint.host", "cairn.example.com");
        REQUIRED.put("database.url", "jdbc:postgresql://cairn.cluster-x.eu-west-1.rds.amazonaws.com:5432/cairn");
        REQUIRED.put("kafka.bootstrapServers", "b-1.msk.example:9096,b-2.msk.example:9096");
        REQUIRED.put("keycloak.url", "https://id.example.com");
        REQUIRED.put("storage.regions.eu-west-1.displayName", "Europe (Ireland)");
        REQUIRED.put("storage.regions.eu-west-1.bucket", "cairn-prod-eu-west-1");
        REQUIRED.put("storage.regions.us-east-1.displayName", "US East (N. Virginia)");
        REQUIRED.put("storage.regions.us-east-1.bucket", "cairn-prod-us-east-1");
        REQUIRED.put("keys.kmsKeyId", "arn:aws:kms:eu-west-1:123456789012:key/mrk-0123456789abcdef");
        REQUIRED.put("mail.host", "email-smtp.eu-west-1.amazonaws.com");
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Renders the chart with the required values and {@code extra} ones (a null value leaves a required one out). */
    static List<JsonNode> render(Map<String, String> extra) throws IOException {
        Map<String, String> values = new LinkedHashMap<>(REQUIRED);
        values.putAll(extra);
        TemplateCommand t = new Helm(CHART)
                .template()
                .withName("cairn")
                .withNamespace("cairn")
                .withKubeVersion("v1.31.4");
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getValue() != null) {
                t = t.set(e.getKey(), e.getValue());
            }
        }
        return Charts.objects(t.call());
    }

    static List<JsonNode> all(List<JsonNode> objects, String kind) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .toList();
    }

    static JsonNode one(List<JsonNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind)
                        && o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Test
    void lintsStrictlyWithAProductionsValues(@TempDir Path tmp) throws IOException {
        // helm-java's lint takes no --set: lint a copy whose values.yaml holds a production's settings
        Path copy = Charts.copy(CHART, tmp.resolve("cairn-platform"));
        Path values = copy.resolve("values.yaml");
        Files.writeString(
                values,
                Files.readString(values)
                        .replace("  host: \"\"\n  ingress:", "  host: cairn.example.com\n  ingress:")
                        .replace(
                                "  url: \"\"\n  # a Secret with one key per service (tenant, ingest, scheduler, metering,"
                                        + " recovery): that role",
                                "  url: " + REQUIRED.get("database.url") + "\n  # a Secret with one key per service"
                                        + " (tenant, ingest, scheduler, metering, recovery): that role")
                        .replace(
                                "  bootstrapServers: \"\"",
                                "  bootstrapServers: " + REQUIRED.get("kafka.bootstrapServers"))
                        .replace(
                                "  url: \"\"\n  # a Secret with one key per service (tenant, ingest, scheduler, metering,"
                                        + " recovery) and portal",
                                "  url: https://id.example.com\n  # a Secret with one key per service (tenant, ingest,"
                                        + " scheduler, metering, recovery) and portal")
                        .replace(
                                "  regions: {}",
                                "  regions:\n    eu-west-1: {displayName: Europe, bucket: cairn-prod-eu-west-1}")
                        .replace("  kmsKeyId: \"\"", "  kmsKeyId: " + REQUIRED.get("keys.kmsKeyId"))
                        .replace("  host: \"\"\n  port: 587", "  host: smtp.example.com\n  port: 587"));
        LintResult result = new Helm(copy).lint().strict().call();
        assertThat(result.isFailed())
                .as(String.join("\n", result.getMessages()))
                .isFalse();
    }

    @Test
    void theChartAndTheImagesItRunsCarryTheProjectsVersion() throws IOException {
        String version = System.getProperty("cairn.version");
        assertThat(version).as("set by the build (k8s/pom.xml)").isNotBlank();
        JsonNode chart = YAML.readTree(CHART.resolve("Chart.yaml").toFile());
        assertThat(chart.path("version").asText()).isEqualTo(version);
        assertThat(chart.path("appVersion").asText()).isEqualTo(version);
        List<JsonNode> objects = render(Map.of());
        assertThat(one(objects, "Deployment", "cairn-ingest")
                        .at("/spec/template/spec/containers/0/image")
                        .asText())
                .isEqualTo("ghcr.io/cairn-dev/cairn-ingest-service:" + version);
        assertThat(one(objects, "Deployment", "cairn-gateway")
                        .at("/spec/template/spec/containers/0/image")
                        .asText())
                .isEqualTo("ghcr.io/cairn-dev/cairn-gateway:" + version);
    }

    /** Every pod under the "restricted" Pod Security Standard, probed on its health endpoints, with a memory limit. */
    @Test
    void everyComponentRunsRestrictedProbedAndLimited() throws IOException {
        List<JsonNode> deployments = all(render(Map.of()), "Deployment");
        assertThat(deployments.stream().map(d -> d.at("/metadata/name").asText()))
                .containsExactlyInAnyOrderElementsOf(
                        COMPONENTS.stream().map(c -> "cairn-" + c).toList());
        for (JsonNode d : deployments) {
            String name = d.at("/metadata/name").asText();
            JsonNode pod = d.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean())
                    .as(name)
                    .isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText())
                    .as(name)
                    .isEqualTo("RuntimeDefault");
            assertThat(pod.path("hostNetwork").asBoolean(false)).as(name).isFalse();
            for (JsonNode c : pod.path("containers")) {
                assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true))
                        .as(name)
                        .isFalse();
                assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                        .as(name)
                        .isTrue();
                assertThat(c.at("/securityContext/capabilities/drop").toString())
                        .as(name)
                        .isEqualTo("[\"ALL\"]");
                assertThat(c.at("/resources/limits/memory").asText()).as(name).isNotBlank();
                String port = SERVICES.contains(name.substring("cairn-".length())) ? "management" : "http";
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertThat(c.at("/" + probe + "/httpGet/path").asText())
                            .as(name + " " + probe)
                            .startsWith("/q/health/");
                    assertThat(c.at("/" + probe + "/httpGet/port").asText())
                            .as(name + " " + probe)
                            .isEqualTo(port);
                }
                for (JsonNode env : c.path("env")) {
                    String var = env.path("name").asText();
                    if (var.contains("PASSWORD") || var.contains("SECRET")) {
                        assertThat(env.has("value"))
                                .as(name + " " + var + " comes from a Secret")
                                .isFalse();
                        assertThat(env.at("/valueFrom/secretKeyRef/name").asText())
                                .as(name + " " + var)
                                .isNotBlank();
                    }
                }
            }
        }
        for (JsonNode config : all(render(Map.of()), "ConfigMap")) {
            assertThat(config.at("/data/application.properties").asText().toLowerCase())
                    .as(config.at("/metadata/name").asText() + " holds no secret")
                    .doesNotContain("password=", "secret=");
        }
    }

    /**
     * The load balancer reaches the entry point only, and only for the prefixes of its route table (read from the
     * gateway's own settings: one source), its pages and the portal's; never {@code /internal} or {@code /q}.
     */
    @Test
    void theEntryPointExposesTheGatewaysRouteTableAndNothingInternal() throws IOException {
        Set<String> routeTable = new TreeSet<>();
        Matcher route = Pattern.compile("^cairn\\.gateway\\.routes\\.\"(/[^\"]+)\"=", Pattern.MULTILINE)
                .matcher(Files.readString(Path.of("../web/gateway/src/main/resources/application.properties")));
        while (route.find()) {
            routeTable.add(route.group(1));
        }
        assertThat(routeTable).contains("/api/v1/signup", "/api/v1/backups", "/api/v1/usage");

        List<JsonNode> objects = render(Map.of(
                "entryPoint.gatewayApi.enabled", "true", "entryPoint.gatewayApi.parentRefs[0].name", "cairn-public"));
        JsonNode ingress = one(objects, "Ingress", "cairn");
        Set<String> ingressPaths = new TreeSet<>();
        for (JsonNode path : ingress.at("/spec/rules/0/http/paths")) {
            ingressPaths.add(path.path("path").asText());
            assertThat(path.at("/backend/service/name").asText()).isEqualTo("cairn-gateway");
        }
        JsonNode httpRoute = one(objects, "HTTPRoute", "cairn");
        Set<String> routePaths = new TreeSet<>();
        for (JsonNode rule : httpRoute.at("/spec/rules")) {
            for (JsonNode match : rule.path("matches")) {
                routePaths.add(match.at("/path/value").asText());
            }
            assertThat(list(rule.path("backendRefs")).stream()
                            .map(b -> b.path("name").asText()))
                    .containsOnly("cairn-gateway");
        }
        assertThat(routePaths).isEqualTo(ingressPaths);
        assertThat(ingressPaths).containsAll(routeTable).contains("/", "/app", "/signup", "/status", "/charts");
        Set<String> beyondTheTable = new TreeSet<>(ingressPaths);
        beyondTheTable.removeAll(routeTable);
        assertThat(beyondTheTable)
                .containsExactlyInAnyOrder(
                        "/", "/api/v1/status", "/status", "/charts", "/app", "/signup", "/signout", "/static");
        assertThat(ingressPaths).noneMatch(p -> p.startsWith("/internal") || p.startsWith("/q"));
        assertThat(all(objects, "Service").stream().map(s -> s.at("/spec/type").asText()))
                .containsOnly("ClusterIP");
    }

    @Test
    void networkPoliciesAllowOnlyTheDocumentedFlows() throws IOException {
        List<JsonNode> objects = render(Map.of());
        JsonNode deny = one(objects, "NetworkPolicy", "cairn-default-deny");
        assertThat(deny.at("/spec/ingress").isMissingNode()
                        || deny.at("/spec/ingress").isEmpty())
                .isTrue();
        assertThat(deny.at("/spec/podSelector/matchLabels/app.kubernetes.io~1part-of")
                        .asText())
                .isEqualTo("cairn");
        for (String service : SERVICES) {
            JsonNode policy = one(objects, "NetworkPolicy", "cairn-" + service);
            Map<String, Set<String>> fromByPort = new LinkedHashMap<>();
            for (JsonNode rule : policy.at("/spec/ingress")) {
                String port = rule.at("/ports/0/port").asText();
                for (JsonNode from : rule.path("from")) {
                    String who = from.has("namespaceSelector")
                            ? "prometheus"
                            : from.at("/podSelector/matchLabels/app.kubernetes.io~1name")
                                    .asText()
                                    .replace("cairn-", "");
                    fromByPort.computeIfAbsent(port, p -> new TreeSet<>()).add(who);
                }
                assertThat(rule.path("from").isEmpty())
                        .as(service + ": no rule open to every source")
                        .isFalse();
            }
            assertThat(fromByPort.get("http")).as(service + " API").containsExactly("gateway");
            Set<String> management = new TreeSet<>(CALLERS.get(service));
            management.add("prometheus");
            assertThat(fromByPort.get("management")).as(service + " management").isEqualTo(management);
            assertThat(fromByPort.keySet()).containsOnly("http", "management");
        }
        JsonNode portal = one(objects, "NetworkPolicy", "cairn-portal");
        assertThat(portal.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1name")
                        .asText())
                .isEqualTo("cairn-gateway");
        // each service names on port 9000 exactly the services it calls
        for (String service : SERVICES) {
            String properties = one(objects, "ConfigMap", "cairn-" + service)
                    .at("/data/application.properties")
                    .asText();
            Set<String> calls = Pattern.compile("quarkus\\.rest-client\\.([a-z]+)-service\\.url=http://cairn-\\1:9000")
                    .matcher(properties)
                    .results()
                    .map(m -> m.group(1))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = CALLERS.entrySet().stream()
                    .filter(e -> e.getValue().contains(service))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(calls).as(service + " calls").isEqualTo(expected);
        }
    }

    @Test
    void prometheusScrapesEveryComponentAndGetsTheAlertRules() throws IOException {
        List<JsonNode> objects = render(Map.of());
        for (String component : COMPONENTS) {
            JsonNode monitor = one(objects, "ServiceMonitor", "cairn-" + component);
            assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
            assertThat(monitor.at("/spec/endpoints/0/port").asText())
                    .isEqualTo(SERVICES.contains(component) ? "management" : "http");
        }
        JsonNode dashboard = one(objects, "ConfigMap", "cairn-dashboard");
        assertThat(dashboard.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        assertThat(YAML.readTree(dashboard.at("/data/cairn-platform.json").asText()))
                .isEqualTo(
                        YAML.readTree(Path.of("dashboards/cairn-platform.json").toFile()));
        JsonNode rules = one(objects, "PrometheusRule", "cairn");
        JsonNode source =
                YAML.readTree(Path.of("alerts/cairn-platform.rules.yaml").toFile());
        assertThat(rules.at("/spec/groups")).isEqualTo(source.path("groups"));
    }

    /** Every component exports its spans to the collector given, at the values' ratio; without one, none does. */
    @Test
    void everyComponentTracesToTheCollectorGivenAndNoneWithout() throws IOException {
        // (helm-java sets values as strings: the ratio keeps its default, a number as the schema wants)
        List<JsonNode> traced = render(Map.of(
                "tracing.otlpEndpoint",
                "http://otel-collector.observability:4318",
                "tracing.otlpProtocol",
                "http/protobuf"));
        List<JsonNode> untraced = render(Map.of());
        for (String component : COMPONENTS) {
            String settings = one(traced, "ConfigMap", "cairn-" + component)
                    .at("/data/application.properties")
                    .asText();
            assertThat(settings)
                    .as(component)
                    .contains("cairn.otel.endpoint=http://otel-collector.observability:4318")
                    .contains("cairn.otel.protocol=http/protobuf")
                    .contains("cairn.otel.sample-ratio=0.1");
            assertThat(one(untraced, "ConfigMap", "cairn-" + component)
                            .at("/data/application.properties")
                            .asText())
                    .as(component)
                    .doesNotContain("cairn.otel");
        }
    }

    /**
     * Each component runs as a service account of its own, which mounts no Kubernetes API token; the services' are
     * named as infra/terraform's IAM roles trust them ({@code cairn-<service>-service}) and carry their role.
     */
    @Test
    void eachComponentHasItsOwnServiceAccountWithItsIamRole() throws IOException {
        List<JsonNode> objects = render(
                Map.of("serviceAccount.iamRoles.ingest", "arn:aws:iam::123456789012:role/cairn-prod-ingest-service"));
        for (String component : COMPONENTS) {
            String account = SERVICES.contains(component) ? "cairn-" + component + "-service" : "cairn-" + component;
            assertThat(one(objects, "Deployment", "cairn-" + component)
                            .at("/spec/template/spec/serviceAccountName")
                            .asText())
                    .isEqualTo(account);
            JsonNode sa = one(objects, "ServiceAccount", account);
            assertThat(sa.path("automountServiceAccountToken").asBoolean(true))
                    .as(account)
                    .isFalse();
        }
        Path roles = Path.of("../infra/terraform/modules/service-roles/main.tf");
        assertThat(Files.readString(roles)).contains("system:serviceaccount:${var.namespace}:cairn-${each.key}");
        assertThat(one(objects, "ServiceAccount", "cairn-ingest-service")
                        .at("/metadata/annotations/eks.amazonaws.com~1role-arn")
                        .asText())
                .isEqualTo("arn:aws:iam::123456789012:role/cairn-prod-ingest-service");
        assertThat(one(objects, "ServiceAccount", "cairn-tenant-service").has("metadata")
                        && !one(objects, "ServiceAccount", "cairn-tenant-service")
                                .at("/metadata/annotations")
                                .isObject())
                .isTrue();
    }

    @Test
    void scalesAndKeepsReplicasThroughDisruptions() throws IOException {
        List<JsonNode> objects = render(Map.of("components.scheduler.replicas", "1"));
        JsonNode ingest = one(objects, "HorizontalPodAutoscaler", "cairn-ingest");
        assertThat(ingest.at("/spec/minReplicas").asInt()).isEqualTo(2);
        assertThat(ingest.at("/spec/maxReplicas").asInt()).isEqualTo(12);
        assertThat(one(objects, "Deployment", "cairn-ingest")
                        .at("/spec/replicas")
                        .isMissingNode())
                .as("the autoscaler owns the replica count")
                .isTrue();
        assertThat(one(objects, "PodDisruptionBudget", "cairn-ingest")
                        .at("/spec/maxUnavailable")
                        .asInt())
                .isOne();
        assertThat(one(objects, "Deployment", "cairn-metering")
                        .at("/spec/replicas")
                        .asInt())
                .isEqualTo(2);
        assertThat(objects.stream()
                        .filter(o -> o.path("kind").asText().equals("PodDisruptionBudget"))
                        .map(o -> o.at("/metadata/name").asText()))
                .doesNotContain("cairn-scheduler");
    }

    @Test
    void theSchemaRefusesWhatWouldNotRun() {
        List<Map<String, String>> bad = List.of(
                Map.of("keycloak.url", "http://id.example.com"),
                Map.of("database.url", "postgres://db/cairn"),
                Map.of("entryPoint.host", "not a host"),
                Map.of("components.ingest.replicas", "0"),
                Map.of("storage.regions.mars.bucket", "x"),
                Map.of("keys.provider", "local"),
                Map.of("debug", "true"),
                Map.of("kafka.bootstrapServers", "broker-without-port"),
                Map.of("serviceAccount.iamRoles.ingest", "not-an-arn"),
                Map.of("tracing.otlpProtocol", "http/json"));
        for (Map<String, String> values : bad) {
            assertThatThrownBy(() -> render(values)).as(values.toString()).hasMessageContaining("schema");
        }
        Map<String, String> noDatabase = new LinkedHashMap<>();
        noDatabase.put("database.url", null);
        assertThatThrownBy(() -> render(noDatabase)).hasMessageContaining("database");
    }
}
