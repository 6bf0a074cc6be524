package dev.cairn.cli.restore;

import dev.cairn.api.agent.command.RestoreSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How the objects of a backup are restored into a cluster: which namespaces, mappings, existing objects, preview. */
public final class RestoreOptions {
    /** What happens to an object that exists in the target. */
    enum Existing {
        /** Left as it is (the default). */
        skip,
        /** Updated to the backed-up version. */
        update
    }

    @Option(
            names = "--include-namespaces",
            split = ",",
            paramLabel = "GLOB",
            description = "Namespaces of the backup to restore, globs (default: all).")
    List<String> includeNamespaces = new ArrayList<>();

    @Option(
            names = "--namespace-mapping",
            split = ",",
            paramLabel = "FROM:TO",
            description = "Restore namespace FROM as TO (repeatable, or comma-separated).")
    List<String> namespaceMapping = new ArrayList<>();

    @Option(
            names = "--storage-class-mapping",
            split = ",",
            paramLabel = "FROM:TO",
            description = "Give claims of storage class FROM the class TO.")
    List<String> storageClassMapping = new ArrayList<>();

    @Option(
            names = "--existing-resource-policy",
            paramLabel = "POLICY",
            description = "An object that exists: ${COMPLETION-CANDIDATES} (default: skip).")
    Existing existing;

    @Option(names = "--preview", description = "Only report what would be created, updated or skipped.")
    boolean preview;

    @Option(
            names = "--include-cluster-resources",
            arity = "1",
            paramLabel = "true|false",
            description = "Cluster-scoped objects: all or none (default: all when every namespace is restored as it"
                    + " was, else only the definitions, volumes and storage classes the restored objects need;"
                    + " never cluster RBAC unless true).")
    Boolean includeClusterResources;

    /** Whether only a preview was asked for. */
    public boolean preview() {
        return preview;
    }

    /** True when no restore option was given. */
    boolean isEmpty() {
        return includeNamespaces.isEmpty()
                && namespaceMapping.isEmpty()
                && storageClassMapping.isEmpty()
                && existing == null
                && !preview
                && includeClusterResources == null;
    }

    /** The spec of a restore of {@code backup}; {@code volumes} false leaves volume data out. */
    public RestoreSpec spec(UUID backup, boolean volumes, CommandLine commandLine) {
        return new RestoreSpec(
                backup,
                includeNamespaces,
                Mappings.parse("--namespace-mapping", namespaceMapping, commandLine),
                Mappings.parse("--storage-class-mapping", storageClassMapping, commandLine),
                existing == null ? null : existing.name().toUpperCase(Locale.ROOT),
                preview,
                volumes,
                null,
                null,
                includeClusterResources);
    }
}
