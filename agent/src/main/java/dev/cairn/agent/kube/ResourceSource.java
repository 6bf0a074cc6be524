package dev.cairn.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.agent.backup.FileCache;
import dev.cairn.agent.fs.DataRegions;
import dev.cairn.agent.source.Content;
import dev.cairn.agent.source.Source;
import dev.cairn.agent.source.SourceEntry;
import dev.cairn.data.tree.TreeEntry;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The cluster's API objects as a source: every served type (custom ones included) of the selection, without the
 * fields the server fills in, one JSON file per object.
 *
 * <pre>
 * kubernetes.json                                       what was taken: server version, selection, types, counts
 * resources/&lt;plural[.group]&gt;/namespaces/&lt;ns&gt;/&lt;name&gt;.json  a namespaced object
 * resources/&lt;plural[.group]&gt;/cluster/&lt;name&gt;.json           a cluster-scoped object
 * </pre>
 *
 * When not every namespace is taken, the cluster-scoped objects the selection depends on come along: the definitions
 * of its custom resources, the volumes bound to its claims and their storage classes, and the cluster roles and
 * bindings that name its service accounts. A type the agent may not list is a warning. A file's size and a content
 * hash stand in for the inode and change time that the file cache compares, so an unchanged object is not chunked
 * again and a changed one always is.
 */
public final class ResourceSource implements Source {
    /** The folder of objects in a backup's tree. */
    public static final String RESOURCES = "resources";
    /** The description of what a backup took. */
    public static final String INDEX = "kubernetes.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final long PAGE = 500;

    private final KubernetesClient client;
    private final Selection selection;
    private final String cluster;
    private final Map<String, byte[]> extra = new LinkedHashMap<>();

    /**
     * @param cluster the cluster's name in the backup's description (its id, for the in-cluster agent)
     */
    public ResourceSource(KubernetesClient client, Selection selection, String cluster) {
        this.client = client;
        this.selection = selection;
        this.cluster = cluster;
    }

    /** Adds a file at the top of the tree (the pod volume backups' index, {@code volumes.json}). */
    public ResourceSource withFile(String path, byte[] data) {
        extra.put(path, data);
        return this;
    }

    @Override
    public String description() {
        return "kubernetes:" + cluster + " " + selectionText();
    }

