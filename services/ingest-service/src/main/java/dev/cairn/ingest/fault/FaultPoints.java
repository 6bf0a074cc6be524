package dev.cairn.ingest.fault;

import dev.cairn.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Deterministic crash and interleaving points for the tests. Only when {@code cairn.ingest.fault-dir} is set (never
 * in production): if the file {@code halt-at} in that folder names the point being passed, the service writes
 * {@code halted} (with the point's name) and stops right there, forever, so that the test can kill it with SIGKILL at
 * exactly that place. If the file {@code hold-at} names it, the request or job passing it writes {@code held} and
 * waits there until the test deletes {@code hold-at}, so that a test can run something else in between (the garbage
 * collection race test). Costs a file check per point and nothing when unset.
 */
@ApplicationScoped
public class FaultPoints {
    private static final Logger LOG = Logger.getLogger(FaultPoints.class);

    /** Where the crash tests kill ingest. */
    public enum Point {
        /** Records consumed and grouped, no pack written yet. */
        BEFORE_PACK_UPLOAD,
        /** A pack's data written, its index not yet. */
        BETWEEN_PACK_AND_INDEX,
        /** Packs and indexes written, the catalog transaction not yet committed (orphans if killed here). */
        BEFORE_CATALOG_COMMIT,
        /** The catalog transaction committed, the consumer's memory not yet cleared. */
        AFTER_CATALOG_COMMIT,
        /** A manifest object written, its catalog rows not yet. */
        MANIFEST_BEFORE_COMMIT,
        /** A manifest committed, the agent not yet answered. */
        MANIFEST_AFTER_COMMIT,
        /** Garbage collection: a rewritten pack and its index written, the catalog not yet pointed at it. */
        GC_BEFORE_REPACK_COMMIT,
        /** Garbage collection: a rewritten pack committed, the old pack retired but its objects not yet deleted. */
        GC_AFTER_REPACK_COMMIT
    }

    private final Path dir;

    public FaultPoints(IngestConfig config) {
        this.dir = config.faultDir().map(Path::of).orElse(null);
    }

    /** Passes {@code point}, or parks here forever when a crash test asked for it. */
    public void pass(Point point) {
        if (dir == null) {
            return;
        }
        try {
            Path holdAt = dir.resolve("hold-at");
            if (Files.exists(holdAt)
                    && Files.readString(holdAt, StandardCharsets.UTF_8).trim().equals(point.name())) {
                LOG.warnf("fault point %s reached: held until hold-at is removed", point);
                Files.writeString(dir.resolve("held"), point.name(), StandardCharsets.UTF_8);
                while (Files.exists(holdAt)) {
                    Thread.sleep(20);
                }
            }
            Path haltAt = dir.resolve("halt-at");
            if (Files.exists(haltAt)
                    && Files.readString(haltAt, StandardCharsets.UTF_8).trim().equals(point.name())) {
                LOG.warnf("fault point %s reached: halting here until killed", point);
                Files.writeString(dir.resolve("halted"), point.name(), StandardCharsets.UTF_8);
                while (true) {
                    Thread.sleep(60_000);
                }
            }
        } catch (IOException e) {
            LOG.warnf("fault point %s: %s", point, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at fault point " + point);
        }
    }
}
