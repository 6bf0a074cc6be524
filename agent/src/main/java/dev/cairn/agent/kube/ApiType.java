package dev.cairn.agent.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * A served resource type, as discovery names it and as a backup records it (so that a restore needs no discovery).
 *
 * @param group API group, empty for the core group
 * @param version the version the objects were read in (the group's preferred one)
 * @param plural the resource name in URLs
 * @param kind the object kind
 * @param namespaced whether objects live in namespaces
 */
public record ApiType(String group, String version, String plural, String kind, boolean namespaced) {

    /** {@code plural} for the core group, {@code plural.group} otherwise: the name selections and paths use. */
    public String qualified() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** {@code v1} or {@code group/version}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withPlural(plural)
                .withKind(kind)
                .withNamespaced(namespaced)
                .build();
    }
}
