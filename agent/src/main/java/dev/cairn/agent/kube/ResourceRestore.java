package dev.cairn.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.api.agent.Outcome;
import dev.cairn.api.agent.command.RestoreReport;
import dev.cairn.api.agent.command.RestoreReport.Action;
import dev.cairn.api.agent.command.RestoreReport.Item;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restores a backup's API objects into a cluster, in dependency order: custom resource definitions first (waited for
 * until established), then namespaces, storage classes, volumes and claims, configuration, secrets, service accounts
 * and RBAC, the other objects (custom resources among them), and workloads last. Namespaces and storage classes are
 * mapped; an object that exists is skipped or updated as the policy says; a preview reads the cluster and reports the
 * same plan without changing anything.
 *
 * <p>Cluster-scoped objects are shared by the whole cluster: a restore that does not take every namespace as it was
 * backed up (a filter, a mapping, a prefix) restores only those its objects need and that grant nothing (custom
 * resource definitions, bound volumes, their storage classes) unless asked for all ({@code includeClusterResources});
 * a ClusterRoleBinding never comes back by surprise. What is left out is reported as skipped, with the reason.
 *
 * <p>Objects the cluster makes again are not restored: those a controller owns when their owner is in the backup
 * (the ReplicaSets and Pods of a Deployment), service-account token Secrets, the {@code kube-root-ca.crt}
 * ConfigMap, managed EndpointSlices and the Endpoints of Services with selectors, and dynamically provisioned
 * PersistentVolumes (their claims get new volumes). Owner references are dropped (they name uids of the old
 * cluster, and the garbage collector would delete an object whose owner uid does not exist), and so are a Service's
 * cluster IPs and a claim's binding to a volume that is not restored.
 */
