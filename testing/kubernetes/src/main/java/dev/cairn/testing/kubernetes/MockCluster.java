package dev.cairn.testing.kubernetes;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Kubernetes API for tests: fabric8's mock server in CRUD mode (objects are stored, listed with label selectors,
 * updated and deleted), which also serves discovery for the built-in groups as a v1.31 API server does. Custom
 * resource groups appear in discovery (with their verbs, as a real server lists them) when {@link #load} creates their
 * definition. The mock has no controllers:
 * {@link #establishCustomResourceDefinitions()} plays the one that marks definitions established.
 */
public final class MockCluster implements AutoCloseable {
    private static final List<String> RW = List.of("create", "delete", "get", "list", "patch", "update", "watch");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Map<String, List<APIResource>> groups = new LinkedHashMap<>();
    private ScheduledExecutorService controller;

    private MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient();
        builtIns();
        serveDiscovery();
    }

    /** An empty cluster: only discovery answers. */
    public static MockCluster empty() {
        return new MockCluster();
    }

    /** A cluster loaded with {@code realistic-cluster.yaml} (see there what it holds). */
    public static MockCluster realistic() {
        MockCluster cluster = new MockCluster();
        cluster.load("realistic-cluster.yaml");
        return cluster;
    }

    /** Creates every object of a YAML resource next to this class, in order. */
    public void load(String resource) {
        try (InputStream in = MockCluster.class.getResourceAsStream(resource)) {
            for (HasMetadata o : client.load(in).items()) {
                if (o instanceof CustomResourceDefinition crd) {
                    client.resource(crd).create();
                    String group = crd.getSpec().getGroup();
                    String version = crd.getSpec().getVersions().get(0).getName();
                    groups.computeIfAbsent(group + "/" + version, k -> new ArrayList<>())
                            .add(r(
                                    crd.getSpec().getNames().getPlural(),
                                    crd.getSpec().getNames().getKind(),
                                    crd.getSpec().getScope().equals("Namespaced")));
                    serveDiscovery();
                } else {
                    client.resource(o).create();
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client of this cluster. */
    public KubernetesClient client() {
        return client;
    }

    /** The API server's URL. */
    public String url() {
        return client.getConfiguration().getMasterUrl();
    }

    /** Every object of a type, for comparisons. */
    public List<GenericKubernetesResource> all(String apiVersion, String kind) {
        return client.genericKubernetesResources(apiVersion, kind)
                .inAnyNamespace()
                .list()
                .getItems();
    }

    /**
     * Plays the API server's controller for custom resource definitions: marks each one established shortly after it
     * is created, as a real server does once its storage is ready.
     */
    public MockCluster establishCustomResourceDefinitions() {
        controller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mock-crd-controller");
            t.setDaemon(true);
            return t;
        });
        controller.scheduleWithFixedDelay(
                () -> {
                    try {
                        for (CustomResourceDefinition crd : client.apiextensions()
                                .v1()
                                .customResourceDefinitions()
                                .list()
                                .getItems()) {
                            if (crd.getStatus() == null
                                    || crd.getStatus().getConditions().isEmpty()) {
                                crd.setStatus(new CustomResourceDefinitionStatusBuilder()
                                        .withConditions(new CustomResourceDefinitionConditionBuilder()
                                                .withType("Established")
                                                .withStatus("True")
                                                .withReason("InitialNamesAccepted")
                                                .build())
                                        .build());
                                client.resource(crd).updateStatus();
                            }
                        }
                    } catch (RuntimeException e) {
                        // the next round tries again
                    }
                },
                100,
                100,
                TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        if (controller != null) {
            controller.shutdownNow();
        }
        client.close();
        server.destroy();
    }

    private void builtIns() {
        groups.put(
                "v1",
                List.of(
                        r("namespaces", "Namespace", false),
                        r("configmaps", "ConfigMap", true),
                        r("secrets", "Secret", true),
                        r("serviceaccounts", "ServiceAccount", true),
                        r("services", "Service", true),
                        r("endpoints", "Endpoints", true),
                        r("pods", "Pod", true),
                        r("pods/log", "Pod", true),
                        r("persistentvolumeclaims", "PersistentVolumeClaim", true),
                        r("persistentvolumes", "PersistentVolume", false),
                        r("events", "Event", true),
                        r("nodes", "Node", false),
                        r("limitranges", "LimitRange", true),
                        r("resourcequotas", "ResourceQuota", true),
                        r("replicationcontrollers", "ReplicationController", true),
                        readOnly("componentstatuses", "ComponentStatus", false),
                        new APIResourceBuilder()
                                .withName("bindings")
                                .withKind("Binding")
                                .withNamespaced(true)
                                .withVerbs("create")
                                .build()));
        groups.put(
                "apps/v1",
                List.of(
                        r("deployments", "Deployment", true),
                        r("deployments/scale", "Scale", true),
                        r("statefulsets", "StatefulSet", true),
                        r("daemonsets", "DaemonSet", true),
                        r("replicasets", "ReplicaSet", true),
                        r("controllerrevisions", "ControllerRevision", true)));
        groups.put("batch/v1", List.of(r("jobs", "Job", true), r("cronjobs", "CronJob", true)));
        groups.put(
                "networking.k8s.io/v1",
                List.of(
                        r("ingresses", "Ingress", true),
                        r("ingressclasses", "IngressClass", false),
                        r("networkpolicies", "NetworkPolicy", true)));
        groups.put(
                "rbac.authorization.k8s.io/v1",
                List.of(
                        r("roles", "Role", true),
                        r("rolebindings", "RoleBinding", true),
                        r("clusterroles", "ClusterRole", false),
                        r("clusterrolebindings", "ClusterRoleBinding", false)));
        groups.put(
                "storage.k8s.io/v1",
                List.of(
                        r("storageclasses", "StorageClass", false),
                        r("csinodes", "CSINode", false),
                        r("volumeattachments", "VolumeAttachment", false)));
        groups.put("coordination.k8s.io/v1", List.of(r("leases", "Lease", true)));
        groups.put("discovery.k8s.io/v1", List.of(r("endpointslices", "EndpointSlice", true)));
        groups.put(
                "apiextensions.k8s.io/v1", List.of(r("customresourcedefinitions", "CustomResourceDefinition", false)));
        groups.put("policy/v1", List.of(r("poddisruptionbudgets", "PodDisruptionBudget", true)));
    }

    /** (Re)registers the discovery documents: {@code /api}, {@code /api/v1}, {@code /apis}, built-in groups. */
    private void serveDiscovery() {
        server.clearExpectations();
        server.expect()
                .get()
                .withPath("/version")
                .andReturn(
                        200,
                        new VersionInfo.Builder()
                                .withMajor("1")
                                .withMinor("31")
                                .withGitVersion("v1.31.4+k3s1")
                                .withPlatform("linux/amd64")
                                .build())
                .always();
        server.expect()
                .get()
                .withPath("/api")
                .andReturn(200, new APIVersionsBuilder().withVersions("v1").build())
                .always();
        APIGroupListBuilder list = new APIGroupListBuilder();
        for (Map.Entry<String, List<APIResource>> g : groups.entrySet()) {
            if (g.getKey().equals("v1")) {
                server.expect()
                        .get()
                        .withPath("/api/v1")
                        .andReturn(
                                200,
                                new APIResourceListBuilder()
                                        .withGroupVersion("v1")
                                        .withResources(g.getValue())
                                        .build())
                        .always();
                continue;
            }
            String[] gv = g.getKey().split("/");
            GroupVersionForDiscovery version = new GroupVersionForDiscovery(g.getKey(), gv[1]);
            list.addToGroups(new APIGroupBuilder()
                    .withName(gv[0])
                    .withVersions(version)
                    .withPreferredVersion(version)
                    .build());
            server.expect()
                    .get()
                    .withPath("/apis/" + g.getKey())
                    .andReturn(
                            200,
                            new APIResourceListBuilder()
                                    .withGroupVersion(g.getKey())
                                    .withResources(g.getValue())
                                    .build())
                    .always();
        }
        server.expect().get().withPath("/apis").andReturn(200, list.build()).always();
    }

    private static APIResource r(String name, String kind, boolean namespaced) {
        return new APIResourceBuilder()
                .withName(name)
                .withKind(kind)
                .withNamespaced(namespaced)
                .withVerbs(RW)
                .build();
    }

    private static APIResource readOnly(String name, String kind, boolean namespaced) {
        return new APIResourceBuilder()
                .withName(name)
                .withKind(kind)
                .withNamespaced(namespaced)
                .withVerbs("get", "list")
                .build();
    }
}
