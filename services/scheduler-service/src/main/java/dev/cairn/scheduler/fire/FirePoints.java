package dev.cairn.scheduler.fire;

import dev.cairn.platform.fault.FaultDir;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The scheduler's fault points ({@link FaultDir}), only when {@code cairn.scheduler.fault-dir} is set (never in
 * production): where the failover test kills the instance that took a trigger.
 */
@ApplicationScoped
public class FirePoints {
    /** Where a fire can be cut short. */
    public enum Point {
        /** The run's BACKUP command queued at the tenant service, the run not yet linked to it. */
        AFTER_QUEUE
    }

    private final FaultDir dir;

    public FirePoints(FireConfig config) {
        this.dir = new FaultDir(config.faultDir());
    }

    /** Passes {@code point}, or halts there when a test asked for it. */
    public void pass(Point point) {
        dir.pass(point.name());
    }
}
