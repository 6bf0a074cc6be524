package dev.cairn.api.agent.command;

import dev.cairn.api.agent.Outcome;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * The final report of a RESTORE command (or of its preview).
 *
 * @param preview nothing was changed: the counts say what a restore would do
 * @param phase Completed, PartiallyFailed (some objects failed) or Failed (none could be applied)
 * @param items one per object, named as restored (after the mappings); at most 2,000 are kept
 * @param itemsTruncated how many items were left out of {@code items}
 * @param volumes the claims whose data was restored
 * @param removedNamespaces the namespaces the restore created and then deleted, as its spec asked ({@code removeAfter})
 */
public record RestoreReport(
        boolean preview,
        Outcome phase,
        int created,
        int updated,
        int skipped,
        int failed,
        @Size(max = 1000) List<String> warnings,
        @Size(max = 2000) List<Item> items,
        int itemsTruncated,
        @Size(max = 10_000) List<VolumeRestore> volumes,
        @Size(max = 1000) List<String> removedNamespaces) {

    public RestoreReport {
        removedNamespaces = removedNamespaces == null ? List.of() : List.copyOf(removedNamespaces);
    }

    /**
     * This report with the claims' data restores, and at most {@code maxItems} items (the rest counted in
     * {@code itemsTruncated}): what a RESTORE command reports.
     */
    public RestoreReport withVolumes(List<VolumeRestore> restored, int maxItems) {
        return new RestoreReport(
                preview,
                phase,
                created,
                updated,
                skipped,
                failed,
                warnings,
                items.subList(0, Math.min(items.size(), maxItems)),
                itemsTruncated + Math.max(0, items.size() - maxItems),
                restored,
                removedNamespaces);
    }

    /** This report with the namespaces the restore created and then deleted. */
    public RestoreReport withRemoved(List<String> removed) {
        return new RestoreReport(
                preview, phase, created, updated, skipped, failed, warnings, items, itemsTruncated, volumes, removed);
    }

    /** What was (or, in a preview, would be) done with one object. */
    public enum Action {
        /** The object does not exist and is created. */
        CREATE,
        /** The object exists and is replaced by the backed-up one (policy UPDATE). */
        UPDATE,
        /** The object is left alone: it exists (policy SKIP) or the cluster makes it again; the reason says. */
        SKIP,
        /** The API server refused the object; the reason quotes it. */
        FAIL
    }

    /** One object's outcome. */
    public record Item(Action action, String type, String namespace, String name, String reason) {}

    /**
     * One claim's data restore.
     *
     * @param state Completed, Failed, or Skipped (the claim existed or was left out: its data is left alone)
     */
    public record VolumeRestore(
            String namespace,
            String claim,
            UUID backupId,
            String state,
            String node,
            long files,
            long bytes,
            String message) {}
}
