package dev.cairn.tenant.fault;

import dev.cairn.platform.fault.FaultDir;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The tenant service's fault points ({@link FaultDir}), only when {@code cairn.faults.dir} is set (the tests): a race
 * test holds a request at one of them while it runs the other side of the race.
 */
@ApplicationScoped
public class FaultPoints {
    /** An agent's heartbeat, its cluster read as connected, before it writes. */
    public static final String HEARTBEAT_BEFORE_WRITE = "HEARTBEAT_BEFORE_WRITE";

    /** An agent's status report on a command, the command read, before its transaction commits. */
    public static final String REPORT_BEFORE_COMMIT = "REPORT_BEFORE_COMMIT";

    /** The purge of a tenant whose grace period is over, before it marks the tenant {@code Purging}. */
    public static final String PURGE_BEFORE_MARK = "PURGE_BEFORE_MARK";

    /** The purge of a tenant, marked {@code Purging}, before its first irreversible step. */
    public static final String PURGE_MARKED = "PURGE_MARKED";

    /** Where the tests name the points. */
    @ConfigMapping(prefix = "cairn.faults")
    public interface Config {
        /** Tests only: the folder of the fault points ({@code FaultDir}); unset in production. */
        Optional<String> dir();
    }

    private final FaultDir dir;

    public FaultPoints(Config config) {
        this.dir = new FaultDir(config.dir());
    }

    /** Passes {@code point}, or holds there as a test asked. */
    public void pass(String point) {
        dir.pass(point);
    }
}
