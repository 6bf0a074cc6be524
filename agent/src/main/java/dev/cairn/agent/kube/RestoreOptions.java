package dev.cairn.agent.kube;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a resource restore maps and applies objects.
 *
 * @param includeNamespaces namespaces (as backed up) to restore, globs; {@code ["*"]} means all
 * @param namespaceMapping backed-up namespace to the namespace it is restored into
 * @param storageClassMapping backed-up storage class to the one claims and volumes use instead
 * @param existing what to do with an object that already exists
 * @param preview only say what would be done; change nothing
 * @param crdWait how long to wait for a restored custom resource definition to be established
 * @param namespacePrefix a namespace not in {@code namespaceMapping} is restored as this prefix and its name; null:
 *     as its name
 * @param includeClusterResources cluster-scoped objects other than namespaces: true all, false none; null all when
 *     the restore takes {@linkplain #asBackedUp() every namespace as it was}, else only those the restored objects
 *     need and that grant nothing (custom resource definitions, bound volumes, their storage classes)
 */
public record RestoreOptions(
        List<String> includeNamespaces,
        Map<String, String> namespaceMapping,
        Map<String, String> storageClassMapping,
        ExistingPolicy existing,
        boolean preview,
        Duration crdWait,
        String namespacePrefix,
        Boolean includeClusterResources) {

    public RestoreOptions {
        includeNamespaces = includeNamespaces == null || includeNamespaces.isEmpty()
                ? List.of("*")
                : List.copyOf(includeNamespaces);
        namespaceMapping = namespaceMapping == null ? Map.of() : Map.copyOf(namespaceMapping);
        storageClassMapping = storageClassMapping == null ? Map.of() : Map.copyOf(storageClassMapping);
        existing = existing == null ? ExistingPolicy.SKIP : existing;
        crdWait = crdWait == null ? Duration.ofMinutes(1) : crdWait;
    }

    /** Options without a namespace prefix. */
    public RestoreOptions(
            List<String> includeNamespaces,
            Map<String, String> namespaceMapping,
            Map<String, String> storageClassMapping,
            ExistingPolicy existing,
            boolean preview,
            Duration crdWait) {
        this(includeNamespaces, namespaceMapping, storageClassMapping, existing, preview, crdWait, null, null);
    }

    /** Whether every namespace is restored as it was backed up: no filter, no mapping, no prefix. */
    public boolean asBackedUp() {
        return includeNamespaces.equals(List.of("*")) && namespaceMapping.isEmpty() && namespacePrefix == null;
    }

    /** The namespace a backed-up namespace is restored into: its mapping, else the prefix and its name. */
    public String target(String namespace) {
        String mapped = namespaceMapping.get(namespace);
        if (mapped != null) {
            return mapped;
        }
        return namespacePrefix == null ? namespace : namespacePrefix + namespace;
    }

    /** What to do with an object that already exists in the cluster. */
    public enum ExistingPolicy {
        /** Leave it as it is and report it skipped (the default: a restore never overwrites by surprise). */
        SKIP,
        /** Replace its spec and metadata with the backed-up ones (keeping what the server assigned). */
        UPDATE
    }
}
