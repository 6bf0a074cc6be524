package dev.cairn.agent.kube;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds every served resource type, custom ones included, in each group's preferred version. A group that does not
 * answer (an aggregated API whose server is down) is a warning, not a failure.
 */
final class Discovery {
    /**
     * Types never backed up: events and leases are noise, nodes and their CSI records belong to the cluster, volume
     * attachments and metrics are state the cluster derives again.
     */
    static final Set<String> NEVER = Set.of(
            "events",
            "events.events.k8s.io",
            "nodes",
            "csinodes.storage.k8s.io",
            "volumeattachments.storage.k8s.io",
            "leases.coordination.k8s.io",
            "componentstatuses");

    private static final Set<String> NEVER_GROUPS = Set.of("metrics.k8s.io");

    private Discovery() {}

    static List<ApiType> discover(KubernetesClient client, Consumer<String> warning) {
        List<ApiType> types = new ArrayList<>();
        add(types, "", "v1", client.getApiResources("v1"));
        for (APIGroup g : client.getApiGroups().getGroups()) {
            if (NEVER_GROUPS.contains(g.getName()) || g.getPreferredVersion() == null) {
                continue;
            }
            String gv = g.getPreferredVersion().getGroupVersion();
            try {
                add(types, g.getName(), g.getPreferredVersion().getVersion(), client.getApiResources(gv));
            } catch (KubernetesClientException e) {
                warning.accept("API group " + gv + " did not answer discovery (" + e.getCode() + "): its objects"
                        + " are not in this backup");
            }
        }
        return types;
    }

    private static void add(List<ApiType> types, String group, String version, APIResourceList list) {
        if (list == null || list.getResources() == null) {
            return;
        }
        for (APIResource r : list.getResources()) {
            List<String> verbs = r.getVerbs() == null ? List.of() : r.getVerbs();
            if (r.getName().contains("/") || !verbs.contains("list") || !verbs.contains("create")) {
                continue; // subresources, and types that cannot be listed or created again
            }
            ApiType type =
                    new ApiType(group, version, r.getName(), r.getKind(), Boolean.TRUE.equals(r.getNamespaced()));
            if (!NEVER.contains(type.qualified())) {
                types.add(type);
            }
        }
    }
}