public final class ResourceRestore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(ApiType type, String namespace, String name, ObjectNode object) {}

    private static final String CRDS = "customresourcedefinitions.apiextensions.k8s.io";
    private static final String STORAGE_CLASSES = "storageclasses.storage.k8s.io";

    private final KubernetesClient client;
    private final RestoreOptions options;
    private final Selection namespaces;
    private final AtomicLong done;
    private final List<String> warnings = new ArrayList<>();
    private final List<Item> items = new ArrayList<>();

    /**
     * @param done counts objects as they are handled (for progress)
     */
    public ResourceRestore(KubernetesClient client, RestoreOptions options, AtomicLong done) {
        this.client = client;
        this.options = options;
        this.namespaces = new Selection(options.includeNamespaces(), null, null, null, null, null);
        this.done = done;
    }

    /** Restores from {@code files}: the backup's {@code kubernetes.json} and {@code resources/…} files. */
    /** Restores (or previews) the backup's objects; the report has every item and no volumes. */
    public RestoreReport run(Map<String, byte[]> files) throws IOException {
        byte[] indexBytes = files.get(ResourceSource.INDEX);
        if (indexBytes == null) {
            throw new IOException("this backup has no " + ResourceSource.INDEX + ": it is not a Kubernetes backup");
        }
        Map<String, ApiType> types = new HashMap<>();
        for (JsonNode t : JSON.readTree(indexBytes).path("types")) {
            ApiType type = JSON.treeToValue(t, ApiTypeJson.class).type();
            types.put(type.qualified(), type);
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Entry e = entry(f.getKey(), f.getValue(), types);
            if (e != null) {
                entries.add(e);
            }
        }
        List<Entry> plan = plan(entries);
        plan.sort(Comparator.comparingInt((Entry e) -> rank(e.type()))
                .thenComparing(e -> e.type().qualified())
                .thenComparing(e -> e.namespace() == null ? "" : e.namespace())
                .thenComparing(Entry::name));
        Set<String> ready = new HashSet<>();
        for (Entry e : plan) {
            if (e.namespace() != null && ready.add(e.namespace())) {
                ensureNamespace(e.namespace(), plan);
            }
            apply(e);
            done.incrementAndGet();
        }
        int created = count(Action.CREATE);
        int updated = count(Action.UPDATE);
        int failed = count(Action.FAIL);
        Outcome phase =
                failed == 0 ? Outcome.Completed : created + updated > 0 ? Outcome.PartiallyFailed : Outcome.Failed;
        return new RestoreReport(
                options.preview(),
                phase,
                created,
                updated,
                count(Action.SKIP),
                failed,
                List.copyOf(warnings),
                List.copyOf(items),
                0,
                null,
                null);
    }

    /** A restore's order: lower first. */
    static int rank(ApiType t) {
        return switch (t.qualified()) {
            case "customresourcedefinitions.apiextensions.k8s.io" -> 0;
            case "namespaces" -> 1;
            case "storageclasses.storage.k8s.io" -> 2;
            case "persistentvolumes" -> 3;
            case "persistentvolumeclaims" -> 4;
            case "configmaps" -> 5;
            case "secrets" -> 6;
            case "serviceaccounts" -> 7;
            case "clusterroles.rbac.authorization.k8s.io" -> 8;
            case "clusterrolebindings.rbac.authorization.k8s.io" -> 9;
            case "roles.rbac.authorization.k8s.io" -> 10;
            case "rolebindings.rbac.authorization.k8s.io" -> 11;
            case "limitranges", "resourcequotas" -> 12;
            case "deployments.apps",
                    "statefulsets.apps",
                    "daemonsets.apps",
                    "replicasets.apps",
                    "replicationcontrollers",
                    "jobs.batch",
                    "cronjobs.batch",
                    "pods" -> 20;
            default -> 15;
        };
    }

    private Entry entry(String path, byte[] data, Map<String, ApiType> types) throws IOException {
        String[] p = path.split("/");
        if (!p[0].equals(ResourceSource.RESOURCES) || !path.endsWith(".json")) {
            return null;
        }
        boolean namespaced = p.length == 5 && p[2].equals("namespaces");
        if (!namespaced && !(p.length == 4 && p[2].equals("cluster"))) {
            warnings.add("not an object's path, left out: " + path);
            return null;
        }
        ApiType type = types.get(p[1]);
        if (type == null) {
            warnings.add("type " + p[1] + " is not in the backup's index, left out: " + path);
            return null;
        }
        ObjectNode object = (ObjectNode) JSON.readTree(data);
        String name = object.path("metadata").path("name").asText();
        String namespace =
                namespaced ? object.path("metadata").path("namespace").asText() : null;
        String scope = namespaced ? namespace : type.qualified().equals("namespaces") ? name : null;
        if (scope != null && !namespaces.namespace(scope)) {
            return null;
        }
        return new Entry(type, namespace, name, object);
    }

    /** Drops what the cluster makes again, then maps and cleans the rest. */
    private List<Entry> plan(List<Entry> entries) {
        Set<String> present = new HashSet<>();
        Set<String> servicesWithSelectors = new HashSet<>();
        Set<String> restoredVolumes = new HashSet<>();
        for (Entry e : entries) {
            present.add(e.object().path("kind").asText() + "/" + e.namespace() + "/" + e.name());
            if (e.type().qualified().equals("services")
                    && e.object().path("spec").path("selector").size() > 0) {
                servicesWithSelectors.add(e.namespace() + "/" + e.name());
            }
            if (e.type().qualified().equals("persistentvolumes") && !dynamic(e.object())) {
                restoredVolumes.add(e.name());
            }
        }
        Set<String> needed = neededClusterObjects(entries);
        List<Entry> plan = new ArrayList<>();
        for (Entry e : entries) {
            String skip = clusterSkipReason(e, needed);
            if (skip == null) {
                skip = skipReason(e, present, servicesWithSelectors);
            }
            if (skip != null) {
                items.add(new Item(Action.SKIP, e.type().qualified(), map(e.namespace()), mappedName(e), skip));
                done.incrementAndGet();
                continue;
            }
            ObjectNode o = e.object().deepCopy();
            transform(e.type(), o, restoredVolumes);
            plan.add(new Entry(e.type(), map(e.namespace()), mappedName(e), o));
        }
        return plan;
    }

    /**
     * The cluster-scoped objects (as {@code type/name}) that the restored namespaced objects need and that grant
     * nothing: the definitions of their custom resources, the volumes their claims are bound to, the storage classes
     * the claims and those volumes name.
     */
    private static Set<String> neededClusterObjects(List<Entry> entries) {
        Set<String> needed = new HashSet<>();
        Set<String> volumes = new HashSet<>();
        for (Entry e : entries) {
            if (e.namespace() == null) {
                continue;
            }
            needed.add(CRDS + "/" + e.type().qualified());
            if (e.type().qualified().equals("persistentvolumeclaims")) {
                JsonNode spec = e.object().path("spec");
                if (spec.hasNonNull("volumeName")) {
                    volumes.add(spec.path("volumeName").asText());
                    needed.add("persistentvolumes/" + spec.path("volumeName").asText());
                }
                if (spec.hasNonNull("storageClassName")) {
                    needed.add(STORAGE_CLASSES + "/"
                            + spec.path("storageClassName").asText());
                }
            }
        }
        for (Entry e : entries) {
            if (e.type().qualified().equals("persistentvolumes") && volumes.contains(e.name())) {
                JsonNode storageClass = e.object().path("spec").path("storageClassName");
                if (!storageClass.isMissingNode() && !storageClass.isNull()) {
                    needed.add(STORAGE_CLASSES + "/" + storageClass.asText());
                }
            }
        }
        return needed;
    }

    /** Why a cluster-scoped object is left out ({@link RestoreOptions#includeClusterResources()}), or null. */
    private String clusterSkipReason(Entry e, Set<String> needed) {
        if (e.namespace() != null || e.type().qualified().equals("namespaces")) {
            return null;
        }
        Boolean include = options.includeClusterResources();
        if (include != null) {
            return include ? null : "cluster-scoped: left out (includeClusterResources is false)";
        }
        if (options.asBackedUp() || needed.contains(e.type().qualified() + "/" + e.name())) {
            return null;
        }
        return "cluster-scoped and not needed by the restored namespaces: restored only with"
                + " includeClusterResources";
    }

    private String skipReason(Entry e, Set<String> present, Set<String> servicesWithSelectors) {
        ObjectNode o = e.object();
        for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)
                    && present.contains(ref.path("kind").asText() + "/" + e.namespace() + "/"
                            + ref.path("name").asText())) {
                return "owned by " + ref.path("kind").asText() + " "
                        + ref.path("name").asText() + ", which makes it again";
            }
        }
        return switch (e.type().qualified()) {
            case "secrets" ->
                o.path("type").asText().equals("kubernetes.io/service-account-token")
                        ? "service-account tokens are issued by the cluster"
                        : null;
            case "configmaps" ->
                e.name().equals("kube-root-ca.crt") ? "the cluster publishes it in every namespace" : null;
            case "endpointslices.discovery.k8s.io" ->
                o.path("metadata").path("labels").has("endpointslice.kubernetes.io/managed-by")
                        ? "managed by the endpoint slice controller"
                        : null;
            case "endpoints" ->
                servicesWithSelectors.contains(e.namespace() + "/" + e.name())
                        ? "the endpoints of a service with a selector are made by the cluster"
                        : null;
            case "persistentvolumes" ->
                dynamic(o) ? "dynamically provisioned: the restored claim gets a new volume" : null;
            case "storageclasses.storage.k8s.io" ->
                options.storageClassMapping().containsKey(e.name())
                        ? "mapped to storage class "
                                + options.storageClassMapping().get(e.name())
                        : null;
            default -> null;
        };
    }

    private static boolean dynamic(ObjectNode pv) {
        return pv.path("metadata").path("annotations").has("pv.kubernetes.io/provisioned-by");
    }

    private void transform(ApiType type, ObjectNode o, Set<String> restoredVolumes) {
        ServerFields.strip(o);
        ObjectNode meta = (ObjectNode) o.path("metadata");
        meta.remove("ownerReferences");
        if (meta.has("namespace")) {
            meta.put("namespace", map(meta.path("namespace").asText()));
        }
        switch (type.qualified()) {
            case "namespaces" -> meta.put("name", map(meta.path("name").asText()));
            case "rolebindings.rbac.authorization.k8s.io", "clusterrolebindings.rbac.authorization.k8s.io" -> {
                for (JsonNode s : o.path("subjects")) {
                    if (s.has("namespace")) {
                        ((ObjectNode) s)
                                .put("namespace", map(s.path("namespace").asText()));
                    }
                }
            }
            case "persistentvolumeclaims" -> {
                ObjectNode spec = (ObjectNode) o.path("spec");
                mapStorageClass(spec);
                if (!restoredVolumes.contains(spec.path("volumeName").asText())) {
                    spec.remove("volumeName");
                    if (meta.path("annotations") instanceof ObjectNode a) {
                        a.remove(List.of(
                                "pv.kubernetes.io/bind-completed",
                                "pv.kubernetes.io/bound-by-controller",
                                "volume.beta.kubernetes.io/storage-provisioner",
                                "volume.kubernetes.io/storage-provisioner",
                                "volume.kubernetes.io/selected-node"));
                    }
                }
            }
            case "persistentvolumes" -> {
                ObjectNode spec = (ObjectNode) o.path("spec");
                mapStorageClass(spec);
                if (spec.path("claimRef") instanceof ObjectNode ref) {
                    ref.remove(List.of("uid", "resourceVersion"));
                    if (ref.has("namespace")) {
                        ref.put("namespace", map(ref.path("namespace").asText()));
                    }
                }
            }
            case "services" -> {
                if (o.path("spec") instanceof ObjectNode spec
                        && !spec.path("clusterIP").asText().equals("None")) {
                    spec.remove(List.of("clusterIP", "clusterIPs"));
                }
            }
            default -> {}
        }
    }

    private void mapStorageClass(ObjectNode spec) {
        String sc = spec.path("storageClassName").asText(null);
        if (sc != null && options.storageClassMapping().containsKey(sc)) {
            spec.put("storageClassName", options.storageClassMapping().get(sc));
        }
    }

    private String map(String namespace) {
        return namespace == null ? null : options.target(namespace);
    }

    private String mappedName(Entry e) {
        return e.type().qualified().equals("namespaces") ? map(e.name()) : e.name();
    }

    /** A namespace that objects go into but whose object is not in the backup is made bare. */
    private void ensureNamespace(String namespace, List<Entry> plan) {
        boolean planned = plan.stream()
                .anyMatch(e ->
                        e.type().qualified().equals("namespaces") && e.name().equals(namespace));
        if (planned || client.namespaces().withName(namespace).get() != null) {
            return;
        }
        if (options.preview()) {
            items.add(new Item(Action.CREATE, "namespaces", null, namespace, "needed by its objects"));
            return;
        }
        try {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(namespace)
                            .endMetadata()
                            .build())
                    .create();
            items.add(new Item(Action.CREATE, "namespaces", null, namespace, "needed by its objects"));
        } catch (KubernetesClientException ex) {
            items.add(new Item(Action.FAIL, "namespaces", null, namespace, message(ex)));
        }
    }

    private void apply(Entry e) {
        String type = e.type().qualified();
        try {
            Resource<GenericKubernetesResource> r = operation(e).withName(e.name());
            GenericKubernetesResource existing = r.get();
            Action action = existing == null
                    ? Action.CREATE
                    : options.existing() == RestoreOptions.ExistingPolicy.UPDATE ? Action.UPDATE : Action.SKIP;
            if (!options.preview()) {
                GenericKubernetesResource object = client.getKubernetesSerialization()
                        .unmarshal(JSON.writeValueAsString(e.object()), GenericKubernetesResource.class);
                if (action == Action.CREATE) {
                    operation(e).resource(object).create();
                } else if (action == Action.UPDATE) {
                    object.getMetadata()
                            .setResourceVersion(existing.getMetadata().getResourceVersion());
                    operation(e).resource(object).update();
                }
                if (action != Action.SKIP && type.equals("customresourcedefinitions.apiextensions.k8s.io")) {
                    awaitEstablished(e);
                }
            }
            items.add(new Item(
                    action, type, e.namespace(), e.name(), action == Action.SKIP ? "exists; policy is skip" : null));
        } catch (KubernetesClientException ex) {
            items.add(new Item(Action.FAIL, type, e.namespace(), e.name(), message(ex)));
        } catch (IOException ex) {
            items.add(new Item(Action.FAIL, type, e.namespace(), e.name(), ex.getMessage()));
        }
    }

    private NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> operation(
            Entry e) {
        var op = client.genericKubernetesResources(e.type().context());
        return e.namespace() == null ? op : op.inNamespace(e.namespace());
    }

    private void awaitEstablished(Entry e) {
        Instant deadline = Instant.now().plus(options.crdWait());
        while (Instant.now().isBefore(deadline)) {
            GenericKubernetesResource crd = operation(e).withName(e.name()).get();
            if (crd != null && established(crd)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        warnings.add("custom resource definition " + e.name() + " was not established within " + options.crdWait()
                + "; its custom resources may fail");
    }

    private static boolean established(GenericKubernetesResource crd) {
        JsonNode status = JSON.valueToTree(crd.getAdditionalProperties().get("status"));
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals("Established")
                    && c.path("status").asText().equals("True")) {
                return true;
            }
        }
        return false;
    }

    private static String message(KubernetesClientException e) {
        String m = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : e.getMessage();
        return e.getCode() + ": " + m;
    }

    private int count(Action a) {
        return (int) items.stream().filter(i -> i.action() == a).count();
    }

    /** Reads {@link ApiType} as {@code kubernetes.json} stores it (with an object count). */
    private record ApiTypeJson(
            String group, String version, String plural, String kind, boolean namespaced, Integer objects) {
        ApiType type() {
            return new ApiType(group, version, plural, kind, namespaced);
        }
    }
}
