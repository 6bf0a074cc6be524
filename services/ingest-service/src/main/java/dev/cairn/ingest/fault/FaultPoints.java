package dev.cairn.ingest.fault;

import dev.cairn.ingest.IngestConfig;
import dev.cairn.platform.fault.FaultDir;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ingest's fault points ({@link FaultDir}: halt or hold at a named point), only when {@code cairn.ingest.fault-dir}
 * is set (never in production).
 */
@ApplicationScoped
public class FaultPoints {
    /** Where the crash tests kill ingest. */
    public enum Point {
        /**
         * Packs that agents uploaded themselves (ADR 0025) announced and checked, their index objects not written yet
         * (nothing of this flush written: their objects stay under open upload slots and are committed after restart).
         */
        BEFORE_UPLOADED_INDEX,
        /** Records consumed and grouped, no pack written yet. */
        BEFORE_PACK_UPLOAD,
        /** A pack's data written, its index not yet. */
        BETWEEN_PACK_AND_INDEX,
        /**
         * Packs of ingest's own and indexes written, the catalog transaction not yet committed (orphans if killed here;
         * passed only by a flush that wrote packs of its own).
         */
        BEFORE_CATALOG_COMMIT,
        /** The catalog transaction committed, the consumer's memory not yet cleared. */
        AFTER_CATALOG_COMMIT,
        /** A manifest object written, its catalog rows not yet. */
        MANIFEST_BEFORE_COMMIT,
        /**
         * A manifest's rows written and its backup's completion checked, in a transaction not yet committed (holding
         * here lets a pack commit of the same tenant run in between: the race of {@code BackupCatalog#lockCompletion}).
         */
        MANIFEST_CHECKED,
        /** A manifest committed, the agent not yet answered. */
        MANIFEST_AFTER_COMMIT,
        /** Garbage collection: a rewritten pack and its index written, the catalog not yet pointed at it. */
        GC_BEFORE_REPACK_COMMIT,
        /** Garbage collection: a rewritten pack committed, the old pack retired but its objects not yet deleted. */
        GC_AFTER_REPACK_COMMIT
    }

    private final FaultDir dir;

    public FaultPoints(IngestConfig config) {
        this.dir = new FaultDir(config.faultDir());
    }

    /** Passes {@code point}, holds there, or parks there forever when a test asked for it. */
    public void pass(Point point) {
        dir.pass(point.name());
    }
}
