package dev.cairn.api.agent.command;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a restore does.
 *
 * @param backupId the backup to restore (one of the tenant's)
 * @param includeNamespaces namespaces of the backup to restore, globs; empty means all
 * @param namespaceMapping backed-up namespace to target namespace
 * @param storageClassMapping backed-up storage class to target storage class
 * @param existingResourcePolicy SKIP (default) or UPDATE an object that exists
 * @param preview only report what would be done
 * @param volumes restore the data of the claims it creates from their volume backups (absent: true)
 * @param namespacePrefix restore every namespace not in {@code namespaceMapping} as this prefix followed by its name
 *     (a drill's scratch namespaces); absent: its own name
 * @param removeAfter once restored (and its volumes' data written), delete the namespaces this restore created, and
 *     only those (a drill's clean-up); absent: false
 * @param includeClusterResources cluster-scoped objects of the backup (other than its namespaces): true all, false
 *     none; absent: all when the restore takes every namespace as it was backed up (no filter, mapping or prefix),
 *     otherwise only those the restored objects need and that grant nothing (the definitions of their custom
 *     resources, the volumes their claims are bound to, the storage classes those name), never RBAC by surprise
 */
public record RestoreSpec(
        @NotNull UUID backupId,
        @Size(max = 100) List<@NotNull @Pattern(regexp = Selectors.NAMESPACE_GLOB) String> includeNamespaces,

        @Size(max = 100)
        Map<@Pattern(regexp = Selectors.NAMESPACE) String, @NotNull @Pattern(regexp = Selectors.NAMESPACE) String>
                namespaceMapping,

        @Size(max = 100)
        Map<@Pattern(regexp = Selectors.SUBDOMAIN) String, @NotNull @Pattern(regexp = Selectors.SUBDOMAIN) String>
                storageClassMapping,

        @Pattern(regexp = "SKIP|UPDATE") String existingResourcePolicy,
        boolean preview,
        Boolean volumes,
        @Pattern(regexp = "[a-z0-9][-a-z0-9]{0,19}") String namespacePrefix,
        Boolean removeAfter,
        Boolean includeClusterResources) {

    public RestoreSpec {
        includeNamespaces = includeNamespaces == null ? List.of() : includeNamespaces;
        namespaceMapping = namespaceMapping == null ? Map.of() : namespaceMapping;
        storageClassMapping = storageClassMapping == null ? Map.of() : storageClassMapping;
    }

    /** A restore of this kind without a prefix or removal (a plain restore). */
    public RestoreSpec(
            UUID backupId,
            List<String> includeNamespaces,
            Map<String, String> namespaceMapping,
            Map<String, String> storageClassMapping,
            String existingResourcePolicy,
            boolean preview,
            Boolean volumes) {
        this(
                backupId,
                includeNamespaces,
                namespaceMapping,
                storageClassMapping,
                existingResourcePolicy,
                preview,
                volumes,
                null,
                null,
                null);
    }

    /** Whether the namespaces this restore creates are deleted once it is done. */
    public boolean removesAfter() {
        return removeAfter != null && removeAfter;
    }

    /**
     * Whether this is a drill's restore (under a namespace prefix, or removing what it created): only an agent that
     * reported {@link dev.cairn.api.agent.AgentCapabilities#RESTORE_DRILL} is sent one.
     */
    public boolean needsDrillCapability() {
        return namespacePrefix != null || removesAfter();
    }

    /** Whether volume data is restored (the default). */
    public boolean restoresVolumes() {
        return volumes == null || volumes;
    }
}
