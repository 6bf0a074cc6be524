package dev.cairn.recovery.fault;

import dev.cairn.platform.fault.FaultDir;
import dev.cairn.recovery.RecoveryConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The recovery service's fault points ({@link FaultDir}: halt or hold at a named point), only when
 * {@code cairn.recovery.fault-dir} is set (never in production).
 */
@ApplicationScoped
public class FaultPoints {
    /** Where the crash tests kill the recovery service: one point in each state before the end. */
    public enum Point {
        /** A Planned recovery's step begun, nothing done. */
        RECOVERY_PLANNED,
        /** Staging: the regions checked and the chosen one pinned, the transition to Restoring not yet recorded. */
        RECOVERY_STAGED,
        /** Restoring: the RESTORE command queued, its id not yet recorded. */
        RECOVERY_COMMAND_SENT,
        /** Verifying: the sample re-read, the final transition not yet recorded. */
        RECOVERY_VERIFIED
    }

    private final FaultDir dir;

    public FaultPoints(RecoveryConfig config) {
        this.dir = new FaultDir(config.faultDir());
    }

    /** Passes {@code point}, holds there, or parks there forever when a test asked for it. */
    public void pass(Point point) {
        dir.pass(point.name());
    }
}
