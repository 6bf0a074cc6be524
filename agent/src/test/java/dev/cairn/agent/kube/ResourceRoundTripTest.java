package dev.cairn.agent.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.agent.source.Source;
import dev.cairn.agent.source.SourceEntry;
import dev.cairn.api.agent.command.RestoreReport;
import dev.cairn.data.tree.TreeEntry;
import dev.cairn.testing.kubernetes.MockCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Backs up a realistic mock cluster as the source walks it, and restores it into an empty one. */
class ResourceRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final Selection SHOP_AND_BILLING = new Selection(List.of("shop", "bill*"), null, null, null, null, null);

    static final Map<String, String> MAPPING = Map.of("shop", "shop-restored", "billing", "billing-restored");

    /** Walks a source into path → content, as a backup's tree would hold it. */
    static Map<String, byte[]> walk(Source source, List<String> warnings) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        source.walk(new Source.Visitor() {
            @Override
            public void entry(SourceEntry e) throws IOException {
                if (e.type() == TreeEntry.Type.FILE) {
                    byte[] data = new byte[0];
                    if (!e.content().regions().isEmpty()) {
                        try (InputStream in =
                                e.content().open(e.content().regions().get(0))) {
                            data = in.readAllBytes();
                        }
                    }
                    files.put(new String(e.path(), StandardCharsets.UTF_8), data);
                }
            }

            @Override
            public void warning(byte[] path, String message) {
                warnings.add(message);
            }

            @Override
            public void error(byte[] path, String message) {
                warnings.add("ERROR " + message);
            }
        });
        return files;
    }

    @Test
    void takesTheSelectedNamespacesWithoutServerFieldsAndTheClusterObjectsTheyNeed() throws Exception {
        try (MockCluster cluster = MockCluster.realistic()) {
            List<String> warnings = new ArrayList<>();
            Map<String, byte[]> files = walk(new ResourceSource(cluster.client(), SHOP_AND_BILLING, "c1"), warnings);

            assertThat(warnings).isEmpty();
            assertThat(files.keySet())
                    .contains(
                            "kubernetes.json",
                            "resources/namespaces/cluster/shop.json",
                            "resources/namespaces/cluster/billing.json",
                            "resources/customresourcedefinitions.apiextensions.k8s.io/cluster/widgets.example.com.json",
                            "resources/widgets.example.com/namespaces/shop/blue.json",
                            "resources/widgets.example.com/namespaces/billing/ledger.json",
                            "resources/deployments.apps/namespaces/shop/web.json",
                            "resources/statefulsets.apps/namespaces/shop/db.json",
                            "resources/persistentvolumeclaims/namespaces/shop/data-db-0.json",
                            "resources/persistentvolumes/cluster/pvc-5d1f6a2e-0001.json",
                            "resources/persistentvolumes/cluster/archive-pv.json",
                            "resources/storageclasses.storage.k8s.io/cluster/standard.json",
                            "resources/storageclasses.storage.k8s.io/cluster/archive.json",
                            "resources/clusterrolebindings.rbac.authorization.k8s.io/cluster/shop-app-widgets.json",
                            "resources/clusterroles.rbac.authorization.k8s.io/cluster/widget-reader.json",
                            "resources/clusterroles.rbac.authorization.k8s.io/cluster/view.json",
                            "resources/ingresses.networking.k8s.io/namespaces/shop/web.json",
                            "resources/cronjobs.batch/namespaces/billing/invoices.json");
            assertThat(files.keySet())
                    .noneMatch(p -> p.contains("/kube-system") || p.contains("kube-system.json"))
                    .noneMatch(p -> p.startsWith("resources/events") || p.startsWith("resources/leases"))
                    .noneMatch(p -> p.contains("/unrelated.json") || p.contains("/unused.json"));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                JsonNode o = JSON.readTree(f.getValue());
                if (f.getKey().startsWith("resources/")) {
                    assertThat(o.has("status")).as(f.getKey()).isFalse();
                    assertThat(o.path("metadata").has("uid")).as(f.getKey()).isFalse();
                    assertThat(o.path("metadata").has("resourceVersion"))
                            .as(f.getKey())
                            .isFalse();
                    assertThat(o.path("metadata").has("creationTimestamp"))
                            .as(f.getKey())
                            .isFalse();
                }
            }
            JsonNode index = JSON.readTree(files.get("kubernetes.json"));
            assertThat(index.path("kubernetesVersion").asText()).isEqualTo("v1.31.4+k3s1");
        }
    }

    @Test
    void aLabelSelectorAppliesToNamespacedObjects() throws Exception {
        try (MockCluster cluster = MockCluster.realistic()) {
            Selection web = new Selection(List.of("shop"), null, "app=web", null, List.of("pods"), null);
            Map<String, byte[]> files = walk(new ResourceSource(cluster.client(), web, "c1"), new ArrayList<>());
            assertThat(files.keySet().stream()
                            .filter(p -> p.contains("/namespaces/shop/"))
                            .collect(Collectors.toList()))
                    .containsExactlyInAnyOrder(
                            "resources/configmaps/namespaces/shop/web-config.json",
                            "resources/deployments.apps/namespaces/shop/web.json",
                            "resources/endpoints/namespaces/shop/web.json",
                            "resources/ingresses.networking.k8s.io/namespaces/shop/web.json",
                            "resources/replicasets.apps/namespaces/shop/web-6d4cf56db6.json",
                            "resources/services/namespaces/shop/web.json",
                            "resources/widgets.example.com/namespaces/shop/blue.json");
        }
    }

    @Test
    void restoresIntoAnEmptyClusterWithANamespaceMappingInDependencyOrder() throws Exception {
        try (MockCluster source = MockCluster.realistic();
                MockCluster target = MockCluster.empty().establishCustomResourceDefinitions()) {
            Map<String, byte[]> files =
                    walk(new ResourceSource(source.client(), SHOP_AND_BILLING, "c1"), new ArrayList<>());
            RestoreOptions options = new RestoreOptions(
                    null, MAPPING, Map.of(), RestoreOptions.ExistingPolicy.SKIP, false, Duration.ofSeconds(20));

            // given a preview first: it changes nothing
            RestoreReport preview = new ResourceRestore(target.client(), preview(options), new AtomicLong()).run(files);
            assertThat(target.all("v1", "Namespace")).isEmpty();
            assertThat(target.all("v1", "ConfigMap")).isEmpty();
            assertThat(preview.failed()).isZero();

            // when
            RestoreReport report = new ResourceRestore(target.client(), options, new AtomicLong()).run(files);

            // then the preview said exactly what the restore did
            assertThat(report.phase()).as(report.toString()).hasToString("Completed");
            assertThat(preview.items()).isEqualTo(report.items());
            List<String> order = report.items().stream()
                    .filter(i -> i.action() == RestoreReport.Action.CREATE)
                    .map(RestoreReport.Item::type)
                    .distinct()
                    .toList();
            assertThat(order.get(0)).isEqualTo("customresourcedefinitions.apiextensions.k8s.io");
            assertThat(order.get(1)).isEqualTo("namespaces");
            assertThat(order.indexOf("persistentvolumeclaims")).isLessThan(order.indexOf("configmaps"));
            assertThat(order.indexOf("secrets")).isLessThan(order.indexOf("rolebindings.rbac.authorization.k8s.io"));
            assertThat(order.indexOf("widgets.example.com")).isLessThan(order.indexOf("deployments.apps"));
            assertThat(order.subList(order.size() - 3, order.size()))
                    .containsExactlyInAnyOrder("cronjobs.batch", "deployments.apps", "statefulsets.apps");

            // objects are equal modulo server fields, in the mapped namespaces
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                if (!f.getKey().startsWith("resources/")) {
                    continue;
                }
                ObjectNode was = (ObjectNode) JSON.readTree(f.getValue());
                RestoreReport.Item item = report.items().stream()
                        .filter(i -> i.name().equals(mappedName(was))
                                && f.getKey().startsWith("resources/" + i.type() + "/"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no report item for " + f.getKey()));
                if (item.action() == RestoreReport.Action.SKIP) {
                    continue;
                }
                GenericKubernetesResource now = get(target, was);
                assertThat(now).as(f.getKey()).isNotNull();
                assertThat(comparable(JSON.valueToTree(now))).as(f.getKey()).isEqualTo(comparable(expected(was)));
            }

            // what the cluster makes again was skipped, with a reason
            assertThat(skipped(report))
                    .contains(
                            "replicasets.apps shop-restored/web-6d4cf56db6",
                            "pods shop-restored/web-6d4cf56db6-x7k2p",
                            "pods shop-restored/db-0",
                            "secrets shop-restored/shop-app-token",
                            "configmaps shop-restored/kube-root-ca.crt",
                            "endpoints shop-restored/web",
                            "persistentvolumes -/pvc-5d1f6a2e-0001");
            JsonNode claim = JSON.valueToTree(target.client()
                    .persistentVolumeClaims()
                    .inNamespace("shop-restored")
                    .withName("data-db-0")
                    .get());
            assertThat(claim.path("spec").has("volumeName")).isFalse();
            JsonNode archive = JSON.valueToTree(target.client()
                    .persistentVolumeClaims()
                    .inNamespace("shop-restored")
                    .withName("archive")
                    .get());
            assertThat(archive.path("spec").path("volumeName").asText()).isEqualTo("archive-pv");
            // a mapped restore is not the cluster as it was: its cluster RBAC stays out unless asked for
            assertThat(skipped(report))
                    .contains(
                            "clusterrolebindings.rbac.authorization.k8s.io -/shop-app-widgets",
                            "clusterroles.rbac.authorization.k8s.io -/widget-reader");
            assertThat(target.client()
                            .rbac()
                            .clusterRoleBindings()
                            .withName("shop-app-widgets")
                            .get())
                    .isNull();
            assertThat(target.client()
                            .services()
                            .inNamespace("shop-restored")
                            .withName("db")
                            .get()
                            .getSpec()
                            .getClusterIP())
                    .isEqualTo("None");

            // a second restore skips what exists; with the update policy it updates
            RestoreReport again = new ResourceRestore(target.client(), options, new AtomicLong()).run(files);
            assertThat(again.created()).isZero();
            assertThat(again.failed()).isZero();
            RestoreReport update = new ResourceRestore(
                            target.client(),
                            new RestoreOptions(
                                    null, MAPPING, Map.of(), RestoreOptions.ExistingPolicy.UPDATE, true, null),
                            new AtomicLong())
                    .run(files);
            assertThat(update.updated()).isEqualTo(report.created());

            // asked for, the cluster-scoped objects come too, their subjects in the mapped namespaces
            RestoreReport withCluster = new ResourceRestore(
                            target.client(),
                            new RestoreOptions(
                                    null,
                                    MAPPING,
                                    Map.of(),
                                    RestoreOptions.ExistingPolicy.SKIP,
                                    false,
                                    Duration.ofSeconds(20),
                                    null,
                                    true),
                            new AtomicLong())
                    .run(files);
            assertThat(withCluster.failed()).isZero();
            JsonNode binding = JSON.valueToTree(target.client()
                    .rbac()
                    .clusterRoleBindings()
                    .withName("shop-app-widgets")
                    .get());
            assertThat(binding.path("subjects").get(0).path("namespace").asText())
                    .isEqualTo("shop-restored");
        }
    }

    @Test
    void aFilteredRestoreTakesOnlyTheClusterObjectsItsNamespacesNeedUnlessAskedForAllOrNone() throws Exception {
        try (MockCluster source = MockCluster.realistic();
                MockCluster target = MockCluster.empty()) {
            Map<String, byte[]> files =
                    walk(new ResourceSource(source.client(), SHOP_AND_BILLING, "c1"), new ArrayList<>());
            java.util.function.Function<Boolean, RestoreReport> billing = include -> {
                try {
                    return new ResourceRestore(
                                    target.client(),
                                    new RestoreOptions(
                                            List.of("billing"),
                                            Map.of(),
                                            Map.of(),
                                            RestoreOptions.ExistingPolicy.SKIP,
                                            true,
                                            null,
                                            null,
                                            include),
                                    new AtomicLong())
                            .run(files);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            String crd = "customresourcedefinitions.apiextensions.k8s.io widgets.example.com";
            String binding = "clusterrolebindings.rbac.authorization.k8s.io shop-app-widgets";
            String volume = "persistentvolumes archive-pv";

            // by default: the definition of billing's custom resources, and nothing that grants or is shop's
            Map<String, RestoreReport.Action> auto = clusterActions(billing.apply(null));
            assertThat(auto.get(crd)).isEqualTo(RestoreReport.Action.CREATE);
            assertThat(auto.get(binding)).isEqualTo(RestoreReport.Action.SKIP);
            assertThat(auto.get(volume)).isEqualTo(RestoreReport.Action.SKIP);
            assertThat(billing.apply(null).items().stream()
                            .filter(i -> i.name().equals("shop-app-widgets"))
                            .findFirst()
                            .orElseThrow()
                            .reason())
                    .contains("restored only with includeClusterResources");

            // asked for all: every cluster-scoped object; asked for none: not even the definition
            assertThat(clusterActions(billing.apply(true)))
                    .containsEntry(crd, RestoreReport.Action.CREATE)
                    .containsEntry(binding, RestoreReport.Action.CREATE)
                    .containsEntry(volume, RestoreReport.Action.CREATE);
            assertThat(clusterActions(billing.apply(false)).values()).containsOnly(RestoreReport.Action.SKIP);
        }
    }

    /** What a report did with each cluster-scoped object other than namespaces, as {@code type name}. */
    private static Map<String, RestoreReport.Action> clusterActions(RestoreReport report) {
        Map<String, RestoreReport.Action> actions = new java.util.TreeMap<>();
        report.items().stream()
                .filter(i -> i.namespace() == null && !i.type().equals("namespaces"))
                .forEach(i -> actions.put(i.type() + " " + i.name(), i.action()));
        assertThat(actions).isNotEmpty();
        return actions;
    }

    @Test
    void aStorageClassMappingRewritesClaimsAndLeavesTheOldClassOut() throws Exception {
        try (MockCluster source = MockCluster.realistic();
                MockCluster target = MockCluster.empty().establishCustomResourceDefinitions()) {
            Map<String, byte[]> files =
                    walk(new ResourceSource(source.client(), SHOP_AND_BILLING, "c1"), new ArrayList<>());
            RestoreReport report = new ResourceRestore(
                            target.client(),
                            new RestoreOptions(
                                    List.of("shop"), Map.of(), Map.of("standard", "fast"), null, false, null),
                            new AtomicLong())
                    .run(files);
            assertThat(report.failed()).as(report.toString()).isZero();
            assertThat(target.client()
                            .persistentVolumeClaims()
                            .inNamespace("shop")
                            .withName("data-db-0")
                            .get()
                            .getSpec()
                            .getStorageClassName())
                    .isEqualTo("fast");
            assertThat(target.client()
                            .storage()
                            .v1()
                            .storageClasses()
                            .withName("standard")
                            .get())
                    .isNull();
            assertThat(target.all("v1", "Namespace"))
                    .extracting(n -> n.getMetadata().getName())
                    .containsExactly("shop");
        }
    }

    private static RestoreOptions preview(RestoreOptions o) {
        return new RestoreOptions(
                o.includeNamespaces(), o.namespaceMapping(), o.storageClassMapping(), o.existing(), true, o.crdWait());
    }

    private static List<String> skipped(RestoreReport report) {
        return report.items().stream()
                .filter(i -> i.action() == RestoreReport.Action.SKIP)
                .map(i -> i.type() + " " + (i.namespace() == null ? "-" : i.namespace()) + "/" + i.name())
                .toList();
    }

    private static String mappedName(ObjectNode o) {
        String name = o.path("metadata").path("name").asText();
        return o.path("kind").asText().equals("Namespace") ? MAPPING.getOrDefault(name, name) : name;
    }

    private static GenericKubernetesResource get(MockCluster target, ObjectNode was) {
        var op = target.client()
                .genericKubernetesResources(
                        was.path("apiVersion").asText(), was.path("kind").asText());
        String ns = was.path("metadata").path("namespace").asText(null);
        String name = mappedName(was);
        return ns == null
                ? op.withName(name).get()
                : op.inNamespace(MAPPING.getOrDefault(ns, ns)).withName(name).get();
    }

    /** What the restore is meant to change: namespaces mapped, owner references, cluster IPs and claim bindings. */
    private static ObjectNode expected(ObjectNode was) {
        ObjectNode o = was.deepCopy();
        ObjectNode meta = (ObjectNode) o.path("metadata");
        meta.remove("ownerReferences");
        if (meta.has("namespace")) {
            meta.put(
                    "namespace",
                    MAPPING.getOrDefault(
                            meta.path("namespace").asText(),
                            meta.path("namespace").asText()));
        }
        if (o.path("kind").asText().equals("Namespace")) {
            meta.put("name", mappedName(was));
        }
        for (JsonNode s : o.path("subjects")) {
            ((ObjectNode) s)
                    .put(
                            "namespace",
                            MAPPING.getOrDefault(
                                    s.path("namespace").asText(),
                                    s.path("namespace").asText()));
        }
        if (o.path("kind").asText().equals("Service")
                && !o.path("spec").path("clusterIP").asText().equals("None")) {
            ((ObjectNode) o.path("spec")).remove(List.of("clusterIP", "clusterIPs"));
        }
        if (o.path("kind").asText().equals("PersistentVolumeClaim")
                && o.path("metadata").path("name").asText().equals("data-db-0")) {
            ((ObjectNode) o.path("spec")).remove("volumeName");
            ((ObjectNode) meta.path("annotations"))
                    .remove(List.of("pv.kubernetes.io/bind-completed", "volume.kubernetes.io/storage-provisioner"));
            if (meta.path("annotations").isEmpty()) {
                meta.remove("annotations");
            }
        }
        if (o.path("kind").asText().equals("PersistentVolume") && o.path("spec").has("claimRef")) {
            ObjectNode ref = (ObjectNode) o.path("spec").path("claimRef");
            ref.remove("uid");
            ref.put(
                    "namespace",
                    MAPPING.getOrDefault(
                            ref.path("namespace").asText(),
                            ref.path("namespace").asText()));
        }
        return o;
    }

    private static ObjectNode comparable(ObjectNode o) {
        o.remove("status");
        ((ObjectNode) o.path("metadata")).remove(ServerFields.METADATA);
        if (o.path("metadata").path("annotations").isEmpty()) {
            ((ObjectNode) o.path("metadata")).remove("annotations");
        }
        return o;
    }
}