    private String selectionText() {
        try {
            return JSON.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(selection);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void walk(Visitor visitor) throws IOException {
        byte[] root = RESOURCES.getBytes(StandardCharsets.UTF_8);
        List<ApiType> types = Discovery.discover(client, m -> visitor.warning(root, m));
        Map<String, ApiType> byName = new LinkedHashMap<>();
        types.forEach(t -> byName.put(t.qualified(), t));
        Map<String, ObjectNode> taken = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();

        Set<String> namespaces = new LinkedHashSet<>();
        ApiType namespaceType = byName.get("namespaces");
        if (namespaceType != null) {
            for (ObjectNode ns : list(namespaceType, null, visitor)) {
                String name = ns.path("metadata").path("name").asText();
                if (selection.namespace(name)) {
                    namespaces.add(name);
                    if (selection.resource("namespaces")) {
                        take(taken, counts, namespaceType, ns);
                    }
                }
            }
        }
        boolean allCluster = selection.includeClusterResources() == null
                ? selection.allNamespaces()
                : selection.includeClusterResources();
        for (ApiType type : types) {
            if (type == namespaceType || !selection.resource(type.qualified())) {
                continue;
            }
            if (type.namespaced()) {
                for (ObjectNode o : list(type, selection.labelSelector(), visitor)) {
                    if (namespaces.contains(o.path("metadata").path("namespace").asText())) {
                        take(taken, counts, type, o);
                    }
                }
            } else if (allCluster) {
                for (ObjectNode o : list(type, selection.labelSelector(), visitor)) {
                    take(taken, counts, type, o);
                }
            }
        }
        if (selection.includeClusterResources() == null && !allCluster) {
            dependencies(byName, taken, counts, visitor);
        }

        TreeMap<byte[], byte[]> files = new TreeMap<>(FileCache::compareWalkOrder);
        for (Map.Entry<String, ObjectNode> e : taken.entrySet()) {
            files.put(bytes(e.getKey()), JSON.writeValueAsBytes(e.getValue()));
        }
        files.put(bytes(INDEX), JSON.writeValueAsBytes(index(types, counts)));
        extra.forEach((path, data) -> files.put(bytes(path), data));
        emit(files, visitor);
    }

    private ObjectNode index(List<ApiType> types, Map<String, Integer> counts) {
        ObjectNode index = JSON.createObjectNode();
        index.put("format", 1);
        try {
            VersionInfo v = client.getKubernetesVersion();
            index.put("kubernetesVersion", v == null ? null : v.getGitVersion());
        } catch (KubernetesClientException e) {
            index.putNull("kubernetesVersion");
        }
        index.set("selection", JSON.valueToTree(selection));
        ArrayNode list = index.putArray("types");
        for (ApiType t : types) {
            if (counts.containsKey(t.qualified())) {
                ObjectNode n = JSON.valueToTree(t);
                n.put("objects", counts.get(t.qualified()));
                list.add(n);
            }
        }
        return index;
    }

    /** Adds the cluster-scoped objects that the taken namespaced ones need. */
    private void dependencies(
            Map<String, ApiType> types, Map<String, ObjectNode> taken, Map<String, Integer> counts, Visitor visitor) {
        List<ObjectNode> objects = new ArrayList<>(taken.values());
        ApiType crdType = types.get("customresourcedefinitions.apiextensions.k8s.io");
        if (crdType != null) {
            Set<String> used = new LinkedHashSet<>(counts.keySet());
            for (ObjectNode crd : list(crdType, null, visitor)) {
                if (used.contains(crd.path("metadata").path("name").asText())) {
                    take(taken, counts, crdType, crd);
                }
            }
        }
        Set<String> volumes = new LinkedHashSet<>();
        Set<String> classes = new LinkedHashSet<>();
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals("PersistentVolumeClaim")) {
                addText(volumes, o.path("spec").path("volumeName"));
                addText(classes, o.path("spec").path("storageClassName"));
            }
        }
        List<ObjectNode> pvs = fetch(types.get("persistentvolumes"), volumes, taken, counts, visitor);
        pvs.forEach(pv -> addText(classes, pv.path("spec").path("storageClassName")));
        fetch(types.get("storageclasses.storage.k8s.io"), classes, taken, counts, visitor);

        Set<String> accounts = new LinkedHashSet<>();
        Set<String> clusterRoles = new LinkedHashSet<>();
        for (ObjectNode o : objects) {
            String kind = o.path("kind").asText();
            if (kind.equals("ServiceAccount")) {
                accounts.add(o.path("metadata").path("namespace").asText() + "/"
                        + o.path("metadata").path("name").asText());
            } else if (kind.equals("RoleBinding")
                    && o.path("roleRef").path("kind").asText().equals("ClusterRole")) {
                addText(clusterRoles, o.path("roleRef").path("name"));
            }
        }
        ApiType bindings = types.get("clusterrolebindings.rbac.authorization.k8s.io");
        if (bindings != null && !accounts.isEmpty()) {
            Predicate<JsonNode> namesAccount = s -> s.path("kind").asText().equals("ServiceAccount")
                    && accounts.contains(
                            s.path("namespace").asText() + "/" + s.path("name").asText());
            for (ObjectNode b : list(bindings, null, visitor)) {
                boolean match = false;
                for (JsonNode s : b.path("subjects")) {
                    match |= namesAccount.test(s);
                }
                if (match) {
                    take(taken, counts, bindings, b);
                    addText(clusterRoles, b.path("roleRef").path("name"));
                }
            }
        }
        fetch(types.get("clusterroles.rbac.authorization.k8s.io"), clusterRoles, taken, counts, visitor);
    }

    private List<ObjectNode> fetch(
            ApiType type, Set<String> names, Map<String, ObjectNode> taken, Map<String, Integer> counts, Visitor v) {
        List<ObjectNode> found = new ArrayList<>();
        if (type == null || names.isEmpty() || !selection.resource(type.qualified())) {
            return found;
        }
        for (String name : names) {
            try {
                GenericKubernetesResource r = client.genericKubernetesResources(type.context())
                        .withName(name)
                        .get();
                if (r != null) {
                    ObjectNode o = object(r);
                    take(taken, counts, type, o);
                    found.add(o);
                }
            } catch (KubernetesClientException e) {
                v.warning(
                        bytes(RESOURCES + "/" + type.qualified()),
                        "cannot read " + type.qualified() + " " + name + " (" + e.getCode() + "): "
                                + e.getStatus().getMessage());
            }
        }
        return found;
    }

