package dev.cairn.cli.backup;

import dev.cairn.api.agent.command.BackupSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What a Kubernetes backup takes, in Velero's words: namespaces, resources, a label selector. */
public final class SelectionOptions {
    @Option(
            names = "--include-namespaces",
            split = ",",
            paramLabel = "GLOB",
            description = "Namespaces to back up, globs (default: all).")
    List<String> includeNamespaces = new ArrayList<>();

    @Option(names = "--exclude-namespaces", split = ",", paramLabel = "GLOB", description = "Namespaces left out.")
    List<String> excludeNamespaces = new ArrayList<>();

    @Option(
            names = {"-l", "--selector"},
            paramLabel = "SELECTOR",
            description = "Only namespaced objects with these labels (e.g. app=web,tier!=cache).")
    String selector;

    @Option(
            names = "--include-resources",
            split = ",",
            paramLabel = "TYPE",
            description = "Resource types, plural[.group] globs (default: all).")
    List<String> includeResources = new ArrayList<>();

    @Option(names = "--exclude-resources", split = ",", paramLabel = "TYPE", description = "Resource types left out.")
    List<String> excludeResources = new ArrayList<>();

    @Option(
            names = "--include-cluster-resources",
            arity = "1",
            paramLabel = "true|false",
            description = "Cluster-scoped objects: all or none (default: all when every namespace is taken, else"
                    + " those the selection needs).")
    Boolean includeClusterResources;

    /** True when no selection option was given. */
    boolean isEmpty() {
        return includeNamespaces.isEmpty()
                && excludeNamespaces.isEmpty()
                && selector == null
                && includeResources.isEmpty()
                && excludeResources.isEmpty()
                && includeClusterResources == null;
    }

    /** The spec of a backup of this selection. */
    public BackupSpec spec(boolean volumes) {
        return new BackupSpec(
                includeNamespaces,
                excludeNamespaces,
                selector,
                includeResources,
                excludeResources,
                includeClusterResources,
                volumes);
    }
}