    private static void addText(Set<String> into, JsonNode value) {
        if (value.isTextual() && !value.asText().isEmpty()) {
            into.add(value.asText());
        }
    }

    private List<ObjectNode> list(ApiType type, String labelSelector, Visitor visitor) {
        List<ObjectNode> objects = new ArrayList<>();
        String next = null;
        try {
            do {
                ListOptions options = new ListOptionsBuilder()
                        .withLimit(PAGE)
                        .withContinue(next)
                        .withLabelSelector(type.namespaced() ? labelSelector : null)
                        .build();
                var op = client.genericKubernetesResources(type.context());
                GenericKubernetesResourceList page =
                        type.namespaced() ? op.inAnyNamespace().list(options) : op.list(options);
                for (GenericKubernetesResource r : page.getItems()) {
                    objects.add(object(r));
                }
                next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            } while (next != null && !next.isEmpty());
        } catch (KubernetesClientException e) {
            String what = "cannot list " + type.qualified() + " (" + e.getCode() + ")";
            byte[] path = bytes(RESOURCES + "/" + type.qualified());
            if (e.getCode() == 403 || e.getCode() == 404 || e.getCode() == 405) {
                visitor.warning(path, what + ": its objects are not in this backup");
            } else {
                visitor.error(path, what + ": " + e.getMessage());
            }
        }
        return objects;
    }

    private ObjectNode object(GenericKubernetesResource r) {
        try {
            ObjectNode o = (ObjectNode)
                    JSON.readTree(client.getKubernetesSerialization().asJson(r));
            return ServerFields.strip(o);
        } catch (IOException e) {
            throw new KubernetesClientException("unreadable object: " + e.getMessage(), e);
        }
    }

    private static void take(Map<String, ObjectNode> taken, Map<String, Integer> counts, ApiType type, ObjectNode o) {
        JsonNode meta = o.path("metadata");
        String path = RESOURCES + "/" + type.qualified() + "/"
                + (type.namespaced() ? "namespaces/" + meta.path("namespace").asText() : "cluster") + "/"
                + meta.path("name").asText() + ".json";
        if (taken.put(path, o) == null) {
            counts.merge(type.qualified(), 1, Integer::sum);
        }
    }

    /** Emits the folders and files in walk order. */
    private static void emit(TreeMap<byte[], byte[]> files, Visitor visitor) throws IOException {
        TreeMap<byte[], byte[]> all = new TreeMap<>(FileCache::compareWalkOrder);
        for (Map.Entry<byte[], byte[]> f : files.entrySet()) {
            String p = new String(f.getKey(), StandardCharsets.UTF_8);
            for (int i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
                all.putIfAbsent(bytes(p.substring(0, i)), null);
            }
            all.put(f.getKey(), f.getValue());
        }
        long now = System.currentTimeMillis() / 1000;
        for (Map.Entry<byte[], byte[]> e : all.entrySet()) {
            byte[] data = e.getValue();
            if (data == null) {
                visitor.entry(new SourceEntry(
                        TreeEntry.Type.DIRECTORY, e.getKey(), 0755, 0, 0, now, 0, 0, 0, 0, new byte[0], null));
            } else {
                ByteBuffer hash = ByteBuffer.wrap(sha256(data));
                visitor.entry(new SourceEntry(
                        TreeEntry.Type.FILE,
                        e.getKey(),
                        0644,
                        0,
                        0,
                        0,
                        0,
                        data.length,
                        hash.getLong(),
                        hash.getLong(),
                        new byte[0],
                        new Bytes(data)));
            }
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** An object's JSON, held in memory. */
    private record Bytes(byte[] data) implements Content {
        @Override
        public List<DataRegions.Region> regions() {
            return data.length == 0 ? List.of() : List.of(new DataRegions.Region(0, data.length));
        }

        @Override
        public InputStream open(DataRegions.Region region) {
            return new ByteArrayInputStream(data, (int) region.start(), (int) region.length());
        }

        @Override
        public boolean changedSinceWalk() {
            return false;
        }
    }
}
